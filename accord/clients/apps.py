from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "accord.clients"
    label = "clients"
    verbose_name = "Clients"

    def ready(self) -> None:
        from accord.accounts.erasure import register_eraser
        from accord.clients import feed, queries, services
        from accord.clients.panels import staff_clients
        from accord.core.digest import register_client_names
        from accord.core.panels import register_staff_panel

        register_staff_panel(staff_clients)
        register_client_names(queries.names_of)
        feed.declare_verbs()
        register_eraser(services.forget_person)
