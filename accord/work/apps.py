from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "accord.work"
    label = "work"
    verbose_name = "Jobs and tasks"

    def ready(self) -> None:
        from accord.work import feed

        feed.declare_verbs()
