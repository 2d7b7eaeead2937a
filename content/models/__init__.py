from .common import IndexNumbered
from .home import HomePage
from .policies import PolicyAttachment, PolicyDocumentPage, PolicyIndexPage
from .replies import ReplyIndexPage
from .reports import ReportIndexPage, ReportPage
from .settings import PortalSettings
from .units import UnitIndexPage, UnitPage

__all__ = [
    "HomePage",
    "IndexNumbered",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyIndexPage",
    "PortalSettings",
    "ReplyIndexPage",
    "ReportIndexPage",
    "ReportPage",
    "UnitIndexPage",
    "UnitPage",
]
