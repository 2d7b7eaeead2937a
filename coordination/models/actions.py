"""Action items (督办事项): work a lead unit owes, with co-units, by a deadline."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import AgreedItem
from .units import MemberUnit

DUE_SOON_DAYS = 7


class ActionItemQuerySet(models.QuerySet):
    def for_unit(self, unit: MemberUnit) -> "ActionItemQuerySet":
        return self.filter(models.Q(lead_unit=unit) | models.Q(co_units=unit)).distinct()

    def open(self) -> "ActionItemQuerySet":
        return self.exclude(status__in=ActionItem.FINISHED_STATUSES)


class ActionItem(models.Model):
    """An agreed item, a standing measure or an office assignment, as work to supervise.

    Whether an item is overdue or due soon is computed from its deadline and status on every
    read, never stored, so it cannot go stale.
    """

    class Source(models.TextChoices):
        AGREED_ITEM = "agreed_item", _("会议议定事项")
        STANDING_MEASURE = "standing_measure", _("政策文件常态化措施")
        OFFICE = "office", _("办公室交办")

    class Status(models.TextChoices):
        OPEN = "open", _("待办")
        IN_PROGRESS = "in_progress", _("办理中")
        COMPLETION_REPORTED = "completion_reported", _("已报办结")
        CLOSED = "closed", _("已办结")
        CANCELLED = "cancelled", _("已撤销")

    FINISHED_STATUSES = (Status.CLOSED, Status.CANCELLED)

    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    agreed_item = models.OneToOneField(
        AgreedItem, null=True, blank=True, on_delete=models.PROTECT, related_name="action_item"
    )
    source_reference = models.CharField(
        _("来源文件"), max_length=200, blank=True, help_text=_("如：宝陈政办发〔2022〕45号 第3条")
    )
    title = models.CharField(_("事项"), max_length=300)
    description = models.TextField(_("具体要求"), blank=True)
    lead_unit = models.ForeignKey(
        MemberUnit, on_delete=models.PROTECT, related_name="led_action_items", verbose_name=_("牵头单位")
    )
    co_units = models.ManyToManyField(
        MemberUnit, blank=True, related_name="supported_action_items", verbose_name=_("配合单位")
    )
    towns_carry_out = models.BooleanField(_("各镇街负责落实"), default=False)
    deadline = models.DateField(_("完成时限"), null=True, blank=True, help_text=_("常态化措施可不设时限"))
    original_deadline = models.DateField(_("原定时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")

    def __str__(self) -> str:
        return self.title

    def _today(self) -> datetime.date:
        return timezone.localdate()

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline) and self.status not in self.FINISHED_STATUSES and self.deadline < self._today()

    @property
    def is_due_soon(self) -> bool:
        if not self.deadline or self.status in self.FINISHED_STATUSES:
            return False
        return 0 <= (self.deadline - self._today()).days <= DUE_SOON_DAYS
