"""A suggestion handled as practised, in a real browser: registered from the congress office's
spreadsheet, contact with the deputy logged, the co-unit's 会签, the whole letter seen before
签发, disclosed, and followed by the public on the progress page."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import Workbook

from content.demo import load_site
from coordination.demo import load_accounts, load_units
from coordination.models import Proposal, Reply
from tests.e2e.conftest import loaded_html
from tests.e2e.test_meeting_cycle import login

TITLE = "关于在社区增设困难群众救助服务点的建议"
SIGN_OFF = "form[action$='/sign-off/'] button"


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    quiet = lambda line: None  # noqa: E731
    units = load_units(quiet)
    load_accounts(units, quiet)
    with django_capture_on_commit_callbacks(execute=True):
        load_site(quiet)


def congress_sheet(path) -> None:
    """The sheet as the congress office sends it: its own header names, one row per suggestion."""
    today = timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.append(["建议号", "届次会议", "案由", "领衔代表", "内容摘要", "承办单位", "会办单位", "交办日期", "答复期限"])
    sheet.append(
        [
            "77",
            "区第十九届人大第四次会议",
            TITLE,
            "赵敏",
            "建议在各社区设立救助服务点，方便群众就近申请。",
            "区民政局",
            "区财政局",
            today.isoformat(),
            (today + datetime.timedelta(days=90)).isoformat(),
        ]
    )
    sheet.append(["78", "区第十九届人大第四次会议", "", "钱多", "没有标题的一行", "区民政局", "", "", ""])
    book.save(path)


def test_a_suggestion_from_the_sheet_to_the_public_progress_line(live_server, page, world, tmp_path):
    # The office registers the congress office's sheet, after seeing what will and will not be created.
    sheet = tmp_path / "第四次会议建议交办表.xlsx"
    congress_sheet(sheet)
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/proposals/batch/")
    page.set_input_files("input[type=file]", str(sheet))
    page.click("text=上传并预览")
    preview = loaded_html(page)
    assert TITLE in preview and "78" in preview  # the refused row is listed with its reason
    page.click("text=确认登记")
    assert "已登记并交办 1 件" in loaded_html(page)
    proposal = Proposal.objects.get(number="77")
    assert not Proposal.objects.filter(number="78").exists()
    detail = f"{live_server.url}/workbench/proposals/{proposal.pk}/"

    # The lead unit talks to the deputy before handling (办前面商) and drafts the reply.
    login(page, live_server, "liaison06")
    page.goto(detail)
    page.select_option("#contact-kind", "before")
    page.fill("#contact-date", timezone.localdate().isoformat())
    page.select_option("#contact-manner", "face")
    page.fill("#contact-by", "王明 副局长")
    page.fill("#contact-summary", "当面听取代表意见，代表希望先在两个社区试点。")
    page.click("#contacts button:has-text('登记')")
    assert "当面听取代表意见" in loaded_html(page)
    page.select_option("#id_category", "B")
    page.fill("#id_body", "我局将在城关、虢镇两个社区先行设立救助服务点，明年推广。")
    page.fill("#id_contact_person", "刘洋")
    page.fill("#id_contact_phone", "0917-6212345")
    page.click("text=保存答复稿")
    assert "答复稿已保存" in loaded_html(page)
    page.click("text=请协办单位会签")

    # The leader is not offered 签发 before the co-unit has countersigned.
    login(page, live_server, "leader06")
    page.goto(detail)
    assert page.locator(SIGN_OFF).count() == 0

    # The co-unit countersigns the current draft.
    login(page, live_server, "liaison08")
    page.goto(detail)
    page.click("#countersign button:has-text('会签')")
    assert Reply.objects.get(proposal=proposal).countersigns.exists()

    # The leader sees the whole letter, signs it; the lead unit sends it.
    login(page, live_server, "leader06")
    page.goto(detail)
    letter = page.locator("[data-reply-letter]").first.inner_text()
    assert "赵敏代表" in letter and "虢镇两个社区" in letter and "刘洋" in letter
    page.click(SIGN_OFF)
    assert "答复已签发" in loaded_html(page)
    login(page, live_server, "liaison06")
    page.goto(detail)
    page.click("text=已寄出答复")
    reply = Reply.objects.get(proposal=proposal)
    assert reply.status == Reply.Status.SENT

    # The public follows it: registered, assigned, contacted, replied; the reply is readable.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/replies/progress/")
    row = page.locator("li, tr", has_text=TITLE).first
    text = row.inner_text()
    assert "沟通联系" in text and "答复" in text and "赵敏" not in text
    page.goto(f"{live_server.url}/replies/{reply.pk}/")
    assert "虢镇两个社区" in loaded_html(page)
