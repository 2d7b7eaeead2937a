"""The 年度报告: counted from the records, laid out as the national tables, corrected before publishing."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content.annual_report.figures import figures_for
from content.annual_report.layout import APPLICANTS, REQUEST_ROWS, cells, empty_figures, input_name
from content.demo.disclosure import annual_report
from content.models import AnnualReportPage, DisclosureIndexPage, HomePage, PolicyDocumentPage
from content.publishing import publish_child


@pytest.fixture
def index(site_pages):
    return publish_child(HomePage.objects.get(), DisclosureIndexPage(title="政府信息公开", slug="xxgk"))


def table(html: str, key: str) -> list[list[str]]:
    """The rows of one annual table as the text of their cells (headers and values)."""
    start = html.index(f"annual-table--{key}")
    body = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
    return [
        [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def row_with(rows, label) -> list[str]:
    """The seven figures (six applicant columns and the total) of the row labelled `label`."""
    return next(row for row in rows if label in row)[-7:]


def test_the_policy_table_counts_documents_made_repealed_and_in_force_in_the_year(client, index):
    policies = PolicyDocumentPage.objects.live()
    made_2025 = policies.filter(publish_date__year=2025).count()
    assert made_2025 >= 2  # the demo publishes a revision and a notice in 2025, and repeals the old one then
    repealed = policies.get(title="陈仓区城乡最低生活保障审核确认办法")
    assert repealed.invalid_from.year == 2025
    in_force_2024 = policies.filter(publish_date__lte=datetime.date(2024, 12, 31)).count()  # nothing repealed yet
    figures = figures_for(2025)["proactive"]["normative"]
    assert figures == {"made": made_2025, "repealed": 1, "in_force": in_force_2024 + made_2025 - 1}
    assert figures_for(2024)["proactive"]["normative"]["in_force"] == in_force_2024


def test_the_published_report_shows_the_figures_it_was_counted_with(client, index):
    page = publish_child(index, annual_report(2025, "陈仓区社会救助工作联席会议办公室"))
    html = client.get(page.url).content.decode()
    normative = next(row for row in table(html, "proactive") if row[0] == "行政规范性文件")
    stored = page.figures["proactive"]["normative"]
    assert normative[1:] == [str(stored["made"]), str(stored["repealed"]), str(stored["in_force"])]
    published = dict(table(html, "published"))
    assert published["政策文件"] == str(PolicyDocumentPage.objects.live().filter(publish_date__year=2025).count())
    requests = table(html, "requests")
    assert len(requests) == 2 + sum(1 for row in REQUEST_ROWS if row.result) + 2  # 一 二 三… （七） 四
    assert requests[-2][0] == "（七）总计" and requests[-1][0] == "四、结转下年度继续办理"
    # A publication after the count does not change the published report.
    publish_child(
        PolicyDocumentPage.objects.first().get_parent(),
        PolicyDocumentPage(
            title="新文件", slug="late", issuing_body="陈仓区民政局", publish_date=datetime.date(2025, 12, 1)
        ),
    )
    again = next(row for row in table(client.get(page.url).content.decode(), "proactive") if row[0] == "行政规范性文件")
    assert again == normative


def test_totals_are_added_up_from_the_cells_on_the_page(client, index):
    report = annual_report(2025, "办公室")
    report.figures = empty_figures()
    report.figures["requests"]["new"].update(natural=3, business=1)
    report.figures["requests"]["granted"]["natural"] = 2
    report.figures["requests"]["withheld_third_party"]["business"] = 1
    report.figures["requests"]["carried_out"]["natural"] = 1
    report.figures["reviews"]["review"].update(upheld=1, pending=2)
    page = publish_child(index, report)
    html = client.get(page.url).content.decode()
    requests = table(html, "requests")
    assert row_with(requests, "一、本年新收政府信息公开申请数量") == ["3", "1", "0", "0", "0", "0", "4"]
    assert row_with(requests, "4.保护第三方合法权益") == ["0", "1", "0", "0", "0", "0", "1"]
    assert row_with(requests, "（七）总计") == ["2", "1", "0", "0", "0", "0", "3"]
    assert table(html, "reviews")[0][:5] == ["1", "0", "0", "2", "3"]


def edit_form(page, data, user):
    form_class = AnnualReportPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, for_user=user)


def grid(figures) -> dict:
    return {input_name(path): str(value) for path, value in cells(figures)}


def base_data(page) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "year": str(page.year),
        "publish_date": page.publish_date.isoformat(),
        "issuing_body": page.issuing_body,
        "index_number": "",
        "overview": rich_text("<p>总体情况</p>"),
        "problems": rich_text("<p>问题</p>"),
        "other_matters": rich_text("<p>其他</p>"),
    }


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("annual-editor", "e@example.org", "x")


def test_the_editor_corrects_a_figure_the_portal_cannot_know(index, editor):
    page = publish_child(index, annual_report(2025, "办公室"))
    figures = empty_figures() | {"requests": page.figures["requests"]}
    figures["reviews"]["review"]["corrected"] = 1
    figures["proactive"]["fees"]["amount"] = "1,234.5"
    form = edit_form(page, base_data(page) | grid(figures), editor)
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.figures["reviews"]["review"]["corrected"] == 1
    assert saved.figures["proactive"]["fees"]["amount"] == 1234.5


@pytest.mark.parametrize("bad", ["-1", "abc", "1.5", "1e400", "NaN"])
def test_a_figure_that_is_not_a_count_is_an_error_and_nothing_is_saved(index, editor, bad):
    page = publish_child(index, annual_report(2025, "办公室"))
    figures = page.figures
    figures["reviews"]["review"]["upheld"] = bad
    form = edit_form(page, base_data(page) | grid(figures), editor)
    assert not form.is_valid()
    assert "数字无效" in str(form.errors["figures"])
    assert AnnualReportPage.objects.get(pk=page.pk).figures["reviews"]["review"]["upheld"] == 0


def test_requests_that_do_not_add_up_are_refused_per_column(index, editor):
    page = publish_child(index, annual_report(2025, "办公室"))
    figures = page.figures
    figures["requests"]["new"]["legal"] += 2
    form = edit_form(page, base_data(page) | grid(figures), editor)
    assert not form.is_valid()
    assert "法律服务机构" in str(form.errors["figures"]) and "自然人" not in str(form.errors["figures"])


def test_the_page_itself_refuses_requests_that_do_not_add_up_whoever_saves_it(index):
    page = publish_child(index, annual_report(2025, "办公室"))
    page.figures["requests"]["carried_out"]["natural"] += 1
    with pytest.raises(ValidationError, match="自然人"):
        page.save_revision()
    assert AnnualReportPage.objects.get(pk=page.pk).figures["requests"]["carried_out"]["natural"] == 0


def test_recounting_replaces_hand_corrections_with_the_records(index, editor):
    page = publish_child(index, annual_report(2025, "办公室"))
    figures = page.figures
    figures["published"]["policies"] = 999
    form = edit_form(page, base_data(page) | grid(figures) | {"recount": "on"}, editor)
    assert form.is_valid(), form.errors
    assert form.save().figures == figures_for(2025)


def test_a_new_report_is_counted_when_first_saved(index, editor, client):
    client.force_login(editor)
    data = base_data(AnnualReportPage(title="2025年报告", slug="r2025", year=2025, issuing_body="办公室"))
    data |= {"publish_date": "2026-01-20", "recount": "on"}
    response = client.post(f"/admin/pages/add/content/annualreportpage/{index.pk}/", nested_form_data(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = AnnualReportPage.objects.get(slug="r2025")
    assert page.live is False and page.figures == figures_for(2025) and page.counted_at
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'name="{input_name(("requests", "granted", APPLICANTS[0][0]))}"' in edit


def counted_by_hand(year: int) -> dict:
    """Table 三 counted request by request in Python, apart from the SQL the report uses."""
    from coordination.models import DisclosureRequest

    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows: dict = {}

    def add(code, request):
        column = "natural" if request.applicant_kind == "natural" else (request.organisation_kind or "other")
        rows.setdefault(code, dict.fromkeys((c for c, _label in APPLICANTS), 0))[column] += 1

    for request in DisclosureRequest.objects.all():
        answered = request.answered_on
        if first <= request.received_on <= last:
            add("new", request)
        if request.received_on < first and (answered is None or answered >= first):
            add("carried_in", request)
        if answered and first <= answered <= last:
            row = next(r for r in REQUEST_ROWS if r.outcome == request.outcome and r.reason in ("", request.reason))
            add(row.code, request)
        if request.received_on <= last and (answered is None or answered > last):
            add("carried_out", request)
    return rows


def test_the_demo_years_reports_show_the_records(client, db, django_capture_on_commit_callbacks):
    from content import demo
    from coordination.models import DisclosureRequest

    with django_capture_on_commit_callbacks(execute=True):
        demo.load(lambda line: None)
    this_year = datetime.date.today().year
    assert DisclosureRequest.objects.filter(received_on__year=this_year - 1).exists()  # one carried over
    for report in AnnualReportPage.objects.filter(year__in=(this_year - 1, this_year)):
        by_hand = counted_by_hand(report.year)
        assert by_hand, report.year
        stored = report.figures["requests"]
        for code, counts in by_hand.items():
            assert stored[code] == counts, (report.year, code)
        assert sum(stored["new"].values()) == DisclosureRequest.objects.filter(received_on__year=report.year).count()
    published = AnnualReportPage.objects.live().get()
    assert published.year == this_year - 1
    html = client.get(published.url).content.decode()
    requests = table(html, "requests")
    for row in REQUEST_ROWS:
        if row.result:
            expected = [published.figures["requests"][row.code][c] for c, _label in APPLICANTS]
            assert row_with(requests, str(row.label)) == [*map(str, expected), str(sum(expected))], row.code
    this = AnnualReportPage.objects.get(year=this_year)
    assert not this.live and this.figures["handling"]["extended"] == DisclosureRequest.objects.filter(
        extended_on__year=this_year
    ).count() > 0
    # The demo's letters are numbered in the year of their answer, gaplessly, and what the
    # applicant was told is dated on the day it was told (between receipt and answer).
    answered = DisclosureRequest.objects.exclude(letter_number="").exclude(answered_on=None)
    for year in {r.answered_on.year for r in answered}:
        serials = sorted(
            int(re.search(r"〕(\d+)号", r.letter_number).group(1)) for r in answered if r.answered_on.year == year
        )
        assert all(f"〔{year}〕" in r.letter_number for r in answered if r.answered_on.year == year)
        assert serials == list(range(1, len(serials) + 1)), year
    for request in answered:
        for notice in request.notices.all():
            assert request.received_on <= timezone.localdate(notice.created_at) <= request.answered_on, request.number
