from django.urls import path

from accord.work import views, views_mywork

app_name = "work"
urlpatterns = [
    path("<int:job_id>/", views.job_detail, name="job_detail"),
    path("<int:job_id>/done/", views.finish_job, name="finish_job"),
    path(
        "<int:job_id>/acknowledge-brief-change/",
        views.acknowledge_brief_change,
        name="acknowledge_brief_change",
    ),
    path("from-brief/<int:brief_id>/", views.start_job, name="start_job"),
    # --- My work: tasks, timer, time entries, calendar feed ---
    path("my-work/", views_mywork.my_work, name="my_work"),
    path("my-work/timer/start/<int:task_id>/", views_mywork.timer_start, name="timer_start"),
    path("my-work/timer/stop/", views_mywork.timer_stop, name="timer_stop"),
    path("my-work/time/", views_mywork.time_log, name="time_log"),
    path("my-work/time/<int:entry_id>/", views_mywork.time_edit, name="time_edit"),
    path("my-work/time/<int:entry_id>/delete/", views_mywork.time_delete, name="time_delete"),
    path("my-work/calendar/", views_mywork.calendar_feed_create, name="calendar_feed_create"),
    path(
        "my-work/calendar/<int:feed_id>/revoke/",
        views_mywork.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("calendar/<str:token>.ics", views_mywork.calendar_ics, name="calendar_ics"),
]
