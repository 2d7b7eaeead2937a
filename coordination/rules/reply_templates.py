"""Rules of a unit's answer templates (答复模板)."""

from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import NotPermitted

from .base import rule


@rule("reply_template.manage")
def _reply_template_manage(user, unit):
    """A unit's liaison keeps the unit's templates, the office those of any unit; nobody else
    sees or uses them (the convenors read letters, not a unit's drafts)."""
    if permissions.is_office(user):
        return
    if unit is None or not permissions.can_act_for_unit(user, unit):
        raise NotPermitted(
            _("答复模板只由本单位联络员和联席会议办公室维护：%(unit)s 不是您的单位。") % {"unit": unit or "—"}
        )
