"""Supervision in a real browser: a unit reports with a file, the office closes, the dashboard counts."""

import datetime

import pytest
from django.utils import timezone

from coordination import services
from coordination.demo import load_accounts, load_units
from tests.e2e.conftest import loaded_html
from tests.e2e.test_meeting_cycle import login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def items(settings):
    quiet = lambda line: None  # noqa: E731
    units = {u.short_name: u for u in load_units(quiet)}
    office = load_accounts(list(units.values()), quiet)["office"]
    today = timezone.localdate()
    soon = services.action_item_create(
        actor=office,
        title="完成困难家庭走访",
        lead_unit=units["区民政局"],
        co_units=[units["区财政局"]],
        deadline=today + datetime.timedelta(days=3),
    )
    services.action_item_create(
        actor=office,
        title="修订临时救助办法",
        lead_unit=units["区民政局"],
        deadline=today + datetime.timedelta(days=40),
    )
    return soon


def test_a_unit_reports_the_office_closes_and_the_dashboard_counts(live_server, page, items, tmp_path):
    login(page, live_server, "liaison06")
    page.goto(f"{live_server.url}/workbench/items/")
    first = page.locator(".card").first
    assert "完成困难家庭走访" in first.inner_text() and "即将到期" in first.inner_text()
    first.locator("text=报告进展").click()
    evidence = tmp_path / "走访台账.pdf"
    evidence.write_bytes(PDF)
    page.fill("#id_text", "已走访 320 户，台账见附件。")
    page.fill("#id_percent", "80")
    page.set_input_files("#id_attachments", str(evidence))
    page.click("#report button[type=submit]")
    assert "进展已报告" in loaded_html(page)
    assert "走访台账.pdf" in page.locator(".timeline").inner_text()

    login(page, live_server, "liaison08")  # 区财政局, a co-unit
    page.goto(f"{live_server.url}/workbench/items/{items.pk}/")
    assert page.locator("#id_completion").count() == 0
    page.fill("#id_text", "资金已拨付。")
    page.click("#report button[type=submit]")
    assert "进展已报告" in loaded_html(page)

    login(page, live_server, "liaison06")
    page.goto(f"{live_server.url}/workbench/items/{items.pk}/")
    page.fill("#id_text", "走访全部完成。")
    page.check("#id_completion")
    page.click("#report button[type=submit]")
    assert "已报办结" in loaded_html(page)

    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/items/{items.pk}/")
    page.click("text=确认办结")
    assert "已确认办结" in loaded_html(page)
    page.goto(f"{live_server.url}/workbench/supervision/")
    row = page.locator("table.listing tr", has_text="区民政局")
    cells = row.locator("td").all_inner_texts()
    assert cells == ["0", "0", "1", "0", "1", "0"]  # red, yellow, green, standing; closed on time, late
