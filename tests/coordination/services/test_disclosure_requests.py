"""依申请公开 through the services: the working-day clock, extension, correction, answer, reminders."""

import datetime

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import DisclosureNotice, DisclosureRequest, Notification
from coordination.selectors.disclosure_requests import disclosure_request_for_applicant
from tests.coordination.disclosure_world import on_day, submit
from tests.coordination.files.samples import HTML, PDF, upload

D = datetime.date
# Counted by hand on the State Council's 2026 schedule: 28 Sep (Mon) is the day of receipt; then
# 29, 30 Sep (2); 1–7 Oct 国庆 off; 8, 9 Oct (4); Sat 10 Oct is a make-up working day (5);
# 12–16 Oct (10), 19–23 Oct (15), 26–30 Oct (20). Monday-to-Friday counting would give 26 Oct.
RECEIVED = D(2026, 9, 28)
DEADLINE = D(2026, 10, 30)
# Twenty more from 30 Oct: 2–6 Nov (5), 9–13 (10), 16–20 (15), 23–27 (20).
EXTENDED = D(2026, 11, 27)


@pytest.fixture
def filed(db, office_user):
    return submit(RECEIVED)


def test_a_request_received_before_national_day_is_due_twenty_working_days_later(filed):
    request, _secret = filed
    assert (request.received_on, request.deadline) == (RECEIVED, DEADLINE)
    assert request.number == "依申请〔2026〕第1号"


def test_the_secret_is_stored_only_as_a_digest_and_opens_the_request(filed):
    request, secret = filed
    assert secret not in request.secret_hash
    assert disclosure_request_for_applicant(request.number, secret) == request
    assert disclosure_request_for_applicant("依申请[2026]第1号", secret) == request
    assert disclosure_request_for_applicant(request.number, secret + "x") is None


def test_numbers_run_per_year(db, office_user):
    first, _ = submit(D(2026, 12, 30))
    second, _ = submit(D(2027, 1, 4))
    assert (first.number, second.number) == ("依申请〔2026〕第1号", "依申请〔2027〕第1号")


def test_the_office_is_told_and_the_audit_trail_names_only_the_number(filed, office_user):
    request, _ = filed
    assert Notification.objects.filter(recipient=office_user, title__contains=request.number).exists()
    entry = ModelLogEntry.objects.get(action="coordination.disclosure.submit")
    assert entry.label == request.number
    assert "王秀兰" not in str(entry.data) and "139" not in str(entry.data)


def test_one_extension_of_at_most_twenty_working_days_with_the_applicant_told(
    filed, office_user, django_capture_on_commit_callbacks
):
    request, _ = filed
    with on_day(D(2026, 10, 20)):
        with pytest.raises(DomainError):
            services.disclosure_request_extend(actor=office_user, request=request, workdays=21, reason="需调取档案")
        with django_capture_on_commit_callbacks(execute=True):
            request = services.disclosure_request_extend(
                actor=office_user, request=request, workdays=20, reason="需调取历年档案"
            )
        assert request.deadline == EXTENDED
        with pytest.raises(InvalidState):
            services.disclosure_request_extend(actor=office_user, request=request, workdays=5, reason="再延")
    notice = DisclosureNotice.objects.get(request=request, kind="extension")
    assert "2026-11-27" in notice.text and notice.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["wang@example.cn"]]


def test_no_email_is_sent_to_an_applicant_who_gave_none(db, office_user, django_capture_on_commit_callbacks):
    request, _ = submit(RECEIVED, contact_email="", receipt="pickup")
    with on_day(D(2026, 10, 20)), django_capture_on_commit_callbacks(execute=True):
        services.disclosure_request_extend(actor=office_user, request=request, workdays=3, reason="需调取档案")
    assert mail.outbox == []
    assert DisclosureNotice.objects.filter(request=request, kind="extension").exists()


def test_a_correction_stops_the_clock_and_its_arrival_starts_it_again(filed, office_user):
    request, _ = filed
    with on_day(D(2026, 9, 29)):
        request = services.disclosure_request_ask_correction(actor=office_user, request=request, text="请写明年份")
    assert request.status == DisclosureRequest.Status.CORRECTION
    with on_day(D(2026, 10, 12)):
        request = services.disclosure_request_supply_correction(request=request, text="2025年度")
    # From 12 Oct: 13–16 Oct (4), 19–23 (9), 26–30 (14), 2–6 Nov (19), 9 Nov (20).
    assert (request.status, request.clock_started_on, request.deadline) == ("received", D(2026, 10, 12), D(2026, 11, 9))
    with pytest.raises(InvalidState):
        services.disclosure_request_ask_correction(actor=office_user, request=request, text="再补")


