"""Every write of the coordination domain, one module per concern.

Each service is keyword-only: it locks the row, asks `coordination.rules` whether the actor may
make this move now, validates with `full_clean()`, writes the audit trail and queues its side
effects after commit, so the admin, the workbench, the API and Celery tasks all behave the same.
Callers import from this package (`from coordination import services`).
"""

from .accounts import (
    AccountRole,
    account_create,
    account_deactivate,
    account_password_reset,
    account_unlock,
    account_update,
    sign_off_grant,
    sign_off_revoke,
    two_factor_confirm,
    two_factor_enrol,
    two_factor_reset,
)
from .action_items import (
    action_item_cancel,
    action_item_close,
    action_item_create,
    action_item_report_progress,
    action_item_return,
)
from .agenda import agenda_reorder, topic_accept, topic_carry_over, topic_decline, topic_defer, topic_propose
from .circulars import circular_draft, circular_issue, circular_pdf_request, circular_store_pdf
from .consent import consent_answer, consent_round_close, consent_round_open, consent_units
from .disclosure_requests import (
    disclosure_notice_email_deliver,
    disclosure_reminders_send,
    disclosure_request_answer,
    disclosure_request_ask_correction,
    disclosure_request_close_uncorrected,
    disclosure_request_extend,
    disclosure_request_submit,
    disclosure_request_supply_correction,
)
from .escalation import red_items_escalate
from .extensions import action_item_urge, action_items_urge, extension_decide, extension_request, urge_acknowledge
from .ledger_exports import ledger_export_render, ledger_export_request
from .liaisons import liaison_appoint
from .meeting_reminders import consent_reminders_send, meeting_reminders_send, minutes_due_reminders_send
from .meetings import (
    meeting_cancel,
    meeting_hold,
    meeting_notify,
    meeting_record_attendance,
    meeting_register_attendee,
    meeting_reschedule,
    meeting_schedule,
)
from .minutes import minutes_draft, minutes_issue, minutes_pdf_request, minutes_revise, minutes_store_pdf
from .notifications import (
    calendar_token_renew,
    notification_email_deliver,
    notification_mark_read,
    notification_send,
    notifications_mark_all_read,
    notifications_unconfirmed,
)
from .outbox import outbox_enqueue, outbox_flush
from .proposal_batch import proposal_batch_register
from .proposal_handling import (
    contact_reminders_send,
    proposal_contact_log,
    proposal_extension_decide,
    proposal_extension_request,
    reply_countersign,
    reply_countersign_request,
    reply_countersign_waive,
)
from .proposals import (
    proposal_co_opinion,
    proposal_extend,
    proposal_rate,
    proposal_reassign,
    proposal_register,
    proposal_return,
)
from .reminders import office_digest_send, reminders_send
from .replies import REPLY_FIELDS, reply_reopen, reply_save, reply_send, reply_sign_off
from .reply_import import reply_disclosure_confirm, reply_import
from .reply_templates import reply_template_delete, reply_template_fill, reply_template_save
from .scheduling import scheduled_job_run, scheduled_job_run_if_due, scheduler_heartbeat
from .standing_measures import standing_measure_upsert, unit_aliases_seed

__all__ = [
    "REPLY_FIELDS",
    "AccountRole",
    "account_create",
    "account_deactivate",
    "account_password_reset",
    "account_unlock",
    "account_update",
    "action_item_cancel",
    "action_item_close",
    "action_item_create",
    "action_item_report_progress",
    "action_item_return",
    "action_item_urge",
    "action_items_urge",
    "agenda_reorder",
    "calendar_token_renew",
    "circular_draft",
    "circular_issue",
    "circular_pdf_request",
    "ledger_export_render",
    "ledger_export_request",
    "circular_store_pdf",
    "consent_answer",
    "consent_reminders_send",
    "consent_round_close",
    "consent_round_open",
    "consent_units",
    "disclosure_notice_email_deliver",
    "disclosure_reminders_send",
    "disclosure_request_answer",
    "disclosure_request_ask_correction",
    "disclosure_request_close_uncorrected",
    "disclosure_request_extend",
    "disclosure_request_submit",
    "disclosure_request_supply_correction",
    "extension_decide",
    "extension_request",
    "liaison_appoint",
    "meeting_cancel",
    "meeting_hold",
    "meeting_notify",
    "meeting_record_attendance",
    "meeting_register_attendee",
    "meeting_reminders_send",
    "meeting_reschedule",
    "meeting_schedule",
    "minutes_draft",
    "minutes_issue",
    "minutes_pdf_request",
    "minutes_revise",
    "minutes_store_pdf",
    "notification_email_deliver",
    "notification_mark_read",
    "notification_send",
    "notifications_mark_all_read",
    "notifications_unconfirmed",
    "office_digest_send",
    "outbox_enqueue",
    "outbox_flush",
    "proposal_batch_register",
    "proposal_co_opinion",
    "proposal_extend",
    "proposal_rate",
    "proposal_reassign",
    "proposal_register",
    "proposal_return",
    "red_items_escalate",
    "reminders_send",
    "reply_disclosure_confirm",
    "reply_import",
    "reply_template_delete",
    "reply_template_fill",
    "reply_template_save",
    "reply_reopen",
    "reply_save",
    "reply_send",
    "reply_sign_off",
    "scheduled_job_run",
    "scheduled_job_run_if_due",
    "scheduler_heartbeat",
    "sign_off_grant",
    "sign_off_revoke",
    "standing_measure_upsert",
    "minutes_due_reminders_send",
    "topic_accept",
    "topic_carry_over",
    "topic_decline",
    "topic_defer",
    "topic_propose",
    "two_factor_confirm",
    "two_factor_enrol",
    "two_factor_reset",
    "unit_aliases_seed",
    "urge_acknowledge",
    "contact_reminders_send",
    "proposal_contact_log",
    "proposal_extension_decide",
    "proposal_extension_request",
    "reply_countersign",
    "reply_countersign_request",
    "reply_countersign_waive",
]
