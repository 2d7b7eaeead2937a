"""Minutes: draft, revise, the units' consent, and issue with a 文号 and action items."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted, StaleEdit
from coordination.models import (
    ActionItem,
    Attendance,
    ConsentAnswer,
    ConsentRound,
    DocumentNumberSequence,
    Meeting,
    Minutes,
    MinutesRevision,
)

PRESENT = {"区民政局", "区教体局", "区财政局"}
INVITED = PRESENT | {"区医保局"}

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks under concurrency need PostgreSQL (CI runs it)"
)


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def reloaded(minutes) -> Minutes:
    return Minutes.objects.get(pk=minutes.pk)


@pytest.fixture
def non_office(convenor_user, liaison):
    """The users who may not do the office's work: the convenor and a liaison."""
    return {"convenor": convenor_user, "liaison": liaison["区民政局"]}


@pytest.fixture
def revise(office_user, unit):
    """Save a revision of the minutes as the office, with one agreed item unless told otherwise."""

    def call(minutes, base_version, **changes):
        kwargs = {
            "actor": office_user,
            "minutes": minutes,
            "base_version": base_version,
            "title": "2026年第1次社会救助工作联席会议纪要",
            "body": f"正文第{base_version + 1}稿。",
            "agreed_items": [
                {
                    "title": f"第{base_version + 1}稿的议定事项",
                    "lead_unit": unit["区财政局"],
                    "co_units": [unit["区民政局"]],
                    "deadline": datetime.date(2026, 7, 31),
                }
            ],
        }
        return services.minutes_revise(**(kwargs | changes))

    return call


@pytest.fixture
def answer(unit, liaison):
    """A unit's answer, given by its own liaison."""

    def call(minutes, unit_name, agree=True, comment="", actor=None):
        return services.consent_answer(
            actor=actor or liaison[unit_name], minutes=minutes, unit=unit[unit_name], agree=agree, comment=comment
        )

    return call


# --- draft ------------------------------------------------------------------------------


def test_drafting_starts_version_1_with_its_agreed_items(draft_minutes, settings):
    minutes = reloaded(draft_minutes)

    assert (minutes.status, minutes.version, minutes.doc_number) == (Minutes.Status.DRAFT, 1, "")
    assert minutes.copies_to == settings.PORTAL_MINUTES_COPIES_TO
    assert [
        (i.order, i.title, i.lead_unit.short_name, sorted(u.short_name for u in i.co_units.all()), i.deadline)
        for i in minutes.agreed_items.all()
    ] == [
        (1, "建立低保边缘家庭动态监测台账", "区民政局", ["区医保局", "区财政局"], datetime.date(2026, 6, 30)),
        (2, "落实困难家庭学生教育资助", "区教体局", [], datetime.date(2026, 9, 1)),
    ]


def test_drafting_keeps_revision_1_with_a_snapshot_of_the_agreed_items(draft_minutes, office_user):
    [revision] = MinutesRevision.objects.filter(minutes=draft_minutes)

    assert (revision.version, revision.note, revision.created_by) == (1, "初稿", office_user)
    assert revision.title == "2026年第1次社会救助工作联席会议纪要"
    assert revision.agreed_items == [
        {
            "order": 1,
            "title": "建立低保边缘家庭动态监测台账",
            "lead_unit": "区民政局",
            "co_units": ["区财政局", "区医保局"],
            "deadline": "2026-06-30",
            "expected_result": "台账按月更新",
        },
        {
            "order": 2,
            "title": "落实困难家庭学生教育资助",
            "lead_unit": "区教体局",
            "co_units": [],
            "deadline": "2026-09-01",
            "expected_result": "",
        },
    ]


def test_drafting_is_audited(draft_minutes, office_user, audit_entries):
    [entry] = audit_entries(draft_minutes, "coordination.minutes.draft")

    assert entry.user == office_user
    assert entry.data["changes"] == {"version": 1}


def test_the_lead_unit_is_not_also_a_co_unit(held_meeting, office_user, unit):
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=held_meeting,
        title="纪要",
        body="正文",
        agreed_items=[
            {
                "title": "事项",
                "lead_unit": unit["区民政局"],
                "co_units": [unit["区民政局"], unit["区财政局"]],
                "deadline": datetime.date(2026, 6, 30),
            }
        ],
    )

    assert [u.short_name for u in minutes.agreed_items.get().co_units.all()] == ["区财政局"]


