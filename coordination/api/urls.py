from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views

api_patterns = [
    path("items/", views.ActionItemList.as_view(), name="api-items"),
    path("items/<int:pk>/", views.ActionItemDetail.as_view(), name="api-item"),
    path("items/<int:pk>/progress/", views.ProgressCreate.as_view(), name="api-item-progress"),
]

urlpatterns = [
    *api_patterns,
    # The schema covers this API only, not the DRF views inside Wagtail's admin.
    path("schema/", SpectacularJSONAPIView.as_view(patterns=[path("api/", include(api_patterns))]), name="api-schema"),
]
