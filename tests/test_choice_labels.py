"""`get_FOO_display()` answers as Django's, translating only the label shown."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from coordination.models import ActionItem
from coordination.models.labels import ChoiceLabels

PORTAL_APPS = ("coordination", "content")


def models_with_choices():
    for model in apps.get_models():
        if model._meta.app_label in PORTAL_APPS:
            fields = [field for field in model._meta.concrete_fields if field.choices]
            if fields:
                yield model, fields


def test_every_portal_model_with_choices_translates_one_label():
    assert [model.__name__ for model, _fields in models_with_choices() if not issubclass(model, ChoiceLabels)] == []


@pytest.mark.django_db  # building a Wagtail page looks up its default locale
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_display_answers_as_djangos_for_every_choice(language):
    checked = 0
    with translation.override(language):
        for model, fields in models_with_choices():
            for field in fields:
                for value, _label in field.flatchoices:
                    row = model(**{field.attname: value})
                    assert getattr(row, f"get_{field.name}_display")() == Model._get_FIELD_display(row, field)
                    checked += 1
    assert checked > 100


def test_a_value_outside_the_choices_shows_as_stored_and_labels_follow_the_language():
    assert ActionItem(status="retired").get_status_display() == "retired"
    item = ActionItem(status=ActionItem.Status.IN_PROGRESS)
    with translation.override("zh-hans"):
        assert item.get_status_display() == "办理中"
    with translation.override("en"):
        assert item.get_status_display() == "In progress"
