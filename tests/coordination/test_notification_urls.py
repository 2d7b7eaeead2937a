"""Every notification the services send leads somewhere its recipient can open.

One walk through the joint meeting's year triggers each `notification_send` call through its
service; after every step, each new notification's recipient opens its URL and must get the page
(200). A second test reads the services' source, so a new call site without a step here fails.
"""

import ast
import datetime
import importlib
import pathlib
import sys

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from coordination import services, workdays
from coordination.models import DisclosureRequest, Meeting, Minutes, Notification, Proposal, Reply

from .disclosure_world import submit as submit_request
from .views.home_world import days, held_meeting, leader_of, make_item

SERVICES = pathlib.Path(services.__file__).parent


SENDERS = ("notification_send", "notifications_deliver")


def call_sites() -> set[tuple[str, str]]:
    """(module, function) of every call of `notification_send` or `notifications_deliver` in the services."""
    sites = set()
    for path in SERVICES.glob("*.py"):
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in SENDERS:
                    sites.add((f"coordination.services.{path.stem}", function.name))
    return sites


@pytest.fixture
def sent_from(monkeypatch):
    """Records which service function sent each notification: (module, function) → titles."""
    seen: dict[tuple[str, str], list[str]] = {}

    def recorder(original, titles):
        def recording(*args, **kwargs):
            caller = sys._getframe(1)
            seen.setdefault((caller.f_globals["__name__"], caller.f_code.co_name), []).extend(titles(*args, **kwargs))
            return original(*args, **kwargs)

        return recording

    send = recorder(services.notifications.notification_send, lambda **kwargs: [kwargs["title"]])
    deliver = recorder(services.notifications.notifications_deliver, lambda notifications: [])
    for module, _function in call_sites():
        if hasattr(importlib.import_module(module), "notification_send"):
            monkeypatch.setattr(f"{module}.notification_send", send)
        if hasattr(importlib.import_module(module), "notifications_deliver"):
            monkeypatch.setattr(f"{module}.notifications_deliver", deliver)
    return seen


class Checker:
    """After each step: every new notification's URL, and each link a digest lists, answers 200 to its recipient."""

    def __init__(self, client):
        self.client = client
        self.last = 0
        self.checked = 0

    def __call__(self, step: str) -> None:
        new = list(Notification.objects.filter(pk__gt=self.last).select_related("recipient").order_by("pk"))
        assert new, f"{step}: no notification was sent"
        for notification in new:
            assert notification.url.startswith("/"), f"{step}: {notification.title!r} has no URL"
            self.client.force_login(notification.recipient)
            for url in (notification.url, *(link["url"] for link in notification.links)):
                response = self.client.get(url.split("#")[0])
                assert response.status_code == 200, (step, notification.title, url, notification.recipient)
                self.checked += 1
        self.last = new[-1].pk


