"""The member units of the joint meeting and the liaison each of them names."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .labels import ChoiceLabels


class MemberUnit(ChoiceLabels):
    """A member unit (成员单位) of the joint meeting.

    Units are listed in the order of the founding notice; that order is how the office and the
    units themselves expect to see them everywhere (agendas, circulars, the public list).
    Object permissions on a unit (django-guardian) say who may act for it.
    """

    class Kind(models.TextChoices):
        PARTY_ORGAN = "party", _("党委部门")
        GOVERNMENT = "government", _("政府部门")
        MASS_ORGANISATION = "mass", _("群团组织")
        FINANCIAL = "financial", _("金融机构")

    order = models.PositiveSmallIntegerField(_("排序"), unique=True, help_text=_("在成员单位名单中的顺序"))
    short_name = models.CharField(_("简称"), max_length=40, unique=True, help_text=_("如：区民政局"))
    full_name = models.CharField(_("全称"), max_length=120, unique=True)
    kind = models.CharField(_("单位类别"), max_length=16, choices=Kind.choices)
    is_active = models.BooleanField(_("现为成员单位"), default=True)
    reply_prefix = models.CharField(
        _("答复文号代字"),
        max_length=10,
        blank=True,
        help_text=_("如区民政局为“陈民”，答复文号形如 陈民建函〔2026〕4号"),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("成员单位")
        verbose_name_plural = _("成员单位")
        permissions = [("act_for_unit", _("代表本单位办理事项")), ("sign_off_reply", _("签发本单位的答复"))]

    def __str__(self) -> str:
        return self.short_name

    @property
    def current_liaison(self) -> "Liaison | None":
        return self.liaisons.filter(end_date__isnull=True).select_related("user").first()


class LiaisonQuerySet(models.QuerySet):
    def active(self) -> "LiaisonQuerySet":
        return self.filter(end_date__isnull=True)


class Liaison(models.Model):
    """One term of a person as liaison (联络员) of a unit.

    A unit has exactly one active liaison. Replacing a liaison ends the old term instead of
    overwriting it, so the history keeps who acted for the unit at any date.
    """

    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="liaisons", verbose_name=_("单位"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="liaison_terms", verbose_name=_("用户")
    )
    position = models.CharField(_("职务"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    start_date = models.DateField(_("任职起始日期"))
    end_date = models.DateField(_("任职结束日期"), null=True, blank=True)

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        ordering = ["unit__order", "-start_date"]
        verbose_name = _("联络员")
        verbose_name_plural = _("联络员")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(end_date__isnull=True), name="one_active_liaison_per_unit"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(end_date__isnull=True), name="one_active_liaison_term_per_user"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="liaison_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{self.unit.short_name} · {name}"

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class UnitAlias(models.Model):
    """Another name under which documents name a body, so an import can tell who is meant.

    Notices write units by their full names (区发展和改革局), by older names, or name bodies that are
    not member units at all (区委文明办). An alias with a unit says "this is that member unit"; an
    alias without one says "this body is not a member unit": an import records it as an external
    co-operator of the item instead of guessing a unit. The office edits the table in the admin.
    """

    name = models.CharField(_("名称"), max_length=120, unique=True, help_text=_("文件中出现的写法，如：区发展和改革局"))
    unit = models.ForeignKey(
        MemberUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("对应成员单位"),
        help_text=_("留空表示该机构不是成员单位：导入时记为外部协作单位"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")

    def __str__(self) -> str:
        return f"{self.name} → {self.unit or _('外部单位')}"