def test_minutes_are_drafted_only_after_the_meeting_is_held(notified_meeting, office_user, agreed_items, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议召开后才能起草纪要"):
        services.minutes_draft(
            actor=office_user, meeting=notified_meeting, title="纪要", body="正文", agreed_items=agreed_items
        )


def test_a_meeting_has_one_minutes(draft_minutes, office_user, agreed_items, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="此次会议已有纪要草稿，请在草稿上修改"):
        services.minutes_draft(
            actor=office_user, meeting=draft_minutes.meeting, title="纪要", body="正文", agreed_items=agreed_items
        )


def test_minutes_need_at_least_one_agreed_item(held_meeting, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="会议纪要至少要有一项议定事项"):
        services.minutes_draft(actor=office_user, meeting=held_meeting, title="纪要", body="正文", agreed_items=[])


@pytest.mark.parametrize("missing", ["title", "deadline"])
def test_an_agreed_item_needs_its_content_and_a_deadline(
    held_meeting, office_user, agreed_items, nothing_saved, missing
):
    agreed_items[1][missing] = None

    with nothing_saved(), pytest.raises(DomainError, match="第2项议定事项须填写事项内容和完成时限"):
        services.minutes_draft(
            actor=office_user, meeting=held_meeting, title="纪要", body="正文", agreed_items=agreed_items
        )


@pytest.mark.parametrize("missing", ["title", "body"])
def test_minutes_need_a_title_and_a_body(held_meeting, office_user, agreed_items, nothing_saved, missing):
    text = {"title": "纪要", "body": "正文"} | {missing: "  "}

    with nothing_saved(), pytest.raises(DomainError, match="请填写纪要标题和正文"):
        services.minutes_draft(actor=office_user, meeting=held_meeting, agreed_items=agreed_items, **text)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_drafts_minutes(held_meeting, non_office, agreed_items, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以起草会议纪要"):
        services.minutes_draft(
            actor=non_office[who], meeting=held_meeting, title="纪要", body="正文", agreed_items=agreed_items
        )


# --- revise -----------------------------------------------------------------------------


def test_revising_saves_version_2_and_replaces_the_agreed_items(draft_minutes, revise):
    revise(draft_minutes, base_version=1)

    minutes = reloaded(draft_minutes)
    assert (minutes.version, minutes.body, minutes.status) == (2, "正文第2稿。", Minutes.Status.DRAFT)
    assert [(i.order, i.title, i.lead_unit.short_name) for i in minutes.agreed_items.all()] == [
        (1, "第2稿的议定事项", "区财政局")
    ]


def test_every_revision_is_kept_with_its_own_snapshot(draft_minutes, revise, office_user):
    revise(draft_minutes, base_version=1, note="采纳区财政局意见")
    revise(draft_minutes, base_version=2)

    revisions = list(MinutesRevision.objects.filter(minutes=draft_minutes).order_by("version"))
    assert [(r.version, r.body, r.note) for r in revisions] == [
        (1, "3月20日，区社会救助工作联席会议召开2026年第1次例会。", "初稿"),
        (2, "正文第2稿。", "采纳区财政局意见"),
        (3, "正文第3稿。", ""),
    ]
    assert [[item["title"] for item in r.agreed_items] for r in revisions] == [
        ["建立低保边缘家庭动态监测台账", "落实困难家庭学生教育资助"],
        ["第2稿的议定事项"],
        ["第3稿的议定事项"],
    ]
    assert revisions[1].agreed_items[0]["co_units"] == ["区民政局"]
    assert {r.created_by for r in revisions} == {office_user}


def test_revising_is_audited(draft_minutes, revise, office_user, audit_entries):
    revise(draft_minutes, base_version=1, note="采纳区财政局意见")

    [entry] = audit_entries(draft_minutes, "coordination.minutes.revise")
    assert entry.user == office_user
    assert entry.data == {"changes": {"version": 2, "closed_round": None}, "note": "采纳区财政局意见"}


def test_a_stale_base_version_raises_stale_edit_carrying_the_current_revision(draft_minutes, revise, nothing_saved):
    revise(draft_minutes, base_version=1)  # a colleague saved version 2 meanwhile

    with nothing_saved(), pytest.raises(StaleEdit, match="其他人已保存了新的版本") as refused:
        revise(draft_minutes, base_version=1, body="我基于第1稿的修改")

    assert (refused.value.current.version, refused.value.current.body) == (2, "正文第2稿。")


def test_a_refused_revision_keeps_the_previous_text_and_items(draft_minutes, revise, unit, nothing_saved):
    without_deadline = {"title": "无时限的事项", "lead_unit": unit["区财政局"]}

    with nothing_saved(), pytest.raises(DomainError, match="第1项议定事项须填写事项内容和完成时限"):
        revise(draft_minutes, base_version=1, agreed_items=[without_deadline])


def test_revising_during_an_open_round_closes_it_and_returns_the_minutes_to_draft(open_round, revise, clock):
    clock.advance(days=1)

    revise(open_round.minutes, base_version=1, note="根据区财政局意见修改")

    open_round.refresh_from_db()
    assert open_round.closed_at == clock.now
    assert reloaded(open_round.minutes).status == Minutes.Status.DRAFT


def test_revising_during_an_open_round_records_the_closed_round(open_round, revise, audit_entries):
    revise(open_round.minutes, base_version=1)

    [entry] = audit_entries(open_round.minutes, "coordination.minutes.revise")
    assert entry.data["changes"] == {"version": 2, "closed_round": 1}


def test_after_a_revision_a_new_round_is_round_2_against_version_2(open_round, revise, office_user, consent_deadline):
    revise(open_round.minutes, base_version=1)

    second = services.consent_round_open(actor=office_user, minutes=open_round.minutes, deadline=consent_deadline)

    assert (second.number, second.revision.version) == (2, 2)
    assert second.answers.filter(answer=ConsentAnswer.Answer.PENDING).count() == 3
    assert (open_round.number, open_round.revision.version) == (1, 1)


def test_minutes_whose_consent_is_closed_cannot_be_revised(closed_minutes, revise, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="纪要已征求意见完毕或已印发，不能再修改"):
        revise(closed_minutes, base_version=1)


def test_issued_minutes_cannot_be_revised(closed_minutes, revise, office_user, queued_pdfs, nothing_saved):
    services.minutes_issue(actor=office_user, minutes=closed_minutes, reported_on=datetime.date(2026, 3, 20))

    with nothing_saved(), pytest.raises(InvalidState, match="纪要已征求意见完毕或已印发，不能再修改"):
        revise(closed_minutes, base_version=1)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_revises_minutes(draft_minutes, revise, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以修改会议纪要"):
        revise(draft_minutes, base_version=1, actor=non_office[who])


# --- open a consent round ---------------------------------------------------------------


def test_opening_a_round_asks_only_the_units_recorded_present(draft_minutes, office_user, consent_deadline):
    round_ = services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=consent_deadline)

    round_ = ConsentRound.objects.get(pk=round_.pk)
    assert (round_.number, round_.revision.version, round_.deadline, round_.closed_at) == (1, 1, consent_deadline, None)
    assert {(a.unit.short_name, a.answer) for a in round_.answers.all()} == {
        (name, ConsentAnswer.Answer.PENDING) for name in PRESENT
    }
    assert reloaded(draft_minutes).status == Minutes.Status.IN_CONSENT


def test_opening_a_round_notifies_the_liaisons_of_the_units_present_only(open_round, notified, liaison):
    assert notified("请确认会议纪要：2026年第1次社会救助工作联席会议纪要") == PRESENT
    message = liaison["区民政局"].notifications.get(title__startswith="请确认会议纪要")
    assert message.body == "请于2026-03-27 17:00前反馈同意或修改意见。"


def test_opening_a_round_is_audited(open_round, office_user, audit_entries):
    [entry] = audit_entries(open_round.minutes, "coordination.minutes.open_consent")

    assert entry.user == office_user
    assert entry.data["changes"] == {"round": 1, "version": 1, "units": 3}


def test_the_round_deadline_must_be_later_than_now(draft_minutes, office_user, clock, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="反馈截止时间须晚于现在"):
        services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=clock.now)


def test_a_round_needs_units_recorded_present(notified_meeting, office_user, unit, agreed_items, nothing_saved):
    nobody = {pk: (Attendance.Status.ABSENT, "") for pk in notified_meeting.attendances.values_list("unit", flat=True)}
    held = services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=nobody)
    minutes = services.minutes_draft(
        actor=office_user, meeting=held, title="纪要", body="正文", agreed_items=agreed_items
    )

    with nothing_saved(), pytest.raises(InvalidState, match="没有登记出席的单位，无法征求意见"):
        services.consent_round_open(actor=office_user, minutes=minutes, deadline=at(2026, 3, 27, 17, 0))


