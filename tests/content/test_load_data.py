"""`generate_load_data` at tiny sizes: the counts asked for, the same rows from the same seed, a working site."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from content import demo
from content.loaddata import Sizes, generate
from content.loaddata.bulk import Progress
from content.loaddata.pages import SLUG_PREFIX
from content.models import PolicyDocumentPage
from coordination.models import ActionItem, ProgressReport, Proposal, Reply
from tests.conftest import VerifiedClient

pytestmark = pytest.mark.django_db

TINY = Sizes(policies=12, proposals=15, items=40, reports=90)
QUIET = Progress(quiet=True)


@pytest.fixture
def site(db):
    """The part of the demo the load data stands on: units, liaisons, the office, the page tree."""
    units = demo.coordination_demo.load_units(lambda line: None)
    accounts = demo.coordination_demo.load_accounts(units, lambda line: None)
    demo.load_site(lambda line: None)
    return accounts


def load_titles() -> list[str]:
    pages = PolicyDocumentPage.objects.filter(slug__startswith=SLUG_PREFIX).order_by("path")
    return list(pages.values_list("title", flat=True)) + list(
        ActionItem.objects.order_by("pk").values_list("title", flat=True)
    )


def test_refuses_a_database_without_the_demo():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_load_data", policies=1, proposals=1, items=1, reports=1, quiet_progress=True)


def test_creates_the_counts_asked_for_and_refuses_a_second_run(site):
    before = {m: m.objects.count() for m in (PolicyDocumentPage, Proposal, ActionItem, ProgressReport)}
    err, out = io.StringIO(), io.StringIO()
    call_command(
        "generate_load_data",
        policies=TINY.policies,
        proposals=TINY.proposals,
        items=TINY.items,
        reports=TINY.reports,
        stderr=err,
        stdout=out,
    )
    assert f"[{'#' * 30}] {TINY.reports}/{TINY.reports}" in err.getvalue()  # the progress bar, complete
    assert "Search index rebuilt" in out.getvalue()
    assert PolicyDocumentPage.objects.count() - before[PolicyDocumentPage] == TINY.policies
    assert Proposal.objects.count() - before[Proposal] == TINY.proposals
    assert ActionItem.objects.count() - before[ActionItem] == TINY.items
    assert ProgressReport.objects.count() - before[ProgressReport] == TINY.reports
    assert Reply.objects.filter(proposal__number__startswith="L").exists()
    with pytest.raises(CommandError, match="already"):
        call_command("generate_load_data", policies=1, proposals=1, items=1, reports=1, quiet_progress=True)


def test_the_same_seed_gives_the_same_titles_and_another_seed_others(site):
    with transaction.atomic():
        generate(TINY, 7, QUIET)
        first = load_titles()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(TINY, 8, QUIET)
        other = load_titles()
        transaction.set_rollback(True)
    generate(TINY, 7, QUIET)
    assert load_titles() == first
    assert len(first) == TINY.policies + TINY.items
    assert other != first


def test_the_site_works_on_load_data(site):
    call_command("generate_load_data", policies=5, proposals=5, items=30, reports=60, quiet_progress=True)
    page = PolicyDocumentPage.objects.filter(slug__startswith=SLUG_PREFIX).first()
    assert page.get_url()
    public = VerifiedClient()
    response = public.get(page.get_url())
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert public.get("/search/", {"q": "救助"}).status_code == 200
    office = VerifiedClient()
    office.force_login(site["office"])
    response = office.get("/workbench/items/")
    assert response.status_code == 200
