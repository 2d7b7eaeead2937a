"""QuickSelect writes exactly the HTML Django's Select writes."""

import pytest
from django import forms

from coordination.filters import ActionItemFilter
from coordination.models import ActionItem
from coordination.widgets import QuickSelect

CHOICES = [
    ("", "全部"),
    ("a", "甲 <b>&"),
    ("分组", [("1", "一"), ("2", '二"引号"')]),
    (3, "三"),
]


@pytest.mark.parametrize("value", [None, "", "a", "2", 3, ["a", "1"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_x"}, {"id": "id_x", "required": True, "disabled": False, "data-x": '<">'}]
)
def test_quick_select_renders_as_django_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("x", value, attrs)
    assert QuickSelect(choices=CHOICES).render("x", value, attrs) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"light": "red", "status": "open"}, {"unit": "1", "source": "x"}])
def test_the_item_filter_form_renders_as_with_django_selects(units, data):
    quick = ActionItemFilter(data, queryset=ActionItem.objects.all()).form
    plain = ActionItemFilter(data, queryset=ActionItem.objects.all()).form
    for field in plain.fields.values():
        assert isinstance(field.widget, QuickSelect)
        field.widget.__class__ = forms.Select
    assert [str(quick[name]) for name in quick.fields] == [str(plain[name]) for name in plain.fields]
