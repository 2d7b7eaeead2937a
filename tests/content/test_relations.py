"""What links the public site's documents: a policy to the measures it sets and to the documents it
replaces or is replaced by, a unit to its measures, policies and disclosed replies, an attachment
to its type and size."""

import re

import pytest

from content.demo import load_standing_measures
from content.demo.texts import NOTICE
from content.models import PolicyDocumentPage, UnitPage
from coordination.models import ActionItem, MemberUnit


@pytest.fixture
def site_with_measures(site_pages, office_user):
    load_standing_measures(office_user, lambda line: None)
    return site_pages


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_the_founding_notice_shows_every_measure_it_sets_with_who_leads(client, site_with_measures):
    notice = PolicyDocumentPage.objects.get(doc_number=NOTICE["doc_number"])
    measures = ActionItem.objects.filter(
        source=ActionItem.Source.STANDING_MEASURE, source_reference__startswith=NOTICE["doc_number"]
    )
    assert measures.count() >= 20
    listed = section(client.get(notice.url).content.decode(), "measures-title")
    assert listed.count("<li>") == measures.count()
    first = measures.order_by("pk").first()
    assert first.title in listed and f"牵头：{first.lead_unit.short_name}" in listed
    assert "/workbench/" not in listed and first.get_status_display() not in listed  # no internal progress


def test_a_unit_page_lists_its_measures_policies_and_replies_and_every_link_works(client, site_with_measures):
    unit = MemberUnit.objects.get(short_name="区民政局")
    page = client.get(UnitPage.objects.get(unit=unit).url).content.decode()
    measures = section(page, "measures-title")
    led = ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE, lead_unit=unit)
    assert led.exists() and all(item.title in measures for item in led)
    assert "牵头" in measures
    assert PolicyDocumentPage.objects.get(doc_number=NOTICE["doc_number"]).url in measures
    policies = section(page, "policies-title")
    issued = PolicyDocumentPage.objects.live().filter(issuing_body="陈仓区民政局")  # how the demo names it
    assert issued.exists() and all(policy.url in policies for policy in issued)
    assert PolicyDocumentPage.objects.get(issuing_body="陈仓区医疗保障局").url not in policies
    replies = section(page, "replies-title")
    for url in re.findall(r'href="([^"]+)"', measures + policies + replies):
        assert client.get(url).status_code == 200, url


def test_a_replaced_policy_and_its_replacement_link_each_other(client, site_pages):
    old = PolicyDocumentPage.objects.exclude(replaced_by=None).first()
    new = old.replaced_by
    assert new.url in client.get(old.url).content.decode()
    assert f'替代了 <a href="{old.url}">' in client.get(new.url).content.decode()


def test_attachments_show_type_and_size(client, site_pages):
    notice = PolicyDocumentPage.objects.get(doc_number=NOTICE["doc_number"])
    attachments = section(client.get(notice.url).content.decode(), "att-title")
    assert re.search(r"（[A-Z]+，[\d.]+\xa0(bytes|KB|MB)）", attachments), attachments
