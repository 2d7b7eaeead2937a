"""The portal's front page."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from coordination.public import active_units, disclosed_replies

from .common import RoutesToChildren
from .policies import PolicyDocumentPage, PolicyIndexPage
from .replies import ReplyIndexPage
from .reports import ReportIndexPage, ReportPage
from .units import UnitIndexPage, UnitPage


class HomePage(RoutesToChildren, Page):
    """The portal's front page: what the joint meeting is and where to go next."""

    intro = models.CharField(_("导语"), max_length=300, blank=True)
    body = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.PolicyIndexPage",
        "content.UnitIndexPage",
        "content.ReplyIndexPage",
        "content.ReportIndexPage",
        "content.DisclosureIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed when the template first uses them: not at all when its cached fragment is current.
        lazy = {
            "policies": self.latest_policies,
            "reports": self.latest_reports,
            "replies": self.latest_replies,
            "unit_index": lambda: UnitIndexPage.objects.live().public().first(),
            "policy_index": lambda: PolicyIndexPage.objects.live().public().first(),
            "report_index": lambda: ReportIndexPage.objects.live().public().first(),
            "reply_index": lambda: ReplyIndexPage.objects.live().public().first(),
            "unit_links": self.unit_links,
        }
        context.update({name: SimpleLazyObject(compute) for name, compute in lazy.items()})
        return context

    def latest_policies(self, n=6):
        return PolicyDocumentPage.objects.live().public().defer_streamfields().order_by("-publish_date", "-pk")[:n]

    def latest_reports(self, n=4):
        return ReportPage.objects.live().public().defer_streamfields().order_by("-publish_date", "-pk")[:n]

    def latest_replies(self, n=5):
        return disclosed_replies()[:n]

    def unit_links(self):
        """[(unit, its live page or None)] for the 27 units, in two queries."""
        pages = {p.unit_id: p for p in UnitPage.objects.live().public().defer_streamfields()}
        return [(unit, pages.get(unit.pk)) for unit in active_units()]