def test_every_notification_url_answers_its_recipient(
    client, units, office_user, convenor_user, make_liaison, sent_from
):
    check = Checker(client)
    mz, jt, cz = units[5], units[3], units[7]
    lead = make_liaison(mz)
    check("liaison appointed")
    co = make_liaison(cz)
    other = make_liaison(jt)
    leader = leader_of(mz)

    starts = timezone.now() + datetime.timedelta(days=10)
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=starts,
        place="会议室",
        chair=convenor_user,
        topic_deadline=starts - datetime.timedelta(days=3),
        invited_units=[mz, jt],
    )
    services.meeting_notify(actor=office_user, meeting=meeting)
    check("meeting notified")
    starts += datetime.timedelta(days=1)
    meeting = services.meeting_reschedule(
        actor=office_user,
        meeting=meeting,
        starts_at=starts,
        place="会议室",
        chair=convenor_user,
        topic_deadline=starts - datetime.timedelta(days=3),
    )
    check("meeting rescheduled")
    topic = services.topic_propose(
        actor=lead, meeting=meeting, unit=mz, title="议题", background="b", decision_requested="d"
    )
    services.topic_defer(actor=office_user, topic=topic, reason="下次再议")
    check("topic decided")
    services.meeting_cancel(actor=office_user, meeting=meeting, reason="改期")
    check("meeting cancelled")

    held = held_meeting(office_user, convenor_user, [mz, jt, cz])
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=held,
        title="纪要",
        body="会议议定如下。",
        agreed_items=[{"title": "议定事项", "lead_unit": mz, "co_units": [cz], "deadline": days(30)}],
    )
    services.consent_round_open(
        actor=office_user, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3)
    )
    check("consent requested")
    for unit, liaison in ((mz, lead), (jt, other), (cz, co)):
        services.consent_answer(actor=liaison, minutes=minutes, unit=unit, agree=True)
    services.consent_round_close(actor=office_user, minutes=minutes)
    services.minutes_issue(
        actor=office_user, minutes=Minutes.objects.get(pk=minutes.pk), reported_on=timezone.localdate()
    )
    check("minutes issued")

    item = make_item(office_user, mz, "督办事项", days(5), co_units=[cz])
    check("item assigned")
    services.action_item_report_progress(actor=co, item=item, unit=cz, text="配合单位进展", percent=30)
    check("co-unit reported to the lead unit")
    services.action_item_report_progress(actor=lead, item=item, unit=mz, text="牵头单位进展", percent=50)
    check("lead unit reported to the office")
    services.action_item_urge(actor=office_user, item=item, unit=cz, text="请抓紧")
    check("urged")
    extension = services.extension_request(actor=lead, item=item, reason="需要协调", new_deadline=days(40))
    services.extension_decide(actor=office_user, request=extension, approve=False, note="时限不变")
    check("extension decided")
    services.action_item_report_progress(actor=lead, item=item, unit=mz, text="完成", completion=True)
    services.action_item_return(actor=office_user, item=item, reason="缺少附件")
    check("completion returned")
    services.action_item_report_progress(actor=lead, item=item, unit=mz, text="补齐附件", completion=True)
    services.action_item_close(actor=office_user, item=item)
    check("item closed")
    services.action_item_cancel(actor=office_user, item=make_item(office_user, mz, "撤销事项", days(9)), reason="合并")
    check("item cancelled")

    def register(number, co_units=()):
        return services.proposal_register(
            actor=office_user,
            kind=Proposal.Kind.NPC,
            session="区第十九届人大第四次会议",
            number=number,
            title=f"第{number}号建议",
            content="建议。",
            received_on=timezone.localdate(),
            proposers=[{"name": "赵敏"}],
            lead_unit=mz,
            co_units=co_units,
        )

    proposal = register("1", [cz])
    check("proposal assigned")
    services.proposal_co_opinion(actor=co, proposal=proposal, unit=cz, text="协办意见")
    check("co-opinion given")
    misassigned = register("2")
    services.proposal_return(actor=lead, proposal=misassigned, reason="不属于本单位职责")
    check("proposal returned to the office")
    services.proposal_reassign(actor=office_user, proposal=Proposal.objects.get(pk=misassigned.pk), lead_unit=jt)
    check("proposal reassigned")
    request = services.proposal_extension_request(
        actor=lead, proposal=proposal, new_deadline=proposal.deadline + datetime.timedelta(days=10), reason="需调研"
    )
    check("proposal extension requested")
    services.proposal_extension_decide(actor=office_user, request=request, approve=True)
    check("proposal extension decided")
    reply = services.reply_save(actor=lead, proposal=proposal, category="B", body="答复。", addressee="赵敏代表")
    services.reply_countersign_request(actor=lead, reply=reply)
    check("countersign requested")
    services.reply_countersign(actor=co, reply=reply, unit=cz, decision="remarks", remarks="请补充资金来源")
    check("countersigned")
    reply = services.reply_save(actor=lead, proposal=proposal, body="答复，补充了资金来源。")
    services.reply_countersign_waive(actor=office_user, reply=reply, reason="协办单位已书面同意")
    check("countersign waived")
    reply = services.reply_sign_off(actor=leader, reply=reply)
    services.reply_send(actor=lead, reply=Reply.objects.get(pk=reply.pk))
    services.proposal_rate(actor=office_user, proposal=Proposal.objects.get(pk=proposal.pk), rating="unsatisfied")
    check("unsatisfied rating")

    services.circular_issue(
        actor=office_user, period_start=timezone.localdate() - relativedelta(months=1), period_end=timezone.localdate()
    )
    check("circular issued")

    export = services.ledger_export_request(actor=office_user, query="light=red")
    services.ledger_export_render(export_id=export.pk)  # the task (its hand-over waits for a commit here)
    check("ledger ready")

    workday = workdays.add_workdays(days(-1), 1)  # reminders go out on working days: today or the next
    make_item(office_user, mz, "一周后到期", workday + datetime.timedelta(days=7), co_units=[cz])
    awaited = register("3", [cz])
    Proposal.objects.filter(pk=awaited.pk).update(co_opinion_deadline=workday + datetime.timedelta(days=1))
    check.last = Notification.objects.order_by("pk").last().pk
    services.reminders_send(today=workday)
    check("reminders")
    (digest,) = Notification.objects.filter(recipient=co, title__startswith="督办提醒")
    assert len(digest.links) == 2  # the item it co-operates on, and the proposal awaiting its opinion
    services.office_digest_send()
    check("weekly digest")
    uncontacted = register("4")
    Proposal.objects.filter(pk=uncontacted.pk).update(assigned_on=timezone.localdate() - datetime.timedelta(days=40))
    services.contact_reminders_send()
    check("first contact late")

    make_item(office_user, jt, "两天后到期，尚无进展", days(2))
    services.red_items_escalate()
    check("red item escalated")
    late = held_meeting(office_user, convenor_user, [mz, jt], days_ago=10)
    services.minutes_due_reminders_send()
    check("minutes late")
    late_minutes = services.minutes_draft(
        actor=office_user,
        meeting=late,
        title="纪要",
        body="会议议定如下。",
        agreed_items=[{"title": "议定事项二", "lead_unit": jt, "deadline": days(30)}],
    )
    services.consent_round_open(
        actor=office_user, minutes=late_minutes, deadline=timezone.now() + datetime.timedelta(hours=20)
    )
    check("second consent requested")
    services.consent_reminders_send()
    check("consent deadline near")

    request, _secret = submit_request()
    check("information request received")
    services.disclosure_request_ask_correction(actor=office_user, request=request, text="请写明年份")
    services.disclosure_request_supply_correction(request=request, text="2025年")
    check("information request corrected")
    DisclosureRequest.objects.filter(pk=request.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    services.disclosure_reminders_send()
    check("information request overdue")

    assert set(sent_from) == call_sites()
    assert check.checked > 30


def test_the_consent_request_opens_the_minutes_where_the_unit_answers(
    client, units, office_user, convenor_user, make_liaison
):
    liaison = make_liaison(units[5])
    meeting = held_meeting(office_user, convenor_user, [units[5]])
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=meeting,
        title="纪要",
        body="正文",
        agreed_items=[{"title": "事项", "lead_unit": units[5], "deadline": days(30)}],
    )
    services.consent_round_open(
        actor=office_user, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3)
    )
    notification = liaison.notifications.get(title__startswith="请确认会议纪要")

    client.force_login(liaison)
    body = client.get(notification.url).content.decode()

    assert notification.url == reverse("workbench:minutes", args=[minutes.pk]) + "#consent"
    assert 'id="consent"' in body and reverse("workbench:consent-answer", args=[minutes.pk]) in body
