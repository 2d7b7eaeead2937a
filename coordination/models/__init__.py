from .actions import (
    ActionItem,
    Circular,
    Escalation,
    ExtensionRequest,
    ProgressAttachment,
    ProgressReport,
    Urge,
)
from .disclosure_requests import (
    DisclosureAttachment,
    DisclosureNotice,
    DisclosureReminderLog,
    DisclosureRequest,
)
from .exports import LedgerExport
from .meetings import (
    AgendaTopic,
    AgreedItem,
    Attendance,
    ConsentAnswer,
    ConsentRound,
    Meeting,
    MeetingReminderLog,
    Minutes,
    MinutesRevision,
    TopicAttachment,
)
from .notifications import CalendarToken, Notification
from .numbering import DocumentNumberSequence
from .operations import ScheduledJobRun
from .outbox import OutgoingTask
from .proposal_handling import (
    ContactReminderLog,
    Countersign,
    CountersignWaiver,
    ProposalExtensionRequest,
    ProposerContact,
)
from .proposals import CoOpinion, Proposal, Proposer, Reply, ReplyRound
from .reminders import DigestLog, ReminderDigest, ReminderLog
from .reply_templates import ReplyTemplate
from .units import Liaison, MemberUnit, UnitAlias

__all__ = [
    "ActionItem",
    "AgendaTopic",
    "AgreedItem",
    "CalendarToken",
    "Circular",
    "CoOpinion",
    "ContactReminderLog",
    "Countersign",
    "CountersignWaiver",
    "Attendance",
    "ConsentAnswer",
    "ConsentRound",
    "DigestLog",
    "DisclosureAttachment",
    "DisclosureNotice",
    "DisclosureReminderLog",
    "DisclosureRequest",
    "Escalation",
    "DocumentNumberSequence",
    "ExtensionRequest",
    "LedgerExport",
    "Liaison",
    "Meeting",
    "MeetingReminderLog",
    "MemberUnit",
    "Minutes",
    "MinutesRevision",
    "Notification",
    "ProgressAttachment",
    "OutgoingTask",
    "ProgressReport",
    "Proposal",
    "ProposalExtensionRequest",
    "ProposerContact",
    "Proposer",
    "ReminderDigest",
    "ReminderLog",
    "Reply",
    "ReplyRound",
    "ReplyTemplate",
    "ScheduledJobRun",
    "TopicAttachment",
    "UnitAlias",
    "Urge",
]
