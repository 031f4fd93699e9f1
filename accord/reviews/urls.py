from django.urls import path

from accord.reviews import views, views_actions, views_compare, views_guests, views_queue

app_name = "reviews"

urlpatterns = [
    path("", views_queue.queue, name="queue"),
    path("deliverables/<int:deliverable_id>/", views.deliverable_page, name="deliverable"),
    path(
        "deliverables/<int:deliverable_id>/versions/",
        views_actions.version_add,
        name="version_add",
    ),
    path(
        "deliverables/<int:deliverable_id>/rounds/<str:stage>/",
        views_actions.round_open,
        name="round_open",
    ),
    path("deliverables/<int:deliverable_id>/todos/", views_actions.todo_add, name="todo_add"),
    path("deliverables/<int:deliverable_id>/compare/", views_compare.compare_page, name="compare"),
    path("versions/<int:version_id>/file/", views.version_file, name="version_file"),
    path("versions/<int:version_id>/pages/<int:number>/", views.page_image, name="page_image"),
    path("versions/<int:version_id>/viewer/", views.previews_state, name="viewer"),
    path("versions/<int:version_id>/comments/", views_actions.comment_add, name="comment_add"),
    path("rounds/<int:round_id>/decide/", views_actions.decide, name="decide"),
    path("rounds/<int:round_id>/nudge/", views_actions.round_nudge, name="nudge"),
    path("rounds/<int:round_id>/cancel/", views_actions.round_cancel, name="cancel"),
    path(
        "comments/<int:comment_id>/resolve/", views_actions.comment_resolve, name="comment_resolve"
    ),
    path("todos/<int:todo_id>/tick/", views_actions.todo_tick, name="todo_tick"),
    path(
        "deliverables/<int:deliverable_id>/guests/", views_guests.guest_invite, name="guest_invite"
    ),
    path("guests/<int:guest_id>/revoke/", views_guests.guest_revoke, name="guest_revoke"),
    path("guest/<str:token>/", views_guests.guest_page, name="guest"),
    path("guest/<str:token>/code/", views_guests.guest_send_code, name="guest_code"),
    path("guest/<str:token>/verify/", views_guests.guest_verify, name="guest_verify"),
    path(
        "guest/<str:token>/versions/<int:version_id>/file/",
        views_guests.guest_file,
        name="guest_file",
    ),
    path(
        "guest/<str:token>/versions/<int:version_id>/pages/<int:number>/",
        views_guests.guest_page_image,
        name="guest_page_image",
    ),
    path(
        "guest/<str:token>/versions/<int:version_id>/viewer/",
        views_guests.guest_viewer,
        name="guest_viewer",
    ),
    path(
        "guest/<str:token>/versions/<int:version_id>/comments/",
        views_guests.guest_comment,
        name="guest_comment",
    ),
    path(
        "guest/<str:token>/rounds/<int:round_id>/decide/",
        views_guests.guest_decide,
        name="guest_decide",
    ),
]
