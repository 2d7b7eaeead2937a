"""Demo pages of the 政府信息公开 column: guide, rules, interpretations, related documents, annual reports."""

import datetime

from django.utils import timezone

from ..annual_report.figures import figures_for
from ..models import (
    AnnualReportPage,
    DisclosureIndexPage,
    DisclosureTextPage,
    PolicyDocumentPage,
    PolicyIndexPage,
    PolicyInterpretationPage,
)
from ..publishing import publish_child
from . import disclosure_texts as texts
from .pages import stream

RELATED = (("关于做好困难群众医疗救助工作的通知", "陈仓区城乡最低生活保障审核确认办法（2025年修订）"),)


def load_interpretations(progress):
    index = PolicyIndexPage.objects.get()
    policies = {p.title: p for p in PolicyDocumentPage.objects.child_of(index)}
    for data in texts.INTERPRETATIONS:
        publish_child(
            index,
            PolicyInterpretationPage(
                title=data["title"],
                slug=data["slug"],
                policy=policies[data["policy_title"]],
                form=data["form"],
                issuing_body=data["issuing_body"],
                publish_date=data["publish_date"],
                summary=data["summary"],
                body=stream(data["body"]),
            ),
        )
        progress(f"interpretation: {data['title']}")
    for one, other in RELATED:
        page = policies[one]
        if not page.related.filter(pk=policies[other].pk).exists():
            page.related.add(policies[other])
            page.save_revision().publish()


def annual_report(year: int, office: str, published=None) -> AnnualReportPage:
    return AnnualReportPage(
        title=f"{office}{year}年政府信息公开工作年度报告",
        slug=f"annual-report-{year}",
        year=year,
        issuing_body=office,
        publish_date=published or timezone.localdate(),
        overview=texts.ANNUAL_REPORT["overview"].format(year=year),
        problems=texts.ANNUAL_REPORT["problems"],
        other_matters=texts.ANNUAL_REPORT["other_matters"],
        figures=figures_for(year),
        counted_at=timezone.now(),
    )


def load_disclosure_column(home, progress, today=None):
    """The column; last year's report published, this year's a draft counted from today's records."""
    index = publish_child(
        home,
        DisclosureIndexPage(title="政府信息公开", slug="xxgk", show_in_menus=True, intro=texts.INTRO),
    )
    for data in (texts.GUIDE, texts.RULES):
        publish_child(
            index,
            DisclosureTextPage(
                title=data["title"],
                slug=data["slug"],
                kind=data["kind"],
                issuing_body=texts.OFFICE,
                revised=data["revised"],
                summary=data["summary"],
                body=stream(data["body"]),
            ),
        )
    load_interpretations(progress)
    this_year = (today or timezone.localdate()).year
    # Published by 31 January, as the 条例 asks.
    publish_child(index, annual_report(this_year - 1, texts.OFFICE, datetime.date(this_year, 1, 20)))
    if not AnnualReportPage.objects.filter(year=this_year).exists():
        draft = annual_report(this_year, texts.OFFICE)
        draft.live = False
        index.add_child(instance=draft)
        draft.save_revision()
    progress("政府信息公开: guide, rules, interpretations, annual reports")
    return index
