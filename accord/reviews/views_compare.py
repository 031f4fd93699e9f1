"""Two versions of a deliverable compared: side by side with synchronised zoom and scroll, an
overlay or a difference blend of pictures, a word diff of copy."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.core.http import int_param
from accord.intake.views.common import me
from accord.reviews import access, comparison


@login_required
@require_GET
def compare_page(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """Versions `a` and `b` (by default the latest and the one before it), at `page`, in
    `mode`: side, overlay or difference. Contacts compare only versions sent to them."""
    user = me(request)
    deliverable = access.deliverable_for(user, deliverable_id)
    compared = comparison.build(
        user,
        deliverable,
        a_id=int_param(request.GET.get("a")),
        b_id=int_param(request.GET.get("b")),
        page=int_param(request.GET.get("page")),
        mode=request.GET.get("mode", "side"),
    )
    context = {"compared": compared, "deliverable": deliverable, "job": deliverable.job}
    return render(request, "reviews/compare.html", context)
