from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "accord.reviews"
    label = "reviews"
    verbose_name = "Reviews and approvals"

    def ready(self) -> None:
        from accord.core.links import register_page
        from accord.core.worker import register_sweep
        from accord.reviews import verbs
        from accord.reviews.services import previews, rounds

        verbs.declare_verbs()
        verbs.declare_guest_verbs()
        register_page("deliverable", "reviews:deliverable", "deliverable_id")
        register_sweep(previews.sweep)
        register_sweep(rounds.remind_late)
