"""A unit's own answer templates (答复模板) for reply letters."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .units import MemberUnit

PLACEHOLDER = re.compile(r"\{([^{}\s]{1,10})\}")


def _names(proposal) -> str:
    return "、".join(p.name for p in proposal.proposers.all())


# What a template may say in braces, and what it becomes for a proposal. Deputies and members
# have their own words for the same thing; both are accepted.
PLACEHOLDERS = {
    "代表姓名": _names,
    "委员姓名": _names,
    "建议标题": lambda proposal: proposal.title,
    "提案标题": lambda proposal: proposal.title,
    "届次": lambda proposal: proposal.session,
    "编号": lambda proposal: proposal.number,
    "主办单位": lambda proposal: proposal.lead_unit.full_name,
}


class ReplyTemplate(models.Model):
    """A named body text a unit starts its reply letters from, with placeholders such as
    {代表姓名} or {建议标题} filled from the proposal when the drafter picks it.

    Templates belong to the unit: its liaison and the office keep them, and no other unit sees
    or uses them (a unit's wording and its figures are its own).
    """

    unit = models.ForeignKey(
        MemberUnit, on_delete=models.CASCADE, related_name="reply_templates", verbose_name=_("单位")
    )
    title = models.CharField(_("模板名称"), max_length=60)
    body = models.TextField(_("模板正文"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__order", "title"]
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="unique_reply_template_title")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = sorted({name for name in PLACEHOLDER.findall(self.body) if name not in PLACEHOLDERS})
        if unknown:
            raise ValidationError(
                {
                    "body": _("不认识的占位符：%(names)s。可用的占位符：%(known)s。")
                    % {
                        "names": "、".join(f"{{{n}}}" for n in unknown),
                        "known": "、".join(f"{{{n}}}" for n in PLACEHOLDERS),
                    }
                }
            )

    def fill(self, proposal) -> str:
        """The template's body for `proposal`: every known placeholder replaced by its value."""
        return PLACEHOLDER.sub(
            lambda m: PLACEHOLDERS[m.group(1)](proposal) if m.group(1) in PLACEHOLDERS else m.group(0), self.body
        )
