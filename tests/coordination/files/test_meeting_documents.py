"""The meeting's papers: notice and agenda as PDF and Word, the sign-in sheet as PDF, served privately."""

import io

import docx
import pytest
from django.template.loader import render_to_string

from coordination import meeting_documents, services

INVITED_IN_NOTICE_ORDER = ["区教体局", "区民政局", "区财政局", "区医保局"]


def url(meeting, kind, extension):
    return f"/workbench/meetings/{meeting.pk}/{kind}.{extension}"


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


@pytest.fixture
def agenda_meeting(notified_meeting, office_user):
    topic = services.topic_propose(
        actor=office_user,
        meeting=notified_meeting,
        unit=None,
        title="研究低保边缘家庭认定办法",
        background="背景",
        decision_requested="请研究",
    )
    services.topic_accept(actor=office_user, topic=topic)
    return notified_meeting


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_notice_parts_say_when_where_the_agenda_and_the_units(agenda_meeting):
    parts = meeting_documents.notice_parts(agenda_meeting)

    assert parts.title == "关于召开2026年第1次例会的通知"
    assert "一、会议时间：2026年3月20日09:30" in parts.paragraphs
    assert parts.numbered == ["研究低保边缘家庭认定办法（联席会议办公室）"]
    assert "五、参会单位：" + "、".join(INVITED_IN_NOTICE_ORDER) + "。" in parts.closing


def test_the_notice_as_word_opens_with_its_title_and_units(office, agenda_meeting):
    response = office.get(url(agenda_meeting, "notice", "docx"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "private" in response["Cache-Control"]
    text = word_text(response.content)
    assert "关于召开2026年第1次例会的通知" in text
    assert "、".join(INVITED_IN_NOTICE_ORDER) in text
    assert "研究低保边缘家庭认定办法" in text


def test_the_agenda_as_word_lists_the_topics(office, agenda_meeting):
    text = word_text(office.get(url(agenda_meeting, "agenda", "docx")).content)

    assert "2026年第1次例会议程" in text
    assert "研究低保边缘家庭认定办法（联席会议办公室）" in text


@pytest.mark.parametrize("kind", ["notice", "agenda", "signin"])
def test_the_pdfs_are_pdfs(office, agenda_meeting, kind):
    response = office.get(url(agenda_meeting, kind, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_sign_in_sheet_lists_the_units_in_notice_order_with_a_signature_column(notified_meeting, unit, liaison):
    services.meeting_register_attendee(
        actor=liaison["区财政局"], meeting=notified_meeting, unit=unit["区财政局"], attendee="李强 副局长"
    )
    parts = meeting_documents.sign_in_parts(notified_meeting)
    html = render_to_string("pdf/sign_in_sheet.html", parts)

    assert [row["unit"] for row in parts["rows"]] == INVITED_IN_NOTICE_ORDER
    assert parts["rows"][2]["planned"] == "李强 副局长"
    assert "签名" in html


def test_an_invited_liaison_reads_the_notice_once_it_is_sent(client, notified_meeting, liaison):
    client.force_login(liaison["区民政局"])

    assert client.get(url(notified_meeting, "notice", "docx")).status_code == 200
    assert client.get(url(notified_meeting, "signin", "pdf")).status_code == 403
    assert client.get(url(notified_meeting, "agenda", "docx")).status_code == 403


def test_a_notice_not_yet_sent_is_not_there_for_liaisons(client, scheduled_meeting, liaison):
    client.force_login(liaison["区民政局"])

    assert client.get(url(scheduled_meeting, "notice", "docx")).status_code == 404


def test_a_unit_not_invited_cannot_read_the_notice(client, notified_meeting, liaison):
    client.force_login(liaison["区委宣传部"])

    assert client.get(url(notified_meeting, "notice", "docx")).status_code == 404


def test_the_sign_in_sheet_has_no_word_version(office, notified_meeting):
    assert office.get(url(notified_meeting, "signin", "docx")).status_code == 404


def test_the_meeting_page_links_the_papers_for_the_office(office, notified_meeting):
    page = office.get(f"/workbench/meetings/{notified_meeting.pk}/").content.decode()

    for kind, extension in (("notice", "pdf"), ("notice", "docx"), ("agenda", "docx"), ("signin", "pdf")):
        assert f'href="{url(notified_meeting, kind, extension)}"' in page
