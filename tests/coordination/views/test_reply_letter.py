"""The reply letter's parts (documents.reply_letter): what the reply form previews is what the PDF
prints and the public page shows, with the opening printed once whatever the drafter's body says."""

import html
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from coordination import services
from coordination.documents import has_own_opening, reply_document, reply_letter
from coordination.models import Reply
from coordination.official import render_pdf
from tests.coordination.services.conftest import *  # noqa: F403  (the people and proposal fixtures)


def countersign(reply, people):
    """The co-unit's 会签 of the draft as it stands, which 签发 waits for."""
    for unit in reply.proposal.co_units.all():
        services.reply_countersign(actor=people["co"], reply=reply, unit=unit, decision="agree")
    return reply


OWN_OPENINGS = [
    "您提出的《关于为独居老人安装应急呼叫设备的建议》收悉，现答复如下：\n一、基本情况",
    "现将有关情况答复如下：\n一、已开展的工作",
    "您在区十九届人大四次会议上提出的关于独居老人照护的建议已收悉。经认真研究，现答复如下：",
    "现就您提出的建议函复如下：",
    "首先感谢您对民政工作的关心和支持。\n您的建议我局高度重视，现将办理情况答复如下：",
    "赵敏代表：\n您提出的第56号建议收悉，现回复如下。",
    "经研究，现作如下答复：\n一、",
    "关于《关于为独居老人安装应急呼叫设备的建议》的答复如下：",
    "您提出的《关于…的提案》（第d062号）已收悉。",
]
NO_OPENING = [
    "已列入明年民生实事。",
    "近年来，我区持续加强社会救助。\n一、关于资金保障的答复\n资金已落实。",
    "一、基本情况\n经研究，答复如下：资金已落实。",  # an answer inside a numbered section is not the opening
    "对困难群众的求助做到件件收悉、件件回复。",
    "",
]


@pytest.mark.parametrize("body", OWN_OPENINGS)
def test_a_body_with_an_opening_of_its_own_is_recognised(body):
    assert has_own_opening(body)


@pytest.mark.parametrize("body", NO_OPENING)
def test_a_body_without_an_opening_is_not_taken_for_one(body):
    assert not has_own_opening(body)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_letter(page: str) -> str:
    """The text of the letter on a page: from the letter's container on, tags removed."""
    start = page.index("data-reply-letter")
    return flat(html.unescape(re.sub(r"<[^>]+>", "", page[start:].split(">", 1)[1])))


def pdf_text(reply) -> str:
    reader = PdfReader(io.BytesIO(render_pdf(reply_document(reply))))
    return flat("".join(page.extract_text() for page in reader.pages))


def assert_in_order(lines: list[str], text: str) -> None:
    """Every line is printed, and from the title on in the letter's order (the PDF draws the
    category mark and the issuer's header in a positioned block it extracts last)."""
    title = next(i for i, line in enumerate(lines) if line.startswith("对"))
    for line in lines[:title]:
        assert flat(line) in text, f"{line!r} missing"
    position = 0
    for line in lines[title:]:
        found = text.find(flat(line), position)
        assert found >= 0, f"{line!r} missing or out of order"
        position = found + len(flat(line))


FORM = {
    "category": "B",
    "addressee": "赵敏代表",
    "contact_person": "刘洋",
    "contact_phone": "0917-6212345",
    "copies_to": "区人大常委会人事代表选举工作委员会",
    "disclosure": "proactive",
    "non_disclosure_reason": "",
}
BODIES = [
    "已列入明年民生实事，明年6月前完成安装。",
    "您提出的《关于为独居老人安装应急呼叫设备的建议》收悉，现答复如下：\n一、明年6月前完成安装。",
    "感谢您的关心。\n现将办理情况答复如下：\n一、资金已落实。\n二、明年6月前完成安装。",
]


@pytest.mark.parametrize("body", BODIES)
def test_the_preview_the_pdf_and_the_public_page_print_the_same_letter_with_one_opening(
    body, proposal, people, client, site_pages, django_capture_on_commit_callbacks
):
    url = f"/workbench/proposals/{proposal.pk}/"
    client.force_login(people["lead"])
    preview = client.post(url, {**FORM, "body": body, "action": "preview"})
    assert preview.status_code == 200 and not proposal.replies.exists()  # a preview saves nothing
    client.post(url, {**FORM, "body": body, "action": "save"})
    reply = proposal.replies.get()
    letter = reply_letter(reply)
    assert bool(letter.opening) != has_own_opening(body)
    shown = html_letter(preview.content.decode())
    assert_in_order(letter.lines(), shown)
    assert_in_order(letter.lines(), pdf_text(reply))
    assert shown.count("如下") == 1  # "…答复如下：" once, the drafter's or the generated one

    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_sign_off(actor=people["leader"], reply=countersign(reply, people))
    client.logout()
    public_letter = reply_letter(reply, public=True)
    public = html_letter(client.get(f"/replies/{reply.pk}/").content.decode())
    assert_in_order(public_letter.lines(), public)
    assert public.count("如下") == 1
    signed = reply_letter(reply)
    assert_in_order(signed.lines(), pdf_text(reply))
    assert (public_letter.opening, public_letter.paragraphs) == (signed.opening, signed.paragraphs)
    assert "6212345" not in public and public_letter.contact == "（联系人：刘洋）"  # the phone is not published
    today = timezone.localdate()
    assert signed.doc_number in public and signed.date_text == f"{today.year}年{today.month}月{today.day}日"


def test_the_form_shows_the_letter_beside_it_before_anything_is_typed(proposal, people, client):
    client.force_login(people["lead"])
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    shown = html_letter(page)
    assert "赵敏代表：" in shown and "现答复如下" in shown and proposal.lead_unit.full_name in shown
    assert "reply_preview.js" in page


def test_the_live_preview_answers_the_lead_liaison_only(proposal, people, client):
    url = f"/workbench/proposals/{proposal.pk}/reply-preview/"
    client.force_login(people["lead"])
    fragment = client.post(url, {**FORM, "body": "现答复如下：资金已落实。"})
    assert fragment.status_code == 200
    assert html_letter(fragment.content.decode()).count("答复如下") == 1
    assert client.post(url, {**FORM, "disclosure": ""}).status_code == 422
    for who in ("co", "other", "office"):
        client.force_login(people[who])
        assert client.post(url, {**FORM, "body": "x"}).status_code in (403, 404)
    assert not Reply.objects.exists()


def test_after_unsatisfied_the_form_drafts_the_second_reply_beside_the_first(proposal, people, client):
    first = services.reply_sign_off(
        actor=people["leader"],
        reply=countersign(
            services.reply_save(actor=people["lead"], proposal=proposal, category="B", body="已列入计划。"), people
        ),
    )
    services.reply_send(actor=people["lead"], reply=first)
    rated = services.proposal_rate(actor=people["office"], proposal=proposal, rating="unsatisfied")
    client.force_login(people["lead"])
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert rated.deadline.isoformat() in page and "再次答复" in page
    assert f"?reply={first.pk}" in page  # the first letter stays at hand
    shown = html_letter(page)
    assert "复函（再次答复）" in shown and first.doc_number in shown and "再次答复如下" in shown
    client.post(f"/workbench/proposals/{proposal.pk}/", {**FORM, "body": "经再次研究……", "action": "save"})
    second = proposal.replies.get(round=2)
    assert second.status == Reply.Status.DRAFT and second.body == "经再次研究……"
    first.refresh_from_db()
    assert first.body == "已列入计划。" and first.status == Reply.Status.SENT
