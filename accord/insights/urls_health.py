"""The account health pages of insights (included by accord/insights/urls.py)."""

from django.urls import path

from accord.insights import views_health

urlpatterns = [
    path("health/", views_health.health_list, name="health"),
    path("health/clients/<int:client_id>/", views_health.client_health, name="client_health"),
    path(
        "health/clients/<int:client_id>/chart.svg", views_health.health_chart, name="health_chart"
    ),
    path(
        "health/clients/<int:client_id>/recompute/",
        views_health.recompute,
        name="health_recompute",
    ),
]
