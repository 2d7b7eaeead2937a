"""索引号: taken once, when a page is first published; never by a preview or a refused save."""

import datetime

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from content.models import PolicyDocumentPage, ReportPage
from coordination.models import DocumentNumberSequence
from coordination.numbering import INDEX_SERIES


def serials_taken(year: int) -> int:
    sequence = DocumentNumberSequence.objects.filter(series=INDEX_SERIES, year=year).first()
    return sequence.last if sequence else 0


def policy_form(**fields):
    data = {
        "title": "预览中的文件",
        "slug": "in-preview",
        "summary": "",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "index_number": "",
        "doc_number": "",
        "issuing_body": "陈仓区民政局",
        "topic": "general",
        "written_date": "",
        "publish_date": "2031-03-01",
        "disclosure_mode": "proactive",
        "validity": "valid",
        "replaced_by": "",
        **fields,
    }
    return nested_form_data(data)


def test_a_preview_takes_no_index_number(admin_client, policy_index):
    url = f"/admin/pages/add/content/policydocumentpage/{policy_index.pk}/preview/"
    response = admin_client.post(url, policy_form())
    assert response.json()["is_valid"]
    assert admin_client.get(url).status_code == 200
    assert serials_taken(2031) == 0


def test_a_refused_publication_takes_no_index_number(admin_client, policy_index):
    url = f"/admin/pages/add/content/policydocumentpage/{policy_index.pk}/"
    replaced = PolicyDocumentPage.objects.get(slug="policy-3")
    response = admin_client.post(url, {**policy_form(replaced_by=replaced.pk), "action-publish": "publish"})
    assert response.status_code == 200  # the form again, with the error
    assert not PolicyDocumentPage.objects.filter(slug="in-preview").exists()
    assert serials_taken(2031) == 0


def test_the_first_publication_takes_one_number_and_republishing_keeps_it(admin_client, policy_index):
    url = f"/admin/pages/add/content/policydocumentpage/{policy_index.pk}/"
    admin_client.post(url, {**policy_form(), "action-publish": "publish"})
    page = PolicyDocumentPage.objects.get(slug="in-preview")
    assert page.index_number.endswith("/2031-00001")
    assert serials_taken(2031) == 1

    edit = f"/admin/pages/{page.pk}/edit/"
    admin_client.post(edit, {**policy_form(title="改过标题的文件"), "action-publish": "publish"})
    page.refresh_from_db()
    assert (page.title, page.index_number) == ("改过标题的文件", f"{page.index_number[:-5]}00001")
    assert serials_taken(2031) == 1


def test_a_published_number_survives_a_revision_that_cleared_it(policy_index):
    page = PolicyDocumentPage(title="已发布", slug="published", issuing_body="陈仓区民政局")
    policy_index.add_child(instance=page)
    page.save_revision().publish()
    number = PolicyDocumentPage.objects.get(pk=page.pk).index_number
    assert number

    draft = PolicyDocumentPage.objects.get(pk=page.pk)
    draft.index_number = ""
    draft.save_revision().publish()
    assert PolicyDocumentPage.objects.get(pk=page.pk).index_number == number


def test_a_draft_takes_no_number_until_it_is_published(site_pages):
    reports = site_pages.get_children().get(slug="reports")
    draft = ReportPage(
        title="草稿报告", slug="draft-report", issuing_body="办公室", publish_date=datetime.date(2032, 1, 1)
    )
    reports.add_child(instance=draft)
    draft.save_revision()
    assert ReportPage.objects.get(pk=draft.pk).index_number == ""
    assert serials_taken(2032) == 0
    draft.get_latest_revision().publish()
    assert ReportPage.objects.get(pk=draft.pk).index_number.endswith("/2032-00001")


def test_a_copy_of_a_published_page_takes_its_own_number(policy_index):
    original = PolicyDocumentPage.objects.get(slug="policy-1")
    copy = original.copy(update_attrs={"slug": "policy-1-copy", "title": "副本"}, keep_live=False)
    assert copy.index_number == ""
    copy.get_latest_revision().publish()
    copy.refresh_from_db()
    assert copy.index_number not in ("", original.index_number)
