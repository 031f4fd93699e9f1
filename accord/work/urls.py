from django.urls import path

from accord.work import views, views_board

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
    # --- The job board, the timeline and the account manager's overview ---
    path("<int:job_id>/board/", views_board.board, name="board"),
    path(
        "<int:job_id>/board/deliverables/<int:deliverable_id>/move/",
        views_board.move_deliverable,
        name="board_move_deliverable",
    ),
    path(
        "<int:job_id>/board/tasks/<int:task_id>/move/",
        views_board.move_task,
        name="board_move_task",
    ),
    path("<int:job_id>/timeline/", views_board.timeline, name="timeline"),
    path("<int:job_id>/overview/", views_board.job_overview, name="job_overview"),
    path("overview/", views_board.all_jobs_overview, name="overview"),
]
