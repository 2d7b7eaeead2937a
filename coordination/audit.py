"""The audit trail: every state change is recorded through Wagtail's log registry.

Entries land in Wagtail's `ModelLogEntry` (who, when, action, and a `data` dict of what
changed), so they appear in the admin's site history next to the editors' own actions.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

# action → (label, message), registered with Wagtail in wagtail_hooks.py
ACTIONS = {
    "coordination.liaison.appoint": (_("任命联络员"), _("任命了联络员")),
    "coordination.liaison.end": (_("联络员离任"), _("结束了联络员任期")),
}


def record(instance, action: str, *, actor, changes: dict | None = None, note: str = ""):
    """Write one audit entry. Unknown actions are a programming error, not a silent no-op."""
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}: add it to coordination.audit.ACTIONS")
    data = {"changes": changes or {}}
    if note:
        data["note"] = note
    return log(instance, action, user=actor if actor and actor.is_authenticated else None, data=data)


def register(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
