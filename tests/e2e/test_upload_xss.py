"""The stored-XSS upload, tried in a real browser: an HTML file dressed as a PDF never runs script."""

import contextlib
import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from coordination import services
from coordination.demo import load_accounts, load_units
from coordination.models import ProgressAttachment
from tests.e2e.test_meeting_cycle import login

HOSTILE = b"%PDF-1.4\n<html><body><script>document.title='XSS'; window.__xss = 1;</script></body></html>\n%%EOF"


@pytest.fixture
def item():
    quiet = lambda line: None  # noqa: E731
    units = {u.short_name: u for u in load_units(quiet)}
    office = load_accounts(list(units.values()), quiet)["office"]
    return services.action_item_create(
        actor=office,
        title="核查低保档案",
        lead_unit=units["区民政局"],
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )


def test_an_html_file_named_like_a_page_never_runs_in_the_offices_browser(live_server, page, item, tmp_path):
    hostile = tmp_path / "report.html"
    hostile.write_bytes(HOSTILE)
    login(page, live_server, "liaison06")
    page.goto(f"{live_server.url}/workbench/items/{item.pk}/")
    page.fill("#id_text", "附上报告。")
    page.set_input_files("#id_attachments", str(hostile))
    page.click("#report button[type=submit]")
    attachment = ProgressAttachment.objects.filter(report__action_item=item).first()
    if attachment is not None:  # accepted as what its content is (a PDF): never stored as .html
        assert not attachment.file.name.endswith((".html", ".htm", ".svg"))

    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/items/{item.pk}/")
    links = page.locator("a[href*='/workbench/files/progress/']")
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        response = page.request.get(f"{live_server.url}{href}")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "html" not in response.headers["content-type"]
        with contextlib.suppress(PlaywrightError):  # a download instead of a page is the safe outcome
            page.goto(f"{live_server.url}{href}")
        assert page.evaluate("() => window.__xss === undefined")
        assert page.title() != "XSS"
