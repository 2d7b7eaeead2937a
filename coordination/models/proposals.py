"""Deputies' suggestions (建议), members' proposals (提案) and the units' reply letters (复函)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .labels import ChoiceLabels
from .units import MemberUnit


class ReplyRound(models.IntegerChoices):
    FIRST = 1, _("首次答复")
    SECOND = 2, _("再次答复")


class Proposal(ChoiceLabels):
    """A suggestion of an NPC deputy or a proposal of a CPPCC member, assigned to a lead unit.

    Its status follows the handling; the reply letters are `Reply` rows (a new one after an
    unsatisfied rating), the deadlines sit here so supervision treats them like action items.
    """

    class Kind(models.TextChoices):
        NPC = "npc", _("人大代表建议")
        CPPCC = "cppcc", _("政协委员提案")

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("已交办")
        IN_HANDLING = "in_handling", _("办理中")
        REPLY_DRAFTED = "reply_drafted", _("答复已起草")
        SIGNED_OFF = "signed_off", _("已签发")
        REPLIED = "replied", _("已答复")
        CLOSED = "closed", _("已办结")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    session = models.CharField(_("届次会议"), max_length=60, help_text=_("如：区第十八届人大第二次会议"))
    number = models.CharField(_("编号"), max_length=20, help_text=_("按原样填写，如 138 或 d062"))
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"), blank=True)
    received_on = models.DateField(_("收到日期"))
    lead_unit = models.ForeignKey(
        MemberUnit, on_delete=models.PROTECT, related_name="led_proposals", verbose_name=_("主办单位")
    )
    co_units = models.ManyToManyField(
        MemberUnit, blank=True, related_name="supported_proposals", verbose_name=_("协办单位")
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ASSIGNED)
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    deadline = models.DateField(_("答复时限"), null=True, blank=True)
    original_deadline = models.DateField(_("原定时限"), null=True, blank=True)
    co_opinion_deadline = models.DateField(_("协办意见时限"), null=True, blank=True)
    rating = models.CharField(_("测评意见"), max_length=12, choices=Rating.choices, blank=True)
    rated_on = models.DateField(_("测评日期"), null=True, blank=True)
    # 1 while the first reply is owed; 2 once an unsatisfied rating asked for a second reply
    # (再次答复), due a month after the rating. There is no third round: the second reply's rating closes.
    reply_round = models.PositiveSmallIntegerField(_("答复轮次"), choices=ReplyRound.choices, default=ReplyRound.FIRST)
    return_reason = models.CharField(_("退回理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_on", "session", "number"]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        constraints = [
            models.UniqueConstraint(fields=["kind", "session", "number"], name="unique_proposal_number_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.session} 第{self.number}号 {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("workbench:proposal", args=[self.pk])

    @property
    def owes_second_reply(self) -> bool:
        """Rated 不满意 after the first reply: a second reply (再次答复) is, or was, owed."""
        return self.reply_round == ReplyRound.SECOND

    @property
    def proposer_role(self) -> str:
        return "代表" if self.kind == self.Kind.NPC else "委员"

    @property
    def document_word(self) -> str:
        return "建议" if self.kind == self.Kind.NPC else "提案"


class Proposer(models.Model):
    """A deputy or member who filed a proposal; contact details are never shown to the public."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="proposers")
    name = models.CharField(_("姓名"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("提出人")
        verbose_name_plural = _("提出人")

    def __str__(self) -> str:
        return self.name


class ReplyQuerySet(models.QuerySet):
    def disclosed(self) -> "ReplyQuerySet":
        """Replies the public may read: signed off and marked for proactive disclosure; an imported
        letter only once the office has confirmed its disclosure on a preview."""
        return self.filter(
            Q(imported=False) | Q(disclosure_confirmed_at__isnull=False),
            status__in=Reply.PUBLIC_STATUSES,
            disclosure=Reply.Disclosure.PROACTIVE,
        )


class Reply(ChoiceLabels):
    """A unit's reply letter (复函) to a proposal, with the parts of the letter as fields."""

    class Category(models.TextChoices):
        A = "A", _("A类：已解决或采纳")
        B = "B", _("B类：正在解决或列入计划解决")
        C = "C", _("C类：因条件限制暂时无法解决或留作参考")

    class Disclosure(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")
        NOT_DISCLOSED = "not_disclosed", _("不予公开")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SIGNED_OFF = "signed_off", _("已签发")
        SENT = "sent", _("已答复")

    PUBLIC_STATUSES = (Status.SIGNED_OFF, Status.SENT)

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="replies", verbose_name=_("建议提案"))
    round = models.PositiveSmallIntegerField(_("答复轮次"), choices=ReplyRound.choices, default=ReplyRound.FIRST)
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="replies", verbose_name=_("答复单位"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    signer = models.CharField(_("签发人"), max_length=40, blank=True)
    reply_date = models.DateField(_("答复日期"), null=True, blank=True)
    category = models.CharField(_("答复类别"), max_length=1, choices=Category.choices, blank=True)
    addressee = models.CharField(_("称谓"), max_length=60, blank=True, help_text=_("如：高曦代表"))
    body = models.TextField(_("正文"), blank=True)
    contact_person = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    copies_to = models.CharField(_("抄送"), max_length=300, blank=True)
    disclosure = models.CharField(
        _("公开方式"), max_length=16, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    non_disclosure_reason = models.CharField(_("不予公开理由"), max_length=300, blank=True)
    index_number = models.CharField(_("索引号"), max_length=80, blank=True)
    # The proposer's rating of this letter (the proposal keeps the latest one).
    rating = models.CharField(_("测评意见"), max_length=12, choices=Proposal.Rating.choices, blank=True)
    rated_on = models.DateField(_("测评日期"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    # The day the letter reached the deputy or member: the date the on-time rate counts. A signed
    # letter that was never sent has not answered anyone, whatever date it bears.
    sent_on = models.DateField(_("答复送达日期"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A letter sent before the portal, recorded from its text: its parts are as found (blank when the
    # letter did not show them), and it is public only after the office confirms on a preview.
    imported = models.BooleanField(_("导入的既往答复"), default=False)
    disclosure_confirmed_at = models.DateTimeField(_("确认公开时间"), null=True, blank=True)
    disclosure_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["-reply_date", "-pk"]
        # The public lists' order: their first page (the home page's latest, a unit's replies) is
        # read from the index instead of sorting every disclosed reply joined to its proposal.
        indexes = [models.Index(fields=["-reply_date", "-id"], name="reply_date_order")]
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        constraints = [
            models.UniqueConstraint(fields=["index_number"], condition=~Q(index_number=""), name="unique_reply_index"),
            models.UniqueConstraint(
                fields=["unit", "doc_number"], condition=~Q(doc_number=""), name="unique_reply_doc"
            ),
            # One letter per round; an imported letter is a record of the past and may stand beside them.
            models.UniqueConstraint(
                fields=["proposal", "round"], condition=Q(imported=False), name="unique_reply_round"
            ),
            models.CheckConstraint(
                condition=~Q(disclosure="not_disclosed") | ~Q(non_disclosure_reason=""),
                name="non_disclosure_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        p = self.proposal
        second = "（再次答复）" if self.round == ReplyRound.SECOND else ""
        return f"对{p.session}第{p.number}号{p.document_word}的复函{second}"

    @property
    def first_reply(self) -> "Reply | None":
        """The letter a second reply follows up (its 文号 and date are cited in the opening)."""
        if self.round != ReplyRound.SECOND:
            return None
        return self.proposal.replies.filter(round=ReplyRound.FIRST).order_by("-pk").first()

    @property
    def is_public(self) -> bool:
        confirmed = not self.imported or self.disclosure_confirmed_at is not None
        return confirmed and self.status in self.PUBLIC_STATUSES and self.disclosure == self.Disclosure.PROACTIVE

    @property
    def awaits_disclosure_confirmation(self) -> bool:
        """An imported letter marked 主动公开 that the office has not yet confirmed on a preview."""
        return self.imported and self.disclosure == self.Disclosure.PROACTIVE and not self.disclosure_confirmed_at


class CoOpinion(models.Model):
    """A co-unit's opinion (协办意见) given to the lead unit."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_opinions")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("协办单位"))
    text = models.TextField(_("协办意见"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("协办意见")

    def __str__(self) -> str:
        return f"{self.proposal} · {self.unit}"
