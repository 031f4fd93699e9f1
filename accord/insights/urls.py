from django.urls import include, path

app_name = "insights"
urlpatterns = [
    path("", include("accord.insights.urls_health")),
    path("", include("accord.insights.urls_agreements")),
    path("", include("accord.insights.urls_conflicts")),
    path("", include("accord.insights.urls_tone")),
]
