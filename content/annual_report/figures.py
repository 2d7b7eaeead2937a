"""A year's 年度报告 figures, counted from the portal's own records.

Counted once, when the office generates the report; the editor may correct a figure before
publishing, and the published report keeps the figures it was published with (a report is a
record of what was known then, it must not drift as records change).
"""

import datetime

from django.db.models import Q

from coordination.public import annual_request_figures, disclosed_replies

from ..models import PolicyDocumentPage, PolicyInterpretationPage, ReportPage
from .layout import APPLICANTS, HANDLING, REQUEST_ROWS, empty_figures


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def published_in(year: int) -> dict:
    """本年主动公开: live publications whose 发布日期 (replies: 答复日期) falls in the year."""
    first, last = year_bounds(year)
    in_year = {"publish_date__range": (first, last)}
    return {
        "policies": PolicyDocumentPage.objects.live().filter(**in_year).count(),
        "interpretations": PolicyInterpretationPage.objects.live().filter(**in_year).count(),
        "reports": ReportPage.objects.live().filter(**in_year).count(),
        "replies": disclosed_replies().filter(reply_date__range=(first, last)).count(),
    }


def normative_documents(year: int) -> dict:
    """行政规范性文件: made in the year, repealed or expired in it, and in force at its end."""
    first, last = year_bounds(year)
    policies = PolicyDocumentPage.objects.live()
    still_valid_then = Q(validity=PolicyDocumentPage.Validity.VALID) | Q(invalid_from__gt=last)
    return {
        "made": policies.filter(publish_date__range=(first, last)).count(),
        "repealed": policies.filter(invalid_from__range=(first, last)).count(),
        "in_force": policies.filter(still_valid_then, publish_date__lte=last).count(),
    }


def figures_for(year: int) -> dict:
    figures = empty_figures()
    figures["published"].update(published_in(year))
    figures["proactive"]["normative"].update(normative_documents(year))
    requests = annual_request_figures(year)
    figures["requests"] = request_rows(requests)
    figures["handling"] = {code: requests[code] for code, _label in HANDLING}
    return figures


def request_rows(counted: dict) -> dict:
    """coordination's counts of requests as the rows of table 三 (部分公开 counted once, by outcome)."""

    def row(counts):
        return {column: counts[column] for column, _label in APPLICANTS}

    rows = {"new": row(counted["received"]), "carried_in": row(counted["carried_in"])}
    for line in REQUEST_ROWS:
        if line.reason:
            rows[line.code] = row(counted["reasons"][line.outcome][line.reason])
        elif line.outcome:
            rows[line.code] = row(counted["outcomes"][line.outcome])
    rows["carried_out"] = row(counted["carried_out"])
    return rows
