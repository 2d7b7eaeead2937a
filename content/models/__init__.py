from .annual_reports import AnnualReportPage
from .common import IndexNumbered
from .disclosure import DisclosureIndexPage, DisclosureTextPage
from .home import HomePage
from .interpretations import PolicyInterpretationPage
from .policies import PolicyAttachment, PolicyDocumentPage, PolicyIndexPage
from .replies import ReplyIndexPage
from .reports import ReportIndexPage, ReportPage
from .settings import PortalSettings
from .units import UnitIndexPage, UnitPage

__all__ = [
    "AnnualReportPage",
    "DisclosureIndexPage",
    "DisclosureTextPage",
    "HomePage",
    "IndexNumbered",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyIndexPage",
    "PolicyInterpretationPage",
    "PortalSettings",
    "ReplyIndexPage",
    "ReportIndexPage",
    "ReportPage",
    "UnitIndexPage",
    "UnitPage",
]
