"""Reads of requests for government information (依申请公开): the office's queue, the applicant's
look-up by number and secret, the clock, and the annual report's figures."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db.models import BooleanField, Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from ..importers.text import normalise_doc_number
from ..models import DisclosureRequest
from ..models.disclosure_requests import OUTCOME_REASONS, ApplicantColumn, Outcome
from ..workdays import add_workdays, workdays_between

Status = DisclosureRequest.Status
COLUMNS = [*ApplicantColumn.values, "total"]


def secret_digest(secret: str) -> str:
    """What is stored of a request's secret: a keyed hash (the secret is random, so no slow hash is needed)."""
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def disclosure_queue(*, status: str = "", overdue: bool = False, today: datetime.date | None = None) -> QuerySet:
    """The office's queue, open requests by nearest deadline first, then the answered ones, newest first."""
    today = today or timezone.localdate()
    rows = DisclosureRequest.objects.annotate(
        open_first=Case(When(status=Status.ANSWERED, then=Value(1)), default=Value(0))
    ).order_by("open_first", "deadline", "-pk")
    if status in Status.values:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.filter(status=Status.RECEIVED, deadline__lt=today)
    return rows


def disclosures_due(*, today: datetime.date) -> QuerySet:
    """Open requests overdue or due within the first reminder's working days, nearest first (the office's home)."""
    horizon = add_workdays(today, max(settings.PORTAL_DISCLOSURE_REMINDER_WORKDAYS, default=0))
    overdue = Case(When(deadline__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField())
    rows = DisclosureRequest.objects.filter(status=Status.RECEIVED, deadline__lte=horizon)
    return rows.annotate(overdue=overdue).order_by("deadline", "pk")


def disclosure_request_for_applicant(number: str, secret: str) -> DisclosureRequest | None:
    """The request with this number whose secret matches, else None: a wrong number and a wrong
    secret look the same to the caller (the digest is compared in constant time either way)."""
    digest = secret_digest((secret or "").strip())
    request = DisclosureRequest.objects.filter(number=normalise_doc_number(number or "")[:40]).first()
    stored = request.secret_hash if request else "0" * len(digest)
    return request if hmac.compare_digest(stored, digest) and request else None


def is_overdue(request: DisclosureRequest, today: datetime.date | None = None) -> bool:
    """Open past its deadline (a request waiting for its correction has its clock stopped)."""
    return request.status == Status.RECEIVED and (today or timezone.localdate()) > request.deadline


def workdays_left(request: DisclosureRequest, today: datetime.date | None = None) -> int | None:
    """Working days from today to the deadline (negative: overdue by that many); None when not running."""
    if request.status != Status.RECEIVED:
        return None
    return workdays_between(today or timezone.localdate(), request.deadline)


def _column():
    return Case(
        When(applicant_kind=DisclosureRequest.ApplicantKind.NATURAL, then=Value(ApplicantColumn.NATURAL)),
        When(organisation_kind="", then=Value(ApplicantColumn.OTHER)),
        default=F("organisation_kind"),
        output_field=CharField(),
    )


def _by_column(rows: QuerySet, *keys: str) -> dict[tuple, dict[str, int]]:
    """Counts of `rows` per (keys…) and applicant column, each with its total."""
    out: dict[tuple, dict[str, int]] = {}
    for row in rows.annotate(column=_column()).values(*keys, "column").annotate(n=Count("pk")).order_by():
        counts = out.setdefault(tuple(row[key] for key in keys), dict.fromkeys(COLUMNS, 0))
        counts[row["column"]] += row["n"]
        counts["total"] += row["n"]
    return out


def annual_request_figures(year: int) -> dict:
    """The figures of the annual report's table of requests (第三部分 收到和处理政府信息公开申请情况).

    Returns::

        {
          "year": 2026,
          "columns": ["natural", "business", "research", "public_interest", "legal", "other", "total"],
          "received": {column: n},       # 本年新收: received in the year
          "carried_in": {column: n},     # 上年结转: received before the year, not answered before it began
          "outcomes": {outcome: {column: n}},               # answered in the year, per Outcome value
          "reasons": {outcome: {reason: {column: n}}},      # the same per reason code (every code of
                                                            # OUTCOME_REASONS[outcome], zeros included)
          "answered": {column: n},       # 总计: all answered in the year
          "carried_out": {column: n},    # 结转下年度继续办理: received by year end, not answered by then
          "overdue_answered": n,         # answered in the year after their deadline
          "corrections": n,              # requests whose correction (补正) was asked for in the year
          "extended": n,                 # requests whose time limit was extended in the year
        }

    Every dict of columns has all seven keys. Columns are `ApplicantColumn` values (自然人, 商业企业,
    科研机构, 社会公益组织, 法律服务机构, 其他) plus "total"; outcomes and reasons are `Outcome` and
    `Reason` values. 部分公开 counts only as partial (its reason is that of the withheld part).
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    zero = dict.fromkeys(COLUMNS, 0)
    requests = DisclosureRequest.objects.all()
    answered = requests.filter(answered_on__range=(start, end))
    received = _by_column(requests.filter(received_on__range=(start, end))).get((), zero)
    carried_in = _by_column(
        requests.filter(received_on__lt=start).filter(Q(answered_on__isnull=True) | Q(answered_on__gte=start))
    ).get((), zero)
    carried_out = _by_column(
        requests.filter(received_on__lte=end).filter(Q(answered_on__isnull=True) | Q(answered_on__gt=end))
    ).get((), zero)
    per_reason = _by_column(answered, "outcome", "reason")
    outcomes, reasons = {}, {}
    for outcome in Outcome.values:
        outcomes[outcome] = dict(zero)
        reasons[outcome] = {reason: dict(zero) for reason in OUTCOME_REASONS[Outcome(outcome)]}
    for (outcome, reason), counts in per_reason.items():
        for column, n in counts.items():
            outcomes[outcome][column] += n
        if reason in reasons[outcome]:
            reasons[outcome][reason] = counts
    total = {column: sum(outcomes[o][column] for o in outcomes) for column in COLUMNS}
    return {
        "year": year,
        "columns": COLUMNS,
        "received": dict(received),
        "carried_in": dict(carried_in),
        "outcomes": outcomes,
        "reasons": reasons,
        "answered": total,
        "carried_out": dict(carried_out),
        "overdue_answered": answered.filter(answered_on__gt=F("deadline")).count(),
        "corrections": requests.filter(correction_requested_on__range=(start, end)).count(),
        "extended": requests.filter(extended_on__range=(start, end)).count(),
    }
