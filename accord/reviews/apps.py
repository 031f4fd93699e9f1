from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "accord.reviews"
    label = "reviews"
    verbose_name = "Reviews and approvals"

    def ready(self) -> None:
        from accord.core.links import register_page
        from accord.core.worker import register_sweep
        from accord.reviews import notification_kinds, search, verbs
        from accord.reviews.services import previews, rounds
        from accord.work.services.deliverables import reached_through_reviews, when_stopped

        verbs.declare_verbs()
        verbs.declare_guest_verbs()
        notification_kinds.declare_kinds()
        register_page("deliverable", "reviews:deliverable", "deliverable_id")
        reached_through_reviews(
            {
                "client_review": "it goes to the client from its review page, with the version "
                "the client is to see.",
                "changes_requested": "changes are the client's decision, recorded on the review "
                "page.",
                "approved": "approval is the client's decision, recorded on the review page with "
                "the exact version approved.",
            }
        )
        when_stopped(rounds.withdraw_open_rounds)
        register_sweep(previews.sweep)
        register_sweep(rounds.remind_late)
        register_sweep(rounds.settle_stuck)
        search.register()
