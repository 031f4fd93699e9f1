from django.urls import path

from accord.intake.views import (
    attachments,
    brief_templates,
    briefs,
    editing,
    pdfs,
    queue,
    requests,
    signoff,
)

app_name = "intake"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:request_id>/", requests.request_detail, name="request_detail"),
    path("requests/<int:request_id>/decide/", requests.request_decide, name="request_decide"),
    path("requests/<int:request_id>/reopen/", requests.request_reopen, name="request_reopen"),
    path("attachments/<int:attachment_id>/", requests.attachment, name="attachment"),
    path(
        "attachments/<int:attachment_id>/thumbnail/",
        requests.attachment_thumbnail,
        name="attachment_thumbnail",
    ),
    path(
        "requests/<int:request_id>/attachments/",
        attachments.request_attach,
        name="request_attach",
    ),
    path("briefs/", briefs.brief_list, name="brief_list"),
    path("briefs/new/", briefs.brief_create, name="brief_create"),
    path("briefs/<int:brief_id>/", briefs.brief_detail, name="brief_detail"),
    path("briefs/<int:brief_id>/edit/", editing.brief_edit, name="brief_edit"),
    path("briefs/<int:brief_id>/autosave/", editing.brief_autosave, name="brief_autosave"),
    path("briefs/<int:brief_id>/submit/", editing.brief_submit, name="brief_submit"),
    path("briefs/<int:brief_id>/questions/", briefs.brief_ask, name="brief_ask"),
    path("briefs/<int:brief_id>/notes/", briefs.brief_notes, name="brief_notes"),
    path("questions/<int:question_id>/answer/", briefs.question_answer, name="question_answer"),
    path("questions/<int:question_id>/apply/", briefs.question_apply, name="question_apply"),
    path("briefs/<int:brief_id>/propose/", briefs.brief_propose, name="brief_propose"),
    path("briefs/<int:brief_id>/sign-off/", signoff.brief_sign_off, name="brief_sign_off"),
    path(
        "briefs/<int:brief_id>/request-changes/",
        signoff.brief_request_changes,
        name="brief_request_changes",
    ),
    path("briefs/<int:brief_id>/versions/", signoff.brief_versions, name="brief_versions"),
    path("briefs/<int:brief_id>/print/", briefs.brief_print, name="brief_print"),
    path("briefs/<int:brief_id>/pdf/", pdfs.brief_pdf, name="brief_pdf"),
    path("briefs/<int:brief_id>/cancel/", briefs.brief_cancel, name="brief_cancel"),
    path("templates/", brief_templates.template_list, name="template_list"),
    path("templates/new/", brief_templates.template_create, name="template_create"),
    path("templates/<int:template_id>/", brief_templates.template_edit, name="template_edit"),
]
