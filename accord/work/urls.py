from django.urls import path

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
