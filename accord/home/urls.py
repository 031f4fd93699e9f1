from django.urls import path

from accord.home import views

app_name = "home"
urlpatterns = [
    path("", views.index, name="index"),
    path("today/", views.today, name="today"),
]
