"""The conflicts pages of insights (included by accord/insights/urls.py)."""

from django.urls import URLPattern, path

from accord.insights import views_conflicts as views

urlpatterns: list[URLPattern] = [
    path("conflicts/", views.my_conflicts, name="my_conflicts"),
    path("clients/<int:client_id>/conflicts/", views.client_conflicts, name="conflicts"),
    path("conflicts/<int:conflict_id>/", views.conflict_detail, name="conflict"),
    path("conflicts/<int:conflict_id>/settle/", views.conflict_settle, name="conflict_settle"),
]
