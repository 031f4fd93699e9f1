"""The live tone check (included by accord/insights/urls.py)."""

from django.urls import path

from accord.insights import views_tone

urlpatterns = [
    path("tone/", views_tone.check, name="tone_check"),
    path("tone/record/", views_tone.records, name="tone_records"),
]
