from .pages import (
    HomePage,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyIndexPage,
    ReplyIndexPage,
    ReportIndexPage,
    ReportPage,
    UnitIndexPage,
    UnitPage,
)
from .settings import IndexNumberSequence, PortalSettings

__all__ = [
    "HomePage",
    "IndexNumberSequence",
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
