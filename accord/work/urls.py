from django.urls import path

from accord.work import views, views_tasks

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
]
