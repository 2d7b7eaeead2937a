"""Every workbench list, the home and the API's item list cost the same number of queries with
three times the data: no query per row, counts made by the database, lists a page (or, on the
home, a shortlist) at a time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination import permissions
from coordination.models import ActionItem, Escalation, ExtensionRequest, ProgressReport, Proposal, Reply, Urge
from coordination.selectors.dashboard import HOME_ROWS

LEAD, CO = 5, 7  # 区民政局 leads every item made here, 区财政局 supports half of them

PAGES = {
    "office": [
        "/workbench/",
        "/workbench/items/",
        "/workbench/supervision/",
        "/workbench/supervision/red/",
        "/workbench/proposals/",
        "/workbench/proposals/figures/",
        "/api/items/",
    ],
    "lead": ["/workbench/", "/workbench/items/", "/workbench/proposals/", "/api/items/"],
    "co": ["/workbench/", "/workbench/items/", "/api/items/"],
}


def grow(units, office_user, n: int) -> None:
    """n items of each kind the pages list (red with an escalation, due soon, later, standing,
    completion reported, returned, closed), each with progress, an urge and, when open, a pending
    extension; and n proposals with a drafted reply, n returned to the office."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    kinds = [
        {"deadline": today - 3 * day},
        {"deadline": today + 5 * day},
        {"deadline": today + 60 * day},
        {"deadline": None},
        {"deadline": today + 20 * day, "status": ActionItem.Status.COMPLETION_REPORTED},
        {"deadline": today + 20 * day, "status": ActionItem.Status.IN_PROGRESS, "status_reason": "缺少附件"},
        {"deadline": today - 30 * day, "status": ActionItem.Status.CLOSED, "closed_at": timezone.now()},
    ]
    items = ActionItem.objects.bulk_create(
        ActionItem(source=ActionItem.Source.OFFICE, title=f"事项{i}", lead_unit=units[LEAD], **kind)
        for kind in kinds
        for i in range(n)
    )
    ActionItem.co_units.through.objects.bulk_create(
        ActionItem.co_units.through(actionitem=item, memberunit=units[CO]) for item in items[::2]
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(action_item=item, unit=units[LEAD], author=office_user, text="进展", percent=30)
        for item in items
    )
    Urge.objects.bulk_create(
        Urge(action_item=item, unit=units[LEAD], text="催办", sent_by=office_user) for item in items
    )
    open_items = [item for item in items if item.status not in ActionItem.FINISHED_STATUSES]
    ExtensionRequest.objects.bulk_create(
        ExtensionRequest(action_item=item, requested_by=office_user, reason="延期", new_deadline=today + 90 * day)
        for item in open_items
        if item.deadline
    )
    Escalation.objects.bulk_create(
        Escalation(action_item=item, deadline=item.deadline) for item in items if item.deadline == kinds[0]["deadline"]
    )
    start = Proposal.objects.count()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            kind=Proposal.Kind.values[i % 2],
            session="会议",
            number=str(start + i),
            title=f"建议{start + i}",
            received_on=today - 40 * day,
            assigned_on=today - 40 * day,
            lead_unit=units[LEAD],
            deadline=today + (i % 3 - 1) * 30 * day,
            return_reason="不属于本单位职责" if i % 2 else "",
        )
        for i in range(2 * n)
    )
    Reply.objects.bulk_create(
        Reply(proposal=p, unit=units[LEAD], status=[Reply.Status.DRAFT, Reply.Status.SENT][i % 2], reply_date=today)
        for i, p in enumerate(proposals)
    )


def count_queries(client, user, url: str) -> int:
    client.force_login(user)
    client.get(url)  # the first request of a session also fills caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def users(office_user, units, make_liaison):
    lead = make_liaison(units[LEAD], "lead")
    permissions.grant_sign_off(lead, units[LEAD])  # the home's sign-off section too
    return {"office": office_user, "lead": lead, "co": make_liaison(units[CO], "co")}


@pytest.mark.parametrize("who,url", [(who, url) for who, urls in PAGES.items() for url in urls])
def test_the_queries_of_a_page_do_not_grow_with_the_data(client, users, units, office_user, who, url):
    grow(units, office_user, 1)  # fewer rows than the home's shortlists hold
    few = count_queries(client, users[who], url)
    grow(units, office_user, 2)  # more than they hold: 18 urges and items in hand, 21 items in all
    assert count_queries(client, users[who], url) == few


def test_the_home_shows_a_shortlist_with_the_full_count_and_a_link_to_the_rest(client, users, units, office_user):
    grow(units, office_user, HOME_ROWS + 2)
    client.force_login(users["lead"])
    body = client.get("/workbench/").content.decode()
    owed = ActionItem.objects.open().for_unit(units[LEAD]).exclude(deadline=None).count()
    assert f'<span class="count" id="owed-count">{owed}</span>' in body
    owed_list = body.split('id="owed-list">', 1)[1].split("</ul>", 1)[0]
    assert owed_list.count("<li>") == HOME_ROWS
    assert f"另有 {owed - HOME_ROWS} 项未列出，查看全部 {owed} 项" in body
