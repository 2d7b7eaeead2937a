"""An anonymous visitor follows every link from `/`, the feeds, the sitemap, the API and search.

Internal texts (a draft reply, a progress report, a topic's background, draft minutes, a
co-unit's opinion), every phone number and every private file must be out of reach.
"""

import datetime
import re
import unicodedata
from collections import deque

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coordination import services
from coordination.models import Meeting, ProgressAttachment, Proposal, Reply

INTERNAL = ["内部答复草稿甲", "内部进展乙", "内部议题背景丙", "纪要初稿丁", "协办意见戊"]
PHONES = [
    "139 0000 1234",
    "(0917)6219876",
    "１３９１１１１２２２２",
    "+8613822223333",
    "0917－6219876",
    "139-4444-5555",
]
PHONE_DIGITS = ["13900001234", "6219876", "13911112222", "13822223333", "13944445555", "13912345678", "6212345"]
START = ["/", "/sitemap.xml", "/feeds/policies/", "/feeds/replies/", "/feeds/reports/", "/feeds/replies/atom/"]
API = ["/api/items/", "/api/schema/"]
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)|<loc>\s*([^<\s]+)""")
LIMIT = 600


def flat_digits(text: str) -> str:
    """Numbers with the spaces, hyphens and brackets inside them removed, so any notation matches."""
    return re.sub(r"(?<=\d)[\s\-()+]+(?=\d)", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def internal_world(site_pages, units, office_user, convenor_user, make_liaison):
    """Internal work of 区民政局 beside the public demo site; one disclosed reply carries phones."""
    liaison, co = make_liaison(units[5], "mz"), make_liaison(units[7], "cz")
    proposal = services.proposal_register(
        actor=office_user,
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number="99",
        title="关于完善救助热线的建议",
        content="建议内容",
        received_on=datetime.date(2026, 10, 9),
        proposers=[{"name": "赵敏", "phone": "13912345678"}],
        lead_unit=units[5],
        co_units=[units[7]],
    )
    services.reply_save(actor=liaison, proposal=proposal, category="B", body=f"{INTERNAL[0]}，电话{PHONES[0]}")
    services.proposal_co_opinion(actor=co, proposal=proposal, unit=units[7], text=INTERNAL[4])
    item = services.action_item_create(
        actor=office_user, title="督办事项", lead_unit=units[5], deadline=datetime.date(2027, 6, 30)
    )
    pdf = SimpleUploadedFile("私密材料.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    services.action_item_report_progress(
        actor=liaison, item=item, unit=units[5], text=INTERNAL[1], percent=10, completion=False, files=[pdf]
    )
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=now + datetime.timedelta(days=5),
        place="会议室",
        chair=convenor_user,
        topic_deadline=now + datetime.timedelta(days=2),
        invited_units=[units[5]],
    )
    services.topic_propose(
        actor=liaison, meeting=meeting, unit=units[5], title="议题", background=INTERNAL[2], decision_requested="请研究"
    )
    services.meeting_notify(actor=office_user, meeting=meeting)
    with time_machine.travel(meeting.starts_at + datetime.timedelta(hours=1)):  # a meeting is held once it begins
        services.meeting_hold(actor=office_user, meeting=meeting, attendance={units[5].pk: ("present", "张三")})
    services.minutes_draft(
        actor=office_user,
        meeting=meeting,
        title="纪要",
        body=INTERNAL[3],
        agreed_items=[{"title": "议定", "lead_unit": units[5], "co_units": [], "deadline": datetime.date(2027, 6, 30)}],
    )
    disclosed = Reply.objects.get(proposal__number="41")
    disclosed.body += "\n" + "；".join(PHONES)
    disclosed.save()
    from content.fulltext.indexing import index_object

    index_object(disclosed)
    return {"item": item, "proposal": proposal, "attachment": ProgressAttachment.objects.get()}


def assert_nothing_private(url: str, body: str) -> None:
    for text in INTERNAL:
        assert text not in body, (url, text)
    digits = flat_digits(body)
    for number in PHONE_DIGITS:
        assert number not in digits, (url, number)


# Our own absolute links: the request's host, and the public address the sitemap and feeds use.
ORIGIN = rf"^(https?://testserver|{re.escape(settings.PORTAL_PUBLIC_URL.rstrip('/'))})(?=/)"


def crawl(client, start):
    seen, queue, pages = set(start), deque(start), {}
    while queue and len(pages) < LIMIT:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        pages[url] = (response.status_code, text)
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            found = [response["Location"]]
        else:
            found = [a or b for a, b in LINK.findall(text)]
        for link in found:
            link = re.sub(ORIGIN, "", link.replace("&amp;", "&"))
            if link.startswith("/") and not link.startswith("//") and link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def test_an_anonymous_crawl_reaches_nothing_internal(client, internal_world):
    pages = crawl(client, START + API)
    assert len(pages) > 50 and len(pages) < LIMIT
    assert any(url.startswith("/replies/") for url in pages)
    for url, (status, body) in pages.items():
        assert_nothing_private(url, body)
        if url.startswith(("/workbench/", "/admin/")) and status == 200:
            assert "login" in url or "password" in body.lower(), url
    attachment = internal_world["attachment"]
    download = reverse("workbench:progress-attachment", args=[attachment.pk])
    stored_name = attachment.file.name
    assert all(download not in body and stored_name not in body for _status, body in pages.values())
    assert client.get(download).status_code == 302  # to the login page
    assert client.get(f"{settings.MEDIA_URL}{stored_name}").status_code == 404


def test_anonymous_workbench_and_api_requests_are_turned_away(client, internal_world):
    item, proposal = internal_world["item"], internal_world["proposal"]
    for url in (f"/workbench/items/{item.pk}/", f"/workbench/proposals/{proposal.pk}/reply.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    for url in (f"/api/items/{item.pk}/", "/api/items/"):
        response = client.get(url)
        assert response.status_code in (401, 403) or response.json() == [], url
        assert_nothing_private(url, response.content.decode())


def test_searching_internal_texts_and_phones_finds_nothing(client, internal_world):
    for query in [*INTERNAL, *PHONES, *PHONE_DIGITS, "赵敏"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert not response.context["results"] or response.context["results"].total == 0, query
        body = response.content.decode()  # the page repeats the query itself, nothing else may show
        assert not [text for text in INTERNAL if text != query and text in body], query
