"""Requests for government information (依申请公开) under the 政府信息公开条例.

A citizen or an organisation applies on the public site and follows the request with its number
(受理编号) and a secret shown once. The office answers within 20 working days of receipt, may
extend once by at most 20, and may ask once for a correction (补正), after which the period runs
again from the day the correction arrives. Answers are coded as the rows of the annual report's
table (`Outcome`, `Reason`), and the applicant's kind as its columns (`ApplicantColumn`).

Everything about the applicant is personal data: the request's `str()` (used by the audit trail
and logs) is its number only, and nothing here is indexed, listed or fed to the public.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .labels import ChoiceLabels


class ApplicantColumn(models.TextChoices):
    """The columns of the annual report's table of requests."""

    NATURAL = "natural", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


class Reason(models.TextChoices):
    # 不予公开 (also the reason for the withheld part of 部分公开)
    STATE_SECRET = "state_secret", _("属于国家秘密")
    LAW_FORBIDS = "law_forbids", _("其他法律行政法规禁止公开")
    THREE_SAFETIES = "three_safeties", _("危及“三安全一稳定”")
    THIRD_PARTY = "third_party", _("保护第三方合法权益")
    INTERNAL_AFFAIRS = "internal_affairs", _("属于三类内部事务信息")
    PROCESS_INFO = "process_info", _("属于四类过程性信息")
    ENFORCEMENT_FILE = "enforcement_file", _("属于行政执法案卷")
    ADMIN_QUERY = "admin_query", _("属于行政查询事项")
    # 无法提供
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
    NEEDS_MAKING = "needs_making", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    # 不予处理
    PETITION = "petition", _("信访举报投诉类申请")
    REPEATED = "repeated", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    MASS_REQUESTS = "mass_requests", _("无正当理由大量反复申请")
    CONFIRM_OBTAINED = "confirm_obtained", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理
    NO_CORRECTION = "no_correction", _("申请人无正当理由逾期不补正")
    UNPAID_FEE = "unpaid_fee", _("申请人逾期未按收费通知要求缴纳费用")
    OTHER = "other", _("其他")


WITHHOLDING_REASONS = [
    Reason.STATE_SECRET,
    Reason.LAW_FORBIDS,
    Reason.THREE_SAFETIES,
    Reason.THIRD_PARTY,
    Reason.INTERNAL_AFFAIRS,
    Reason.PROCESS_INFO,
    Reason.ENFORCEMENT_FILE,
    Reason.ADMIN_QUERY,
]
# The reasons each outcome takes, in the order of the annual report's rows.
OUTCOME_REASONS = {
    Outcome.GRANTED: [],
    Outcome.PARTIAL: WITHHOLDING_REASONS,
    Outcome.WITHHELD: WITHHOLDING_REASONS,
    Outcome.UNAVAILABLE: [Reason.NOT_HELD, Reason.NEEDS_MAKING, Reason.STILL_UNCLEAR],
    Outcome.NOT_PROCESSED: [
        Reason.PETITION,
        Reason.REPEATED,
        Reason.PUBLICATION,
        Reason.MASS_REQUESTS,
        Reason.CONFIRM_OBTAINED,
    ],
    Outcome.OTHER: [Reason.NO_CORRECTION, Reason.UNPAID_FEE, Reason.OTHER],
}


class DisclosureRequest(ChoiceLabels):
    """One application for government information, from receipt to the answer letter."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("办理中")
        CORRECTION = "correction", _("待补正")
        ANSWERED = "answered", _("已答复")

    class ApplicantKind(models.TextChoices):
        NATURAL = "natural", _("自然人")
        ORGANISATION = "organisation", _("法人或其他组织")

    class OrganisationKind(models.TextChoices):
        BUSINESS = "business", _("商业企业")
        RESEARCH = "research", _("科研机构")
        PUBLIC_INTEREST = "public_interest", _("社会公益组织")
        LEGAL = "legal", _("法律服务机构")
        OTHER = "other", _("其他")

    class Delivery(models.TextChoices):
        PAPER = "paper", _("纸质")
        EMAIL = "email", _("电子邮件")
        DISC = "disc", _("光盘")
        IN_PERSON = "in_person", _("当面查阅、抄录")

    class Receipt(models.TextChoices):
        POST = "post", _("邮寄")
        EMAIL = "email", _("电子邮件")
        PICKUP = "pickup", _("自行领取")

    number = models.CharField(_("受理编号"), max_length=40, unique=True)
    secret_hash = models.CharField(max_length=64)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)

    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind.choices)
    organisation_kind = models.CharField(_("组织类型"), max_length=20, choices=OrganisationKind.choices, blank=True)
    applicant_name = models.CharField(_("姓名或名称"), max_length=100)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    contact_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    identity_document = models.FileField(
        _("身份证明"), storage=private_storage, upload_to="disclosure/identity", blank=True
    )
    identity_document_name = models.CharField(max_length=200, blank=True)

    description = models.TextField(_("所需信息的内容描述"))
    document_reference = models.CharField(_("文件名称或文号"), max_length=200, blank=True)
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    delivery = models.CharField(_("提供形式"), max_length=20, choices=Delivery.choices)
    receipt = models.CharField(_("获取方式"), max_length=20, choices=Receipt.choices)

    received_on = models.DateField(_("收到申请日期"))
    clock_started_on = models.DateField(_("答复期限起算日"))
    deadline = models.DateField(_("答复期限"))
    extension_workdays = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    extended_on = models.DateField(_("延期日期"), null=True, blank=True)

    correction_request = models.TextField(_("补正要求"), blank=True)
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    correction_text = models.TextField(_("补正内容"), blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)

    outcome = models.CharField(_("答复类型"), max_length=20, choices=Outcome.choices, blank=True)
    reason = models.CharField(_("理由"), max_length=30, choices=Reason.choices, blank=True)
    referral_body = models.CharField(_("告知的负责机关"), max_length=200, blank=True)
    answer_text = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    letter_number = models.CharField(_("答复书文号"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="disclosure_open_by_deadline")]

    def __str__(self) -> str:  # the audit trail's label: never the applicant
        return self.number


class DisclosureNotice(ChoiceLabels):
    """What the applicant is told (extension, correction, answer): shown on the tracking page and,
    when an address was given, e-mailed once (`emailed_at`)."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("延期答复告知")
        CORRECTION = "correction", _("补正告知")
        ANSWER = "answer", _("答复")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} {self.kind}"


class DisclosureAttachment(models.Model):
    """A file of the released information: private, read by the office and by the applicant."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="disclosure/released")
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class DisclosureReminderLog(models.Model):
    """A reminder to the office before a request's deadline, sent once per stage and deadline."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField()
    stage = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "deadline", "stage"], name="disclosure_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.stage}"
