from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "accord.clients"
    label = "clients"
    verbose_name = "Clients"
