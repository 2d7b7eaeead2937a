"""Feeds and sitemap as a feed reader and a search engine read them: the documents' own dates,
RFC 4287's `<updated>`, and absolute URLs on the configured public address, never the request's
host nor the demo's `localhost`."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from wagtail.models import Site

from content.models import PolicyDocumentPage
from content.public_address import sync_default_site

PUBLIC = "https://shjz.example.gov.cn"
FEEDS = [f"/feeds/{kind}/{atom}" for kind in ("policies", "replies", "reports") for atom in ("", "atom/")]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def public_site(site_pages, settings):
    settings.PORTAL_PUBLIC_URL = PUBLIC
    sync_default_site()
    return site_pages


def get(client, url):
    return client.get(url, HTTP_HOST="127.0.0.1").content  # the request names another host


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_is_well_formed_with_dates_and_public_links(client, public_site, url):
    parsed = feedparser.parse(get(client, url))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) >= 3
    for entry in parsed.entries:
        assert entry.link.startswith(PUBLIC + "/")
        assert entry.get("published_parsed") or entry.get("updated_parsed")  # replies too carry dates
    assert parsed.feed.link.startswith(PUBLIC)


@pytest.mark.parametrize("kind", ["policies", "replies", "reports"])
def test_every_atom_entry_has_updated_and_the_feed_an_author(client, public_site, kind):
    root = ET.fromstring(get(client, f"/feeds/{kind}/atom/"))
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        published = datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text)
        assert updated >= published
        assert entry.find(f"{ATOM}id").text.startswith(PUBLIC)


def test_a_policys_date_is_its_publication_date_not_the_cms_time(client, public_site):
    policy = PolicyDocumentPage.objects.live().order_by("publish_date").first()
    assert policy.first_published_at.date() != policy.publish_date  # the demo's policies are older than their pages
    parsed = feedparser.parse(get(client, "/feeds/policies/"))
    entry = next(e for e in parsed.entries if e.link == policy.full_url)
    assert entry.published.startswith(policy.publish_date.strftime("%a, %d %b %Y 00:00:00 +0800"))


def test_the_sitemap_and_og_url_use_the_public_address(client, public_site):
    sitemap = get(client, "/sitemap.xml").decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(location.startswith(PUBLIC + "/") for location in locations)
    assert "localhost" not in sitemap and "127.0.0.1" not in sitemap
    page = get(client, "/").decode()
    assert f'<meta property="og:url" content="{PUBLIC}/">' in page


def test_migrate_points_the_default_site_at_the_configured_address(db):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"  # the test settings' default, set by post_migrate