def test_only_one_round_is_open_at_a_time(open_round, office_user, consent_deadline, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="只有起草中的纪要可以征求意见"):
        services.consent_round_open(actor=office_user, minutes=open_round.minutes, deadline=consent_deadline)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_opens_a_round(draft_minutes, non_office, consent_deadline, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以征求与会单位意见"):
        services.consent_round_open(actor=non_office[who], minutes=draft_minutes, deadline=consent_deadline)


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


def test_a_unit_not_recorded_present_is_not_asked(open_round, answer, nothing_saved):
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
    }
    assert reloaded(open_round.minutes).status == Minutes.Status.CONSENT_CLOSED


def test_closing_with_silent_units_is_audited_with_them_and_the_reason(
    open_round, office_user, answer, clock, audit_entries
):
    answer(open_round.minutes, "区民政局")
    clock.set(2026, 3, 28, 9, 0)

    services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason="逾期未反馈")

    [entry] = audit_entries(open_round.minutes, "coordination.minutes.close_consent")
    assert entry.data == {"changes": {"round": 1, "silent_units": ["区教体局", "区财政局"]}, "note": "逾期未反馈"}


def test_after_the_deadline_silence_needs_a_reason(open_round, office_user, clock, nothing_saved):
    clock.set(2026, 3, 28, 9, 0)

    with nothing_saved(), pytest.raises(DomainError, match="有单位逾期未反馈；视为同意须写明理由"):
        services.consent_round_close(actor=office_user, minutes=open_round.minutes, silence_reason=" ")


