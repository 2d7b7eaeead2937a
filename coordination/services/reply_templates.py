"""A unit's answer templates (答复模板): kept by its liaison or the office, used on its reply form."""

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import DomainError
from coordination.models import MemberUnit, ReplyTemplate

from .common import DOCUMENT_LENGTH, audit, check, clean_text, lock, required_text, validated


@transaction.atomic
def reply_template_save(
    *, actor, unit: MemberUnit, title: str, body: str, template: ReplyTemplate | None = None
) -> ReplyTemplate:
    """Create a template of `unit`, or change `template` (which must be the unit's own)."""
    if template is not None:
        template = lock(template)
        unit = template.unit
    check("reply_template.manage", actor, unit)
    title = required_text(title, _("请填写模板名称。"), max_length=60)
    body = required_text(body, _("请填写模板正文。"), max_length=DOCUMENT_LENGTH)
    clash = ReplyTemplate.objects.filter(unit=unit, title=title).exclude(pk=getattr(template, "pk", None))
    if clash.exists():
        raise DomainError(_("%(unit)s 已有名为“%(t)s”的模板。") % {"unit": unit.short_name, "t": title})
    template = template or ReplyTemplate(unit=unit)
    template.title, template.body, template.updated_by = title, body, actor
    validated(template).save()
    audit.record(template, "coordination.reply_template.save", actor=actor, changes={"title": title})
    return template


@transaction.atomic
def reply_template_delete(*, actor, template: ReplyTemplate) -> None:
    """Remove one of the unit's templates (replies drafted from it keep their text)."""
    template = lock(template)
    check("reply_template.manage", actor, template.unit)
    audit.record(template, "coordination.reply_template.delete", actor=actor, changes={"title": template.title})
    template.delete()


def reply_template_fill(*, actor, template: ReplyTemplate, proposal) -> str:
    """The template's body for `proposal`, for the reply form of the proposal's lead unit only."""
    check("reply_template.manage", actor, template.unit)
    if template.unit_id != proposal.lead_unit_id:
        raise DomainError(
            _("模板“%(t)s”属于%(unit)s，不能用于其他单位的答复。") % {"t": template, "unit": template.unit}
        )
    return clean_text(template.fill(proposal), max_length=DOCUMENT_LENGTH)
