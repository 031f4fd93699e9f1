"""Adding files to a request after it was sent (the client forgot one, the AM got more)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accord.core.pages import show_errors_in_form
from accord.intake import access, services
from accord.intake.forms import AttachForm
from accord.intake.views.common import me


@login_required
@require_http_methods(["GET", "POST"])
def request_attach(request: HttpRequest, request_id: int) -> HttpResponse:
    user = me(request)
    item = access.request_for(user, request_id, "attach")
    form = AttachForm(request.POST or None, request.FILES or None)
    context = {"item": item, "form": form}
    show_errors_in_form(
        request,
        form,
        lambda status: render(request, "intake/request_attach.html", context, status=status),
    )
    if request.method == "GET":
        return render(request, "intake/request_attach.html", context)
    if not form.is_valid():
        return render(request, "intake/request_attach.html", context, status=422)
    added = services.add_attachments(by=user, request=item, files=form.cleaned_data["attachments"])
    messages.success(request, "The file is added." if len(added) == 1 else "The files are added.")
    return redirect(item.get_absolute_url())
