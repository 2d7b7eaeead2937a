"""Meetings of the joint meeting, their agenda topics, minutes and the units' consent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .labels import ChoiceLabels
from .units import MemberUnit


class Meeting(ChoiceLabels):
    """A regular (例会) or ad-hoc (临时会议) meeting, numbered within its year."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("例会")
        AD_HOC = "ad_hoc", _("临时会议")

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        NOTIFIED = "notified", _("已通知")
        HELD = "held", _("已召开")
        MINUTES_ISSUED = "minutes_issued", _("纪要已印发")
        CANCELLED = "cancelled", _("已取消")

    kind = models.CharField(_("会议类型"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("年内序号"))
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_meetings", verbose_name=_("主持人")
    )
    topic_deadline = models.DateTimeField(_("议题征集截止"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True)
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    past_reason = models.CharField(
        _("补录理由"), max_length=300, blank=True, help_text=_("安排时会议时间已过的，说明理由（如补录已召开的会议）")
    )
    observers = models.TextField(
        _("列席人员"), blank=True, help_text=_("不在成员单位名单中的列席人员，每行一位：单位、姓名（职务）")
    )
    # RFC 5545 SEQUENCE: raised on every change of time, place or state, so calendar apps update the event.
    sequence = models.PositiveIntegerField(_("日历版本"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_meeting_number_per_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workbench:meeting", args=[self.pk])

    @property
    def observer_lines(self) -> list[str]:
        return [line.strip() for line in self.observers.splitlines() if line.strip()]

    @property
    def title(self) -> str:
        # One format string, so a translation can order the parts as its language needs.
        return gettext("%(year)s年第%(number)s次%(kind)s") % {
            "year": self.year,
            "number": self.number,
            "kind": self.get_kind_display(),
        }


class Attendance(ChoiceLabels):
    """An invited unit at a meeting: who the liaison says will attend, and what the office recorded."""

    class Status(models.TextChoices):
        UNKNOWN = "unknown", _("未登记")
        PRESENT = "present", _("出席")
        ABSENT = "absent", _("缺席")
        LEAVE = "leave", _("请假")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("单位"))
    planned_attendee = models.CharField(_("拟出席人员"), max_length=100, blank=True)
    status = models.CharField(_("出席情况"), max_length=10, choices=Status.choices, default=Status.UNKNOWN)
    attendee = models.CharField(_("出席人员"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("签到登记时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["unit__order"]
        verbose_name = _("参会单位")
        verbose_name_plural = _("参会单位")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="unique_attendance_per_unit")]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.unit}"


class AgendaTopic(ChoiceLabels):
    """A topic (议题) proposed by a unit or added by the office; the office decides its fate."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审")
        ACCEPTED = "accepted", _("已列入议程")
        DEFERRED = "deferred", _("暂缓")
        DECLINED = "declined", _("不予列入")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="topics", verbose_name=_("会议"))
    unit = models.ForeignKey(
        MemberUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
        verbose_name=_("提出单位"),
        help_text=_("办公室自行提出的议题为空"),
    )
    title = models.CharField(_("议题"), max_length=200)
    background = models.TextField(_("背景情况"))
    decision_requested = models.TextField(_("提请会议研究的事项"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    agenda_order = models.PositiveSmallIntegerField(_("议程顺序"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    carried_from = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_to",
        verbose_name=_("转自暂缓议题"),
        help_text=_("上次会议暂缓、转入本次会议的议题；每个暂缓议题只能转入一次"),
    )

    class Meta:
        ordering = ["agenda_order", "proposed_at"]
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agenda_order"], condition=Q(agenda_order__isnull=False), name="unique_agenda_slot"
            )
        ]

    def __str__(self) -> str:
        return self.title


class TopicAttachment(models.Model):
    topic = models.ForeignKey(AgendaTopic, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="topics/", storage=private_storage)
    name = models.CharField(_("文件名"), max_length=200)

    def __str__(self) -> str:
        return self.name


class Minutes(ChoiceLabels):
    """The minutes (会议纪要) of a held meeting: drafted, agreed by the units, issued.

    `version` increases with every saved revision; a save that names an older version is refused,
    so two office users editing at once never overwrite each other.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("起草中")
        IN_CONSENT = "in_consent", _("征求意见中")
        CONSENT_CLOSED = "consent_closed", _("意见征求完毕")
        ISSUED = "issued", _("已印发")

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    copies_to = models.CharField(_("抄送"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_on = models.DateField(_("上报区政府日期"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="minutes/", storage=private_storage, blank=True)
    pdf_fingerprint = models.CharField(max_length=64, blank=True, help_text=_("生成 PDF 时内容的摘要"))

    class Meta:
        verbose_name = _("会议纪要")
        verbose_name_plural = _("会议纪要")
        constraints = [
            models.UniqueConstraint(fields=["doc_number"], condition=~Q(doc_number=""), name="unique_minutes_number")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workbench:minutes", args=[self.pk])


class AgreedItem(models.Model):
    """An agreed item (议定事项) of the minutes: who leads, who helps, by when, with what result."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="agreed_items")
    order = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("事项"), max_length=300)
    lead_unit = models.ForeignKey(
        MemberUnit, on_delete=models.PROTECT, related_name="led_agreed_items", verbose_name=_("牵头单位")
    )
    co_units = models.ManyToManyField(
        MemberUnit, blank=True, related_name="supported_agreed_items", verbose_name=_("配合单位")
    )
    deadline = models.DateField(_("完成时限"))
    expected_result = models.CharField(_("预期成果"), max_length=300, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")

    def __str__(self) -> str:
        return self.title


class MinutesRevision(models.Model):
    """Every saved state of the minutes, kept so revisions can be compared."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("版本"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    agreed_items = models.JSONField(_("议定事项"), default=list)
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["minutes", "version"], name="unique_minutes_version")]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.version}"

    def as_text(self) -> str:
        """The revision as plain text, the form in which two revisions are compared."""
        lines = [self.title, "", *self.body.splitlines(), "", gettext("议定事项：")]
        for item in self.agreed_items:
            co = "、".join(item["co_units"]) or gettext("无")
            lines.append(
                gettext("%(order)s. %(title)s（牵头：%(lead)s；配合：%(co)s；时限：%(deadline)s）")
                % {
                    "order": item["order"],
                    "title": item["title"],
                    "lead": item["lead_unit"],
                    "co": co,
                    "deadline": item["deadline"],
                }
            )
        return "\n".join(lines)


class ConsentRound(models.Model):
    """One circulation of a minutes revision to the attending units for their consent."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="consent_rounds")
    revision = models.ForeignKey(MinutesRevision, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("轮次"))
    deadline = models.DateTimeField(_("反馈截止"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_consent_round_number"),
            models.UniqueConstraint(
                fields=["minutes"], condition=Q(closed_at__isnull=True), name="one_open_consent_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} 第{self.number}轮"


class ConsentAnswer(ChoiceLabels):
    """A unit's answer in a consent round: agree, or ask for changes; silence may count as consent."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("未反馈")
        # The same words are the choices of the consent form; here they are what a unit answered.
        AGREE = "agree", pgettext_lazy("consent answer", "同意")
        CHANGES = "changes", pgettext_lazy("consent answer", "提出修改意见")
        SILENCE = "silence", _("逾期未反馈，视为同意")

    round = models.ForeignKey(ConsentRound, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    answer = models.CharField(_("意见"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    comment = models.TextField(_("修改意见"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    silence_reason = models.CharField(_("视为同意的理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["unit__order"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unique_consent_answer_per_unit")]

    def __str__(self) -> str:
        return f"{self.round} · {self.unit}: {self.get_answer_display()}"


class MeetingReminderLog(models.Model):
    """A reminder about a meeting that was sent: minutes late, consent deadline near.

    The unique key makes each reminder go out once: the row is written in the same transaction as
    the notifications, so a second scheduler or a retried job finds it and sends nothing.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=30)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="meeting_reminder_once")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.kind}"
