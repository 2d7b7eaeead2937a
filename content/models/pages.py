"""Page types of the public site.

Every page type says where it may live (`parent_page_types` / `subpage_types`) so editors can
only build the tree the portal expects: home → policy index → policy documents, home → unit
index → one page per member unit, home → reports, home → disclosed replies.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from ..blocks import BodyBlock, stream_text

PAGE_SIZE = 10


def search_document(**kwargs):
    from content.fulltext.documents import SearchDocument

    return SearchDocument(**kwargs)


class HomePage(Page):
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
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            policies=self.latest_policies(),
            reports=self.latest_reports(),
            replies=self.latest_replies(),
            unit_index=UnitIndexPage.objects.live().public().first(),
            policy_index=PolicyIndexPage.objects.live().public().first(),
            report_index=ReportIndexPage.objects.live().public().first(),
            reply_index=ReplyIndexPage.objects.live().public().first(),
            unit_links=self.unit_links(),
        )
        return context

    def latest_policies(self, n=6):
        return PolicyDocumentPage.objects.live().public().defer_streamfields().order_by("-publish_date", "-pk")[:n]

    def latest_reports(self, n=4):
        return ReportPage.objects.live().public().defer_streamfields().order_by("-publish_date", "-pk")[:n]

    def latest_replies(self, n=5):
        from coordination.selectors import disclosed_replies

        return disclosed_replies()[:n]

    def unit_links(self):
        """[(unit, its live page or None)] for the 27 units, in two queries."""
        from coordination.selectors import active_units

        pages = {p.unit_id: p for p in UnitPage.objects.live().public().defer_streamfields()}
        return [(unit, pages.get(unit.pk)) for unit in active_units()]


# --- Policy documents (政策文件) -------------------------------------------------------------


class PolicyDocumentPage(RoutablePageMixin, Page):
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

    index_number = models.CharField(
        _("索引号"), max_length=80, unique=True, blank=True, help_text=_("留空则按门户设置中的格式自动生成")
    )
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
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    metadata_panels = [
        FieldRowPanel([FieldPanel("index_number"), FieldPanel("doc_number")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("topic")]),
        FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
        FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("validity")]),
        FieldPanel("replaced_by"),
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

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def clean(self):
        super().clean()
        if self.validity == self.Validity.VALID and self.replaced_by_id:
            raise ValidationError({"replaced_by": _("有效的文件不能有替代文件；请先把有效性改为失效或废止。")})
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": _("文件不能替代它自己。")})
        if not self.index_number:
            from ..index_numbers import next_index_number

            self.index_number = next_index_number(self.publish_date.year)

    @path("print/")
    def print_view(self, request):
        return TemplateResponse(request, "content/policy_document_print.html", self.get_context(request))

    def search_document(self):
        return search_document(
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


class PolicyFilterForm(forms.Form):
    """Filters of the policy list; invalid values are ignored, never an error page."""

    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("主题分类"), required=False)
    issuer = forms.ChoiceField(label=_("发布机构"), required=False)
    validity = forms.ChoiceField(label=_("有效性"), required=False)
    sort = forms.ChoiceField(
        label=_("排序"), required=False, choices=[("new", _("发布日期从新到旧")), ("old", _("发布日期从旧到新"))]
    )

    def __init__(self, data, *, documents):
        super().__init__(data)
        years = sorted({d.year for d in documents.values_list("publish_date", flat=True)}, reverse=True)
        issuers = sorted(set(documents.values_list("issuing_body", flat=True)))
        self.fields["year"].choices = [("", _("全部年份"))] + [(y, str(y)) for y in years]
        self.fields["topic"].choices = [("", _("全部分类"))] + PolicyDocumentPage.Topic.choices
        self.fields["issuer"].choices = [("", _("全部机构"))] + [(i, i) for i in issuers]
        self.fields["validity"].choices = [("", _("全部"))] + PolicyDocumentPage.Validity.choices

    def apply(self, documents):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("year"):
            documents = documents.filter(publish_date__year=data["year"])
        if data.get("topic"):
            documents = documents.filter(topic=data["topic"])
        if data.get("issuer"):
            documents = documents.filter(issuing_body=data["issuer"])
        if data.get("validity"):
            documents = documents.filter(validity=data["validity"])
        order = ["publish_date", "pk"] if data.get("sort") == "old" else ["-publish_date", "-pk"]
        return documents.order_by(*order)


def paginate(request, items, per_page=PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class PolicyIndexPage(Page):
    """The list of policy documents, filtered by year, category, issuing body and validity."""

    intro = models.TextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.PolicyDocumentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政策文件栏目")

    def documents(self):
        return PolicyDocumentPage.objects.child_of(self).live().public().defer_streamfields()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        form = PolicyFilterForm(request.GET or None, documents=documents)
        context["filter_form"] = form
        context["documents"] = paginate(request, form.apply(documents))
        return context


# --- Member units (成员单位) --------------------------------------------------------------


class UnitIndexPage(Page):
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
        from coordination.models import MemberUnit

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

    def search_document(self):
        return search_document(
            url=self.url,
            title=self.title,
            kind="unit",
            date=None,
            fields=[(self.unit.full_name, 5.0), ("\n".join(str(b.value) for b in self.responsibilities), 1.0)],
        )


# --- Reports (工作总结、通报、报告) ---------------------------------------------------------


class ReportPage(Page):
    """A dated publication of the office: work summary, circular or report, full of figures."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("工作总结")
        CIRCULAR = "circular", _("通报")
        REPORT = "report", _("报告")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)
    issuing_body = models.CharField(_("发布机构"), max_length=100)
    index_number = models.CharField(
        _("索引号"), max_length=80, unique=True, blank=True, help_text=_("留空则按门户设置中的格式自动生成")
    )
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

    class Meta:
        verbose_name = _("工作报告")
        verbose_name_plural = _("工作报告")

    def clean(self):
        super().clean()
        if not self.index_number:
            from ..index_numbers import next_index_number

            self.index_number = next_index_number(self.publish_date.year)

    def search_document(self):
        return search_document(
            url=self.url,
            title=self.title,
            kind="report",
            date=self.publish_date,
            fields=[
                (f"{self.index_number} {self.issuing_body}", 5.0),
                (self.summary, 2.0),
                (stream_text(self.body), 1.0),
            ],
        )


