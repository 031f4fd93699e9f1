from django.urls import path

from accord.reviews import views, views_actions, views_queue

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
]
