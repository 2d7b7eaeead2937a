"""What cached views must forget when coordination data changes.

Two families of cached output depend on this app's rows: the calendar feeds (meetings, the
deadlines of action items, who is liaison of which unit, the feed's token, a user's role) and the
public site's pages (the units and the standing measures they list, coordination/public.py).
Model signals catch every save and delete, whichever service, import or admin screen made it;
the few bulk updates in the services touch nothing a feed or a public page shows.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ActionItem, Attendance, CalendarToken, Liaison, Meeting, MemberUnit
from .public import public_data_changed
from .selectors.calendar_feed import FEEDS


def _public_changed() -> None:
    public_data_changed.send(sender=MemberUnit)


def _feeds_changed(sender, **kwargs) -> None:
    FEEDS.bump()


def _unit_changed(sender, **kwargs) -> None:
    FEEDS.bump()
    _public_changed()


def _item_changed(sender, instance, **kwargs) -> None:
    FEEDS.bump()
    if instance.source == ActionItem.Source.STANDING_MEASURE:
        _public_changed()


def _co_units_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        FEEDS.bump()
        _public_changed()


def _roles_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        FEEDS.bump()  # the office's and convenors' feeds hold every meeting, a liaison's only theirs


def connect() -> None:
    for model in (Meeting, Attendance, Liaison, CalendarToken):
        post_save.connect(_feeds_changed, sender=model, dispatch_uid=f"feeds_{model.__name__}_saved")
        post_delete.connect(_feeds_changed, sender=model, dispatch_uid=f"feeds_{model.__name__}_deleted")
    post_save.connect(_unit_changed, sender=MemberUnit, dispatch_uid="invalidate_unit_saved")
    post_delete.connect(_unit_changed, sender=MemberUnit, dispatch_uid="invalidate_unit_deleted")
    post_save.connect(_item_changed, sender=ActionItem, dispatch_uid="invalidate_item_saved")
    post_delete.connect(_item_changed, sender=ActionItem, dispatch_uid="invalidate_item_deleted")
    m2m_changed.connect(_co_units_changed, sender=ActionItem.co_units.through, dispatch_uid="invalidate_co_units")
    m2m_changed.connect(_roles_changed, sender=get_user_model().groups.through, dispatch_uid="invalidate_roles")
