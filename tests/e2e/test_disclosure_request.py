"""A request for government information in a real browser: a citizen applies before 国庆 and
follows it with number and secret; the office extends it with a reason and answers 部分公开 with
a letter; the citizen reads the answer and downloads the letter.

The clock stands at 28 September 2026 (time-machine, ticking, for the browser's server thread
too): 20 working days later, counted over the 国庆 holiday and the make-up Saturday 10 October, is
30 October (Monday-to-Friday counting would say 26 October); 20 more is 27 November.
"""

import datetime
import io

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from content.demo import load_site
from coordination.demo import load_accounts, load_units
from tests.coordination.files.samples import PDF, PNG
from tests.e2e.conftest import serious_accessibility_violations
from tests.e2e.test_meeting_cycle import login


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    quiet = lambda line: None  # noqa: E731
    load_accounts(load_units(quiet), quiet)
    with django_capture_on_commit_callbacks(execute=True):
        load_site(quiet)


@pytest.fixture
def before_national_day():
    start = timezone.make_aware(datetime.datetime(2026, 9, 28, 9, 0))
    with time_machine.travel(start, tick=True):
        yield


def track(page, live_server, number, secret):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/disclosure/track/")
    page.fill("#id_number", number)
    page.fill("#id_secret", secret)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/disclosure/track/status/")


def test_a_citizen_applies_the_office_extends_and_answers_partly(
    live_server, page, world, before_national_day, tmp_path
):
    identity = tmp_path / "身份证.png"
    identity.write_bytes(PNG)
    released = tmp_path / "发放明细（已隐去个人信息）.pdf"
    released.write_bytes(PDF)

    # The citizen finds the form from the public site's footer and applies.
    page.goto(f"{live_server.url}/")
    page.click("footer >> text=依申请公开")
    assert serious_accessibility_violations(page) == []
    page.check("input[name=applicant_kind][value=natural]")
    page.fill("#id_applicant_name", "韩淑贞")
    page.fill("#id_contact_phone", "13609170000")
    page.fill("#id_description", "2025年本村低保资金发放明细")
    page.select_option("#id_delivery", "paper")
    page.select_option("#id_receipt", "pickup")
    page.set_input_files("#id_identity_document", str(identity))
    page.click("form.disclosure-form button[type=submit]")
    page.wait_for_url("**/disclosure/apply/done/")
    number = page.locator(".disclosure-number").inner_text()
    secret = page.locator(".disclosure-secret").inner_text()
    assert number == "依申请〔2026〕第1号" and len(secret) >= 16

    # Following it: the deadline counts working days over the holiday.
    track(page, live_server, number, secret)
    assert page.locator(".disclosure-deadline").get_attribute("datetime") == "2026-10-30"

    # The office extends it by 20 working days, telling the applicant why, then answers in part.
    login(page, live_server, "office")
    page.click("nav.workbench-nav >> text=依申请公开")
    page.click(f"text={number}")
    page.fill("#id_workdays", "20")
    page.fill("#id_reason", "所需信息分散在各镇街，需汇总核对")
    page.click("text=延期并告知申请人")
    assert page.locator(".disclosure-deadline").get_attribute("datetime") == "2026-11-27"
    page.select_option("#id_outcome", "partial")
    page.select_option("#id_reason", "third_party")
    page.fill("#id_answer_text", "发放明细已公开；身份证号码和银行账号属于个人隐私，已隐去。")
    page.set_input_files("#id_attachments", str(released))
    page.click("text=答复并生成答复书")
    assert "已答复" in page.locator(".messages").inner_text()
    assert "13609170000" not in page.goto(f"{live_server.url}/workbench/disclosure/").text()

    # The citizen sees the extension's reason, the answer, and downloads the letter and the file.
    track(page, live_server, number, secret)
    status = page.locator("main").inner_text()
    assert "所需信息分散在各镇街" in status and "部分公开" in status
    assert page.locator(".disclosure-deadline").get_attribute("datetime") == "2026-11-27"
    letter = page.request.get(f"{live_server.url}/disclosure/track/letter.pdf")
    assert letter.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.body())).pages)
    assert "答复书" in text and "韩淑贞" in text
    # PDFs open in the browser rather than download: fetch the link with the page's session.
    href = page.locator("a:text-is('发放明细（已隐去个人信息）.pdf')").get_attribute("href")
    assert page.request.get(f"{live_server.url}{href}").body().startswith(b"%PDF")
