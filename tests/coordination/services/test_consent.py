"""Minutes consent: the office opens a round, the units present answer, the office closes it."""

import datetime

import pytest
from django.utils import timezone

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import Attendance, ConsentAnswer, ConsentRound, Minutes

PRESENT = {"区民政局", "区教体局", "区财政局"}
# 区医保局 was on leave but supports the first agreed item: it is asked too.
ASKED = PRESENT | {"区医保局"}


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def reloaded(minutes) -> Minutes:
    return Minutes.objects.get(pk=minutes.pk)


@pytest.fixture
def answer(unit, liaison):
    """A unit's answer, given by its own liaison."""

    def call(minutes, unit_name, agree=True, comment="", actor=None):
        return services.consent_answer(
            actor=actor or liaison[unit_name], minutes=minutes, unit=unit[unit_name], agree=agree, comment=comment
        )

    return call


# --- open a consent round ---------------------------------------------------------------


def test_after_a_revision_a_new_round_is_round_2_against_version_2(open_round, revise, office_user, consent_deadline):
    revise(open_round.minutes, base_version=1)

    second = services.consent_round_open(actor=office_user, minutes=open_round.minutes, deadline=consent_deadline)

    assert (second.number, second.revision.version) == (2, 2)
    # The revision gives 区医保局 no item any more: the three units present are asked.
    assert second.answers.filter(answer=ConsentAnswer.Answer.PENDING).count() == 3
    assert (open_round.number, open_round.revision.version) == (1, 1)


def test_opening_a_round_asks_the_units_present_and_those_given_an_item(draft_minutes, office_user, consent_deadline):
    round_ = services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=consent_deadline)

    round_ = ConsentRound.objects.get(pk=round_.pk)
    assert (round_.number, round_.revision.version, round_.deadline, round_.closed_at) == (1, 1, consent_deadline, None)
    assert {(a.unit.short_name, a.answer) for a in round_.answers.all()} == {
        (name, ConsentAnswer.Answer.PENDING) for name in ASKED
    }
    assert reloaded(draft_minutes).status == Minutes.Status.IN_CONSENT


def test_opening_a_round_notifies_the_liaisons_of_the_units_asked_only(open_round, notified, liaison):
    assert notified("请确认会议纪要：2026年第1次社会救助工作联席会议纪要") == ASKED
    message = liaison["区民政局"].notifications.get(title__startswith="请确认会议纪要")
    assert message.body == "请于2026-03-27 17:00前反馈同意或修改意见。"


def test_opening_a_round_is_audited(open_round, office_user, audit_entries):
    [entry] = audit_entries(open_round.minutes, "coordination.minutes.open_consent")

    assert entry.user == office_user
    assert entry.data["changes"] == {"round": 1, "version": 1, "units": 4}


def test_the_round_deadline_must_be_later_than_now(draft_minutes, office_user, clock, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="反馈截止时间须晚于现在"):
        services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=clock.now)


def test_absent_units_are_asked_only_when_the_minutes_give_them_an_item(
    notified_meeting, office_user, unit, meeting_day
):
    nobody = {pk: (Attendance.Status.ABSENT, "") for pk in notified_meeting.attendances.values_list("unit", flat=True)}
    held = services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=nobody)
    item = {
        "title": "核查",
        "lead_unit": unit["区财政局"],
        "co_units": [unit["区医保局"]],
        "deadline": at(2026, 6, 1, 0, 0).date(),
    }
    minutes = services.minutes_draft(actor=office_user, meeting=held, title="纪要", body="正文", agreed_items=[item])

    round_ = services.consent_round_open(actor=office_user, minutes=minutes, deadline=at(2026, 3, 27, 17, 0))

    assert {a.unit.short_name for a in round_.answers.all()} == {"区财政局", "区医保局"}


def test_only_one_round_is_open_at_a_time(open_round, office_user, consent_deadline, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="只有起草中的纪要可以征求意见"):
        services.consent_round_open(actor=office_user, minutes=open_round.minutes, deadline=consent_deadline)


