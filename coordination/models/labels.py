"""`get_FOO_display()` that translates one label, not every choice."""

import functools

from django.db import models
from django.utils.encoding import force_str


@functools.cache
def _labels(field: models.Field) -> dict:
    return dict(field.flatchoices)  # keys are the stored values; the labels stay lazy


class ChoiceLabels(models.Model):
    """Django's `get_FOO_display()` builds a dict of the field's choices on every call, hashing
    each lazy label, and a lazy label hashes by translating itself: a status of eight choices cost
    eight translations per row of a list. Here the choices are indexed once per field and only the
    label shown is translated, in the language active at the time."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # an unhashable value (never one of ours): Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
