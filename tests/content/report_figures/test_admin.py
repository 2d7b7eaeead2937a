"""The admin screen that reads a work summary's figures into a report's chart block, as an editor would use it."""

import io
from decimal import Decimal

import docx
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageLogEntry

from content.demo import load_workflow
from content.models import ReportPage
from content.report_figures import extract_figures
from tests.factories import UserFactory
from tests.test_english_ui import stored_texts, untranslated

SUMMARY = (
    "截至6月底，全区共有城乡低保对象3250户5120人，其中城市低保对象1,210户。"
    "累计发放低保金2860.5万元，同比增长12.5%。农村低保对象1,2,34户。"
)


@pytest.fixture
def report(site_pages):
    return ReportPage.objects.live().first()


@pytest.fixture
def editor(site_pages):
    editors, _approvers = load_workflow(site_pages, progress=lambda line: None)
    user = UserFactory(username="editor-test")
    user.groups.add(editors)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def url(page):
    return reverse("content_report_figures", args=[page.pk])


def read(client, page, text=SUMMARY):
    return client.post(url(page), {"text": text})


def test_an_editor_gets_the_form(editor_client, report):
    response = editor_client.get(url(report))
    assert response.status_code == 200
    assert "粘贴总结全文" in response.content.decode()


def test_the_report_edit_view_and_the_reports_listing_offer_the_screen(editor_client, report):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[report.pk]))
    assert url(report) in response.content.decode()
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[report.get_parent().pk])).content.decode()
    assert url(report) in listing
    assert (
        "/figures/"
        not in editor_client.get(
            reverse("wagtailadmin_explore", args=[report.get_parent().get_parent().pk])
        ).content.decode()
    )


def test_a_paste_lists_each_figure_with_its_sentence_and_flags_the_garbled_one(editor_client, report):
    response = read(editor_client, report)
    body = response.content.decode()
    assert response.status_code == 200
    assert [(f.what, f.value, f.unit) for f in response.context["confirm"].proposals] == [
        ("城乡低保对象", Decimal(3250), "户"),
        ("城乡低保对象", Decimal(5120), "人"),
        ("城市低保对象", Decimal(1210), "户"),
        ("低保金", Decimal("2860.5"), "万元"),
    ]
    assert "截至6月底，全区共有城乡低保对象3250户5120人，其中城市低保对象1,210户。" in body
    flagged = {flag.text: reason for flag, reason, _sentence in response.context["flags"]}
    assert str(flagged["1,2,34户"]) == "数字写法有误或识别错误"
    assert str(flagged["12.5%"]) == "百分比"


def confirm(client, page, picks, labels=None, **fields):
    data = {"text": SUMMARY, "confirm": "1", "caption": "低保对象", "target": "", **fields}
    for number in picks:
        data[f"pick_{number}"] = "on"
    for number, label in (labels or {}).items():
        data[f"label_{number}"] = label
    return client.post(url(page), data)


def figures_blocks(page):
    return [c.value for c in page.body if c.block_type == "figures"]


def test_confirming_saves_a_draft_revision_with_the_figures_and_leaves_the_live_page(editor_client, editor, report):
    live_before = [c.block_type for c in ReportPage.objects.get(pk=report.pk).body]
    response = confirm(editor_client, report, [0, 2], labels={0: "城乡低保对象", 2: "其中城市"})
    assert response.status_code == 302
    page = ReportPage.objects.get(pk=report.pk)
    draft = page.get_latest_revision_as_object()
    block = figures_blocks(draft)[-1]
    assert block["caption"] == "低保对象"
    assert [(f["label"], f["value"], f["unit"]) for f in block["figures"]] == [
        ("城乡低保对象", Decimal(3250), "户"),
        ("其中城市", Decimal(1210), "户"),
    ]
    assert block["figures"][0]["source"] == "截至6月底，全区共有城乡低保对象3250户5120人，其中城市低保对象1,210户。"
    assert page.latest_revision.user == editor
    assert page.has_unpublished_changes
    assert [c.block_type for c in page.body] == live_before  # the live page is as it was
    assert PageLogEntry.objects.filter(page=page, action="content.report.figures_add", user=editor).exists()
    assert "3250" not in editor_client.get(page.url).content.decode()
    page.latest_revision.publish()
    assert "3250" in editor_client.get(page.url).content.decode()


