from django.urls import path

from accord.core import views_search

app_name = "search"
urlpatterns = [path("", views_search.search_page, name="page")]
