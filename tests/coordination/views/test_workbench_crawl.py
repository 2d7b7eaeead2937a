"""Every link of the workbench works: each demo user follows the links reachable from their home.

The demo is loaded once; each user starts at /workbench/ and follows, breadth first and with GET
only, every link under /workbench/ and /account/. State changes are POST forms and are not links;
files (PDF, Excel, calendars, attachments) are left out. No page may answer 404 or 500, nor 403:
a link shown to a user who may not follow it is broken too.
"""

import collections
import html
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpResponse
from django.test import override_settings

from tests.conftest import VerifiedClient

USERS = ("office", "convenor", "leader06", "liaison06", "liaison04", "liaison20", "liaison27")
ROOTS = ("/workbench/", "/account/")
FILES = re.compile(r"(\.pdf|\.xlsx|\.ics|\.docx)$|/pdf/$|/files/|/calendar/feed|/reply\.pdf")
LIMIT = 400  # pages per user: far more than the demo has, so a runaway crawl fails instead of hanging


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and "download" not in attrs:
            self.hrefs.append(html.unescape(attrs["href"]))


def links(page_url: str, body: str) -> list[str]:
    parser = Links()
    parser.feed(body)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(page_url, href)).url
        if url.startswith(ROOTS) and not FILES.search(url.split("?")[0]):
            found.append(url)
    return found


def crawl(client) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    """Visit every page reachable from the home; the status of each and the broken links (from, to, status)."""
    seen = {"/workbench/": "(home)"}
    queue = collections.deque(["/workbench/"])
    statuses, broken = {}, []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code in (403, 404, 500):
            broken.append((seen[url], url, response.status_code))
            continue
        if response.status_code in (301, 302):
            target = response["Location"]
            if target.startswith(ROOTS) and target not in seen:
                seen[target] = url
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(url, response.content.decode()):
            if link not in seen:
                seen[link] = url
                queue.append(link)
        assert len(seen) < LIMIT, f"more than {LIMIT} pages: {sorted(seen)[:20]}…"
    return statuses, broken


@override_settings(DEBUG=True)
def test_no_link_reachable_from_a_demo_users_home_is_broken(db):
    call_command("load_demo", "--quiet-progress")  # once, inside this test's transaction: 90 s is enough
    broken = {}
    for username in USERS:
        client = VerifiedClient()
        client.force_login(get_user_model().objects.get(username=username))
        statuses, broken[username] = crawl(client)
        assert statuses["/workbench/"] == 200 and len(statuses) > 5, (username, statuses)
    assert not any(broken.values()), {user: links for user, links in broken.items() if links}


class FakeClient:
    """Pages as a dict of path → (status, html), to show the crawl itself finds what is broken."""

    def __init__(self, pages):
        self.pages = pages

    def get(self, url):
        status, body = self.pages.get(url, (404, ""))
        response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
        return response


def test_the_crawl_reports_a_broken_link_and_skips_files_and_other_sites():
    pages = {
        "/workbench/": (
            200,
            '<a href="items/">x</a><a href="/workbench/minutes/9/pdf/">pdf</a><a href="/admin/">a</a>',
        ),
        "/workbench/items/": (
            200,
            '<a href="/workbench/items/7/#timeline">gone</a><a href="https://example.org/">e</a>',
        ),
    }

    statuses, broken = crawl(FakeClient(pages))

    assert broken == [("/workbench/items/", "/workbench/items/7/", 404)]
    assert set(statuses) == {"/workbench/", "/workbench/items/", "/workbench/items/7/"}
