"""The member units (成员单位): the list grouped by kind, and one page per unit with its duties."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from coordination.models import MemberUnit
from coordination.public import disclosed_replies, measures_of_unit

from ..fulltext.documents import SearchDocument
from .common import RoutesToChildren


class UnitIndexPage(RoutesToChildren, Page):
    """The joint meeting's members: convenors and the office first, then the 27 units by kind."""

    intro = models.TextField(_("说明"), blank=True)
    convenors = RichTextField(_("召集人"), blank=True, features=["bold", "ul"])
    office = RichTextField(_("联席会议办公室"), blank=True, features=["bold", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("convenors"), FieldPanel("office")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.UnitPage"]
    max_count = 1

    class Meta:
        verbose_name = _("成员单位栏目")

    def unit_groups(self):
        """[(kind label, [UnitPage…])…] in notice order within each kind."""
        pages = list(UnitPage.objects.child_of(self).live().public().select_related("unit").order_by("unit__order"))
        groups = []
        for kind, label in MemberUnit.Kind.choices:
            members = [p for p in pages if p.unit.kind == kind and p.unit.is_active]
            if members:
                groups.append((label, members))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit_groups"] = self.unit_groups()
        return context


class UnitPage(Page):
    """One member unit's page: its numbered responsibilities (工作职责) in the joint meeting."""

    unit = models.OneToOneField(
        "coordination.MemberUnit", on_delete=models.PROTECT, related_name="page", verbose_name=_("成员单位")
    )
    responsibilities = StreamField(
        [("duty", blocks.TextBlock(label=_("职责")))],
        verbose_name=_("工作职责"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("unit"), FieldPanel("responsibilities")]
    parent_page_types = ["content.UnitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("成员单位页面")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed when the template first uses them: not at all when its cached fragment is current.
        context.update(
            measures=SimpleLazyObject(self.measures),
            replies=SimpleLazyObject(self.replies),
            policies=SimpleLazyObject(self.policies),
        )
        return context

    def measures(self) -> list[dict]:
        """The standing measures the unit leads or co-operates on, each with the policy that sets it."""
        from .policies import PolicyDocumentPage

        measures = measures_of_unit(self.unit)
        # A reference starts with its policy's 文号 ("宝陈政办发〔2022〕45号附件2…"): look up its prefixes only.
        prefixes = {m.source_reference[:end] for m in measures for end in range(1, len(m.source_reference) + 1)}
        policies = PolicyDocumentPage.objects.live().public().filter(doc_number__in=prefixes).defer_streamfields()
        by_number = sorted(((p.doc_number, p) for p in policies), key=lambda pair: -len(pair[0]))
        rows = []
        for measure in measures:
            policy = next((p for number, p in by_number if measure.source_reference.startswith(number)), None)
            rows.append({"measure": measure, "lead": measure.role_of(self.unit) == "lead", "policy": policy})
        return rows

    def replies(self) -> list[tuple]:
        """The unit's disclosed replies with their public addresses."""
        from .replies import ReplyIndexPage

        index = ReplyIndexPage.objects.live().public().first()
        if index is None:
            return []
        replies = list(disclosed_replies().filter(unit=self.unit)[:20])
        return list(zip(replies, index.urls_for_replies(replies), strict=True))

    def policies(self):
        """The policy documents the unit issued, named in full or shortened from the front
        (宝鸡市陈仓区民政局, 陈仓区民政局, 区民政局)."""
        from .policies import PolicyDocumentPage

        full = self.unit.full_name
        names = {full[start:] for start in range(len(full) - len(self.unit.short_name) + 1)} | {self.unit.short_name}
        return (
            PolicyDocumentPage.objects.live()
            .public()
            .filter(issuing_body__in=names)
            .defer_streamfields()
            .order_by("-publish_date", "-pk")
        )

    def search_document(self):
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="unit",
            date=None,
            fields=[(self.unit.full_name, 5.0), ("\n".join(str(b.value) for b in self.responsibilities), 1.0)],
        )
