from django.urls import include, path

from accord.api import api
from accord.core.views import healthz

handler500 = "accord.core.views.server_error"

# Uploads (logos…) have no public URL: each is served by a view of its app that checks access.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("accord.accounts.urls")),
    path("clients/", include("accord.clients.urls")),
    path("intake/", include("accord.intake.urls")),
    path("jobs/", include("accord.work.urls")),
    path("reviews/", include("accord.reviews.urls")),
    path("conversations/", include("accord.conversations.urls")),
    path("insights/", include("accord.insights.urls")),
    path("notifications/", include("accord.core.urls_notifications")),
    path("search/", include("accord.core.urls_search")),
    path("", include("accord.home.urls")),
]
