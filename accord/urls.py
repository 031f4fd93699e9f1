from django.conf import settings
from django.urls import include, path
from django.views.static import serve

from accord.api import api
from accord.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("accord.accounts.urls")),
    path("clients/", include("accord.clients.urls")),
    path("", include("accord.home.urls")),
]

if settings.SERVE_MEDIA:  # uploads on local disk; an object store serves its own
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.lstrip('/')}<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
