"""Agenda topics: units propose, the office accepts, defers or declines, and orders the agenda."""

import contextlib
import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import AgendaTopic, Meeting, TopicAttachment
from coordination.selectors.meetings import deferred_topics_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks under concurrency need PostgreSQL (CI runs it)"
)


@pytest.fixture
def propose(notified_meeting, unit, liaison, office_user):
    """Propose a topic for a unit through its liaison, or (unit None) as the office."""

    def call(unit_name=None, title="低保边缘家庭认定标准", meeting=None, actor=None, **changes):
        kwargs = {
            "actor": actor or (liaison[unit_name] if unit_name else office_user),
            "meeting": meeting or notified_meeting,
            "unit": unit[unit_name] if unit_name else None,
            "title": title,
            "background": "部分家庭收入略高于低保标准，支出型困难突出。",
            "decision_requested": "请会议研究认定标准。",
        }
        return services.topic_propose(**(kwargs | changes))

    return call


@pytest.fixture
def topics(propose):
    """Three topics awaiting the office: two from units, one of the office's own."""
    return {
        "民政": propose("区民政局", title="低保边缘家庭认定标准"),
        "教体": propose("区教体局", title="困难学生资助衔接"),
        "办公室": propose(None, title="年度工作要点"),
    }


def reloaded(topic):
    return AgendaTopic.objects.get(pk=topic.pk)


def agenda(meeting):
    return list(
        meeting.topics.filter(status=AgendaTopic.Status.ACCEPTED)
        .order_by("agenda_order")
        .values_list("title", "agenda_order")
    )


# --- propose ----------------------------------------------------------------------------


def test_a_liaison_proposes_a_topic_for_their_unit(propose, unit, liaison):
    topic = reloaded(propose("区民政局", title="  低保边缘家庭认定标准 "))

    assert (topic.unit, topic.proposed_by, topic.status) == (unit["区民政局"], liaison["区民政局"], "proposed")
    assert topic.title == "低保边缘家庭认定标准"
    assert topic.agenda_order is None


def test_proposing_a_topic_is_audited(propose, liaison, audit_entries):
    topic = propose("区民政局")

    [entry] = audit_entries(topic, "coordination.topic.propose")
    assert entry.user == liaison["区民政局"]
    assert entry.data["changes"] == {"title": "低保边缘家庭认定标准"}


def test_the_office_adds_a_topic_of_its_own_without_a_unit(propose, office_user):
    topic = reloaded(propose(None, title="年度工作要点"))

    assert (topic.unit, topic.proposed_by, topic.status) == (None, office_user, "proposed")


def test_topics_may_be_proposed_before_the_notice(propose, scheduled_meeting):
    topic = propose("区民政局", meeting=scheduled_meeting)

    assert topic.meeting == scheduled_meeting


def test_a_liaison_cannot_propose_for_another_unit(propose, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="区财政局 不是您的单位"):
        propose("区财政局", actor=liaison["区民政局"])


