"""Requests for government information (依申请公开): receipt, extension, correction, answer.

The clock follows the 条例 in working days (`coordination.workdays`, with holidays and 调休):
the answer is due 20 working days after receipt; one extension adds at most 20; a request for a
correction (补正) stops the clock, and the correction's arrival starts the 20 days again. What
the applicant is told is a `DisclosureNotice`, on the tracking page and, when they gave an
address, e-mailed once through the outbox.
"""

import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import permissions, tasks
from coordination.errors import DomainError
from coordination.models import DisclosureAttachment, DisclosureNotice, DisclosureReminderLog, DisclosureRequest
from coordination.models.disclosure_requests import OUTCOME_REASONS, Outcome, Reason
from coordination.selectors.disclosure_requests import secret_digest
from coordination.uploads import validate_upload
from coordination.workdays import add_workdays, workdays_between

from .common import NOTE_LENGTH, REASON_LENGTH, TEXT_LENGTH, audit, check, lock, required_text, take_number, validated
from .notifications import notification_send
from .outbox import outbox_enqueue

logger = logging.getLogger(__name__)

NUMBER_SERIES = "disclosure"
LETTER_SERIES = "disclosure-letter"
IDENTITY_KINDS = {"pdf", "png", "jpg"}


def _to_applicant(message, **params) -> str:
    """What the applicant reads, in the portal's language whatever the office user reads."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message) % {name: str(value) for name, value in params.items()}


def _notify_applicant(request: DisclosureRequest, kind: str, message, **params) -> DisclosureNotice:
    text = _to_applicant(message, **params)
    notice = DisclosureNotice.objects.create(request=request, kind=kind, text=text)
    if request.contact_email:
        outbox_enqueue(tasks.deliver_disclosure_notice, notice.pk)
    return notice


def _checked_file(upload, kinds: set[str] | None = None) -> str:
    extension = validate_upload(upload)
    if kinds is not None and extension not in kinds:
        raise DomainError(_("文件“%(name)s”不是 PDF 或图片（PNG、JPEG）。") % {"name": upload.name})
    return extension


@transaction.atomic
def disclosure_request_submit(
    *,
    applicant_kind: str,
    organisation_kind: str = "",
    applicant_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    contact_address: str = "",
    description: str,
    document_reference: str = "",
    purpose: str = "",
    delivery: str,
    receipt: str,
    identity_document=None,
) -> tuple[DisclosureRequest, str]:
    """Receive an application from the public form; returns it with its secret (shown once, stored hashed)."""
    if applicant_kind == DisclosureRequest.ApplicantKind.NATURAL:
        organisation_kind = ""
    elif not organisation_kind:
        raise DomainError(_("请选择组织类型。"))
    if not (contact_phone or contact_email or contact_address):
        raise DomainError(_("请至少填写一种联系方式。"))
    if receipt == DisclosureRequest.Receipt.EMAIL and not contact_email:
        raise DomainError(_("选择以电子邮件获取的，请填写电子邮箱。"))
    if receipt == DisclosureRequest.Receipt.POST and not contact_address:
        raise DomainError(_("选择邮寄的，请填写通信地址。"))
    if identity_document is None:
        raise DomainError(_("请上传身份证明（身份证、营业执照等）的扫描件或照片。"))
    _checked_file(identity_document, IDENTITY_KINDS)
    today = timezone.localdate()
    secret = secrets.token_urlsafe(12)
    serial = take_number(NUMBER_SERIES, today.year)
    request = DisclosureRequest(
        number=settings.PORTAL_DISCLOSURE_NUMBER_PATTERN.format(year=today.year, serial=serial),
        secret_hash=secret_digest(secret),
        applicant_kind=applicant_kind,
        organisation_kind=organisation_kind,
        applicant_name=required_text(applicant_name, _("请填写姓名或名称。"), max_length=100),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        contact_address=contact_address.strip(),
        description=required_text(description, _("请描述所需的政府信息。"), max_length=NOTE_LENGTH),
        document_reference=document_reference.strip(),
        purpose=purpose.strip(),
        delivery=delivery,
        receipt=receipt,
        received_on=today,
        clock_started_on=today,
        deadline=add_workdays(today, settings.PORTAL_DISCLOSURE_ANSWER_WORKDAYS),
        identity_document_name=identity_document.name[:200],
    )
    validated(request)
    request.identity_document.save(identity_document.name, identity_document, save=False)
    request.save()
    audit.record(request, "coordination.disclosure.submit", actor=None, changes={"deadline": str(request.deadline)})
    notification_send(
        recipients=permissions.office_users(),
        title=_("新的政府信息公开申请：%(n)s") % {"n": request.number},
        body=_("答复期限：%(d)s。") % {"d": request.deadline},
        url=request_url(request),
    )
    return request, secret


def request_url(request: DisclosureRequest) -> str:
    return reverse("workbench:disclosure", args=[request.pk])


@transaction.atomic
def disclosure_request_extend(*, actor, request: DisclosureRequest, workdays: int, reason: str) -> DisclosureRequest:
    """Extend the period once, by at most 20 working days, telling the applicant why."""
    request = lock(request)
    check("disclosure.extend", actor, request)
    limit = settings.PORTAL_DISCLOSURE_MAX_EXTENSION_WORKDAYS
    if not 1 <= workdays <= limit:
        raise DomainError(_("延长的期限为 1 至 %(n)s 个工作日。") % {"n": limit})
    request.extension_reason = required_text(reason, _("请填写延期理由。"), max_length=REASON_LENGTH)
    old = request.deadline
    request.extension_workdays, request.extended_on = workdays, timezone.localdate()
    request.deadline = add_workdays(old, workdays)
    validated(request).save()
    audit.record(
        request,
        "coordination.disclosure.extend",
        actor=actor,
        changes={"deadline": [str(old), str(request.deadline)], "workdays": workdays},
        note=request.extension_reason,
    )
    _notify_applicant(
        request,
        DisclosureNotice.Kind.EXTENSION,
        gettext_lazy("因%(reason)s，答复期限延长 %(n)s 个工作日，至 %(d)s。"),
        reason=request.extension_reason.rstrip("。"),
        n=workdays,
        d=request.deadline,
    )
    return request


@transaction.atomic
def disclosure_request_ask_correction(*, actor, request: DisclosureRequest, text: str) -> DisclosureRequest:
    """Ask the applicant, once, to complete or clarify the request; the clock stops until they do."""
    request = lock(request)
    check("disclosure.request_correction", actor, request)
    request.correction_request = required_text(text, _("请写明需要补正的内容。"), max_length=NOTE_LENGTH)
    today = timezone.localdate()
    request.status = DisclosureRequest.Status.CORRECTION
    request.correction_requested_on = today
    request.correction_due = add_workdays(today, settings.PORTAL_DISCLOSURE_CORRECTION_WORKDAYS)
    validated(request).save()
    audit.record(
        request,
        "coordination.disclosure.request_correction",
        actor=actor,
        changes={"correction_due": str(request.correction_due)},
    )
    _notify_applicant(
        request,
        DisclosureNotice.Kind.CORRECTION,
        gettext_lazy("请于 %(d)s 前在查询页面补正：%(text)s"),
        d=request.correction_due,
        text=request.correction_request,
    )
    return request


@transaction.atomic
def disclosure_request_supply_correction(*, request: DisclosureRequest, text: str) -> DisclosureRequest:
    """The applicant supplies the correction (on the tracking page): the 20 working days start again."""
    request = lock(request)
    check("disclosure.supply_correction", None, request)
    request.correction_text = required_text(text, _("请填写补正内容。"), max_length=NOTE_LENGTH)
    today = timezone.localdate()
    request.status = DisclosureRequest.Status.RECEIVED
    request.correction_received_on = request.clock_started_on = today
    request.deadline = add_workdays(today, settings.PORTAL_DISCLOSURE_ANSWER_WORKDAYS)
    validated(request).save()
    audit.record(
        request, "coordination.disclosure.supply_correction", actor=None, changes={"deadline": str(request.deadline)}
    )
    notification_send(
        recipients=permissions.office_users(),
        title=_("申请人已补正：%(n)s") % {"n": request.number},
        body=_("答复期限重新计算至 %(d)s。") % {"d": request.deadline},
        url=request_url(request),
    )
    return request


def _closing(request: DisclosureRequest, outcome: str, reason: str, referral_body: str) -> None:
    if outcome not in Outcome.values:
        raise DomainError(_("请选择答复类型。"))
    allowed = OUTCOME_REASONS[Outcome(outcome)]
    if allowed and reason not in allowed:
        raise DomainError(_("请选择与答复类型相符的理由。"))
    if not allowed and reason:
        raise DomainError(_("予以公开的答复不填写理由。"))
    if referral_body and reason != Reason.NOT_HELD:
        raise DomainError(_("告知负责机关只用于“本机关不掌握相关政府信息”的答复。"))
    request.outcome, request.reason = outcome, reason
    request.referral_body = referral_body.strip()[:200]
    request.status = DisclosureRequest.Status.ANSWERED
    request.answered_on = timezone.localdate()
    request.letter_number = settings.PORTAL_DISCLOSURE_LETTER_PATTERN.format(
        year=request.answered_on.year, serial=take_number(LETTER_SERIES, request.answered_on.year)
    )


def _record_answer(request, actor) -> None:
    request.answered_by = actor
    validated(request).save()
    audit.record(
        request,
        "coordination.disclosure.answer",
        actor=actor,
        changes={"outcome": request.outcome, "reason": request.reason, "letter": request.letter_number},
    )
    _notify_applicant(
        request,
        DisclosureNotice.Kind.ANSWER,
        gettext_lazy("您的申请已答复（%(outcome)s），答复书 %(letter)s 可在查询页面下载。"),
        outcome=Outcome(request.outcome).label,
        letter=request.letter_number,
    )


@transaction.atomic
def disclosure_request_answer(
    *,
    actor,
    request: DisclosureRequest,
    outcome: str,
    reason: str = "",
    answer_text: str,
    referral_body: str = "",
    attachments=(),
) -> DisclosureRequest:
    """Answer the request with one of the annual report's outcomes; the letter is numbered now."""
    request = lock(request)
    check("disclosure.answer", actor, request)
    request.answer_text = required_text(answer_text, _("请填写答复内容。"), max_length=TEXT_LENGTH)
    if attachments and outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        raise DomainError(_("只有予以公开或部分公开的答复可以附上公开的信息。"))
    for upload in attachments:
        _checked_file(upload)
    _closing(request, outcome, reason, referral_body)
    for upload in attachments:
        attachment = DisclosureAttachment(request=request, name=upload.name[:200])
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    _record_answer(request, actor)
    return request


