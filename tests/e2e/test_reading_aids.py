"""Reading aids in the browser: chosen by keyboard, remembered from page to page, and every public
page type accessible (axe-core, no serious or critical violation) in the standard page and with
all aids on; lines at least 1.3 apart; nothing cut off at 200 % zoom."""

from pathlib import Path

import pytest
from django.conf import settings

from coordination.public import disclosed_replies
from tests.e2e.conftest import serious_accessibility_violations
from tests.e2e.test_public_site import site  # noqa: F401  (the demo public site)

ARTEFACTS = Path(settings.VAR_DIR) / "artefacts" / "pages"


def page_types() -> list[str]:
    from content.models import (
        AnnualReportPage,
        DisclosureTextPage,
        PolicyDocumentPage,
        PolicyInterpretationPage,
        ReplyIndexPage,
        ReportPage,
        UnitPage,
    )

    replies = ReplyIndexPage.objects.live().first()
    reply = disclosed_replies().first()
    return [
        "/",
        "/policies/",
        PolicyDocumentPage.objects.live().first().url,
        "/units/",
        UnitPage.objects.live().first().url,
        "/reports/",
        ReportPage.objects.live().first().url,
        replies.url,
        replies.url_for_reply(reply),
        "/search/?q=临时救助",
        "/xxgk/",
        DisclosureTextPage.objects.live().first().url,
        "/xxgk/catalogue/",
        AnnualReportPage.objects.live().first().url,
        PolicyInterpretationPage.objects.live().first().url,
        "/disclosure/apply/",
        "/disclosure/track/",
    ]


def press_until_focused(page, label: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == label:
            return
    raise AssertionError(f"{label!r} is not reachable by Tab")


def line_spacing(page) -> float:
    return page.evaluate(
        """() => { const p = document.querySelector('main p'); const s = getComputedStyle(p);
                   return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }"""
    )


def test_the_aids_are_chosen_by_keyboard_and_remembered(live_server, page, site):  # noqa: F811
    page.goto(live_server.url + "/")
    assert line_spacing(page) >= 1.3
    standard = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    press_until_focused(page, "特大")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "aids-larger" in page.locator("html").get_attribute("class")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > standard * 1.3
    press_until_focused(page, "加大行距")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.click("nav.site-nav >> text=政策文件")
    assert page.locator("html").get_attribute("class") == "aids-larger aids-spacing"  # remembered
    assert line_spacing(page) >= 1.9


@pytest.mark.parametrize("aids", [{}, {"text": "larger", "contrast": "on", "spacing": "on"}])
def test_every_page_type_is_accessible_in_both_modes(live_server, page, site, aids):  # noqa: F811
    page.goto(live_server.url + "/")
    for name, value in aids.items():
        page.locator(f".aids button[name={name}][value={value}]").click()
        page.wait_for_load_state()
    for path in page_types():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("class") == (
            "aids-larger aids-contrast aids-spacing" if aids else None
        )
        assert serious_accessibility_violations(page) == [], path
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + "/")
    page.screenshot(path=ARTEFACTS / f"home-{'aids' if aids else 'standard'}.png", full_page=False)


def test_nothing_is_cut_off_at_200_percent_zoom(live_server, page, site):  # noqa: F811
    page.set_viewport_size({"width": 640, "height": 800})  # a 1280-pixel window at 200 %
    for path in page_types():
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 640, path