# --- answer -----------------------------------------------------------------------------


def test_a_liaison_agrees_for_their_unit(open_round, answer, liaison, clock):
    clock.advance(days=2)

    answer(open_round.minutes, "区民政局")

    given = ConsentAnswer.objects.get(round=open_round, unit__short_name="区民政局")
    assert (given.answer, given.answered_by, given.answered_at) == (
        ConsentAnswer.Answer.AGREE,
        liaison["区民政局"],
        clock.now,
    )


def test_answering_is_audited(open_round, answer, liaison, audit_entries):
    given = answer(open_round.minutes, "区财政局", agree=False, comment="第1项请补充资金来源")

    [entry] = audit_entries(given, "coordination.minutes.answer")
    assert entry.user == liaison["区财政局"]
    assert entry.data == {"changes": {"answer": "changes", "round": 1}, "note": "第1项请补充资金来源"}


def test_a_liaison_asks_for_changes_with_the_text(open_round, answer):
    answer(open_round.minutes, "区财政局", agree=False, comment="  第1项请补充资金来源 ")

    given = ConsentAnswer.objects.get(round=open_round, unit__short_name="区财政局")
    assert (given.answer, given.comment) == (ConsentAnswer.Answer.CHANGES, "第1项请补充资金来源")


def test_asking_for_changes_needs_the_text(open_round, answer, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="提出修改意见时，请写明需要修改的内容"):
        answer(open_round.minutes, "区财政局", agree=False, comment="  ")


def test_a_unit_may_change_its_answer_while_the_round_is_open(open_round, answer):
    answer(open_round.minutes, "区财政局", agree=False, comment="请补充资金来源")

    answer(open_round.minutes, "区财政局")

    given = ConsentAnswer.objects.get(round=open_round, unit__short_name="区财政局")
    assert (given.answer, given.comment) == (ConsentAnswer.Answer.AGREE, "")


def test_a_liaison_cannot_answer_for_another_unit(open_round, answer, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="区财政局 不是您的单位"):
        answer(open_round.minutes, "区财政局", actor=liaison["区民政局"])


def test_the_convenor_cannot_answer_for_a_unit(open_round, answer, convenor_user, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="您只能代表本单位办理"):
        answer(open_round.minutes, "区民政局", actor=convenor_user)


def test_a_unit_neither_present_nor_given_an_item_is_not_asked(
    open_round, revise, office_user, consent_deadline, answer, nothing_saved
):
    revise(open_round.minutes, base_version=1)  # 区医保局, on leave, no longer supports an item
    services.consent_round_open(actor=office_user, minutes=open_round.minutes, deadline=consent_deadline)

    with nothing_saved(), pytest.raises(NotPermitted, match="本单位不在此纪要的征求意见范围内"):
        answer(open_round.minutes, "区医保局")


def test_a_unit_may_answer_until_the_deadline_itself(open_round, answer, clock, consent_deadline):
    clock.now = consent_deadline

    assert answer(open_round.minutes, "区民政局").answer == ConsentAnswer.Answer.AGREE


def test_answers_after_the_round_deadline_are_refused(open_round, answer, clock, consent_deadline, nothing_saved):
    clock.now = consent_deadline + datetime.timedelta(minutes=1)

    with nothing_saved(), pytest.raises(InvalidState, match="反馈已于2026-03-27 17:00截止，请联系联席会议办公室"):
        answer(open_round.minutes, "区民政局")


def test_no_answer_without_an_open_round(draft_minutes, answer, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="此纪要目前没有在征求意见"):
        answer(draft_minutes, "区民政局")


def test_an_answer_to_a_superseded_round_is_refused(open_round, answer, revise, nothing_saved):
    revise(open_round.minutes, base_version=1)

    with nothing_saved(), pytest.raises(InvalidState, match="此纪要目前没有在征求意见"):
        answer(open_round.minutes, "区民政局")


