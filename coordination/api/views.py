"""The JSON API for units' own office systems: the same services and permissions as the web."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination import selectors, services
from coordination.errors import DomainError, NotPermitted
from coordination.models import MemberUnit

from .serializers import (
    ActionItemDetailSerializer,
    ActionItemSerializer,
    ErrorSerializer,
    ProgressInputSerializer,
    ProgressReportSerializer,
)

MESSAGES = {"type": "array", "items": {"type": "string"}}
# DRF's validation errors: per field a list of messages; a list field (attachments) nests them by
# position. A body that cannot be parsed at all is answered as {"detail": ...} instead.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"oneOf": [MESSAGES, {"type": "object", "additionalProperties": MESSAGES}]},
}
INVALID = OpenApiResponse(
    {"oneOf": [FIELD_ERRORS, {"$ref": "#/components/schemas/Error"}]},
    description=gettext_lazy("填写有误，按字段列出原因"),
)
# The URL takes digits only (`<int:pk>`): "-1" or "abc" never reaches the API.
ITEM_ID = OpenApiParameter("id", {"type": "integer", "minimum": 0}, OpenApiParameter.PATH)
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description=gettext_lazy("未提供或无效的令牌"))
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=gettext_lazy("没有这个事项，或您无权查看"))


@extend_schema(responses={200: ActionItemSerializer(many=True), 401: UNAUTHENTICATED})
class ActionItemList(generics.ListAPIView):
    """The action items of the caller's unit (all items for the office and convenors)."""

    serializer_class = ActionItemSerializer

    def get_queryset(self):
        return selectors.action_items_visible_to(self.request.user).with_light().order_by("deadline", "pk")


@extend_schema(parameters=[ITEM_ID], responses={200: ActionItemDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND})
class ActionItemDetail(generics.RetrieveAPIView):
    serializer_class = ActionItemDetailSerializer

    def get_queryset(self):
        return selectors.action_items_visible_to(self.request.user).with_light().prefetch_related("reports__unit")


class ProgressCreate(APIView):
    """Post a progress report (or completion) for one item, as the caller's unit."""

    @extend_schema(
        parameters=[ITEM_ID],
        request=ProgressInputSerializer,
        responses={
            201: ProgressReportSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: OpenApiResponse(ErrorSerializer, description=gettext_lazy("本单位不能这样报告（如配合单位报办结）")),
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description=gettext_lazy("事项当前状态不接受进展")),
        },
    )
    def post(self, request, pk):
        item = selectors.action_items_visible_to(request.user).filter(pk=pk).first()
        if item is None:
            raise NotFound(_("没有这个事项，或您无权查看。"))
        data = ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("unit"):
            unit = MemberUnit.objects.filter(short_name=values["unit"]).first()
            if unit is None:
                raise ValidationError({"unit": [_("没有这个单位。")]})
        else:
            unit = selectors.liaison_unit(request.user)
            if unit is None:
                raise ValidationError({"unit": [_("请指明报告单位。")]})
        try:
            report = services.action_item_report_progress(
                actor=request.user,
                item=item,
                unit=unit,
                text=values["text"],
                percent=values.get("percent"),
                completion=values["completion"],
                files=values["attachments"],
            )
        except NotPermitted as error:
            raise PermissionDenied(str(error.message)) from error
        except DomainError as error:
            return Response({"detail": str(error.message)}, status=status.HTTP_409_CONFLICT)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)
