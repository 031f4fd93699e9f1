from django.urls import path

from accord.conversations import views, views_relays, views_start, views_triage

app_name = "conversations"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views_start.start, name="start"),
    path("<int:thread_id>/", views.thread_page, name="thread"),
    path("<int:thread_id>/post/", views.post_message, name="post"),
    path("<int:thread_id>/court/", views_relays.clear_court, name="clear_court"),
    path("messages/<int:message_id>/edit/", views.edit_message, name="edit"),
    path("messages/<int:message_id>/relay/", views_relays.relay, name="relay"),
    path("messages/<int:message_id>/reply/", views_relays.reply, name="reply"),
    path("todos/<int:todo_id>/tick/", views_relays.tick_todo, name="tick_todo"),
    path("files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("jobs/<int:job_id>/team-voice/", views_relays.team_voice, name="team_voice"),
    path("triage/", views_triage.triage, name="triage"),
    path("triage/<int:email_id>/", views_triage.triage_email, name="triage_email"),
    path("triage/<int:email_id>/sort/", views_triage.triage_sort, name="triage_sort"),
    path("triage/<int:email_id>/original/", views_triage.triage_raw, name="triage_raw"),
]