def test_confirming_into_an_existing_chart_appends_to_it(editor_client, report):
    confirm(editor_client, report, [0], labels={0: "城乡低保对象"})
    draft = ReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    existing = next(c for c in draft.body if c.block_type == "figures" and c.value["caption"] == "低保对象")
    confirm(editor_client, report, [2], labels={2: "城市低保对象"}, target=existing.id)
    draft = ReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    block = next(c for c in draft.body if c.id == existing.id).value
    assert [f["value"] for f in block["figures"]] == [Decimal(3250), Decimal(1210)]


def test_a_figure_without_a_label_is_refused_and_nothing_is_saved(editor_client, report):
    revisions = report.revisions.count()
    response = confirm(editor_client, report, [0], labels={0: ""})
    assert response.status_code == 200
    assert "每个勾选的数据都要有指标名称" in response.content.decode()
    assert report.revisions.count() == revisions


def test_someone_who_cannot_edit_the_page_gets_403(client, report):
    user = UserFactory(username="reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(url(report)).status_code == 403
    assert confirm(client, report, [0], labels={0: "城乡低保对象"}).status_code == 403


def test_an_upload_of_another_type_is_refused_on_the_form(editor_client, report):
    upload = SimpleUploadedFile("summary.pdf", b"%PDF-1.7 not a summary", content_type="application/pdf")
    response = editor_client.post(url(report), {"file": upload})
    assert response.status_code == 200
    assert response.context["summary"].errors["file"] == ["只能导入 .txt 或 .docx 文件：“summary.pdf”。"]
    assert response.context["confirm"] is None


def test_an_oversized_upload_is_refused_before_it_is_read(editor_client, report):
    upload = SimpleUploadedFile("summary.txt", b"x" * (10 * 1024 * 1024 + 1), content_type="text/plain")
    response = editor_client.post(url(report), {"file": upload})
    assert "超过 10 MB" in response.context["summary"].errors["file"][0]


def test_a_word_file_is_read_with_its_table_in_order(editor_client, report):
    document = docx.Document()
    document.add_paragraph("上半年累计发放低保金2860.5万元。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, [("类别", "户数", "人数"), ("城市低保", "1,210", "2,030")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("特困人员846人。")
    content = io.BytesIO()
    document.save(content)
    upload = SimpleUploadedFile("summary.docx", content.getvalue())
    response = editor_client.post(url(report), {"file": upload})
    assert [(f.what, f.value, f.unit) for f in response.context["confirm"].proposals] == [
        ("低保金", Decimal("2860.5"), "万元"),
        ("城市低保", Decimal(1210), "户"),
        ("城市低保", Decimal(2030), "人"),
        ("特困人员", Decimal(846), "人"),
    ]


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_screen_in_english_has_no_untranslated_text(editor_client, report):
    editor_client.cookies["django_language"] = "en"
    response = read(editor_client, report)
    extraction = extract_figures(SUMMARY)
    typed = [SUMMARY, *(text for f in extraction.figures for text in (f.sentence, f.what, f.original))]
    typed += [text for flag in extraction.flags for text in (flag.text, flag.sentence)]
    marked = [(f.sentence, f.original) for f in extraction.figures] + [(f.sentence, f.text) for f in extraction.flags]
    typed += [part for sentence, text in marked for part in sentence.partition(text)]  # the figure is marked
    left = untranslated(response.content.decode(), sorted([*typed, *stored_texts()], key=len, reverse=True))
    assert left == []


def test_figures_join_a_chart_typed_by_hand_before_sources_were_kept(editor_client, report):
    typed = next(c for c in report.body if c.block_type == "figures")  # the demo's, stored without a source
    before = [(f["label"], f["value"], f["source"]) for f in typed.value["figures"]]
    confirm(editor_client, report, [3], labels={3: "低保金"}, target=typed.id)
    draft = ReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    block = next(c for c in draft.body if c.id == typed.id).value
    assert [(f["label"], f["value"], f["source"]) for f in block["figures"]][:-1] == before
    assert not any(source for _label, _value, source in before)
    assert block["figures"][-1]["label"] == "低保金"
