"""The button a template shows is the move the service allows.

For a handful of rules, `rules.can` (what `{% can %}` asks before showing a button) must be True
exactly when the service it guards succeeds, for the office, a liaison of the unit concerned, a
liaison of another unit and a convenor, in a state where the move is open and in one where it is
not. Each service call is made on a fresh copy of the object and rolled back, so every user is
asked about the same state. Input rules (a reason, a date) are not the rule's business: every
call below gives valid input.
"""

import datetime

import pytest
from django.db import transaction

from coordination import rules, services
from coordination.errors import DomainError
from coordination.models import AgendaTopic, Minutes, Reply

# The meeting cycle and proposal fixtures live in the services' conftest; they are imported
# here (a conftest only serves its own directory) and used by name as fixtures.
from tests.coordination.services.conftest import (  # noqa: F401
    agree_all,
    agreed_items,
    chair,
    clock,
    closed_minutes,
    consent_deadline,
    draft_minutes,
    held_meeting,
    liaison,
    make_meeting,
    notified_meeting,
    open_round,
    people,
    proposal,
    queued_pdfs,
    scheduled_meeting,
    unit,
)
from tests.coordination.services.helpers import countersigned, draft, signed
from tests.factories import UserFactory


class Rollback(Exception):
    pass


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def succeeds(call) -> bool:
    """Whether the service call goes through; whatever it wrote is rolled back."""
    try:
        with transaction.atomic():
            call()
            raise Rollback
    except Rollback:
        return True
    except DomainError:
        return False


def assert_can_matches_service(users, name, obj, service, expected, **context):
    """For each user: `rules.can` == the service succeeds == the user is in `expected`."""
    answers = {
        who: (rules.can(name, user, fresh(obj), **context), succeeds(lambda user=user: service(user, fresh(obj))))
        for who, user in users.items()
    }
    assert answers == {who: (who in expected, who in expected) for who in users}


# --- action items: the office confirms a reported completion -------------------------------


@pytest.mark.parametrize("state", ["open", "completion-reported"])
def test_item_close(item, liaisons, office_user, convenor_user, state):
    if state == "completion-reported":
        services.action_item_report_progress(
            actor=liaisons["lead"], item=item, unit=item.lead_unit, text="完成", completion=True
        )
    users = {"office": office_user, "liaison": liaisons["lead"], "other": liaisons["other"], "convenor": convenor_user}

    assert_can_matches_service(
        users,
        "item.close",
        item,
        lambda actor, item: services.action_item_close(actor=actor, item=item),
        expected={"office"} if state == "completion-reported" else set(),
    )


# --- minutes: issued by the office once consent is closed ----------------------------------


@pytest.fixture
def cycle_users(office_user, convenor_user, liaison):  # noqa: F811
    """区民政局 was present at the meeting; 区委宣传部 was not invited; the convenor chaired."""
    return {
        "office": office_user,
        "liaison": liaison["区民政局"],
        "other": liaison["区委宣传部"],
        "convenor": convenor_user,
    }


@pytest.mark.parametrize("state", ["draft_minutes", "closed_minutes"])
def test_minutes_issue(request, cycle_users, queued_pdfs, state):  # noqa: F811
    minutes = request.getfixturevalue(state)

    assert_can_matches_service(
        cycle_users,
        "minutes.issue",
        minutes,
        lambda actor, minutes: services.minutes_issue(
            actor=actor, minutes=minutes, reported_on=datetime.date(2026, 3, 20)
        ),
        expected={"office"} if state == "closed_minutes" else set(),
    )
    assert Minutes.objects.get(pk=minutes.pk).status != Minutes.Status.ISSUED  # every call was rolled back


# --- consent: a unit present answers through its own liaison while the round is open -------


@pytest.mark.parametrize("state", ["open", "after-the-deadline"])
def test_consent_answer(open_round, cycle_users, unit, clock, consent_deadline, state):  # noqa: F811
    if state == "after-the-deadline":
        clock.now = consent_deadline + datetime.timedelta(minutes=1)

    assert_can_matches_service(
        cycle_users,
        "consent.answer",
        open_round.minutes,
        lambda actor, minutes: services.consent_answer(actor=actor, minutes=minutes, unit=unit["区民政局"], agree=True),
        # The office holds the act-for-any-unit permission (as for registering attendees).
        expected={"office", "liaison"} if state == "open" else set(),
        unit=unit["区民政局"],
    )


# --- agenda: the office decides on a topic while the meeting is open -----------------------

DECISIONS = {
    AgendaTopic.Status.ACCEPTED: lambda actor, topic: services.topic_accept(actor=actor, topic=topic),
    AgendaTopic.Status.DEFERRED: lambda actor, topic: services.topic_defer(actor=actor, topic=topic, reason="再议"),
    AgendaTopic.Status.DECLINED: lambda actor, topic: services.topic_decline(actor=actor, topic=topic, reason="再议"),
}


@pytest.mark.parametrize("decision", list(DECISIONS))
@pytest.mark.parametrize("state", ["proposed", "declined"])
def test_topic_decide(notified_meeting, cycle_users, unit, liaison, office_user, decision, state):  # noqa: F811
    topic = services.topic_propose(
        actor=liaison["区民政局"],
        meeting=notified_meeting,
        unit=unit["区民政局"],
        title="低保边缘家庭认定标准",
        background="部分家庭收入略高于低保标准。",
        decision_requested="请会议研究认定标准。",
    )
    if state == "declined":
        services.topic_decline(actor=office_user, topic=topic, reason="属部门职责")

    assert_can_matches_service(
        cycle_users,
        "topic.decide",
        topic,
        DECISIONS[decision],
        expected={"office"} if state == "proposed" else set(),
        decision=decision,
    )


# --- replies: only the unit's signer signs off a countersigned draft --------------------------------------


@pytest.mark.parametrize("state", ["not-countersigned", "draft", "signed-off"])
def test_reply_sign_off(proposal, people, convenor_user, state):  # noqa: F811
    make = {"not-countersigned": draft, "draft": countersigned, "signed-off": signed}[state]
    reply = make(proposal, people)
    users = {
        "office": people["office"],
        "liaison": people["lead"],
        "other": people["other"],
        "convenor": convenor_user,
        "signer": people["leader"],
    }

    assert_can_matches_service(
        users,
        "reply.sign_off",
        reply,
        lambda actor, reply: services.reply_sign_off(actor=actor, reply=reply),
        expected={"signer"} if state == "draft" else set(),
    )
    assert Reply.objects.get(pk=reply.pk).status == reply.status  # every call was rolled back


# --- circulars: read by everyone in the coordination, nobody else -------------------------


def test_circular_read(client, office_user, convenor_user, liaisons):
    # Reading has no service: the move is the circulars page, which answers 403 when refused.
    users = {
        "office": office_user,
        "liaison": liaisons["lead"],
        "other": liaisons["other"],
        "convenor": convenor_user,
        "no-role": UserFactory(username="no-role"),
    }
    answers = {}
    for who, user in users.items():
        client.force_login(user)
        status = client.get("/workbench/circulars/").status_code
        assert status in (200, 403)
        answers[who] = (rules.can("circular.read", user), status == 200)

    assert answers == {who: (who != "no-role", who != "no-role") for who in users}
