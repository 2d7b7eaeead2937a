"""Policy documents (政策文件) with their disclosure metadata, and the filtered list of them."""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from coordination.models.labels import ChoiceLabels

from ..blocks import BodyBlock, stream_text
from ..cache import remembered
from ..fulltext.documents import SearchDocument
from .common import IndexNumbered, RoutesToChildren, paginate


class PolicyDocumentPage(ChoiceLabels, RoutablePageMixin, IndexNumbered, Page):
    """A published policy document with the disclosure metadata the public filters by."""

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        EXPIRED = "expired", _("失效")
        REPEALED = "repealed", _("废止")

    class Topic(models.TextChoices):
        GENERAL = "general", _("综合")
        MINIMUM_LIVING = "dibao", _("最低生活保障")
        EXTREME_POVERTY = "tekun", _("特困人员供养")
        TEMPORARY = "temporary", _("临时救助")
        MEDICAL = "medical", _("医疗救助")
        EDUCATION = "education", _("教育救助")
        HOUSING = "housing", _("住房救助")
        EMPLOYMENT = "employment", _("就业救助")
        ORGANISATION = "organisation", _("机构职能")

    class DisclosureMode(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")

    issuing_body = models.CharField(_("发布机构"), max_length=100)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True, help_text=_("如：宝陈政办发〔2022〕45号"))
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)
    topic = models.CharField(_("主题分类"), max_length=16, choices=Topic.choices, default=Topic.GENERAL)
    disclosure_mode = models.CharField(
        _("公开方式"), max_length=12, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("替代文件"),
        help_text=_("失效或废止时，指向取代它的文件"),
    )
    invalid_from = models.DateField(
        _("失效或废止日期"), null=True, blank=True, help_text=_("失效或废止时填写；年度报告按它统计本年废止件数")
    )
    related = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="related_from", verbose_name=_("相关文件")
    )
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    metadata_panels = [
        FieldRowPanel([FieldPanel("index_number"), FieldPanel("doc_number")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("topic")]),
        FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
        FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("validity")]),
        FieldRowPanel([FieldPanel("replaced_by"), FieldPanel("invalid_from")]),
        FieldPanel("related"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(metadata_panels, heading=_("公开元数据")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    parent_page_types = ["content.PolicyIndexPage"]
    subpage_types = []

    class Meta(IndexNumbered.Meta):
        # The lists' order (newest first): their first page is read from the index, not sorted.
        indexes = [models.Index(fields=["-publish_date", "-page_ptr"], name="policy_date_order")]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def clean(self):
        super().clean()
        if self.validity == self.Validity.VALID and self.replaced_by_id:
            raise ValidationError({"replaced_by": _("有效的文件不能有替代文件；请先把有效性改为失效或废止。")})
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": _("文件不能替代它自己。")})
        if self.validity == self.Validity.VALID and self.invalid_from:
            raise ValidationError({"invalid_from": _("有效的文件没有失效或废止日期；请先把有效性改为失效或废止。")})
        if self.invalid_from and self.invalid_from < self.publish_date:
            raise ValidationError({"invalid_from": _("失效或废止日期不能早于发布日期。")})

    def related_documents(self):
        """Documents related either way: those this one names and those that name it."""
        if not self.pk:
            return PolicyDocumentPage.objects.none()
        return (
            PolicyDocumentPage.objects.live()
            .public()
            .filter(models.Q(related_from=self) | models.Q(related=self))
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-publish_date")
        )

    def live_interpretations(self):
        return self.interpretations.live().public().order_by("-publish_date") if self.pk else []

    @path("print/")
    def print_view(self, request):
        return TemplateResponse(request, "content/policy_document_print.html", self.get_context(request))

    def search_document(self):
        return SearchDocument(
            url=self.url,
            title=self.title,
            kind="policy",
            date=self.publish_date,
            fields=[
                (f"{self.doc_number} {self.index_number} {self.issuing_body}", 5.0),
                (self.summary, 2.0),
                (stream_text(self.body), 1.0),
                (" ".join(a.title for a in self.attachments.all()), 1.0),
            ],
            issuer=self.issuing_body,
            doc_number=self.doc_number,
            validity=self.validity,
        )


class PolicyAttachment(Orderable):
    """A file attached to a policy document (附件), kept as a Wagtail document."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200)

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")


class PolicyFilter(django_filters.FilterSet):
    """Filters of the policy list; an invalid value is ignored, never an error page.

    Years and issuing bodies offered are those of the documents listed.
    """

    year = django_filters.ChoiceFilter(
        label=_("年份"), field_name="publish_date", lookup_expr="year", empty_label=_("全部年份")
    )
    topic = django_filters.ChoiceFilter(
        label=_("主题分类"), choices=PolicyDocumentPage.Topic.choices, empty_label=_("全部分类")
    )
    issuer = django_filters.ChoiceFilter(label=_("发布机构"), field_name="issuing_body", empty_label=_("全部机构"))
    validity = django_filters.ChoiceFilter(
        label=_("有效性"), choices=PolicyDocumentPage.Validity.choices, empty_label=_("全部")
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"),
        choices=[("new", _("发布日期从新到旧")), ("old", _("发布日期从旧到新"))],
        empty_label=None,
        method="order",
    )

    def __init__(self, data, *, queryset, choices: dict | None = None):
        super().__init__(data, queryset=queryset.order_by("-publish_date", "-pk"))
        for name, offered in (choices or self.choices_of(queryset)).items():
            self.filters[name].extra["choices"] = offered

    @staticmethod
    def choices_of(queryset) -> dict:
        """The years and issuing bodies of the documents listed, in two queries of distinct values."""
        years = queryset.dates("publish_date", "year", order="DESC")
        issuers = sorted(queryset.order_by().values_list("issuing_body", flat=True).distinct())
        return {"year": [(str(d.year), str(d.year)) for d in years], "issuer": [(i, i) for i in issuers]}

    def order(self, queryset, name, value):
        return queryset.order_by("publish_date", "pk") if value == "old" else queryset


class PolicyIndexPage(RoutesToChildren, Page):
    """The list of policy documents, filtered by year, category, issuing body and validity."""

    intro = models.TextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.PolicyDocumentPage", "content.PolicyInterpretationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政策文件栏目")

    def documents(self):
        return PolicyDocumentPage.objects.child_of(self).live().public().defer_streamfields()

    def filter_choices(self) -> dict:
        """The filters' choices, found once per publication: they depend on every document listed."""
        return remembered(f"policy-filters:{self.pk}", lambda: PolicyFilter.choices_of(self.documents()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built, counted and fetched when the template first uses them: not at all when its cached fragment is current.
        filters = SimpleLazyObject(
            lambda: PolicyFilter(request.GET or None, queryset=self.documents(), choices=self.filter_choices())
        )
        context["filter_form"] = SimpleLazyObject(lambda: filters.form)
        context["documents"] = SimpleLazyObject(lambda: paginate(request, filters.qs))
        return context
