from django.urls import path

from accord.reviews import views

app_name = "reviews"

urlpatterns = [
    path("deliverables/<int:deliverable_id>/", views.deliverable_page, name="deliverable"),
]
