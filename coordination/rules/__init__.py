"""May this user do this to this object now? The one answer, for services, views and templates.

Each rule is a check named "<object>.<verb>" that raises the domain error a refusal deserves
(`NotPermitted` for who, `InvalidState` for when). Services call `check()` after locking the row,
so the answer is taken on the state they change; views and templates ask `can()` (or the
`{% can %}` tag) to show or hide a button, so a button is never offered for a move the service
would refuse. Input rules (a reason must be given, a date must be later) stay in the services.
Like Wagtail's `PagePermissionTester`, this module holds the rule once; nothing else compares
statuses or permission codenames to decide what a user may do.
"""

from . import accounts, disclosure, items, meetings, notifications, proposals, reply_templates  # noqa: F401  (each registers its rules)
from .base import CHECKS, can, check, rule

__all__ = ["CHECKS", "can", "check", "rule"]