def test_a_liaison_cannot_add_an_office_topic(propose, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以提出办公室议题"):
        propose(None, actor=liaison["区民政局"])


@pytest.mark.parametrize("unit_name", [None, "区民政局"], ids=["office-topic", "unit-topic"])
def test_the_convenor_cannot_propose_topics(propose, convenor_user, nothing_saved, unit_name):
    with nothing_saved(), pytest.raises(NotPermitted):
        propose(unit_name, actor=convenor_user)


def test_a_unit_that_was_not_invited_cannot_propose(propose, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="本单位未被邀请参加此次会议"):
        propose("区委宣传部")


def test_a_unit_may_propose_until_the_deadline_itself(propose, clock):
    clock.set(2026, 3, 13, 17, 0)

    assert propose("区民政局").pk


def test_a_units_topic_after_the_deadline_is_refused(propose, clock, nothing_saved):
    clock.set(2026, 3, 13, 17, 1)

    with nothing_saved(), pytest.raises(InvalidState, match="议题征集已于2026-03-13 17:00截止，请联系联席会议办公室"):
        propose("区民政局")


def test_the_office_may_still_add_a_topic_after_the_deadline(propose, clock):
    clock.set(2026, 3, 19, 18, 0)

    topic = reloaded(propose(None, title="临时增加：春节慰问安排"))

    assert (topic.unit, topic.status) == (None, "proposed")


def test_no_topic_is_added_once_the_meeting_is_held(propose, held_meeting, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="此次会议已不再征集议题"):
        propose(None, meeting=held_meeting)


def test_no_topic_is_proposed_for_a_cancelled_meeting(propose, notified_meeting, office_user, nothing_saved):
    services.meeting_cancel(actor=office_user, meeting=notified_meeting, reason="改期")

    with nothing_saved(), pytest.raises(InvalidState, match="此次会议已不再征集议题"):
        propose("区民政局")


@pytest.mark.parametrize("field", ["title", "background", "decision_requested"])
def test_a_topic_needs_a_title_background_and_the_decision_requested(propose, nothing_saved, field):
    with nothing_saved(), pytest.raises(DomainError, match="不能为空"):
        propose("区民政局", **{field: "   "})


def test_a_topic_keeps_its_attachments(propose):
    topic = propose("区民政局", files=[SimpleUploadedFile("认定办法（征求意见稿）.pdf", PDF)])

    assert list(TopicAttachment.objects.filter(topic=topic).values_list("name", flat=True)) == [
        "认定办法（征求意见稿）.pdf"
    ]


def test_a_topic_attachment_is_judged_by_its_content_and_a_bad_one_saves_nothing(propose, nothing_saved):
    # Progress reports refuse such a file (coordination.uploads.validate_upload); topics must too.
    disguised = SimpleUploadedFile("认定办法.pdf", b"MZ\x90\x00 not a pdf")

    with nothing_saved(), pytest.raises(DomainError, match="不是可接受的类型"):
        propose("区民政局", files=[disguised])


# --- accept, defer, decline -------------------------------------------------------------


def test_accepted_topics_get_agenda_order_1_2_3_in_the_order_accepted(topics, office_user, notified_meeting):
    for key in ("教体", "办公室", "民政"):
        services.topic_accept(actor=office_user, topic=topics[key])

    assert agenda(notified_meeting) == [("困难学生资助衔接", 1), ("年度工作要点", 2), ("低保边缘家庭认定标准", 3)]


def test_accepting_a_topic_is_audited(topics, office_user, audit_entries):
    services.topic_accept(actor=office_user, topic=topics["民政"])

    [entry] = audit_entries(topics["民政"], "coordination.topic.accepted")
    assert entry.user == office_user
    assert entry.data == {"changes": {"status": "accepted"}}


def test_the_proposing_units_liaison_is_told_the_topic_was_accepted(topics, office_user, notified):
    services.topic_accept(actor=office_user, topic=topics["民政"])

    assert notified("议题“低保边缘家庭认定标准”：已列入议程") == {"区民政局"}


def test_no_liaison_is_told_about_an_office_topic(topics, office_user, notified):
    services.topic_accept(actor=office_user, topic=topics["办公室"])

    assert notified("议题“年度工作要点”") == set()


def test_deferring_an_accepted_topic_takes_it_off_the_agenda_with_the_reason(topics, office_user, notified_meeting):
    services.topic_accept(actor=office_user, topic=topics["民政"])
    services.topic_accept(actor=office_user, topic=topics["教体"])

    services.topic_defer(actor=office_user, topic=topics["民政"], reason=" 待财政测算后再议 ")

    topic = reloaded(topics["民政"])
    assert (topic.status, topic.reason, topic.agenda_order) == ("deferred", "待财政测算后再议", None)
    assert [title for title, _order in agenda(notified_meeting)] == ["困难学生资助衔接"]


def test_deferring_is_audited_and_the_unit_told_why(topics, office_user, audit_entries, liaison):
    services.topic_defer(actor=office_user, topic=topics["民政"], reason="待财政测算后再议")

    [entry] = audit_entries(topics["民政"], "coordination.topic.deferred")
    assert entry.data == {"changes": {"status": "deferred"}, "note": "待财政测算后再议"}
    [message] = liaison["区民政局"].notifications.filter(title__startswith="议题")
    assert (message.title, message.body) == ("议题“低保边缘家庭认定标准”：暂缓", "待财政测算后再议")


def test_declining_records_the_reason_and_tells_the_unit(topics, office_user, audit_entries, notified):
    services.topic_decline(actor=office_user, topic=topics["教体"], reason="属部门职责，无需提交会议")

    topic = reloaded(topics["教体"])
    assert (topic.status, topic.reason, topic.agenda_order) == ("declined", "属部门职责，无需提交会议", None)
    [entry] = audit_entries(topic, "coordination.topic.declined")
    assert entry.data["note"] == "属部门职责，无需提交会议"
    assert notified("议题“困难学生资助衔接”：不予列入") == {"区教体局"}


@pytest.mark.parametrize("decide", [services.topic_defer, services.topic_decline], ids=["defer", "decline"])
def test_deferring_or_declining_needs_a_reason(topics, office_user, nothing_saved, decide):
    with nothing_saved(), pytest.raises(DomainError, match="暂缓或不予列入议程，须说明理由"):
        decide(actor=office_user, topic=topics["民政"], reason="  ")


def test_a_deferred_topic_may_be_accepted_later_and_goes_last(topics, office_user, notified_meeting):
    services.topic_defer(actor=office_user, topic=topics["民政"], reason="待测算")
    services.topic_accept(actor=office_user, topic=topics["教体"])

    services.topic_accept(actor=office_user, topic=topics["民政"])

    assert [title for title, _order in agenda(notified_meeting)] == ["困难学生资助衔接", "低保边缘家庭认定标准"]
    assert reloaded(topics["民政"]).reason == ""


def test_a_deferred_topic_may_be_declined(topics, office_user):
    services.topic_defer(actor=office_user, topic=topics["民政"], reason="待测算")

    services.topic_decline(actor=office_user, topic=topics["民政"], reason="已另行解决")

    assert reloaded(topics["民政"]).status == "declined"


def test_a_topic_is_accepted_only_once(topics, office_user, nothing_saved):
    services.topic_accept(actor=office_user, topic=topics["民政"])

    with nothing_saved(), pytest.raises(InvalidState, match="议题当前为“已列入议程”，不能这样处理"):
        services.topic_accept(actor=office_user, topic=topics["民政"])


def test_an_accepted_topic_is_deferred_not_declined(topics, office_user, nothing_saved):
    services.topic_accept(actor=office_user, topic=topics["民政"])

    with nothing_saved(), pytest.raises(InvalidState, match="议题当前为“已列入议程”，不能这样处理"):
        services.topic_decline(actor=office_user, topic=topics["民政"], reason="不再需要")


@pytest.mark.parametrize(
    "decide",
    [
        lambda actor, topic: services.topic_accept(actor=actor, topic=topic),
        lambda actor, topic: services.topic_defer(actor=actor, topic=topic, reason="再议"),
        lambda actor, topic: services.topic_decline(actor=actor, topic=topic, reason="再议"),
    ],
    ids=["accept", "defer", "decline"],
)
def test_a_declined_topic_stays_declined(topics, office_user, nothing_saved, decide):
    services.topic_decline(actor=office_user, topic=topics["民政"], reason="属部门职责")

    with nothing_saved(), pytest.raises(InvalidState, match="议题当前为“不予列入”，不能这样处理"):
        decide(office_user, topics["民政"])


def test_the_agenda_is_fixed_once_the_meeting_is_held(
    topics, office_user, notified_meeting, sheet, nothing_saved, meeting_day
):
    services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)

    with nothing_saved(), pytest.raises(InvalidState, match="会议已召开或已取消，议程不能再调整"):
        services.topic_accept(actor=office_user, topic=topics["民政"])


