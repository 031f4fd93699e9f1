from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "accord.work"
    label = "work"
    verbose_name = "Jobs and tasks"

    def ready(self) -> None:
        from accord.intake.services.replans import on_change_in_work
        from accord.work import feed, services

        feed.declare_verbs()
        on_change_in_work(services.flag_brief_change)
