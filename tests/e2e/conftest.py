"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server."""

import os
import shutil
import tempfile

import pytest

from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # The live server reads committed data, from another thread.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def demo_logins(settings):
    """The browser logs in with the demo accounts' published password, which only development allows."""
    settings.PORTAL_ALLOW_DEMO = True


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        require_service("chromium", f"{CHROMIUM} not found; apt-get install chromium")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="portal-e2e-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="zh-CN"
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()
    browser.clear_cookies()


@pytest.fixture
def demo(settings):
    from content.demo import load

    return load(progress=lambda line: None)


def authenticator_of(username: str):
    """The phone of a user who must use two-factor login (enrolled here), or None for the others."""
    from django.contrib.auth import get_user_model

    from coordination import permissions
    from tests.conftest import confirmed_device

    user = get_user_model().objects.get(username=username)
    return confirmed_device(user) if permissions.two_factor_required(user) else None


def pass_second_step(page, device) -> None:
    """Type the authenticator's current code on the verification page that follows the password."""
    from tests.conftest import totp_code

    page.wait_for_url("**/account/two-factor/**")
    page.fill("input[name=token]", totp_code(device))
    page.click("form.form button[type=submit]")


def loaded_html(page) -> str:
    """The page's HTML once the document a click led to has loaded.

    A click returns when its navigation has committed; read at once, the new document can still be
    empty (``page.content()`` gave ``''`` in one CI run), so wait for its load event first.
    """
    page.wait_for_load_state()
    return page.content()


def serious_accessibility_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
