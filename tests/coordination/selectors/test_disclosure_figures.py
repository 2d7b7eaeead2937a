"""The annual report's table of requests, counted from records written here with known dates."""

import datetime

import pytest

from coordination.models import DisclosureRequest
from coordination.selectors.disclosure_requests import annual_request_figures

D = datetime.date


def record(received, *, answered=None, deadline=None, outcome="", reason="", kind="natural", org="", corrected=None):
    number = f"T-{DisclosureRequest.objects.count() + 1}"
    return DisclosureRequest.objects.create(
        number=number,
        secret_hash="x",
        applicant_kind=kind,
        organisation_kind=org,
        applicant_name="申请人",
        description="信息",
        delivery="email",
        receipt="email",
        received_on=received,
        clock_started_on=received,
        deadline=deadline or received + datetime.timedelta(days=28),
        status="answered" if answered else "received",
        answered_on=answered,
        outcome=outcome,
        reason=reason,
        correction_requested_on=corrected,
    )


@pytest.fixture
def year_2026(db):
    # Carried over from 2025: received in December, answered in January (a business).
    record(D(2025, 12, 20), answered=D(2026, 1, 12), outcome="granted", kind="organisation", org="business")
    # Answered in 2025: not part of 2026 at all.
    record(D(2025, 11, 3), answered=D(2025, 11, 20), outcome="granted")
    # Received in 2025, still open: carried in and carried out again.
    record(D(2025, 12, 29))
    # Received in 2026 and answered in 2026.
    record(D(2026, 2, 2), answered=D(2026, 2, 20), outcome="granted")
    record(D(2026, 3, 2), answered=D(2026, 3, 25), outcome="partial", reason="third_party")
    record(
        D(2026, 4, 1),
        answered=D(2026, 5, 20),
        deadline=D(2026, 4, 29),
        outcome="withheld",
        reason="process_info",
        kind="organisation",
        org="legal",
    )  # fmt: skip  (answered after its deadline)
    record(D(2026, 5, 6), answered=D(2026, 5, 28), outcome="unavailable", reason="not_held", corrected=D(2026, 5, 8))
    record(D(2026, 6, 1), answered=D(2026, 6, 26), outcome="other", reason="no_correction", corrected=D(2026, 6, 2))
    record(D(2026, 7, 1), answered=D(2026, 7, 9), outcome="not_processed", reason="repeated", kind="organisation")
    # Received in December 2026, answered in January 2027: carried out of 2026.
    record(D(2026, 12, 21), answered=D(2027, 1, 8), outcome="granted", kind="organisation", org="research")
    return annual_request_figures(2026)


def test_received_carried_in_and_carried_out_per_column(year_2026):
    f = year_2026
    assert f["received"] == {
        "natural": 4, "business": 0, "research": 1, "public_interest": 0, "legal": 1, "other": 1, "total": 7
    }  # fmt: skip
    assert f["carried_in"] == {
        "natural": 1, "business": 1, "research": 0, "public_interest": 0, "legal": 0, "other": 0, "total": 2
    }  # fmt: skip
    assert f["carried_out"]["total"] == 2
    assert (f["carried_out"]["natural"], f["carried_out"]["research"]) == (1, 1)


def test_answers_by_outcome_and_reason(year_2026):
    f = year_2026
    assert f["outcomes"]["granted"]["total"] == 2
    assert (f["outcomes"]["granted"]["natural"], f["outcomes"]["granted"]["business"]) == (1, 1)
    assert f["outcomes"]["partial"]["natural"] == 1
    assert f["reasons"]["withheld"]["process_info"]["legal"] == 1
    assert f["reasons"]["withheld"]["state_secret"]["total"] == 0
    assert f["reasons"]["unavailable"]["not_held"]["natural"] == 1
    assert f["reasons"]["not_processed"]["repeated"]["other"] == 1
    assert f["reasons"]["other"]["no_correction"]["total"] == 1
    assert f["answered"]["total"] == 7


def test_the_table_balances(year_2026):
    f = year_2026
    for column in f["columns"]:
        assert f["received"][column] + f["carried_in"][column] == f["answered"][column] + f["carried_out"][column]


def test_overdue_answers_and_corrections(year_2026):
    assert (year_2026["overdue_answered"], year_2026["corrections"]) == (1, 2)


def test_a_year_without_requests_is_all_zeros(db):
    f = annual_request_figures(2020)
    assert f["answered"] == dict.fromkeys(f["columns"], 0)
    assert set(f["reasons"]["withheld"]) == {
        "state_secret", "law_forbids", "three_safeties", "third_party", "internal_affairs", "process_info",
        "enforcement_file", "admin_query",
    }  # fmt: skip
