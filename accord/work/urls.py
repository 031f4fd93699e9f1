from django.urls import path

from accord.work import views

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
]
