from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "accord.work"
    label = "work"
    verbose_name = "Jobs and tasks"

    def ready(self) -> None:
        from accord.core import feed

        feed.register(
            "job.started",
            lambda a, d: (
                (f"{a} started the job “{d['title']}”" if d.get("title") else f"{a} started a job")
                + (f" from version {d['version']} of the brief." if d.get("version") else ".")
            ),
        )
