from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = "Accord core"

    def ready(self) -> None:
        from accord.core import (
            checks,  # noqa: F401  (registers Accord's system checks)
            feed,
        )

        feed.declare_verbs()
