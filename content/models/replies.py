"""Disclosed replies (建议提案答复): listed and shown by one page, indexed for the public search."""

import datetime

from django import forms
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from coordination.models import MemberUnit, Proposal, Reply
from coordination.public import disclosed_replies, public_reply_fields

from ..fulltext.documents import SearchDocument
from .common import paginate


class ReplyFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("类型"), required=False)
    session = forms.ChoiceField(label=_("届次会议"), required=False)
    unit = forms.TypedChoiceField(label=_("答复单位"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("答复类别"), required=False)

    def __init__(self, data, *, replies):
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
        replies = disclosed_replies()
        form = ReplyFilterForm(request.GET or None, replies=replies)
        return self.render(
            request, context_overrides={"filter_form": form, "replies": paginate(request, form.apply(replies))}
        )

    @re_path(r"^(?P<pk>\d+)/$")
    def reply_view(self, request, pk):
        reply = get_object_or_404(disclosed_replies(), pk=pk)
        return self.render(
            request,
            template="content/reply_detail.html",
            context_overrides={"reply": reply, "public": public_reply_fields(reply)},
        )

    def url_for_reply(self, reply) -> str:
        return self.url + self.reverse_subpage("reply_view", kwargs={"pk": reply.pk})

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
    )
