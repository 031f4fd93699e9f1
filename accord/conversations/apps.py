from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "accord.conversations"
    label = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from accord.accounts.erasure import register_address_eraser
        from accord.conversations import erasure, notification_kinds, panels, search, verbs
        from accord.conversations.services import inbound
        from accord.core.panels import register_client_panel, register_page_panel
        from accord.core.worker import register_sweep

        verbs.declare_verbs()
        register_client_panel(panels.on_client)
        register_page_panel("brief", panels.on_brief)
        register_page_panel("job", panels.on_job)
        register_page_panel("deliverable", panels.on_deliverable)
        notification_kinds.declare_kinds()
        register_sweep(inbound.sweep)
        register_address_eraser(erasure.forget_person)
        search.register()
