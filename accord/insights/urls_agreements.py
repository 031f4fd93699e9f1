"""The agreements pages of insights (included by accord/insights/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