def test_closing_needs_an_open_round(draft_minutes, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="此纪要目前没有在征求意见"):
        services.consent_round_close(actor=office_user, minutes=draft_minutes)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_closes_a_round(open_round, agree_all, non_office, nothing_saved, who):
    agree_all(open_round.minutes)

    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以结束意见征求"):
        services.consent_round_close(actor=non_office[who], minutes=open_round.minutes)


# --- issue ------------------------------------------------------------------------------


@pytest.fixture
def issue(office_user, queued_pdfs):
    """Issue as the office on the day of the meeting's report; the PDF is only queued."""

    def call(minutes, **changes):
        kwargs = {"actor": office_user, "minutes": minutes, "reported_on": datetime.date(2026, 3, 20)}
        return services.minutes_issue(**(kwargs | changes))

    return call


def test_issuing_gives_the_minutes_their_number_after_the_configured_pattern(closed_minutes, issue, office_user, clock):
    clock.set(2026, 3, 30, 10, 0)

    issue(closed_minutes, reported_on=datetime.date(2026, 3, 30))

    minutes = reloaded(closed_minutes)
    assert minutes.doc_number == "陈社救联纪〔2026〕1号"
    assert (minutes.status, minutes.issued_at, minutes.issued_by, minutes.reported_on) == (
        Minutes.Status.ISSUED,
        clock.now,
        office_user,
        datetime.date(2026, 3, 30),
    )


def test_the_number_follows_the_setting(closed_minutes, issue, settings):
    settings.PORTAL_MINUTES_NUMBER_PATTERN = "陈社救办纪字〔{year}〕第{serial}号"

    issue(closed_minutes)

    assert reloaded(closed_minutes).doc_number == "陈社救办纪字〔2026〕第1号"


def test_the_year_of_the_number_is_the_year_of_issue(closed_minutes, issue, clock):
    clock.set(2027, 1, 4, 9, 0)

    issue(closed_minutes)

    assert reloaded(closed_minutes).doc_number == "陈社救联纪〔2027〕1号"


def test_the_second_minutes_issued_in_a_year_gets_number_2(closed_minutes, make_closed_minutes, issue):
    second = make_closed_minutes(starts_at=at(2026, 6, 18, 9, 30))
    issue(closed_minutes)

    issue(second)

    assert reloaded(second).doc_number == "陈社救联纪〔2026〕2号"


def test_a_failed_issue_saves_nothing_and_leaves_no_gap_in_the_numbers(
    closed_minutes, issue, monkeypatch, nothing_saved
):
    def fail(**kwargs):
        raise RuntimeError("database went away")

    with monkeypatch.context() as patched:
        patched.setattr(ActionItem.objects, "create", fail)
        with nothing_saved(), pytest.raises(RuntimeError):
            issue(closed_minutes)

    issue(closed_minutes)

    assert reloaded(closed_minutes).doc_number == "陈社救联纪〔2026〕1号"
    assert DocumentNumberSequence.objects.get(series="minutes", year=2026).last == 1


def test_issuing_creates_one_action_item_per_agreed_item(closed_minutes, issue):
    issue(closed_minutes)

    items = ActionItem.objects.order_by("source_reference")
    assert [
        (
            i.source,
            i.agreed_item.order,
            i.title,
            i.description,
            i.lead_unit.short_name,
            sorted(u.short_name for u in i.co_units.all()),
            i.deadline,
            i.original_deadline,
            i.source_reference,
            i.status,
        )
        for i in items
    ] == [
        (
            ActionItem.Source.AGREED_ITEM,
            1,
            "建立低保边缘家庭动态监测台账",
            "台账按月更新",
            "区民政局",
            ["区医保局", "区财政局"],
            datetime.date(2026, 6, 30),
            datetime.date(2026, 6, 30),
            "陈社救联纪〔2026〕1号 第1项",
            ActionItem.Status.OPEN,
        ),
        (
            ActionItem.Source.AGREED_ITEM,
            2,
            "落实困难家庭学生教育资助",
            "",
            "区教体局",
            [],
            datetime.date(2026, 9, 1),
            datetime.date(2026, 9, 1),
            "陈社救联纪〔2026〕1号 第2项",
            ActionItem.Status.OPEN,
        ),
    ]


