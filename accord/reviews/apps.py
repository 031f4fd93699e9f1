from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "accord.reviews"
    label = "reviews"
    verbose_name = "Reviews and approvals"

    def ready(self) -> None:
        from accord.reviews import verbs

        verbs.declare_verbs()
