"""The 政府信息公开 column: its guide and rules as editable pages, the catalogue, the annual reports."""

import datetime

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from coordination.models.labels import ChoiceLabels

from ..blocks import BodyBlock, stream_text
from ..fulltext.documents import SearchDocument


class DisclosureIndexPage(RoutablePageMixin, Page):
    """政府信息公开: what the office discloses and how to ask for the rest.

    Its children are the 公开指南, the 公开制度 and the 年度报告; the 公开目录 is a route of
    this page, built from the publications themselves so it can never miss one.
    """

    intro = models.TextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.DisclosureTextPage", "content.AnnualReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政府信息公开栏目")

    def get_context(self, request, *args, **kwargs):
        from .annual_reports import AnnualReportPage

        context = super().get_context(request, *args, **kwargs)
        context["texts"] = DisclosureTextPage.objects.child_of(self).live().public().order_by("path")
        context["annual_reports"] = (
            AnnualReportPage.objects.child_of(self).live().public().defer_streamfields().order_by("-year")
        )
        return context

    @path("catalogue/")
    def catalogue_view(self, request):
        from ..catalogue import Catalogue

        catalogue = Catalogue(request.GET.get("cat", ""))
        return TemplateResponse(
            request,
            "content/disclosure_catalogue.html",
            {
                **self.get_context(request),
                "catalogue": catalogue,
                "entries": catalogue.page(request.GET.get("page")),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return [*urls, {"location": base + self.reverse_subpage("catalogue_view").lstrip("/")}]


class DisclosureTextPage(ChoiceLabels, Page):
    """An editable text of the column: the 公开指南 or the 公开制度, dated by its last revision."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("政府信息公开指南")
        RULES = "rules", _("政府信息公开制度")
        OTHER = "other", _("其他说明")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.GUIDE)
    issuing_body = models.CharField(_("发布机构"), max_length=100)
    revised = models.DateField(_("更新日期"), default=datetime.date.today)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("revised")]),
        FieldPanel("issuing_body"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.DisclosureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("公开指南或制度")
        verbose_name_plural = _("公开指南和制度")

    def search_document(self):
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="disclosure",
            date=self.revised,
            fields=[(self.issuing_body, 5.0), (self.summary, 2.0), (stream_text(self.body), 1.0)],
            issuer=self.issuing_body,
        )
