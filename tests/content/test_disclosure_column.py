"""The 政府信息公开 column: interpretations linked both ways, related documents, the catalogue."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from content.demo.disclosure import load_disclosure_column
from content.models import (
    DisclosureIndexPage,
    DisclosureTextPage,
    HomePage,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    ReportPage,
)
from coordination.public import disclosed_replies


@pytest.fixture
def column(site_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return load_disclosure_column(HomePage.objects.get(), lambda line: None)


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_a_policy_lists_its_interpretations_and_each_interpretation_names_its_policy(client, column):
    interpretation = PolicyInterpretationPage.objects.get(slug="dibao-2025-interpretation")
    policy = interpretation.policy
    policy_page = client.get(policy.url).content.decode()
    assert interpretation.url in section(policy_page, "interpretations-title")
    own = client.get(interpretation.url).content.decode()
    assert policy.url in links(own) and policy.doc_number in own
    # An unpublished interpretation disappears from its policy's page.
    interpretation.unpublish()
    assert interpretation.url not in client.get(policy.url).content.decode()


def test_related_documents_are_shown_from_both_sides(client, column):
    medical = PolicyDocumentPage.objects.get(title="关于做好困难群众医疗救助工作的通知")
    dibao = PolicyDocumentPage.objects.get(title="陈仓区城乡最低生活保障审核确认办法（2025年修订）")
    assert list(medical.related.all()) == [dibao]  # named on one side only
    assert dibao.url in section(client.get(medical.url).content.decode(), "related-title")
    assert medical.url in section(client.get(dibao.url).content.decode(), "related-title")


def test_a_repeal_date_needs_a_repealed_document_and_cannot_precede_publication(column):
    policy = PolicyDocumentPage.objects.get(title="陈仓区临时救助实施办法")
    policy.invalid_from = datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError) as valid:
        policy.full_clean()
    assert "invalid_from" in valid.value.message_dict
    policy.validity = PolicyDocumentPage.Validity.EXPIRED
    policy.invalid_from = policy.publish_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as early:
        policy.full_clean()
    assert "invalid_from" in early.value.message_dict


def test_the_guide_and_the_rules_are_pages_of_the_column(client, column):
    index = client.get(column.url).content.decode()
    for text in DisclosureTextPage.objects.live():
        assert text.url in links(index)
        assert client.get(text.url).status_code == 200
    assert {t.kind for t in DisclosureTextPage.objects.live()} == {"guide", "rules"}


def catalogue_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def test_the_catalogue_counts_every_category_from_the_publications(client, column):
    url = column.url + "catalogue/"
    page = client.get(url).content.decode()
    live = PolicyDocumentPage.objects.live().public()
    assert '?cat=policy"' in page or '?cat=policy" aria-current' in page
    assert f'政策文件</a> <span class="count">（{live.count()}）' in page
    assert f'政策解读</a> <span class="count">（{PolicyInterpretationPage.objects.live().count()}）' in page
    assert f'建议提案答复</a> <span class="count">（{disclosed_replies().count()}）' in page
    for topic, n in ((t, live.filter(topic=t).count()) for t in PolicyDocumentPage.Topic.values):
        if n:
            assert f'?cat=policy:{topic}"' in page
    # With no category chosen the policies are listed, newest first, with their metadata.
    rows = catalogue_rows(page)
    assert len(rows) == live.count()
    newest = live.order_by("-publish_date").first()
    assert newest.url in rows[0] and newest.index_number in rows[0]


def test_each_category_lists_exactly_its_own_entries_and_links_work(client, column):
    url = column.url + "catalogue/"
    expected = {
        "interpretation": [p.url for p in PolicyInterpretationPage.objects.live()],
        "report:summary": [p.url for p in ReportPage.objects.live().filter(kind="summary")],
        "policy:dibao": [p.url for p in PolicyDocumentPage.objects.live().filter(topic="dibao")],
        "reply": None,
        "disclosure": None,
    }
    for code, urls in expected.items():
        page = client.get(url, {"cat": code}).content.decode()
        rows = catalogue_rows(page)
        entry_links = [links(row)[0] for row in rows]
        if urls is not None:
            assert sorted(entry_links) == sorted(urls), code
        assert entry_links, code
        for link in entry_links:
            assert client.get(link).status_code == 200, link
    replies = catalogue_rows(client.get(url, {"cat": "reply"}).content.decode())
    assert len(replies) == min(20, disclosed_replies().count())


def test_a_hostile_or_unknown_category_shows_the_policies(client, column):
    for value in ("<script>", "policy:nothing", "x" * 500):
        response = client.get(column.url + "catalogue/", {"cat": value, "page": "999"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>", 1)[1]


def test_the_catalogue_pages_through_twenty_at_a_time(client, column):
    index = PolicyDocumentPage.objects.live().first().get_parent()
    for i in range(25):
        index.add_child(
            instance=PolicyDocumentPage(
                title=f"测试文件{i}", slug=f"t-{i}", issuing_body="陈仓区民政局", topic="housing"
            )
        ).save_revision().publish()
    url = column.url + "catalogue/"
    first = catalogue_rows(client.get(url, {"cat": "policy:housing"}).content.decode())
    second = catalogue_rows(client.get(url, {"cat": "policy:housing", "page": 2}).content.decode())
    assert (len(first), len(second)) == (20, 5)


def test_the_sitemap_lists_the_catalogue(client, column):
    assert (column.full_url + "catalogue/") in client.get("/sitemap.xml").content.decode()


def test_the_column_is_in_the_navigation(client, column):
    home = client.get("/").content.decode()
    nav = home[home.index('class="site-nav"') : home.index("</nav>", home.index('class="site-nav"'))]
    assert DisclosureIndexPage.objects.get().url in nav


def test_deleting_an_interpreted_policy_in_the_admin_shows_why_it_cannot_be_deleted(admin_client, column):
    """`PolicyInterpretationPage.policy` is PROTECT: Wagtail's delete page says references prevent
    the deletion (its usage page lists the interpretation), and a POST is refused, not a 500."""
    interpretation = PolicyInterpretationPage.objects.get(slug="dibao-2025-interpretation")
    policy = interpretation.policy
    confirm = admin_client.get(f"/admin/pages/{policy.pk}/delete/")
    assert confirm.status_code == 200 and "prevent it from being deleted" in confirm.content.decode()
    usage = admin_client.get(f"/admin/pages/{policy.pk}/usage/").content.decode()
    assert interpretation.title in usage
    refused = admin_client.post(f"/admin/pages/{policy.pk}/delete/", follow=True)
    assert refused.status_code == 200 and PolicyDocumentPage.objects.filter(pk=policy.pk).exists()
