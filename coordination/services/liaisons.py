"""Liaisons (联络员): one per unit at a time, with history of who served when."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from coordination import audit, permissions
from coordination.errors import InvalidState
from coordination.models import Liaison, MemberUnit

from .common import check, lock
from .notifications import notification_send


@transaction.atomic
def liaison_appoint(
    *,
    actor,
    unit: MemberUnit,
    user,
    start_date: datetime.date,
    position: str = "",
    phone: str = "",
) -> Liaison:
    """Make `user` the liaison of `unit` from `start_date`, ending the current term if any."""
    check("liaison.appoint", actor, unit)
    unit = lock(unit)
    if not unit.is_active:
        raise InvalidState(_("%(unit)s 已不是成员单位，不能任命联络员。") % {"unit": unit})
    other_term = Liaison.objects.active().filter(user=user).exclude(unit=unit).select_related("unit").first()
    if other_term:
        raise InvalidState(
            _("%(user)s 现为 %(unit)s 的联络员，请先为该单位任命新的联络员。")
            % {"user": user.get_username(), "unit": other_term.unit}
        )

    current = Liaison.objects.active().filter(unit=unit).select_related("user").first()
    if current and current.user_id == user.pk:
        raise InvalidState(_("%(user)s 已是 %(unit)s 的联络员。") % {"user": user.get_username(), "unit": unit})
    if current:
        if start_date <= current.start_date:
            raise InvalidState(_("新任联络员的起始日期须晚于现任联络员的起始日期。"))
        current.end_date = start_date - datetime.timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["end_date"])
        permissions.revoke_unit(current.user, unit)
        permissions.forget(current.user)
        audit.record(current, "coordination.liaison.end", actor=actor, changes={"end_date": str(current.end_date)})

    liaison = Liaison(unit=unit, user=user, start_date=start_date, position=position, phone=phone)
    liaison.full_clean()
    liaison.save()
    permissions.grant_unit(user, unit)
    permissions.forget(user)
    audit.record(
        liaison,
        "coordination.liaison.appoint",
        actor=actor,
        changes={"unit": unit.short_name, "user": user.get_username(), "start_date": str(start_date)},
        note=_("接替 %(name)s") % {"name": current.user.get_username()} if current else "",
    )
    notification_send(
        recipients=[user],
        title=_("您已被任命为%(unit)s联络员") % {"unit": unit.short_name},
        body=_("自 %(date)s 起，您代表%(unit)s办理联席会议事项。") % {"date": start_date, "unit": unit.short_name},
        url=reverse("workbench:dashboard"),
    )
    return liaison
