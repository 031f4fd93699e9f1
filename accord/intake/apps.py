from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "accord.intake"
    label = "intake"
    verbose_name = "Requests and briefs"

    def ready(self) -> None:
        from accord.accounts.erasure import register_eraser
        from accord.core.panels import register_client_panel
        from accord.core.worker import register_sweep
        from accord.intake import feed, search
        from accord.intake.panels import client_intake
        from accord.intake.services import pdfs, thumbnails

        register_client_panel(client_intake)
        feed.declare_verbs()
        register_eraser(pdfs.forget_person)
        register_sweep(thumbnails.sweep)
        search.register()
