from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accord.accounts"
    label = "accounts"
    verbose_name = "People"

    def ready(self) -> None:
        from accord.accounts import feed

        feed.declare_verbs()
