from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accord.accounts import erase_views, views
from accord.accounts.forms import NewPasswordForm, QueuedPasswordResetForm

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path("invitation/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
    path("magic/", views.magic_link_request, name="magic_link_request"),
    path("magic/<str:token>/", views.magic_link, name="magic_link"),
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.password_change, name="password_change"),
    path("profile/tokens/new/", views.token_create, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("team/", views.team, name="team"),
    path("team/invite/", views.staff_invite, name="staff_invite"),
    path("team/<int:staff_id>/", views.staff_detail, name="staff_detail"),
    path("team/<int:staff_id>/edit/", views.staff_edit, name="staff_edit"),
    path(
        "team/<int:staff_id>/invitation/",
        views.staff_resend_invitation,
        name="staff_resend_invitation",
    ),
    path("people/<int:person_id>/erase/", erase_views.person_erase, name="person_erase"),
]
