from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination import selectors
from coordination.grading import Light
from coordination.models import ActionItem, ProgressReport


class ProgressReportSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.short_name", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "unit", "text", "percent", "is_completion", "created_at"]


class ActionItemSerializer(serializers.ModelSerializer):
    lead_unit = serializers.CharField(source="lead_unit.short_name", read_only=True)
    co_units = serializers.SlugRelatedField(slug_field="short_name", many=True, read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    is_due_soon = serializers.BooleanField(read_only=True)
    light = serializers.ChoiceField(
        source="grade",
        choices=Light.choices,
        read_only=True,
        help_text=_(
            "预警：red 红灯（逾期，或临近时限而进度滞后）、yellow 黄灯（临近时限）、"
            "green 绿灯（按计划办理或已报办结）、standing 常态化（无时限）、done 已办结或已撤销"
        ),
    )

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "title",
            "description",
            "source",
            "source_reference",
            "lead_unit",
            "co_units",
            "deadline",
            "original_deadline",
            "status",
            "is_overdue",
            "is_due_soon",
            "light",
            "closed_at",
        ]


class ActionItemDetailSerializer(ActionItemSerializer):
    """One item with the progress reports the caller may read (a co-unit: its own and the lead's)."""

    reports = serializers.SerializerMethodField()

    class Meta(ActionItemSerializer.Meta):
        fields = [*ActionItemSerializer.Meta.fields, "reports"]

    @extend_schema_field(ProgressReportSerializer(many=True))
    def get_reports(self, item):
        user = self.context["request"].user
        reports = selectors.reports_visible_to(user, item, selectors.liaison_unit(user))
        return ProgressReportSerializer(reports, many=True).data


class ProgressInputSerializer(serializers.Serializer):
    """What a unit's own system posts; the service decides whether it may."""

    text = serializers.CharField(label=_("进展情况"))
    percent = serializers.IntegerField(
        label=_("完成进度（%）"), min_value=0, max_value=100, required=False, allow_null=True
    )
    completion = serializers.BooleanField(label=_("报办结"), required=False, default=False)
    unit = serializers.CharField(
        label=_("报告单位"), required=False, help_text=_("报告单位简称；联络员可省略，默认为本单位")
    )
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ErrorSerializer(serializers.Serializer):
    """DRF's answer for 401, 403, 404 and 409, and for a body it cannot parse."""

    detail = serializers.CharField()