@pytest.mark.parametrize(
    "decide",
    [
        lambda actor, topic: services.topic_accept(actor=actor, topic=topic),
        lambda actor, topic: services.topic_defer(actor=actor, topic=topic, reason="再议"),
        lambda actor, topic: services.topic_decline(actor=actor, topic=topic, reason="再议"),
    ],
    ids=["accept", "defer", "decline"],
)
@pytest.mark.parametrize("who", ["convenor", "proposing-liaison"])
def test_only_the_office_decides_on_topics(topics, convenor_user, liaison, nothing_saved, decide, who):
    actor = convenor_user if who == "convenor" else liaison["区民政局"]

    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以审定议题"):
        decide(actor, topics["民政"])


# --- agenda order -----------------------------------------------------------------------


@pytest.fixture
def accepted(topics, office_user):
    """All three topics accepted: 民政 1, 教体 2, 办公室 3."""
    for key in ("民政", "教体", "办公室"):
        services.topic_accept(actor=office_user, topic=topics[key])
    return topics


def test_reordering_sets_the_agenda_in_the_order_given(accepted, office_user, notified_meeting):
    services.agenda_reorder(
        actor=office_user,
        meeting=notified_meeting,
        topic_ids=[accepted["办公室"].pk, accepted["民政"].pk, accepted["教体"].pk],
    )

    assert agenda(notified_meeting) == [("年度工作要点", 1), ("低保边缘家庭认定标准", 2), ("困难学生资助衔接", 3)]