@transaction.atomic
def disclosure_request_close_uncorrected(*, actor, request: DisclosureRequest) -> DisclosureRequest:
    """The correction was not supplied in time: the request is closed as 逾期不补正 (其他处理)."""
    request = lock(request)
    check("disclosure.close_uncorrected", actor, request)
    due = request.correction_due
    request.answer_text = _to_applicant(
        gettext_lazy("您未在 %(d)s 前补正申请，本机关不再处理该政府信息公开申请。"), d=due
    )
    _closing(request, Outcome.OTHER, Reason.NO_CORRECTION, "")
    _record_answer(request, actor)
    return request


def disclosure_notice_email_deliver(*, notice_id: int) -> bool:
    """E-mail one notice to the applicant at most once (claimed before sending, released on failure)."""
    claimed = DisclosureNotice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    notice = DisclosureNotice.objects.select_related("request").get(pk=notice_id)
    subject = _to_applicant(gettext_lazy("政府信息公开申请 %(n)s"), n=notice.request.number)
    try:
        send_mail(subject, notice.text, None, [notice.request.contact_email])
    except Exception:
        DisclosureNotice.objects.filter(pk=notice_id).update(emailed_at=None)
        raise
    logger.info("disclosure notice %s e-mailed", notice_id)  # never the address: it is personal data
    return True


