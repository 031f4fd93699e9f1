from django.urls import path

from accord.work import views, views_capacity

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
    # --- Capacity: workload, candidates, time off, public holidays ---
    path("workload/", views_capacity.workload, name="workload"),
    path("workload/week/", views_capacity.workload_cell, name="workload_cell"),
    path("candidates/", views_capacity.candidates, name="candidates"),
    path("time-off/", views_capacity.time_off, name="time_off"),
    path(
        "time-off/<int:time_off_id>/delete/", views_capacity.time_off_delete, name="time_off_delete"
    ),
    path("holidays/", views_capacity.holidays, name="holidays"),
    path("holidays/<int:holiday_id>/delete/", views_capacity.holiday_delete, name="holiday_delete"),
    # --- end of capacity ---
]
