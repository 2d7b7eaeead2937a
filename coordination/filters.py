"""Filters of workbench lists (django-filter): the form the user sees and the query it makes, in one place."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .grading import Light
from .models import ActionItem, Meeting, MemberUnit
from .widgets import QuickSelect


class ActionItemFilter(django_filters.FilterSet):
    """The office's and convenors' item list, supervision dashboard and ledger: by source, status,
    light (红黄绿灯), lead unit or the meeting whose minutes agreed the item. A value that does not
    validate is ignored."""

    source = django_filters.ChoiceFilter(
        label=_("来源"), choices=ActionItem.Source.choices, empty_label=_("全部"), widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ActionItem.Status.choices, empty_label=_("全部"), widget=QuickSelect
    )
    light = django_filters.ChoiceFilter(
        label=_("预警"), choices=Light.choices, empty_label=_("全部"), method="filter_light", widget=QuickSelect
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("牵头单位"),
        field_name="lead_unit",
        queryset=MemberUnit.objects.filter(is_active=True),
        widget=QuickSelect,
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("会议"),
        field_name="agreed_item__minutes__meeting",
        queryset=Meeting.objects.all(),
        widget=QuickSelect,
    )

    class Meta:
        model = ActionItem
        fields = ["source", "status", "light", "unit", "meeting"]

    def filter_light(self, queryset, name, value):
        if "light" not in queryset.query.annotations:
            queryset = queryset.with_light()
        return queryset.filter(light=value)
