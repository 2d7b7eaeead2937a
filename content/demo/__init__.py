"""The whole demo: coordination's units, accounts and meetings, and the public site around them.

Lives on the public-site side because it loads both; coordination's own demo data
(`coordination.demo`) knows nothing of the site. Nothing but `load_demo` and tests imports it.
"""

from django.db import transaction

from coordination import demo as coordination_demo
from coordination.demo.measures import notice_text
from coordination.importers.founding_notice import parse_notice

from ..notice_import import ImportReport, import_measures
from .disclosure import load_disclosure_column
from .pages import APPROVERS, EDITORS, load_home, load_site, load_workflow

__all__ = ["APPROVERS", "EDITORS", "load", "load_home", "load_site", "load_workflow"]


@transaction.atomic
def load(progress) -> dict:
    units = coordination_demo.load_units(progress)
    accounts = coordination_demo.load_accounts(units, progress)
    home = load_site(progress)
    editors, approvers = load_workflow(home, progress)
    accounts["office"].groups.add(approvers)
    accounts["editor"] = coordination_demo.demo_account("editor", name="何晓燕", staff=True)
    accounts["editor"].groups.add(editors)
    progress("accounts: editor (网站编辑); office approves publications")
    coordination_demo.load_meetings(accounts["office"], accounts["convenor"], progress)
    load_standing_measures(accounts["office"], progress)
    coordination_demo.load_supervision(accounts["office"], progress)
    coordination_demo.load_proposals(accounts["office"], accounts["leader"], progress)
    coordination_demo.load_disclosure(accounts["office"], progress)
    load_disclosure_column(home, progress)  # last: the annual reports count what the lines above loaded
    return accounts


def load_standing_measures(office, progress) -> ImportReport:
    """The founding notice's standing measures, through the same import the office uses."""
    report = ImportReport()
    import_measures(parse_notice(notice_text()), office, report, progress)
    for line in report.aliased + report.external + report.unmatched:
        progress(f"measures: {line}")
    return report
