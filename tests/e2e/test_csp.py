"""The Content-Security-Policy is sent everywhere, and nothing the portal or the admin does violates it.

The detector reads Chromium's console, where every blocked inline script or style is reported.
"""

from coordination.demo import DEMO_PASSWORD


def csp_violations(page, url: str) -> list[str]:
    """Console reports of the policy while `url` loads and settles; the header must be there."""
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return messages


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_the_public_site_and_the_workbench_keep_to_the_policy(live_server, page, demo):
    from coordination.models import Minutes

    for path in ["/", "/search/?q=低保", "/login/"]:
        assert csp_violations(page, live_server.url + path) == [], path
    log_in(page, live_server.url, "office")
    minutes = Minutes.objects.first()
    for path in [
        "/workbench/",
        "/workbench/items/",
        "/workbench/meetings/",
        "/workbench/circulars/",
        f"/workbench/minutes/{minutes.pk}/",
        f"/workbench/minutes/{minutes.pk}/preview/",
    ]:
        assert csp_violations(page, live_server.url + path) == [], path


def test_the_wagtail_admin_keeps_to_the_policy(live_server, page, demo):
    from wagtail.models import Page

    log_in(page, live_server.url, "office")
    home = Page.objects.get(depth=2)
    policy = Page.objects.filter(depth__gt=3).first()
    for path in [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{policy.pk}/edit/",
        "/admin/snippets/coordination/memberunit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/site-history/",
    ]:
        assert csp_violations(page, live_server.url + path) == [], path
