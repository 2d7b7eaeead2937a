"""The 政府信息公开目录: every publication by category with its disclosure metadata.

Read from the publications themselves (counted in SQL, one page of entries at a time), so the
catalogue lists exactly what the site publishes.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from coordination.public import disclosed_replies

from .models import (
    AnnualReportPage,
    DisclosureTextPage,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    ReplyIndexPage,
    ReportPage,
)


@dataclass
class Category:
    code: str
    label: object
    count: int
    children: list


@dataclass
class Entry:
    title: str
    url: str
    index_number: str
    doc_number: str
    issuer: str
    date: object
    validity: str = ""
    validity_label: str = ""


def _live(model):
    return model.objects.live().public().defer_streamfields()


def _grouped(queryset, field, choices, prefix):
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    return [Category(f"{prefix}:{code}", label, counts[code], []) for code, label in choices if counts.get(code)]


class Catalogue:
    """The tree of categories with their counts, and the entries of the chosen one (政策文件 when none)."""

    def __init__(self, chosen: str):
        from coordination.models import Proposal

        policies = _live(PolicyDocumentPage)
        reports = _live(ReportPage)
        replies = disclosed_replies()
        self.tree = [
            Category(
                "policy",
                _("政策文件"),
                policies.count(),
                _grouped(policies, "topic", PolicyDocumentPage.Topic.choices, "policy"),
            ),
            Category("interpretation", _("政策解读"), _live(PolicyInterpretationPage).count(), []),
            Category(
                "report", _("工作报告"), reports.count(), _grouped(reports, "kind", ReportPage.Kind.choices, "report")
            ),
            Category(
                "reply",
                _("建议提案答复"),
                replies.count(),
                _grouped(replies, "proposal__kind", Proposal.Kind.choices, "reply"),
            ),
            Category(
                "disclosure",
                _("公开指南、制度和年度报告"),
                _live(DisclosureTextPage).count() + _live(AnnualReportPage).count(),
                [],
            ),
        ]
        codes = {c.code: c for top in self.tree for c in (top, *top.children)}
        self.chosen = codes.get(chosen) or self.tree[0]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.tree)

    def page(self, number):
        """One page of the chosen category, newest first, paged in SQL."""
        kind, _sep, sub = self.chosen.code.partition(":")
        rows, entry = _SOURCES[kind](sub)
        page = Paginator(rows, PER_PAGE).get_page(number)
        page.entries = [entry(row) for row in page.object_list]
        return page


PER_PAGE = 20


def _policies(topic):
    rows = _live(PolicyDocumentPage).order_by("-publish_date", "-pk")
    return (rows.filter(topic=topic) if topic else rows), _policy


def _interpretations(_sub):
    rows = _live(PolicyInterpretationPage).order_by("-publish_date", "-pk")
    return rows, lambda p: _page(p, p.issuing_body, p.publish_date)


def _reports(kind):
    rows = _live(ReportPage).order_by("-publish_date", "-pk")
    return (rows.filter(kind=kind) if kind else rows), lambda p: _page(p, p.issuing_body, p.publish_date)


def _replies(kind):
    index = ReplyIndexPage.objects.live().public().first()
    rows = disclosed_replies() if index else disclosed_replies().none()
    if kind:
        rows = rows.filter(proposal__kind=kind)

    def entry(r):
        return Entry(r.title, index.url_for_reply(r), r.index_number, r.doc_number, r.unit.full_name, r.reply_date)

    return rows, entry


def _disclosure(_sub):
    """A handful of pages of two types, merged in Python."""
    rows = [*_live(DisclosureTextPage), *_live(AnnualReportPage)]
    rows.sort(key=lambda p: getattr(p, "publish_date", None) or p.revised, reverse=True)
    return rows, lambda p: _page(p, p.issuing_body, getattr(p, "publish_date", None) or p.revised)


_SOURCES = {
    "policy": _policies,
    "interpretation": _interpretations,
    "report": _reports,
    "reply": _replies,
    "disclosure": _disclosure,
}


def _page(page, issuer, date) -> Entry:
    return Entry(page.title, page.url, getattr(page, "index_number", ""), "", issuer, date)


def _policy(page) -> Entry:
    return Entry(
        page.title,
        page.url,
        page.index_number,
        page.doc_number,
        page.issuing_body,
        page.publish_date,
        page.validity,
        page.get_validity_display(),
    )