def test_issuing_moves_the_meeting_to_minutes_issued(closed_minutes, issue):
    issue(closed_minutes)

    assert Meeting.objects.get(pk=closed_minutes.meeting_id).status == Meeting.Status.MINUTES_ISSUED


def test_issuing_is_audited(closed_minutes, issue, office_user, audit_entries):
    issue(closed_minutes)

    [entry] = audit_entries(closed_minutes, "coordination.minutes.issue")
    assert entry.user == office_user
    assert entry.data["changes"] == {
        "doc_number": "陈社救联纪〔2026〕1号",
        "reported_on": "2026-03-20",
        "action_items": 2,
    }


def test_issuing_notifies_the_liaisons_of_the_invited_units(closed_minutes, issue, notified):
    issue(closed_minutes)

    assert notified("会议纪要已印发：陈社救联纪〔2026〕1号") == INVITED


def test_issuing_notifies_a_unit_given_an_agreed_item_though_it_was_not_invited(
    held_meeting, office_user, unit, liaison, agree_all, issue, notified
):
    # 区委宣传部 was not at the meeting, but the meeting asked it to help with an agreed item.
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=held_meeting,
        title="纪要",
        body="正文",
        agreed_items=[
            {
                "title": "宣传社会救助政策",
                "lead_unit": unit["区民政局"],
                "co_units": [unit["区委宣传部"]],
                "deadline": datetime.date(2026, 6, 30),
            }
        ],
    )
    services.consent_round_open(actor=office_user, minutes=minutes, deadline=at(2026, 3, 27, 17, 0))
    agree_all(minutes)
    services.consent_round_close(actor=office_user, minutes=minutes)

    issue(minutes)

    assert "区委宣传部" in notified("会议纪要已印发")


def test_issuing_queues_the_pdf_rendering_once_committed(
    closed_minutes, issue, queued_pdfs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issue(closed_minutes)
    assert queued_pdfs == []

    for callback in callbacks:
        callback()

    assert queued_pdfs == [closed_minutes.pk]


@pytest.mark.parametrize("state", ["draft", "in-consent"])
def test_minutes_are_issued_only_when_consent_is_closed(draft_minutes, office_user, issue, nothing_saved, state):
    if state == "in-consent":
        services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=at(2026, 3, 27, 17, 0))

    with nothing_saved(), pytest.raises(InvalidState, match="与会单位意见征求完毕后才能印发纪要"):
        issue(draft_minutes)


def test_minutes_are_issued_only_once(closed_minutes, issue, nothing_saved):
    issue(closed_minutes)

    with nothing_saved(), pytest.raises(InvalidState, match="与会单位意见征求完毕后才能印发纪要"):
        issue(closed_minutes)


def test_the_report_date_cannot_be_later_than_today(closed_minutes, issue, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="上报区政府的日期不能晚于今天"):
        issue(closed_minutes, reported_on=datetime.date(2026, 3, 21))


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_issues_minutes(closed_minutes, issue, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以印发会议纪要"):
        issue(closed_minutes, actor=non_office[who])


# --- concurrency ------------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_minutes_issued_at_the_same_time_get_consecutive_numbers(
    closed_minutes, make_closed_minutes, office_user, queued_pdfs
):
    second = make_closed_minutes(starts_at=at(2026, 6, 18, 9, 30))
    start = threading.Barrier(2, timeout=10)
    errors = []

    def issue_in_own_connection(minutes_pk):
        try:
            office = type(office_user).objects.get(pk=office_user.pk)
            minutes = Minutes.objects.get(pk=minutes_pk)
            start.wait()
            services.minutes_issue(actor=office, minutes=minutes, reported_on=datetime.date(2026, 3, 20))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue_in_own_connection, args=(m.pk,)) for m in (closed_minutes, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = set(Minutes.objects.filter(pk__in=[closed_minutes.pk, second.pk]).values_list("doc_number", flat=True))
    assert numbers == {"陈社救联纪〔2026〕1号", "陈社救联纪〔2026〕2号"}
    assert DocumentNumberSequence.objects.get(series="minutes", year=2026).last == 2
