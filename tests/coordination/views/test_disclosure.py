"""依申请公开 on the web: the public form and tracking page against hostile input, personal data
kept off public pages, and the office's queue."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings

from coordination.models import DisclosureRequest
from tests.coordination.disclosure_world import submit
from tests.coordination.files.samples import HTML, PDF, PNG, SVG, upload

FORM = {
    "applicant_kind": "natural",
    "organisation_kind": "",
    "applicant_name": "赵德明",
    "contact_phone": "13811112222",
    "contact_email": "zhao@example.cn",
    "contact_address": "",
    "description": "本区2025年临时救助审批名单的公开范围",
    "document_reference": "",
    "purpose": "",
    "delivery": "email",
    "receipt": "email",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def apply(client, headers=None, **changes):
    data = {**FORM, "identity_document": upload("id.png", PNG), **changes}
    return client.post("/disclosure/apply/", data, headers=headers)


def test_a_citizen_applies_and_sees_number_and_secret_once(client, office_user):
    response = apply(client)
    assert response.status_code == 302 and response["Location"] == "/disclosure/apply/done/"
    page = client.get("/disclosure/apply/done/")
    request = DisclosureRequest.objects.get()
    assert request.number in page.content.decode()
    secret = page.context["secret"]
    assert secret and secret not in request.secret_hash
    assert client.get("/disclosure/apply/done/")["Location"] == "/disclosure/track/"  # shown only once
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_the_identity_document_is_private(client, office_user):
    apply(client)
    request = DisclosureRequest.objects.get()
    assert request.identity_document.name.startswith("disclosure/identity/")
    with pytest.raises(ValueError):
        request.identity_document.url  # noqa: B018  (private storage has no URL)
    client.force_login(office_user)
    response = client.get(f"/workbench/disclosure/{request.pk}/identity/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("content", [HTML, SVG, b"GIF89a" + b"\x00" * 32], ids=["html", "svg", "gif"])
def test_an_identity_document_that_is_no_picture_or_pdf_is_a_form_error(client, office_user, content):
    response = apply(client, identity_document=upload("id.pdf", content))
    assert response.status_code == 200 and response.context["form"].errors
    assert not DisclosureRequest.objects.exists()


def test_a_word_file_is_refused_as_identity_document(client, office_user):
    from tests.coordination.files.samples import office

    response = apply(client, identity_document=upload("id.docx", office("word/document.xml")))
    assert "PDF" in str(response.context["form"].errors)
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"applicant_name": "名" * 101},
        {"description": "长" * 2001},
        {"contact_phone": "1" * 31},
        {"contact_email": "not-an-address"},
        {"applicant_kind": "robot"},
        {"applicant_kind": "organisation", "organisation_kind": ""},
        {"contact_phone": "", "contact_email": "", "receipt": "pickup"},
        {"receipt": "post", "contact_address": ""},
        {"delivery": "<script>"},
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, office_user, changes):
    response = apply(client, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not DisclosureRequest.objects.exists()


def test_a_missing_identity_document_is_a_form_error(client, office_user):
    response = client.post("/disclosure/apply/", FORM)
    assert response.status_code == 200 and response.context["form"].errors["identity_document"]


@override_settings(PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR=2)
def test_the_form_is_rate_limited_per_address(client, office_user):
    assert [apply(client).status_code for _ in range(3)] == [302, 302, 429]
    assert DisclosureRequest.objects.count() == 2


@override_settings(PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR=1, PORTAL_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_client_address_has_its_own_allowance(client, office_user):
    def from_address(address):
        return apply(client, headers={"X-Forwarded-For": f"198.51.100.7, {address}"}).status_code

    assert [from_address("203.0.113.1"), from_address("203.0.113.2"), from_address("203.0.113.1")] == [302, 302, 429]


def test_a_wrong_secret_and_an_unknown_number_get_the_same_answer(client, office_user):
    request, secret = submit()
    wrong_secret = client.post("/disclosure/track/", {"number": request.number, "secret": "guess"})
    unknown = client.post("/disclosure/track/", {"number": "依申请〔2026〕第999号", "secret": "guess"})
    assert wrong_secret.status_code == unknown.status_code == 200
    assert wrong_secret.context["form"].errors == unknown.context["form"].errors
    assert client.get("/disclosure/track/status/")["Location"] == "/disclosure/track/"
    assert client.get("/disclosure/track/letter.pdf")["Location"] == "/disclosure/track/"


@override_settings(PORTAL_DISCLOSURE_LOOKUPS_PER_HOUR=3)
def test_guessing_secrets_is_rate_limited(client, office_user):
    request, secret = submit()
    codes = [
        client.post("/disclosure/track/", {"number": request.number, "secret": f"g{n}"}).status_code for n in range(3)
    ]
    assert codes == [200, 200, 200]
    assert client.post("/disclosure/track/", {"number": request.number, "secret": secret}).status_code == 429


def test_number_and_secret_open_the_status_page(client, office_user):
    request, secret = submit()
    response = client.post("/disclosure/track/", {"number": f" {request.number} ", "secret": secret})
    assert response["Location"] == "/disclosure/track/status/"
    page = client.get("/disclosure/track/status/").content.decode()
    assert request.number in page and request.deadline.isoformat() in page


def test_personal_data_is_on_no_public_page_feed_sitemap_or_search(client, site_pages, office_user):
    request, _ = submit(applicant_name="欧阳澄澈", contact_phone="13700001111", description="低保资金澄澈明细")
    for url in ("/", "/sitemap.xml", "/feeds/policies/", "/feeds/replies/", "/disclosure/apply/", "/disclosure/track/"):
        body = client.get(url).content.decode()
        assert "欧阳澄澈" not in body and "13700001111" not in body and request.number not in body, url
    # The search page repeats the query; what it must not show is the request itself.
    for query in ("欧阳澄澈", "澄澈明细", "13700001111"):
        response = client.get("/search/", {"q": query})
        body = response.content.decode().replace(query, "")
        assert "低保资金澄澈明细" not in body and "欧阳澄澈" not in body and request.number not in body, query


def test_the_public_site_links_the_form_and_the_tracking_page(client, site_pages):
    body = client.get("/").content.decode()
    assert 'href="/disclosure/apply/"' in body and 'href="/disclosure/track/"' in body


def test_the_office_list_masks_phones_and_flags_overdue(client, office_user):
    submit(datetime.date(2026, 1, 5), contact_phone="13911112222")
    client.force_login(office_user)
    response = client.get("/workbench/disclosure/")
    body = response.content.decode()
    assert "13911112222" not in body and "（电话已隐去）" in body
    assert "已逾期" in body
    assert client.get("/workbench/disclosure/?status=answered").content.decode().count("依申请〔2026〕") == 0


def test_the_queue_is_the_office_s_only(client, make_liaison, units, convenor_user):
    submit()
    for user in (make_liaison(units[5]), convenor_user):
        client.force_login(user)
        assert client.get("/workbench/disclosure/").status_code == 403


def test_the_queue_costs_the_same_queries_with_more_requests(client, office_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submit()
    client.force_login(office_user)
    with CaptureQueriesContext(connection) as few:
        client.get("/workbench/disclosure/")
    for _ in range(8):
        submit()
    with django_assert_max_num_queries(len(few)):
        client.get("/workbench/disclosure/")


def test_the_office_answers_and_the_applicant_downloads_letter_and_files(client, office_user):
    request, secret = submit()
    client.force_login(office_user)
    response = client.post(
        f"/workbench/disclosure/{request.pk}/answer/",
        {
            "outcome": "partial",
            "reason": "third_party",
            "answer_text": "已隐去个人信息。",
            "attachments": upload("a.pdf", PDF),
        },
    )
    assert response.status_code == 302
    pdf = client.get(f"/workbench/disclosure/{request.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    word = client.get(f"/workbench/disclosure/{request.pk}/letter.docx")
    assert word.status_code == 200 and word.content.startswith(b"PK")
    client.logout()
    client.post("/disclosure/track/", {"number": request.number, "secret": secret})
    page = client.get("/disclosure/track/status/").content.decode()
    assert "部分公开" in page
    assert client.get("/disclosure/track/letter.pdf").content.startswith(b"%PDF")
    attachment = request.attachments.get()
    assert b"".join(client.get(f"/disclosure/track/files/{attachment.pk}/").streaming_content).startswith(b"%PDF")
    other, _ = submit()
    assert client.get(f"/disclosure/track/files/{attachment.pk + 1000}/").status_code == 404


def test_an_answer_without_a_reason_is_a_form_error(client, office_user):
    request, _ = submit()
    client.force_login(office_user)
    response = client.post(f"/workbench/disclosure/{request.pk}/answer/", {"outcome": "withheld", "answer_text": "x"})
    assert response.status_code == 200 and response.context["answer_form"].errors
    request.refresh_from_db()
    assert request.status == "received"


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_both_sides_in_english_have_no_untranslated_text(client, office_user):
    from tests.test_english_ui import stored_texts, untranslated

    request, secret = submit()
    client.cookies["django_language"] = "en"
    pages = ["/disclosure/apply/", "/disclosure/track/"]
    client.post("/disclosure/track/", {"number": request.number, "secret": secret})
    texts = stored_texts()
    for url in [*pages, "/disclosure/track/status/"]:
        left = untranslated(client.get(url).content.decode(), texts)
        assert not left, (url, left)
    client.force_login(office_user)
    client.cookies["django_language"] = "en"
    for url in ("/workbench/disclosure/", f"/workbench/disclosure/{request.pk}/"):
        left = untranslated(client.get(url).content.decode(), texts)
        assert not left, (url, left)


def test_the_applicant_supplies_the_correction_on_the_tracking_page(client, office_user):
    from coordination import services
    from tests.coordination.disclosure_world import on_day

    request, secret = submit(datetime.date(2026, 9, 28))
    with on_day(datetime.date(2026, 9, 29)):
        services.disclosure_request_ask_correction(actor=office_user, request=request, text="请写明村名")
    with on_day(datetime.date(2026, 10, 12)):
        client.post("/disclosure/track/", {"number": request.number, "secret": secret})
        page = client.get("/disclosure/track/status/").content.decode()
        assert "请写明村名" in page and "待补正，暂停计算" in page
        assert client.post("/disclosure/track/correction/", {"text": ""}).context["correction_form"].errors
        assert (
            client.post("/disclosure/track/correction/", {"text": "东关村"})["Location"] == "/disclosure/track/status/"
        )
        page = client.get("/disclosure/track/status/").content.decode()
    request.refresh_from_db()
    assert request.deadline == datetime.date(2026, 11, 9) and 'datetime="2026-11-09"' in page


def test_error_reports_leave_out_what_applicants_post(client, office_user):
    from django.views.debug import SafeExceptionReporterFilter

    posted = apply(client).wsgi_request
    looked_up = client.post("/disclosure/track/", {"number": "x", "secret": "s3cret"}).wsgi_request
    hidden = SafeExceptionReporterFilter()
    assert "赵德明" not in str(hidden.get_post_parameters(posted))
    assert "s3cret" not in str(hidden.get_post_parameters(looked_up))


def test_the_office_home_lists_requests_overdue_or_due_soon(client, office_user):
    from tests.coordination.disclosure_world import on_day

    overdue, _ = submit(datetime.date(2026, 9, 28))  # due 30 Oct
    soon, _ = submit(datetime.date(2026, 10, 8))  # due 4 Nov: 3 working days after 30 Oct
    later, _ = submit(datetime.date(2026, 10, 26))  # due 23 Nov
    with on_day(datetime.date(2026, 10, 30)):
        client.force_login(office_user)
        rows = client.get("/workbench/").context["home"].office.disclosures_due
    assert [(r.number, r.overdue) for r in rows] == [(overdue.number, False), (soon.number, False)]
    with on_day(datetime.date(2026, 11, 2)):
        client.force_login(office_user)  # a session idle for days has timed out
        body = client.get("/workbench/").content.decode()
    panel = body[body.index('id="disclosures-list"') :].split("</ul>")[0]
    assert overdue.number in panel and soon.number in panel and later.number not in panel
    assert panel.count("已逾期") == 1
