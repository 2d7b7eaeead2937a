from django.urls import include, path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONOpenAPIRenderer
from rest_framework.schemas import get_schema_view
from rest_framework.schemas.openapi import SchemaGenerator

from . import views

api_patterns = [
    path("items/", views.ActionItemList.as_view(), name="api-items"),
    path("items/<int:pk>/", views.ActionItemDetail.as_view(), name="api-item"),
    path("items/<int:pk>/progress/", views.ProgressCreate.as_view(), name="api-item-progress"),
]

urlpatterns = [
    *api_patterns,
    path(
        "schema/",
        get_schema_view(
            title="联席会议协调平台 API",
            version="1.0",
            generator_class=SchemaGenerator,
            description="成员单位办公系统对接：查询本单位督办事项，报送进展。",
            renderer_classes=[JSONOpenAPIRenderer],
            public=True,
            permission_classes=[AllowAny],
            patterns=[path("api/", include(api_patterns))],
        ),
        name="api-schema",
    ),
]
