"""Handling a proposal as the rules of 建议提案办理 ask: contact with the proposer, co-units'
会签 of the reply, and the lead unit's own extension request."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .labels import ChoiceLabels
from .proposals import Proposal, Reply
from .units import MemberUnit


class ProposerContact(ChoiceLabels):
    """One contact of the handling unit with the deputy or member: 办前面商, 办中沟通 or 办后回访.

    The first one is due some working days after assignment (`workdays`, settings); what the
    proposer said is recorded in their own terms, with their view of the handling so far.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("办前面商")
        DURING = "during", _("办中沟通")
        AFTER = "after", _("办后回访")

    class Manner(models.TextChoices):
        FACE = "face", _("面商")
        PHONE = "phone", _("电话")
        FORUM = "forum", _("座谈")
        VISIT = "visit", _("走访")
        WRITTEN = "written", _("书面")
        OTHER = "other", _("其他")

    class View(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")
        NONE = "none", _("未表态")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("办理单位"))
    kind = models.CharField(_("沟通环节"), max_length=8, choices=Kind.choices)
    contacted_on = models.DateField(_("沟通日期"))
    manner = models.CharField(_("沟通方式"), max_length=8, choices=Manner.choices)
    summary = models.TextField(_("沟通情况"))
    view = models.CharField(_("代表委员意见"), max_length=12, choices=View.choices, default=View.NONE)
    contacted_by = models.CharField(_("沟通人"), max_length=100, help_text=_("如：王明 副局长、李华 科长"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contacted_on", "pk"]
        verbose_name = _("与代表委员沟通")
        verbose_name_plural = _("与代表委员沟通")

    def __str__(self) -> str:
        return f"{self.proposal} · {self.get_kind_display()} {self.contacted_on}"


class ContactReminderLog(models.Model):
    """A reminder that the first contact is late, sent once per assignment (the unique key)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="contact_reminders")
    assigned_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "assigned_on"], name="contact_reminder_once")]

    def __str__(self) -> str:
        return f"{self.proposal} {self.assigned_on}"


class Countersign(ChoiceLabels):
    """A co-unit's 会签 of one version of the lead unit's reply draft.

    `draft_stamp` is a hash of the letter's fields when the co-unit signed: a draft changed since
    then has another stamp, so the countersign no longer counts and is asked for again.
    """

    class Decision(models.TextChoices):
        AGREE = "agree", _("同意")
        AGREE_WITH_REMARKS = "remarks", _("原则同意，有修改意见")
        CHANGES = "changes", _("不同意，请修改")

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="countersigns")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("协办单位"))
    decision = models.CharField(_("会签意见"), max_length=8, choices=Decision.choices)
    remarks = models.TextField(_("意见说明"), blank=True)
    draft_stamp = models.CharField(max_length=64)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("会签")
        verbose_name_plural = _("会签")
        constraints = [
            models.CheckConstraint(condition=Q(decision="agree") | ~Q(remarks=""), name="countersign_remarks_needed")
        ]

    def __str__(self) -> str:
        return f"{self.reply} · {self.unit} · {self.get_decision_display()}"

    @property
    def agrees(self) -> bool:
        return self.decision != self.Decision.CHANGES


class CountersignWaiver(models.Model):
    """The office lets a reply go to sign-off without (all) co-units' 会签, saying why."""

    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, related_name="countersign_waiver")
    reason = models.CharField(_("免予会签理由"), max_length=300)
    waived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("免予会签")
        verbose_name_plural = _("免予会签")

    def __str__(self) -> str:
        return f"{self.reply} · {self.reason}"


class ProposalExtensionRequest(ChoiceLabels):
    """The lead unit's request to move a proposal's reply deadline (延期申请), decided by the office.

    Like an action item's `ExtensionRequest`, but on the proposal: its deadline is the one the
    supervised item mirrors, and the six-month limit after assignment applies.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        REFUSED = "refused", _("不同意")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="extension_requests")
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
        ordering = ["-created_at", "-pk"]
        verbose_name = _("建议提案延期申请")
        verbose_name_plural = _("建议提案延期申请")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(status="pending"), name="one_pending_extension_per_proposal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.new_deadline}"
