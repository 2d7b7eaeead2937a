"""Figures of proposal handling: counted by the database, equal to a count made here by hand."""

import datetime
import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from coordination.models import Proposal, Reply
from coordination.selectors.proposal_figures import COUNTS, header, proposal_figures

D = datetime.date
TODAY = D(2026, 11, 23)
SENT, SIGNED = Reply.Status.SENT, Reply.Status.SIGNED_OFF

# kind, received, lead unit index, deadline in force, rating, replies as (status, letter date, sent on, category)
WORLD = [
    ("npc", D(2026, 3, 1), 5, D(2026, 6, 30), "satisfied", [(SENT, D(2026, 6, 1), D(2026, 6, 1), "A")]),
    # signed before the deadline but never sent: not answered, and overdue
    ("npc", D(2026, 3, 1), 5, D(2026, 6, 30), "", [(SIGNED, D(2026, 6, 1), None, "A")]),
    # dated before the deadline, sent after it: late
    ("npc", D(2026, 3, 2), 5, D(2026, 6, 30), "unsatisfied", [(SENT, D(2026, 6, 25), D(2026, 7, 10), "B")]),
    # extended deadline in force
    ("cppcc", D(2026, 3, 3), 19, D(2026, 9, 30), "", [(SENT, D(2026, 8, 1), D(2026, 8, 1), "C")]),
    # an imported letter: only its own date is known
    ("cppcc", D(2025, 3, 3), 5, D(2025, 6, 30), "basically", [(SENT, D(2025, 5, 1), None, "B")]),
    # not due yet, not answered
    ("npc", D(2026, 10, 1), 7, D(2027, 1, 1), "", []),
    # a second reply after dissatisfaction: on time by the first, category of the latest
    (
        "npc",
        D(2026, 3, 5),
        5,
        D(2026, 12, 30),
        "",
        [(SENT, D(2026, 5, 1), D(2026, 5, 1), "C"), (SENT, D(2026, 8, 1), D(2026, 8, 2), "B")],
    ),
]


@pytest.fixture
def world(units):
    for number, (kind, received, unit, deadline, rating, replies) in enumerate(WORLD, start=1):
        proposal = Proposal.objects.create(
            kind=kind,
            session="会议",
            number=str(number),
            title=f"第{number}件",
            received_on=received,
            assigned_on=received,
            lead_unit=units[unit],
            deadline=deadline,
            original_deadline=deadline,
            rating=rating,
        )
        for round_, (status, letter_date, sent_on, category) in enumerate(replies, start=1):
            Reply.objects.create(
                proposal=proposal,
                round=round_,
                unit=units[unit],
                status=status,
                reply_date=letter_date,
                sent_on=sent_on,
                category=category,
                imported=sent_on is None and status == SENT,
            )
    return units


def by_hand(entries) -> Counter:
    counts = Counter()
    for _kind, _received, _unit, deadline, rating, replies in entries:
        counts["received"] += 1
        sent = sorted((sent_on or letter, category) for status, letter, sent_on, category in replies if status == SENT)
        if sent:
            counts["answered"] += 1
            counts["on_time" if sent[0][0] <= deadline else "late"] += 1
            counts[sent[-1][1]] += 1
        elif deadline < TODAY:
            counts["overdue"] += 1
        if rating:
            counts[rating] += 1
    return counts


def test_the_total_equals_a_count_by_hand(world):
    total = proposal_figures(Proposal.objects.all(), today=TODAY)["total"]
    expected = by_hand(WORLD)
    assert total.counts == {key: expected[key] for key in COUNTS}
    assert (total.counts["on_time"], total.counts["overdue"]) == (4, 1)  # the signed-but-unsent one is not on time


def test_each_row_equals_a_count_by_hand(world):
    figures = proposal_figures(Proposal.objects.all(), today=TODAY)
    for row in figures["rows"]:
        entries = [
            e
            for e in WORLD
            if e[1].year == row.year
            and str(dict(Proposal.Kind.choices)[e[0]]) == row.kind
            and world[e[2]].short_name == row.unit
        ]
        expected = by_hand(entries)
        assert row.counts == {key: expected[key] for key in COUNTS}, row
    assert sum(row.counts["received"] for row in figures["rows"]) == len(WORLD)
    subtotals = {(row.year, row.kind): row.counts["received"] for row in figures["subtotals"]}
    assert subtotals == dict(Counter((e[1].year, str(dict(Proposal.Kind.choices)[e[0]])) for e in WORLD))


def test_the_on_time_rate_counts_answered_and_overdue_as_due(world):
    total = proposal_figures(Proposal.objects.all(), today=TODAY)["total"]
    assert total.due == 6 and total.on_time_rate == f"{100 * 4 / 6:.1f}%"


def test_the_figures_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        proposal_figures(Proposal.objects.all(), today=TODAY)


def test_the_excel_download_opens_and_holds_the_rows_and_total(world, client, office_user, convenor_user):
    client.force_login(convenor_user)
    response = client.get("/workbench/proposals/figures/", {"format": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == header()
    assert rows[-1][2] == "合计" and rows[-1][3] == len(WORLD)
    page = client.get("/workbench/proposals/figures/")
    assert page.status_code == 200 and "合计" in page.content.decode()
