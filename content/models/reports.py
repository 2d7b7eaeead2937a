"""Reports of the office (工作总结、通报、报告) and their list by kind."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from coordination.models.labels import ChoiceLabels

from ..blocks import BodyBlock, stream_text
from ..fulltext.documents import SearchDocument
from .common import IndexNumbered, RoutesToChildren, paginate


class ReportPage(ChoiceLabels, IndexNumbered, Page):
    """A dated publication of the office: work summary, circular or report, full of figures."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("工作总结")
        CIRCULAR = "circular", _("通报")
        REPORT = "report", _("报告")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)
    issuing_body = models.CharField(_("发布机构"), max_length=100)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("publish_date")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("index_number")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.ReportIndexPage"]
    subpage_types = []

    class Meta(IndexNumbered.Meta):
        verbose_name = _("工作报告")
        verbose_name_plural = _("工作报告")

    def search_document(self):
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="report",
            date=self.publish_date,
            fields=[
                (f"{self.index_number} {self.issuing_body}", 5.0),
                (self.summary, 2.0),
                (stream_text(self.body), 1.0),
            ],
            issuer=self.issuing_body,
        )


class ReportIndexPage(RoutesToChildren, Page):
    """Reports by date, filterable by kind and year."""

    intro = models.TextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("工作报告栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = ReportPage.objects.child_of(self).live().public().defer_streamfields()
        kind = request.GET.get("kind")
        if kind in ReportPage.Kind.values:
            reports = reports.filter(kind=kind)
        context["kinds"] = ReportPage.Kind.choices
        context["current_kind"] = kind if kind in ReportPage.Kind.values else ""
        context["reports"] = paginate(request, reports.order_by("-publish_date", "-pk"))
        return context
