"""Anonymous pages from the cache: who is served from it, what it is keyed on, what empties it."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content.aids import COOKIE
from content.cache import PUBLIC
from content.demo import load_standing_measures
from content.models import PolicyDocumentPage, PortalSettings, UnitPage
from content.page_cache import HEADER
from coordination.models import ActionItem

ROOT = Path(__file__).resolve().parents[2]
POLICY = "/policies/notice-2022-45/"


def cached(response) -> str | None:
    return response.get(HEADER)


def add_policy(policy_index, **fields) -> PolicyDocumentPage:
    page = PolicyDocumentPage(
        issuing_body="陈仓区民政局", publish_date=datetime.date(2026, 11, 1), **{"slug": "fresh", **fields}
    )
    policy_index.add_child(instance=page)
    return page


def test_a_page_served_again_runs_no_query(client, site_pages, django_assert_num_queries):
    first = client.get(POLICY)
    assert first.status_code == 200 and cached(first) == "miss"
    with django_assert_num_queries(0):
        again = client.get(POLICY)
    assert cached(again) == "hit"
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Cookie" in again["Vary"]


def test_head_is_answered_from_what_get_cached(client, site_pages, django_assert_num_queries):
    client.get("/policies/")
    with django_assert_num_queries(0):
        assert cached(client.head("/policies/")) == "hit"


def test_the_query_string_is_part_of_the_key(client, site_pages):
    assert cached(client.get("/policies/")) == "miss"
    assert cached(client.get("/policies/?sort=old")) == "miss"
    assert cached(client.get("/policies/?sort=old")) == "hit"


def test_the_search_page_is_cached_per_query(client, site_pages):
    first = client.get("/search/", {"q": "救助"})
    assert cached(first) == "miss"
    assert cached(client.get("/search/", {"q": "民政局"})) == "miss"
    again = client.get("/search/", {"q": "救助"})
    assert cached(again) == "hit" and again.content == first.content


def test_reading_aids_get_a_page_of_their_own(client, site_pages):
    plain = client.get("/")
    client.cookies[COOKIE] = "text-larger.contrast-on.spacing-off"
    larger = client.get("/")
    assert cached(larger) == "miss"
    assert 'class="aids-larger aids-contrast"' in larger.content.decode()
    assert 'class="aids-' not in plain.content.decode()
    client.cookies[COOKIE] = "text-standard"
    assert client.get("/").content == plain.content


def test_each_language_gets_a_page_of_its_own(client, site_pages):
    chinese = client.get("/")
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert cached(english) == "miss"
    assert '<html lang="en"' in english.content.decode() and '<html lang="zh-Hans"' in chinese.content.decode()


def test_a_logged_in_user_neither_reads_nor_fills_the_cache(client, site_pages, office_user):
    client.get("/")  # cached for the public
    staff = Client()
    staff.force_login(office_user)
    for path in ("/", "/units/"):
        response = staff.get(path)
        assert cached(response) is None
        assert "工作台" in response.content.decode()
    public = client.get("/units/")
    assert cached(public) == "miss"
    assert "工作人员登录" in public.content.decode()


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(site_pages):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get("/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    # The language switch in the footer works without a token.
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert '<html lang="en"' in visitor.get("/").content.decode()


def test_a_password_protected_page_is_never_cached(client, site_pages):
    page = PolicyDocumentPage.objects.get(url_path__endswith="/notice-2022-45/")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for _ in range(2):
        response = client.get(POLICY)
        assert cached(response) is None
        assert "password" in response.content.decode()


def test_a_missing_page_is_not_cached(client, site_pages):
    assert cached(client.get("/no-such-page/")) is None
    assert client.get("/no-such-page/").status_code == 404


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, site_pages):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert cached(client.get("/")) is None


def test_publishing_a_change_shows_on_the_next_visit(client, site_pages):
    page = PolicyDocumentPage.objects.get(url_path__endswith="/notice-2022-45/")
    client.get(POLICY)
    page.title = "改过标题的通知"
    page.save_revision().publish()
    response = client.get(POLICY)
    assert cached(response) == "miss" and "改过标题的通知" in response.content.decode()


def test_unpublishing_makes_the_page_404(client, site_pages):
    assert client.get(POLICY).status_code == 200
    PolicyDocumentPage.objects.get(url_path__endswith="/notice-2022-45/").unpublish()
    assert client.get(POLICY).status_code == 404


def test_deleting_a_page_takes_it_off_the_cached_list(client, site_pages, policy_index):
    add_policy(policy_index, title="将被删除的文件", slug="doomed").save_revision().publish()
    assert "将被删除的文件" in client.get("/policies/").content.decode()
    PolicyDocumentPage.objects.get(slug="doomed").delete()
    assert "将被删除的文件" not in client.get("/policies/").content.decode()


def test_moving_a_page_takes_it_off_its_old_list(client, site_pages, policy_index):
    page = add_policy(policy_index, title="将被移动的文件", slug="moving")
    page.save_revision().publish()
    assert client.get("/policies/moving/").status_code == 200
    assert "将被移动的文件" in client.get("/policies/").content.decode()
    page.move(UnitPage.objects.first().get_parent(), pos="last-child")
    assert "将被移动的文件" not in client.get("/policies/").content.decode()
    assert client.get("/policies/moving/").status_code != 200  # Wagtail's redirect to the new address


def test_a_scheduled_publication_by_the_scheduler_shows(client, site_pages, policy_index):
    page = add_policy(policy_index, title="定时发布的新文件", slug="scheduled", live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    assert "定时发布的新文件" not in client.get("/policies/").content.decode()
    call_command("publish_scheduled")
    assert "定时发布的新文件" in client.get("/policies/").content.decode()


def test_the_footer_settings_show_at_once(client, site_pages):
    client.get("/")
    settings = PortalSettings.objects.get()
    settings.phone = "0917-1234567"
    settings.save()
    assert "0917-1234567" in client.get("/").content.decode()


def test_a_changed_standing_measure_shows_on_the_unit_page(client, site_pages, office_user):
    load_standing_measures(office_user, lambda line: None)
    item = ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE).select_related("lead_unit").first()
    unit_page = UnitPage.objects.get(unit=item.lead_unit)
    client.get(unit_page.url)
    item.title = "改写后的常态化措施"
    item.save()
    assert "改写后的常态化措施" in client.get(unit_page.url).content.decode()


def test_a_bump_in_another_process_empties_this_ones_cache(client, site_pages):
    """As the scheduler does when it publishes: its process bumps, the web process stops serving the old page."""
    client.get(POLICY)
    assert cached(client.get(POLICY)) == "hit"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    code = "import django; django.setup(); from content.cache import PUBLIC; PUBLIC.advance()"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=60)
    assert cached(client.get(POLICY)) == "miss"


def test_a_csrf_cookie_left_by_the_login_page_still_gets_the_cached_page(client, site_pages):
    client.get("/login/")
    assert set(client.cookies) == {"csrftoken"}
    client.get("/")
    assert cached(client.get("/")) == "hit"


def test_a_bumped_generation_outlives_the_caches_default_timeout():
    """Else every page would be dropped a few minutes after each publication (the file cache's incr)."""
    PUBLIC.advance()
    value = PUBLIC.current()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert cache.get(PUBLIC.key) == value
