"""The sign-off loop through the API alone: changes requested, a second proposal, sign-off,
a job, a change of plan with a reason, the job's flag, and its acknowledgement."""

from typing import Any

from accord.core.models import Event
from tests.api.conftest import Caller
from tests.intake.view_helpers import submitted_brief

NOTE = "Please make it feel warmer."
REASON = "Manchester drops out; the launch is Leeds only."


def test_the_whole_loop_through_the_api(as_persona: Any, world: Any) -> None:
    brief = submitted_brief(world)
    alice: Caller = as_persona("alice")
    carol: Caller = as_persona("carol")
    path = f"/briefs/{brief.pk}"

    assert alice.post(f"{path}/propose").json()["status"] == "proposed"
    sent_back = carol.post(f"{path}/request-changes", {"version_number": 1, "note": NOTE})
    assert sent_back.status_code == 200
    assert (sent_back.json()["status"], sent_back.json()["waiting_on"]) == ("submitted", "agency")

    edited = alice.patch(path, {"answers": {"tone": "Warm, neighbourly"}, "base_version": 1})
    assert edited.json()["current_version"]["number"] == 2
    alice.post(f"{path}/propose")
    stale = carol.post(f"{path}/sign-off", {"version_number": 1})
    assert stale.status_code == 409
    assert carol.post(f"{path}/sign-off", {"version_number": 2}).json()["status"] == "signed_off"

    job = alice.post(f"{path}/convert").json()
    assert (job["started_version"], job["brief_changed_at"]) == (2, None)

    change = {"answers": {"channels": "Instagram only"}, "base_version": 2}
    assert carol.patch(path, change).status_code == 422  # no reason: no change
    changed = carol.patch(path, {**change, "reason": REASON})
    assert changed.status_code == 200
    assert changed.json()["status"] == "converted"

    flagged = alice.get(f"/jobs/{job['id']}").json()
    assert flagged["brief_changed_at"] is not None
    assert (flagged["started_version"], flagged["brief_version"]) == (2, 3)
    seen_by_carol = carol.get(f"/jobs/{job['id']}").json()  # the agency's flag, not the client's
    assert seen_by_carol["title"] == flagged["title"]
    assert [seen_by_carol[k] for k in ("brief_changed_at", "started_version", "brief_version")] == [
        None,
        None,
        None,
    ]
    compared = alice.get(f"{path}/compare", a=2, b=3)
    assert compared.status_code == 200
    assert "Instagram only" in str(compared.json())

    assert carol.post(f"/jobs/{job['id']}/acknowledge-brief-change").status_code == 403
    done = alice.post(f"/jobs/{job['id']}/acknowledge-brief-change")
    assert done.json()["brief_changed_at"] is None
    verbs = list(Event.objects.order_by("id").values_list("verb", flat=True))
    assert verbs.index("brief.changes_requested") < verbs.index("brief.signed_off")
    assert verbs[-2:] == ["brief.replanned", "job.brief_change_acknowledged"]