def test_reordering_is_audited_with_the_new_order(accepted, office_user, notified_meeting, audit_entries):
    order = [accepted["教体"].pk, accepted["民政"].pk, accepted["办公室"].pk]

    services.agenda_reorder(actor=office_user, meeting=notified_meeting, topic_ids=order)

    [entry] = audit_entries(notified_meeting, "coordination.meeting.reorder_agenda")
    assert entry.user == office_user
    assert entry.data["changes"] == {"order": order}


def test_reordering_closes_the_gap_a_deferred_topic_left(accepted, office_user, notified_meeting):
    services.topic_defer(actor=office_user, topic=accepted["教体"], reason="待测算")

    services.agenda_reorder(
        actor=office_user, meeting=notified_meeting, topic_ids=[accepted["办公室"].pk, accepted["民政"].pk]
    )

    assert agenda(notified_meeting) == [("年度工作要点", 1), ("低保边缘家庭认定标准", 2)]


@pytest.mark.parametrize("mistake", ["one-missing", "one-twice", "a-proposed-topic", "a-topic-of-another-meeting"])
def test_the_new_order_must_name_each_accepted_topic_exactly_once(
    accepted, propose, make_meeting, office_user, notified_meeting, nothing_saved, mistake
):
    ids = [accepted["民政"].pk, accepted["教体"].pk, accepted["办公室"].pk]
    if mistake == "one-missing":
        ids = ids[:2]
    elif mistake == "one-twice":
        ids = [*ids, ids[0]]
    elif mistake == "a-proposed-topic":
        ids = [*ids, propose("区财政局", title="资金保障").pk]
    else:
        other = make_meeting(starts_at=notified_meeting.starts_at.replace(month=5))
        ids = [*ids[:2], propose(None, meeting=other).pk]

    with nothing_saved(), pytest.raises(DomainError, match="议程顺序须包含全部已列入议程的议题，且每个只出现一次"):
        services.agenda_reorder(actor=office_user, meeting=notified_meeting, topic_ids=ids)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_reorders_the_agenda(accepted, convenor_user, liaison, notified_meeting, nothing_saved, who):
    actor = convenor_user if who == "convenor" else liaison["区民政局"]

    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以调整议程"):
        services.agenda_reorder(
            actor=actor,
            meeting=notified_meeting,
            topic_ids=[accepted["办公室"].pk, accepted["民政"].pk, accepted["教体"].pk],
        )


