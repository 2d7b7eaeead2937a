"""The Content-Security-Policy is sent everywhere, and nothing the portal or the admin does violates it.

The detector reads Chromium's console, where every blocked inline script or style is reported.
"""

from urllib.parse import unquote

from tests.e2e.test_meeting_cycle import login


def directives(header: str) -> dict[str, str]:
    """The policy's directives by name: django-csp does not keep them in one order."""
    pairs = (d.strip().split(" ", 1) for d in header.split(";") if d.strip())
    return {name: sources for name, sources in pairs}


def csp_violations(page, url: str, script_src: str = "'self'") -> list[str]:
    """Console reports of the policy while `url` loads and settles; the header must be there."""
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert unquote(page.url) == url, f"{url} went to {page.url}"  # the page itself, not a login page instead
    assert directives(response.headers["content-security-policy"])["script-src"] == script_src
    return messages


def test_the_public_site_and_the_workbench_keep_to_the_policy(live_server, page, demo):
    from coordination.models import Minutes

    for path in ["/", "/search/?q=低保", "/login/"]:
        assert csp_violations(page, live_server.url + path) == [], path
    login(page, live_server, "office")  # with its second factor: the pages below are the real ones
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


ADMIN_SCRIPTS = "'self' 'unsafe-inline'"  # Wagtail's own inline code (site/csp.py)


def test_the_wagtail_admin_keeps_to_its_policy(live_server, page, demo):
    from wagtail.models import Page

    login(page, live_server, "office")  # with its second factor: the pages below are the real ones
    home = Page.objects.get(depth=2)
    policy = Page.objects.filter(depth__gt=3).first()
    for path in [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{policy.pk}/edit/",
        "/admin/snippets/coordination/memberunit/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/reports/site-history/",
    ]:
        assert csp_violations(page, live_server.url + path, ADMIN_SCRIPTS) == [], path
    # The admin's exception goes no further than the admin.
    assert csp_violations(page, live_server.url + "/workbench/") == []
