from django.urls import path

from accord.work import views_board, views_capacity, views_mywork, views_tasks
from accord.work.views import jobs, templates

app_name = "work"
urlpatterns = [
    # Jobs
    path("", jobs.job_list, name="job_list"),
    path("new/", jobs.job_create, name="job_create"),
    path("<int:job_id>/", jobs.job_detail, name="job_detail"),
    path("<int:job_id>/edit/", jobs.job_edit, name="job_edit"),
    path("<int:job_id>/move/", jobs.job_move, name="job_move"),
    path("<int:job_id>/team/", jobs.job_member_add, name="job_member_add"),
    path(
        "<int:job_id>/team/<int:user_id>/remove/",
        jobs.job_member_remove,
        name="job_member_remove",
    ),
    path("<int:job_id>/plan/", jobs.job_plan, name="job_plan"),
    path("<int:job_id>/done/", jobs.finish_job, name="finish_job"),
    path(
        "<int:job_id>/acknowledge-brief-change/",
        jobs.acknowledge_brief_change,
        name="acknowledge_brief_change",
    ),
    path("from-brief/<int:brief_id>/", jobs.start_job, name="start_job"),
    # Job templates
    path("templates/", templates.template_list, name="job_template_list"),
    path("templates/new/", templates.template_create, name="job_template_create"),
    path("templates/<int:template_id>/", templates.template_detail, name="job_template_detail"),
    path("templates/<int:template_id>/edit/", templates.template_edit, name="job_template_edit"),
    path(
        "templates/<int:template_id>/deactivate/",
        templates.template_deactivate,
        name="job_template_deactivate",
    ),
]

# Deliverables and tasks: the job page's section and a task's own page.
urlpatterns += [
    path("<int:job_id>/deliverables/", views_tasks.deliverable_add, name="deliverable_add"),
    path(
        "deliverables/<int:deliverable_id>/edit/",
        views_tasks.deliverable_edit,
        name="deliverable_edit",
    ),
    path(
        "deliverables/<int:deliverable_id>/move/",
        views_tasks.deliverable_move,
        name="deliverable_move",
    ),
    path("<int:job_id>/tasks/", views_tasks.task_add, name="task_add"),
    path("tasks/<int:task_id>/", views_tasks.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/assign/", views_tasks.task_assign, name="task_assign"),
    path("tasks/<int:task_id>/move/", views_tasks.task_move, name="task_move"),
    path("tasks/<int:task_id>/dependency/", views_tasks.task_dependency, name="task_dependency"),
    path("tasks/<int:task_id>/checklist/", views_tasks.checklist_add, name="checklist_add"),
    path("checklist/<int:item_id>/tick/", views_tasks.checklist_tick, name="checklist_tick"),
    path("checklist/<int:item_id>/remove/", views_tasks.checklist_remove, name="checklist_remove"),
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
