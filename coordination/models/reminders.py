"""What the deadline reminders sent: one row per item and cadence stage, one digest per unit and day."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .actions import ActionItem
from .labels import ChoiceLabels
from .units import MemberUnit


class ReminderLog(models.Model):
    """One stage of an item's reminder cadence that was sent (see `coordination.cadence`).

    The unique key is what makes each stage go out once under a deadline: the scan inserts these
    rows in the same transaction as the digests, so a rerun, a second scheduler or a retried task
    finds them and sends nothing again. A new deadline (an approved extension) starts the cadence
    over. `day` is the day the stage went out, in the digest of that day.
    """

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField(_("当时的完成时限"))
    stage = models.CharField(_("提醒阶段"), max_length=20)
    day = models.DateField(_("提醒日期"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("到期提醒记录")
        verbose_name_plural = _("到期提醒记录")
        constraints = [
            models.UniqueConstraint(fields=["action_item", "deadline", "stage"], name="reminder_once_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.action_item} {self.stage} {self.day}"


class ReminderDigest(ChoiceLabels):
    """A day's digest: the reminders to a unit's liaisons or (no unit) to the office, or the red items
    escalated to the convenors and the office. At most one of each a day, kept by the unique keys."""

    class Kind(models.TextChoices):
        REMINDERS = "reminders", _("到期提醒")
        ESCALATIONS = "escalations", _("红灯事项升级督办")

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.REMINDERS)
    unit = models.ForeignKey(
        MemberUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("成员单位")
    )
    day = models.DateField(_("日期"))
    entries = models.PositiveIntegerField(_("事项数"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("每日提醒汇总")
        verbose_name_plural = _("每日提醒汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit", "day"], condition=models.Q(unit__isnull=False), name="one_unit_digest_per_day"
            ),
            models.UniqueConstraint(
                fields=["kind", "day"], condition=models.Q(unit__isnull=True), name="one_office_digest_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit or '—'} {self.day}"


class DigestLog(models.Model):
    """The office's weekly digest that was sent; one row per week keeps it to one digest."""

    week = models.DateField(unique=True, help_text=_("该周的星期一"))
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.week)
