from django.urls import path

from accord.clients import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("<int:client_id>/", views.client_detail, name="detail"),
    path("<int:client_id>/edit/", views.client_edit, name="edit"),
    path("<int:client_id>/archive/", views.archive, name="archive"),
    path("<int:client_id>/restore/", views.restore, name="restore"),
    path("<int:client_id>/brand/", views.brand, name="brand"),
    path("<int:client_id>/logo/", views.logo, name="logo"),
    path("<int:client_id>/team/", views.team, name="team"),
    path("<int:client_id>/team/<int:user_id>/remove/", views.team_remove, name="team_remove"),
    path("<int:client_id>/contacts/", views.contacts, name="contacts"),
    path("<int:client_id>/contacts/<int:contact_id>/", views.contact_edit, name="contact_edit"),
    path(
        "<int:client_id>/contacts/<int:contact_id>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path(
        "<int:client_id>/contacts/<int:contact_id>/invitation/",
        views.contact_resend_invitation,
        name="contact_resend_invitation",
    ),
    path("<int:client_id>/activity/", views.activity, name="activity"),
]