def test_the_agenda_cannot_be_reordered_once_the_meeting_is_held(
    accepted, office_user, notified_meeting, sheet, nothing_saved, meeting_day
):
    held = services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)

    with nothing_saved(), pytest.raises(InvalidState, match="议程不能再调整"):
        services.agenda_reorder(
            actor=office_user, meeting=held, topic_ids=[accepted["办公室"].pk, accepted["民政"].pk, accepted["教体"].pk]
        )


# --- concurrency ------------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_topics_accepted_at_the_same_time_get_different_agenda_slots(topics, office_user, monkeypatch):
    # Both decisions read the last agenda slot before either saves; the second must then wait for
    # the first (a lock on the meeting) instead of taking the same slot. The barrier holds each
    # save until the other decision has read the slot too, or until it is clear the other waits.
    barrier = threading.Barrier(2, timeout=3)
    save = AgendaTopic.save

    def save_after_both_read(self, *args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return save(self, *args, **kwargs)

    monkeypatch.setattr(AgendaTopic, "save", save_after_both_read)
    errors = []

    def accept(topic_pk):
        try:
            office = type(office_user).objects.get(pk=office_user.pk)
            services.topic_accept(actor=office, topic=AgendaTopic.objects.get(pk=topic_pk))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(topics[key].pk,)) for key in ("民政", "教体")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    meeting = Meeting.objects.get(pk=topics["民政"].meeting_id)
    assert sorted(order for _title, order in agenda(meeting)) == [1, 2]


# --- deferred topics carried to a later meeting ---------------------------------------------


@pytest.fixture
def deferred(topics, office_user, meeting_day, sheet):
    """区民政局's topic, deferred at the meeting of 20 March, which is then held."""
    services.topic_defer(actor=office_user, topic=topics["民政"], reason="待调研后再议")
    services.meeting_hold(actor=office_user, meeting=meeting_day, attendance=sheet)
    return reloaded(topics["民政"])


@pytest.fixture
def next_meeting(deferred, make_meeting, clock):
    return make_meeting(starts_at=clock.now + datetime.timedelta(days=30))


def test_a_deferred_topic_is_offered_to_the_next_meeting(deferred, next_meeting, topics):
    assert list(deferred_topics_for(next_meeting)) == [deferred]


def test_carrying_over_puts_the_topic_on_the_next_agenda_and_points_back(
    deferred, next_meeting, office_user, unit, audit_entries
):
    carried = services.topic_carry_over(actor=office_user, topic=deferred, meeting=next_meeting)

    carried = reloaded(carried)
    assert (carried.meeting, carried.unit, carried.title) == (next_meeting, unit["区民政局"], "低保边缘家庭认定标准")
    assert (carried.status, carried.agenda_order, carried.carried_from) == ("accepted", 1, deferred)
    [entry] = audit_entries(carried, "coordination.topic.carry_over")
    assert entry.user == office_user
    assert entry.data["changes"]["from_topic"] == deferred.pk


def test_a_carried_topic_is_offered_no_more_and_cannot_be_carried_twice(
    deferred, next_meeting, make_meeting, office_user, clock, nothing_saved
):
    services.topic_carry_over(actor=office_user, topic=deferred, meeting=next_meeting)
    later = make_meeting(starts_at=clock.now + datetime.timedelta(days=60))

    assert list(deferred_topics_for(later)) == []
    with nothing_saved(), pytest.raises(InvalidState, match="此议题已转入其他会议，不能重复转入"):
        services.topic_carry_over(actor=office_user, topic=deferred, meeting=later)


def test_nothing_is_carried_without_the_office_asking(deferred, next_meeting):
    assert not next_meeting.topics.exists()


def test_only_deferred_topics_are_carried(topics, office_user, meeting_day, make_meeting, clock, nothing_saved):
    later = make_meeting(starts_at=clock.now + datetime.timedelta(days=30))

    with nothing_saved(), pytest.raises(InvalidState, match="只有暂缓的议题可以转入下次会议"):
        services.topic_carry_over(actor=office_user, topic=topics["教体"], meeting=later)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_carries_topics_over(deferred, next_meeting, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以转入暂缓议题"):
        services.topic_carry_over(actor=non_office[who], topic=deferred, meeting=next_meeting)