def test_a_correction_not_supplied_in_time_closes_the_request(filed, office_user):
    request, _ = filed
    with on_day(D(2026, 9, 29)):
        request = services.disclosure_request_ask_correction(actor=office_user, request=request, text="请写明年份")
        with pytest.raises(InvalidState):
            services.disclosure_request_close_uncorrected(actor=office_user, request=request)
    due = request.correction_due
    with on_day(due + datetime.timedelta(days=1)):
        with pytest.raises(InvalidState):
            services.disclosure_request_supply_correction(request=request, text="太迟了")
        request = services.disclosure_request_close_uncorrected(actor=office_user, request=request)
    assert (request.outcome, request.reason, request.status) == ("other", "no_correction", "answered")


def test_only_the_office_handles_requests(filed, make_liaison, units):
    request, _ = filed
    with pytest.raises(NotPermitted):
        services.disclosure_request_answer(
            actor=make_liaison(units[5]), request=request, outcome="granted", answer_text="见附件"
        )


@pytest.mark.parametrize(
    ("outcome", "reason", "referral"),
    [("partial", "", ""), ("partial", "not_held", ""), ("granted", "state_secret", ""), ("withheld", "repeated", "")]
    + [("partial", "third_party", "区医保局")],
)
def test_an_answer_needs_a_reason_of_its_kind(filed, office_user, outcome, reason, referral):
    request, _ = filed
    with pytest.raises(DomainError):
        services.disclosure_request_answer(
            actor=office_user, request=request, outcome=outcome, reason=reason, referral_body=referral, answer_text="x"
        )
    request.refresh_from_db()
    assert request.status == "received" and not request.letter_number


def test_a_partial_answer_carries_its_files_and_a_numbered_letter(filed, office_user):
    request, secret = filed
    with on_day(D(2026, 10, 15)):
        request = services.disclosure_request_answer(
            actor=office_user,
            request=request,
            outcome="partial",
            reason="third_party",
            answer_text="涉及个人信息的部分已隐去。",
            attachments=[upload("发放明细.pdf", PDF)],
        )
    assert (request.status, request.answered_on, request.letter_number) == (
        "answered",
        D(2026, 10, 15),
        "陈民依复〔2026〕1号",
    )
    assert request.attachments.get().file.name.startswith("disclosure/released/")


def test_released_files_are_checked_by_content(filed, office_user):
    request, _ = filed
    with pytest.raises(DomainError):
        services.disclosure_request_answer(
            actor=office_user, request=request, outcome="granted", answer_text="见附件",
            attachments=[upload("明细.pdf", HTML)],
        )  # fmt: skip
    assert not request.attachments.exists()


def test_a_referral_is_an_answer_that_the_office_does_not_hold(filed, office_user):
    request, _ = filed
    request = services.disclosure_request_answer(
        actor=office_user,
        request=request,
        outcome="unavailable",
        reason="not_held",
        referral_body="陈仓区医疗保障局",
        answer_text="请向负责机关申请。",
    )
    assert request.referral_body == "陈仓区医疗保障局"


def test_the_office_is_reminded_five_and_one_working_days_before_and_once_when_overdue(filed, office_user):
    request, _ = filed
    sent = {}
    # 23 Oct is 5 working days before 30 Oct; 29 Oct is 1; 2 Nov is past it.
    for day in (D(2026, 10, 22), D(2026, 10, 23), D(2026, 10, 26), D(2026, 10, 29), D(2026, 10, 30), D(2026, 11, 2)):
        sent[day] = services.disclosure_reminders_send(today=day)
    sent[D(2026, 11, 3)] = services.disclosure_reminders_send(today=D(2026, 11, 3))
    assert list(sent.values()) == [0, 1, 0, 1, 0, 1, 0]
    assert set(request.reminders.values_list("stage", flat=True)) == {"5", "1", "overdue"}


def test_the_applicant_is_told_in_chinese_whatever_the_office_user_reads(filed, office_user):
    from django.utils import translation

    request, _ = filed
    with translation.override("en"), on_day(D(2026, 10, 20)):
        services.disclosure_request_extend(actor=office_user, request=request, workdays=2, reason="需调取档案")
    assert DisclosureNotice.objects.get(request=request).text.startswith("因需调取档案，答复期限延长 2 个工作日")
