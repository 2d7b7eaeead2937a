"""Disclosed replies (建议提案答复): listed and shown by one page, indexed for the public search."""

import datetime

import django_filters
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from coordination.models import MemberUnit, Proposal, Reply
from coordination.public import (
    disclosed_proposals,
    disclosed_replies,
    proposal_progress_steps,
    public_reply_fields,
    reply_letter,
)

from ..cache import remembered
from ..fulltext.documents import SearchDocument
from .common import paginate


class ReplyFilter(django_filters.FilterSet):
    """Filters of the reply list; an invalid value is ignored, never an error page.

    Years, sessions and units offered are those of the replies listed.
    """

    year = django_filters.ChoiceFilter(
        label=_("年份"), field_name="reply_date", lookup_expr="year", empty_label=_("全部年份")
    )
    kind = django_filters.ChoiceFilter(
        label=_("类型"), field_name="proposal__kind", choices=Proposal.Kind.choices, empty_label=_("全部")
    )
    session = django_filters.ChoiceFilter(label=_("届次会议"), field_name="proposal__session", empty_label=_("全部"))
    unit = django_filters.ChoiceFilter(label=_("答复单位"), field_name="unit_id", empty_label=_("全部单位"))
    category = django_filters.ChoiceFilter(
        label=_("答复类别"), choices=Reply.Category.choices, empty_label=_("全部类别")
    )

    def __init__(self, data, *, queryset, choices: dict | None = None):
        super().__init__(data, queryset=queryset)
        for name, offered in (choices or self.choices_of(queryset)).items():
            self.filters[name].extra["choices"] = offered

    @staticmethod
    def choices_of(queryset) -> dict:
        """The years, sessions and units of the replies listed, in three queries of distinct values."""
        years = queryset.dates("reply_date", "year", order="DESC")
        sessions = sorted(queryset.order_by().values_list("proposal__session", flat=True).distinct())
        units = MemberUnit.objects.filter(pk__in=queryset.values("unit")).order_by("order")
        return {
            "year": [(str(d.year), str(d.year)) for d in years],
            "session": [(session, session) for session in sessions],
            "unit": [(str(u.pk), u.short_name) for u in units],
        }


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

    def filter_choices(self) -> dict:
        """The filters' choices, found once per publication: disclosing a reply bumps the generation too."""
        return remembered("reply-filters", lambda: ReplyFilter.choices_of(disclosed_replies()))

    @path("")
    def index_view(self, request):
        # Built, counted and fetched when the template first uses them: not at all when its cached fragment is current.
        filters = SimpleLazyObject(
            lambda: ReplyFilter(request.GET or None, queryset=disclosed_replies(), choices=self.filter_choices())
        )
        form, replies = SimpleLazyObject(lambda: filters.form), SimpleLazyObject(lambda: paginate(request, filters.qs))
        return self.render(request, context_overrides={"filter_form": form, "replies": replies})

    @path("progress/")
    def progress_view(self, request):
        """办理进度: assigned suggestions and proposals, each with its steps and dates, no personal data."""
        proposals = paginate(request, disclosed_proposals())
        return self.render(
            request,
            template="content/proposal_progress.html",
            context_overrides={
                "proposals": proposals,
                "progress": [(p, proposal_progress_steps(p)) for p in proposals],
            },
        )

    @re_path(r"^(?P<pk>\d+)/$")
    def reply_view(self, request, pk):
        reply = get_object_or_404(disclosed_replies(), pk=pk)
        return self.render(
            request,
            template="content/reply_detail.html",
            context_overrides={
                "reply": reply,
                "public": public_reply_fields(reply),
                "letter": reply_letter(reply, public=True),
            },
        )

    def url_for_reply(self, reply) -> str:
        return self.url + self.reverse_subpage("reply_view", kwargs={"pk": reply.pk})

    def urls_for_replies(self, replies) -> list[str]:
        """`url_for_reply` of each, the page's own address found once."""
        base = self.url
        return [base + self.reverse_subpage("reply_view", kwargs={"pk": reply.pk}) for reply in replies]

    def get_sitemap_urls(self, request=None):
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


def reply_search_document(reply: Reply) -> SearchDocument | None:
    """What the public search may know of a reply: its public fields, and nothing unless disclosed."""
    index = ReplyIndexPage.objects.live().public().first()
    if not reply.is_public or index is None:
        return None
    public = public_reply_fields(reply)
    return SearchDocument(
        url=index.url_for_reply(reply),
        title=public["title"],
        kind="reply",
        date=reply.reply_date,
        fields=[
            (f"{public['proposal_title']} {public['doc_number']} {public['index_number']} {public['unit']}", 5.0),
            (public["body"], 1.0),
        ],
        issuer=public["unit"],
        doc_number=public["doc_number"],
    )
