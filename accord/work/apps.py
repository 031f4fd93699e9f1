from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "accord.work"
    label = "work"
    verbose_name = "Jobs and tasks"

    def ready(self) -> None:
        from accord.core.panels import register_client_panel
        from accord.work import feed
        from accord.work.panels import client_jobs

        feed.declare_verbs()
        register_client_panel(client_jobs)
