"""Private files are served only through the workbench, to who may read the object they belong to."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from rest_framework.test import APIClient

from coordination import services
from coordination.files import download_name
from coordination.models import Circular, ProgressAttachment

from .samples import HTML, PDF, PDF_POLYGLOT, SVG, office, upload


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def assert_private(stored_name: str, *former_names: str):
    """Nothing under MEDIA_ROOT: a web server serving /media/ has nothing to give, by any name."""
    assert (Path(django_settings.PORTAL_PRIVATE_ROOT) / stored_name).is_file()
    assert not Path(django_settings.MEDIA_ROOT).joinpath(stored_name).exists()
    for name in (stored_name, *former_names):
        with pytest.raises(Http404):
            serve(RequestFactory().get(f"/media/{name}"), name, document_root=django_settings.MEDIA_ROOT)


# --- progress attachments ---------------------------------------------------------------


@pytest.fixture
def lead_attachment(item, liaisons):
    report = services.action_item_report_progress(
        actor=liaisons["lead"], item=item, unit=item.lead_unit, text="附方案", files=[upload("方案.pdf", PDF)]
    )
    return report.attachments.get()


@pytest.fixture
def co_attachment(item, liaisons):
    report = services.action_item_report_progress(
        actor=liaisons["co"], item=item, unit=item.co_units.get(), text="附测算", files=[upload("测算.pdf", PDF)]
    )
    return report.attachments.get()


def url_of(attachment: ProgressAttachment) -> str:
    return f"/workbench/files/progress/{attachment.pk}/"


def test_a_progress_attachment_is_not_under_media_root(client, lead_attachment):
    assert_private(lead_attachment.file.name, "progress/2026/05/方案.pdf")
    assert client.get(f"/media/{lead_attachment.file.name}").status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, lead_attachment):
    response = client.get(url_of(lead_attachment))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(("who", "status"), [("lead", 200), ("co", 200), ("other", 404)])
def test_a_lead_units_attachment_is_read_by_the_units_of_the_item(client, lead_attachment, liaisons, who, status):
    assert get(client, liaisons[who], url_of(lead_attachment)).status_code == status


@pytest.mark.parametrize("role", ["office_user", "convenor_user"])
def test_the_office_and_convenors_read_every_attachment(client, co_attachment, role, request):
    response = get(client, request.getfixturevalue(role), url_of(co_attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_pdf_is_shown_inline_with_nosniff(client, lead_attachment, liaisons):
    response = get(client, liaisons["lead"], url_of(lead_attachment))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "private" in response["Cache-Control"]


def test_an_office_file_is_downloaded_under_its_own_name(client, item, liaisons):
    services.action_item_report_progress(
        actor=liaisons["lead"],
        item=item,
        unit=item.lead_unit,
        text="台账",
        files=[upload("台账.docx", office("word/document.xml"))],
    )
    attachment = ProgressAttachment.objects.get()
    response = get(client, liaisons["lead"], url_of(attachment))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%8F%B0%E8%B4%A6.docx"


def test_the_download_name_keeps_no_path_and_takes_the_real_extension():
    assert download_name("../../etc/passwd.html", "pdf") == "etc_passwd.pdf"
    assert download_name('a"b\r\n.pdf', "pdf") == "a_b.pdf"
    assert download_name("...", "png") == "file.png"


def test_production_hands_the_file_to_nginx_after_the_same_check(client, lead_attachment, liaisons, settings):
    settings.PORTAL_PRIVATE_ACCEL_REDIRECT = "/_private/"
    response = get(client, liaisons["lead"], url_of(lead_attachment))
    assert response["X-Accel-Redirect"] == f"/_private/{lead_attachment.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    refused = get(client, liaisons["other"], url_of(lead_attachment))
    assert refused.status_code == 404 and not refused.has_header("X-Accel-Redirect")


# --- the stored-XSS upload ----------------------------------------------------------------


def test_a_page_uploaded_through_the_form_is_refused(client, item, liaisons):
    client.force_login(liaisons["lead"])
    for name, content in [("report.html", HTML), ("chart.svg", SVG)]:
        response = client.post(f"/workbench/items/{item.pk}/", {"text": "附件", "attachments": upload(name, content)})
        assert "出于安全考虑不能上传" in response.content.decode()
    assert not ProgressAttachment.objects.exists()


def test_a_pdf_named_html_is_stored_and_served_as_pdf(client, item, liaisons):
    client.force_login(liaisons["lead"])
    client.post(f"/workbench/items/{item.pk}/", {"text": "附件", "attachments": upload("report.html", PDF_POLYGLOT)})
    attachment = ProgressAttachment.objects.get()
    assert attachment.file.name.endswith(".pdf") and attachment.kind == "pdf"
    response = client.get(url_of(attachment))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "report.pdf" in response["Content-Disposition"]


def test_a_page_posted_to_the_api_is_refused(item, liaisons):
    api = APIClient()
    api.force_authenticate(liaisons["lead"])
    response = api.post(
        f"/api/items/{item.pk}/progress/",
        {"text": "附件", "attachments": [upload("report.html", HTML)]},
        format="multipart",
    )
    assert response.status_code == 409 and "出于安全考虑不能上传" in response.json()["detail"]
    assert not ProgressAttachment.objects.exists()


def test_a_pdf_named_html_posted_to_the_api_is_stored_as_pdf(item, liaisons):
    api = APIClient()
    api.force_authenticate(liaisons["lead"])
    response = api.post(
        f"/api/items/{item.pk}/progress/",
        {"text": "附件", "attachments": [upload("report.html", PDF_POLYGLOT)]},
        format="multipart",
    )
    assert response.status_code == 201
    assert ProgressAttachment.objects.get().file.name.endswith(".pdf")


# --- topic attachments --------------------------------------------------------------------


@pytest.fixture
def topic_attachment(notified_meeting, unit, liaison):
    topic = services.topic_propose(
        actor=liaison["区民政局"],
        meeting=notified_meeting,
        unit=unit["区民政局"],
        title="低保边缘家庭认定标准",
        background="b",
        decision_requested="d",
        files=[upload("认定办法（征求意见稿）.pdf", PDF)],
    )
    return topic.attachments.get()


@pytest.mark.parametrize(("who", "status"), [("区民政局", 200), ("区教体局", 404), ("区委宣传部", 404)])
def test_a_proposed_topics_attachment_is_read_by_its_own_unit_only(client, topic_attachment, liaison, who, status):
    assert get(client, liaison[who], f"/workbench/files/topics/{topic_attachment.pk}/").status_code == status


def test_the_office_reads_a_topics_attachment_which_is_not_public(client, topic_attachment, office_user):
    assert get(client, office_user, f"/workbench/files/topics/{topic_attachment.pk}/").status_code == 200
    assert_private(topic_attachment.file.name, "topics/2026/认定办法（征求意见稿）.pdf")
    client.logout()
    assert client.get(f"/workbench/files/topics/{topic_attachment.pk}/").status_code == 302


# --- minutes and circulars ------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("区民政局", 200), ("区医保局", 200), ("区委宣传部", 404)])
def test_the_minutes_pdf_is_read_by_the_invited_units(client, issued_minutes, liaison, who, status):
    response = get(client, liaison[who], f"/workbench/minutes/{issued_minutes.pk}/pdf/")
    assert response.status_code == status


def test_the_minutes_pdf_is_rendered_into_private_storage(client, issued_minutes, office_user):
    response = get(client, office_user, f"/workbench/minutes/{issued_minutes.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    issued_minutes.refresh_from_db()
    assert_private(issued_minutes.pdf.name, "minutes/2026/2026-1-minutes.pdf")


def test_draft_minutes_have_no_pdf(client, draft_minutes, office_user):
    assert get(client, office_user, f"/workbench/minutes/{draft_minutes.pk}/pdf/").status_code == 404


@pytest.fixture
def circular(office_user, item, django_capture_on_commit_callbacks):
    """An issued circular whose PDF the rendering task has stored (tasks run inline here)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.circular_issue(
            actor=office_user, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31)
        )


@pytest.mark.parametrize(("who", "status"), [("office_user", 200), ("convenor_user", 200), ("lead", 200)])
def test_a_circular_pdf_is_read_by_who_may_read_circulars(client, circular, liaisons, who, status, request):
    user = liaisons[who] if who in liaisons else request.getfixturevalue(who)
    assert get(client, user, f"/workbench/circulars/{circular.pk}/pdf/").status_code == status
    assert get(client, user, "/workbench/circulars/").status_code == status


def test_a_circular_pdf_is_rendered_into_private_storage(client, circular, office_user):
    assert get(client, office_user, f"/workbench/circulars/{circular.pk}/pdf/").status_code == 200
    circular = Circular.objects.get(pk=circular.pk)
    assert_private(circular.pdf.name, f"circulars/2026/circular-{circular.pk}.pdf")
