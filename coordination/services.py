"""Every write of the coordination domain.

Each service is keyword-only, checks permission and state, validates with `full_clean()`,
writes the audit trail and queues its side effects with `transaction.on_commit`, so the
admin, the workbench, the API and Celery tasks all behave the same.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, permissions
from .errors import InvalidState, NotPermitted
from .models import Liaison, MemberUnit, Notification

User = get_user_model()


def notification_send(*, recipients: Iterable, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Notify users in the workbench and, after commit, by e-mail (one Celery task each)."""
    from .tasks import deliver_notification_email

    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, url=url) for user in {u.pk: u for u in recipients}.values()
    )
    for notification in notifications:
        transaction.on_commit(lambda pk=notification.pk: deliver_notification_email.delay(pk))
    return notifications


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
    if not permissions.can_manage_membership(actor):
        raise NotPermitted(_("只有联席会议办公室可以任命联络员。"))
    unit = MemberUnit.objects.select_for_update().get(pk=unit.pk)
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
        audit.record(current, "coordination.liaison.end", actor=actor, changes={"end_date": str(current.end_date)})

    liaison = Liaison(unit=unit, user=user, start_date=start_date, position=position, phone=phone)
    liaison.full_clean()
    liaison.save()
    permissions.grant_unit(user, unit)
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
    )
    return liaison
