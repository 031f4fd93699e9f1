"""Conflicting feedback at the top of a deliverable's review page, for whoever settles it
(the client's account manager, admins): both sides quoted, and a form to settle each, before
the client's comments become to-dos for the team."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accord.core.http import int_param
from accord.core.links import url_pattern
from accord.insights import access_conflicts as access
from accord.insights import queries_conflicts as queries
from accord.insights.forms_conflicts import SettleForm

SHOWN = 5


def settle_forms(conflicts: list[Any], *, back: str = "") -> list[dict[str, Any]]:
    """Each conflict with its sides and a settle form (ids of its own: several share a page)."""
    detail = url_pattern("insights:conflict", "conflict_id")
    settle = url_pattern("insights:conflict_settle", "conflict_id")
    return [
        {
            "conflict": c,
            "sides": queries.sides(c),
            "url": detail.format(c.pk),
            "settle_url": settle.format(c.pk),
            "form": SettleForm(
                initial={"revision": c.revision, "back": back}, auto_id=f"id_conflict{c.pk}_%s"
            ),
        }
        for c in conflicts
    ]


def on_deliverable(request: HttpRequest, deliverable: Any) -> dict[str, Any] | None:
    user = request.user
    if not access.may_read(user) or not access.manages(user, deliverable.job.client):
        return None
    # Those on the version shown (`?version=`, else the latest): an older version's stay in
    # the client's list of conflicts.
    shown = int_param(request.GET.get("version"))
    found = list(queries.open_on(deliverable, shown).select_related(*queries.SIDES)[: SHOWN + 1])
    if not found:
        return None
    count = (
        "One conflict"
        if len(found) == 1
        else f"{min(len(found), SHOWN)}{'+' if len(found) > SHOWN else ''} conflicts"
    )
    return {
        "template": "insights/conflicts/_panel.html",
        "place": "top",
        "conflicts": settle_forms(found[:SHOWN], back="deliverable"),
        "more": len(found) > SHOWN,
        "list_url": reverse("insights:conflicts", args=[deliverable.job.client_id])
        + "?status=open",
        "todo_warning": f"{count} in the client's feedback not settled yet: settle "
        f"{'it' if len(found) == 1 else 'them'} with the client before writing to-dos.",
        "todo_warning_url": "#conflicts",
        "todo_warning_link": "it" if len(found) == 1 else "them",
    }
