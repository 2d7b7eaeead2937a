"""Interpretations of policies (政策解读): each explains one policy document, linked both ways."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from coordination.models.labels import ChoiceLabels

from ..blocks import BodyBlock, stream_text
from ..fulltext.documents import SearchDocument
from .common import IndexNumbered


class PolicyInterpretationPage(ChoiceLabels, IndexNumbered, Page):
    """What a policy means for the people it concerns, written by the body that issued it.

    It lives in the policy column beside the documents; the policy page lists its
    interpretations and each interpretation names its policy, so a reader finds one from the other.
    """

    class Form(models.TextChoices):
        TEXT = "text", _("文字解读")
        QA = "qa", _("问答解读")
        GRAPHIC = "graphic", _("图文解读")
        OFFICIAL = "official", _("领导解读")

    policy = models.ForeignKey(
        "content.PolicyDocumentPage",
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name=_("解读的文件"),
    )
    form = models.CharField(_("解读形式"), max_length=10, choices=Form.choices, default=Form.TEXT)
    issuing_body = models.CharField(_("解读机构"), max_length=100)
    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("policy"),
        FieldRowPanel([FieldPanel("form"), FieldPanel("publish_date")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("index_number")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.PolicyIndexPage"]
    subpage_types = []

    class Meta(IndexNumbered.Meta):
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def search_document(self):
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="interpretation",
            date=self.publish_date,
            fields=[
                (f"{self.index_number} {self.issuing_body} {self.policy.title} {self.policy.doc_number}", 5.0),
                (self.summary, 2.0),
                (stream_text(self.body), 1.0),
            ],
            issuer=self.issuing_body,
        )
