"""Reads of the units' answer templates (答复模板): each unit's are its own."""

from django.db.models import QuerySet

from coordination import permissions
from coordination.models import MemberUnit, ReplyTemplate


def reply_templates_visible_to(user) -> QuerySet[ReplyTemplate]:
    """The office sees every unit's templates; a liaison those of their own unit; nobody else any."""
    from . import liaison_unit  # the package imports this module's siblings, not this one

    templates = ReplyTemplate.objects.select_related("unit")
    if permissions.is_office(user):
        return templates
    unit = liaison_unit(user)
    return templates.filter(unit=unit) if unit else templates.none()


def reply_templates_of(user, unit: MemberUnit) -> QuerySet[ReplyTemplate]:
    """The templates of `unit` this user may use on its reply form (none of another unit's)."""
    return reply_templates_visible_to(user).filter(unit=unit)