def _remind_once(request: DisclosureRequest, stage: str, title: str, body: str) -> bool:
    try:
        with transaction.atomic():
            DisclosureReminderLog.objects.create(request=request, deadline=request.deadline, stage=stage)
            notification_send(recipients=permissions.office_users(), title=title, body=body, url=request_url(request))
    except IntegrityError:
        return False
    return True


def disclosure_reminders_send(*, today=None) -> int:
    """The daily job: tell the office of requests `PORTAL_DISCLOSURE_REMINDER_WORKDAYS` working days
    before their deadline and once when overdue, each stage once per request and deadline (an
    extension or a correction gives a new deadline, reminded again). A stage passed on a rest day
    goes out on the next run: the nearest stage reached is sent, never an earlier one late."""
    today = today or timezone.localdate()
    sent = 0
    stages = sorted(settings.PORTAL_DISCLOSURE_REMINDER_WORKDAYS)
    for request in DisclosureRequest.objects.filter(status=DisclosureRequest.Status.RECEIVED):
        if today > request.deadline:
            sent += _remind_once(
                request,
                "overdue",
                _("依申请公开已逾期：%(n)s") % {"n": request.number},
                _("答复期限 %(d)s 已过，请尽快答复。") % {"d": request.deadline},
            )
            continue
        left = workdays_between(today, request.deadline)
        stage = next((days for days in stages if left <= days), None)
        if stage is not None:
            sent += _remind_once(
                request,
                str(stage),
                _("依申请公开即将到期：%(n)s") % {"n": request.number},
                _("距答复期限 %(d)s 还有 %(k)s 个工作日。") % {"d": request.deadline, "k": left},
            )
    logger.info("disclosure reminders for %s: %d sent", today, sent)
    return sent
