"""Action items (督办事项): work a lead unit owes, with co-units, by a deadline."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import grading
from ..storage import private_storage
from .expressions import InSubquery
from .labels import ChoiceLabels
from .meetings import AgreedItem
from .units import MemberUnit

DUE_SOON_DAYS = 7


class ActionItemQuerySet(models.QuerySet):
    def for_unit(self, unit: MemberUnit) -> "ActionItemQuerySet":
        """The items `unit` leads or supports; co-units by a subquery, so no join (nor DISTINCT
        over every column, which made a liaison's list and its count sort all their items)."""
        supported = ActionItem.co_units.through.objects.filter(memberunit=unit).values("actionitem_id")
        return self.filter(models.Q(lead_unit=unit) | models.Q(InSubquery("pk", supported)))

    def open(self) -> "ActionItemQuerySet":
        return self.exclude(status__in=ActionItem.FINISHED_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> "ActionItemQuerySet":
        """In SQL what `ActionItem.is_overdue` says of one item."""
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def with_light(self, today: datetime.date | None = None) -> "ActionItemQuerySet":
        """Annotate `latest_percent` (the newest progress reported with a percent) and `light`
        (see `coordination.grading`), so lists can filter, count and sort by the light in SQL."""
        latest = ProgressReport.objects.filter(action_item=models.OuterRef("pk"), percent__isnull=False)
        graded = {"percent_field": "latest_percent", "today": today or timezone.localdate()}
        return (
            self.annotate(latest_percent=models.Subquery(latest.order_by("-created_at", "-pk").values("percent")[:1]))
            .annotate(light=grading.light_expression(**graded))
            .annotate(light_rank=grading.rank_expression(**graded))
        )


class ActionItem(ChoiceLabels):
    """An agreed item, a standing measure or an office assignment, as work to supervise.

    Whether an item is overdue or due soon is computed from its deadline and status on every
    read, never stored, so it cannot go stale.
    """

    class Source(models.TextChoices):
        AGREED_ITEM = "agreed_item", _("会议议定事项")
        STANDING_MEASURE = "standing_measure", _("政策文件常态化措施")
        PROPOSAL = "proposal", _("建议提案办理")
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
    proposal = models.OneToOneField(
        "coordination.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="action_item"
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
    external_cooperators = models.CharField(
        _("外部协作单位"),
        max_length=300,
        blank=True,
        help_text=_("文件写明的负责机构中不是成员单位的，如：区委文明办"),
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True, help_text=_("常态化措施可不设时限"))
    original_deadline = models.DateField(_("原定时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    status_reason = models.CharField(_("退回或撤销理由"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        indexes = [
            # The home's and the list's "by status, by deadline" (已报办结待审核, a status filter).
            models.Index(fields=["status", "deadline", "id"], name="item_status_deadline"),
            # The default order (the API's list): a page read from the index, not a sort of every item.
            models.Index(fields=["deadline", "id"], name="item_deadline"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workbench:item", args=[self.pk])

    def _today(self) -> datetime.date:
        return timezone.localdate()

    @classmethod
    def overdue_on(cls, *, deadline: datetime.date | None, status: str, today: datetime.date) -> bool:
        """Whether an item with this deadline and status is overdue on `today` (also for rows read as tuples)."""
        return bool(deadline) and status not in cls.FINISHED_STATUSES and deadline < today

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(deadline=self.deadline, status=self.status, today=self._today())

    @property
    def closed_on_time(self) -> bool | None:
        """For closed items: whether they closed by the deadline in force."""
        if self.status != self.Status.CLOSED or not self.closed_at:
            return None
        return not self.deadline or timezone.localdate(self.closed_at) <= self.deadline

    @property
    def grade(self) -> grading.Light:
        """This item's light; uses the `with_light()` annotations when the item came with them."""
        if hasattr(self, "light"):
            return grading.Light(self.light)
        if hasattr(self, "latest_percent"):
            percent = self.latest_percent
        else:
            latest = self.reports.filter(percent__isnull=False).order_by("-created_at", "-pk").first()
            percent = latest.percent if latest else None
        return grading.grade(deadline=self.deadline, status=self.status, percent=percent, today=self._today())

    @property
    def is_due_soon(self) -> bool:
        if not self.deadline or self.status in self.FINISHED_STATUSES:
            return False
        return 0 <= (self.deadline - self._today()).days <= DUE_SOON_DAYS


class ProgressReport(models.Model):
    """A unit's progress (进展) on an action item; co-units' reports reach the lead unit."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("报告单位"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), null=True, blank=True)
    is_completion = models.BooleanField(_("报办结"), default=False)
    created_at = models.DateTimeField(_("报告时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_percent_at_most_100")
        ]
        indexes = [
            # An item's latest reported percent (`with_light()`), read from the index alone.
            models.Index(
                fields=["action_item", "-created_at", "-id"],
                include=["percent"],
                condition=models.Q(percent__isnull=False),
                name="progress_latest_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_item} · {self.unit}"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="progress/", storage=private_storage)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20)
    size = models.PositiveIntegerField(_("大小"))

    def __str__(self) -> str:
        return self.name


class ExtensionRequest(ChoiceLabels):
    """A lead unit's request to move the deadline (延期申请); the original stays on the item."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        REFUSED = "refused", _("不同意")

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("延期理由"))
    new_deadline = models.DateField(_("申请延至"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        constraints = [
            models.UniqueConstraint(
                fields=["action_item"], condition=models.Q(status="pending"), name="one_pending_extension_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_item} → {self.new_deadline}"


class Urge(models.Model):
    """The office's urging notice (催办) to a unit, which the unit must acknowledge."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="urges")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="urges", verbose_name=_("被催办单位"))
    text = models.TextField(_("催办内容"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("催办")
        verbose_name_plural = _("催办")

    def __str__(self) -> str:
        return f"{self.action_item} · {self.unit}"


class Escalation(models.Model):
    """A red item reported up to the convenors and the office (升级督办), once per deadline.

    An item is escalated the first time it is graded red under a given deadline. If it stays red,
    turns yellow again after a progress report, or goes red a second time before the same deadline,
    nothing more is sent: the convenors already know. An approved extension gives the item a new
    deadline; if it turns red under that one, it is escalated again. The unique key makes a rerun
    or a second scheduler send nothing twice.
    """

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="escalations")
    deadline = models.DateField(_("当时的完成时限"))
    escalated_at = models.DateTimeField(_("升级时间"), auto_now_add=True)

    class Meta:
        ordering = ["-escalated_at"]
        verbose_name = _("升级督办")
        verbose_name_plural = _("升级督办")
        constraints = [models.UniqueConstraint(fields=["action_item", "deadline"], name="escalation_once_per_deadline")]

    def __str__(self) -> str:
        return f"{self.action_item} {self.deadline}"


class Circular(models.Model):
    """A progress circular (通报) for a period: each unit's items, completed and overdue, frozen at issue."""

    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    doc_number = models.CharField(_("文号"), max_length=60, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    snapshot = models.JSONField(_("各单位情况"), default=list)
    issued_at = models.DateTimeField(_("印发时间"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(_("PDF"), upload_to="circulars/", storage=private_storage, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}"
