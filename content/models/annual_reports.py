"""The 政府信息公开工作年度报告: figures counted from the records, corrected and published by the office."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..annual_report.forms import AnnualReportForm
from ..annual_report.layout import empty_figures, unbalanced
from ..annual_report.tables import report_tables
from ..fulltext.documents import SearchDocument
from .common import IndexNumbered

TEXT_FEATURES = ["bold", "ol", "ul", "link"]


def last_year() -> int:
    return datetime.date.today().year - 1


class AnnualReportPage(IndexNumbered, Page):
    """One year's report in the national template's six parts.

    The tables are counted from the portal's records when the page is first saved (or when the
    editor asks again), stored with the page and corrected by hand where the portal cannot know
    (reviews and suits, licences); the narrative parts are written by the office.
    """

    year = models.PositiveSmallIntegerField(_("报告年度"), default=last_year, unique=True)
    issuing_body = models.CharField(_("发布机构"), max_length=100)
    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)
    overview = RichTextField(_("一、总体情况"), features=TEXT_FEATURES, blank=True)
    problems = RichTextField(_("五、存在的主要问题及改进情况"), features=TEXT_FEATURES, blank=True)
    other_matters = RichTextField(_("六、其他需要报告的事项"), features=TEXT_FEATURES, blank=True)
    figures = models.JSONField(_("报告数据"), default=empty_figures)
    counted_at = models.DateTimeField(_("统计时间"), null=True, blank=True, editable=False)

    base_form_class = AnnualReportForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("publish_date")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("index_number")]),
        FieldPanel("overview"),
        MultiFieldPanel([FieldPanel("recount"), FieldPanel("figures")], heading=_("二至四部分的表格")),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]
    parent_page_types = ["content.DisclosureIndexPage"]
    subpage_types = []

    class Meta(IndexNumbered.Meta):
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def clean(self):
        """Every save, whoever makes it: table 三 must add up in each applicant column."""
        super().clean()
        if wrong := unbalanced(self.figures):
            message = _("申请数不平衡（本年新收＋上年结转应等于办理结果总计＋结转下年度）：%(columns)s")
            raise ValidationError({"figures": message % {"columns": "、".join(wrong)}})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tables"] = report_tables(self.figures)
        return context

    def search_document(self):
        text = "\n".join(strip_tags(part) for part in (self.overview, self.problems, self.other_matters))
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="disclosure",
            date=self.publish_date,
            fields=[(f"{self.index_number} {self.issuing_body}", 5.0), (text, 1.0)],
            issuer=self.issuing_body,
        )
