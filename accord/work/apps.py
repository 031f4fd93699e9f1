from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "accord.work"
    label = "work"
    verbose_name = "Jobs and tasks"

    def ready(self) -> None:
        from accord.accounts.erasure import register_eraser
        from accord.core import clock, reach
        from accord.core.panels import register_client_panel
        from accord.intake.services.replans import on_change_in_work
        from accord.work import (
            access,
            capacity,
            feed,
            notification_kinds,
            services,
            verbs_capacity,
            verbs_jobs,
            verbs_tasks,
            verbs_time,
        )
        from accord.work.panels import client_jobs
        from accord.work.services import erasure

        feed.declare_verbs()
        verbs_jobs.declare_verbs()
        verbs_tasks.declare_verbs()
        verbs_capacity.declare_verbs()
        verbs_time.declare_verbs()
        notification_kinds.declare_kinds()
        reach.register(access.creative_reach)
        register_eraser(erasure.forget_person)
        register_client_panel(client_jobs)
        on_change_in_work(services.flag_brief_change)
        clock.register_holidays(capacity.agency_holidays)