class ReportIndexPage(Page):
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


# --- Disclosed replies (建议提案答复) -------------------------------------------------------


class ReplyFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("类型"), required=False)
    session = forms.ChoiceField(label=_("届次会议"), required=False)
    unit = forms.TypedChoiceField(label=_("答复单位"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("答复类别"), required=False)

    def __init__(self, data, *, replies):
        from coordination.models import MemberUnit, Proposal, Reply

        super().__init__(data)
        years = sorted({d.year for d in replies.values_list("reply_date", flat=True) if d}, reverse=True)
        sessions = sorted(set(replies.values_list("proposal__session", flat=True)))
        units = MemberUnit.objects.filter(pk__in=replies.values("unit")).order_by("order")
        self.fields["year"].choices = [("", _("全部年份"))] + [(y, str(y)) for y in years]
        self.fields["kind"].choices = [("", _("全部"))] + Proposal.Kind.choices
        self.fields["session"].choices = [("", _("全部"))] + [(s, s) for s in sessions]
        self.fields["unit"].choices = [("", _("全部单位"))] + [(u.pk, u.short_name) for u in units]
        self.fields["category"].choices = [("", _("全部类别"))] + Reply.Category.choices

    def apply(self, replies):
        data = self.cleaned_data if self.is_valid() else {}
        lookups = {
            "year": "reply_date__year",
            "kind": "proposal__kind",
            "session": "proposal__session",
            "unit": "unit_id",
            "category": "category",
        }
        return replies.filter(**{lookup: data[name] for name, lookup in lookups.items() if data.get(name)})


class ReplyIndexPage(RoutablePageMixin, Page):
    """Replies to deputies' suggestions and members' proposals that were disclosed proactively.

    The replies themselves live in `coordination.Reply`, the one source of truth: this page
    lists and shows them (detail pages are routes of this page), so nothing is copied into
    the page tree where it could disagree with the reply the unit signed off.
    """

    intro = models.TextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("建议提案答复栏目")

    @path("")
    def index_view(self, request):
        from coordination.selectors import disclosed_replies

        replies = disclosed_replies()
        form = ReplyFilterForm(request.GET or None, replies=replies)
        return self.render(
            request, context_overrides={"filter_form": form, "replies": paginate(request, form.apply(replies))}
        )

    @re_path(r"^(?P<pk>\d+)/$")
    def reply_view(self, request, pk):
        from coordination.selectors import disclosed_replies, public_reply_fields

        reply = get_object_or_404(disclosed_replies(), pk=pk)
        return self.render(
            request,
            template="content/reply_detail.html",
            context_overrides={"reply": reply, "public": public_reply_fields(reply)},
        )

    def url_for_reply(self, reply) -> str:
        return self.url + self.reverse_subpage("reply_view", kwargs={"pk": reply.pk})

    def get_sitemap_urls(self, request=None):
        from coordination.selectors import disclosed_replies

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for reply in disclosed_replies():
            lastmod = datetime.datetime.combine(
                reply.reply_date, datetime.time(), tzinfo=timezone.get_current_timezone()
            )
            urls.append(
                {"location": base + self.reverse_subpage("reply_view", kwargs={"pk": reply.pk}), "lastmod": lastmod}
            )
        return urls