# --- close ------------------------------------------------------------------------------


def test_closing_after_every_unit_agreed_closes_the_round_as_consent(open_round, office_user, agree_all, clock):
    agree_all(open_round.minutes)
    clock.advance(days=1)

    services.consent_round_close(actor=office_user, minutes=open_round.minutes)

    open_round.refresh_from_db()
    assert open_round.closed_at == clock.now
    assert reloaded(open_round.minutes).status == Minutes.Status.CONSENT_CLOSED
    assert set(open_round.answers.values_list("answer", flat=True)) == {ConsentAnswer.Answer.AGREE}


def test_closing_is_audited(open_round, office_user, agree_all, audit_entries):
    agree_all(open_round.minutes)

    services.consent_round_close(actor=office_user, minutes=open_round.minutes)

    [entry] = audit_entries(open_round.minutes, "coordination.minutes.close_consent")
    assert entry.user == office_user
    assert entry.data == {"changes": {"round": 1, "silent_units": []}}


def test_closing_is_refused_while_a_unit_asks_for_changes(open_round, office_user, answer, clock, nothing_saved):
    answer(open_round.minutes, "区民政局")
    answer(open_round.minutes, "区财政局", agree=False, comment="请补充资金来源")
    clock.set(2026, 3, 28, 9, 0)

    with nothing_saved(), pytest.raises(InvalidState, match="区财政局 提出了修改意见，请修改纪要后重新征求意见"):
        services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason="逾期视为同意")


def test_closing_with_answers_pending_before_the_deadline_is_refused(open_round, office_user, answer, nothing_saved):
    answer(open_round.minutes, "区民政局")

    with nothing_saved(), pytest.raises(InvalidState, match="反馈截止前还有单位未答复：区教体局、区财政局"):
        services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason="视为同意")


def test_after_the_deadline_silence_counts_as_consent_with_the_reason(open_round, office_user, answer, clock):
    answer(open_round.minutes, "区民政局")
    clock.set(2026, 3, 28, 9, 0)

    services.consent_round_close(
        actor=office_user, minutes=open_round.minutes, silence_reason=" 已电话提醒，逾期未反馈 "
    )

    assert {
        (a.unit.short_name, a.answer, a.silence_reason) for a in ConsentAnswer.objects.filter(round=open_round)
    } == {
        ("区民政局", ConsentAnswer.Answer.AGREE, ""),
        ("区教体局", ConsentAnswer.Answer.SILENCE, "已电话提醒，逾期未反馈"),
        ("区财政局", ConsentAnswer.Answer.SILENCE, "已电话提醒，逾期未反馈"),
        ("区医保局", ConsentAnswer.Answer.SILENCE, "已电话提醒，逾期未反馈"),
    }
    assert reloaded(open_round.minutes).status == Minutes.Status.CONSENT_CLOSED


def test_closing_with_silent_units_is_audited_with_them_and_the_reason(
    open_round, office_user, answer, clock, audit_entries
):
    answer(open_round.minutes, "区民政局")
    clock.set(2026, 3, 28, 9, 0)

    services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason="逾期未反馈")

    [entry] = audit_entries(open_round.minutes, "coordination.minutes.close_consent")
    assert entry.data == {
        "changes": {"round": 1, "silent_units": ["区教体局", "区财政局", "区医保局"]},
        "note": "逾期未反馈",
    }


def test_after_the_deadline_silence_needs_a_reason(open_round, office_user, clock, nothing_saved):
    clock.set(2026, 3, 28, 9, 0)

    with nothing_saved(), pytest.raises(DomainError, match="有单位逾期未反馈；视为同意须写明理由"):
        services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason=" ")


def test_closing_needs_an_open_round(draft_minutes, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="此纪要目前没有在征求意见"):
        services.consent_round_close(actor=office_user, minutes=draft_minutes)
