"""RSS and Atom feeds of what the portal publishes: policies, disclosed replies, reports.

Dates are the documents' own: a policy's or report's 发布日期 (not the CMS publish time), a reply's
答复日期; Atom entries also carry `<updated>` (RFC 4287), the last time the item changed. Links are
absolute on the configured public address (`PORTAL_PUBLIC_URL`), whatever host the request used.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from coordination.personal_data import mask_phones
from coordination.public import disclosed_replies

from .blocks import stream_text
from .models import PolicyDocumentPage, ReplyIndexPage, ReportPage
from .public_address import public_url

ITEMS = 20


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the portal's time zone (Asia/Shanghai): a document's date as a feed's instant."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


class PortalFeed(Feed):
    author_name = settings.PORTAL_OFFICE_NAME  # Atom requires an author for the feed

    def link(self):
        return public_url("/")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = public_url(request.path)  # not the host the request named
        return feed


class PolicyFeed(PortalFeed):
    title = _("陈仓区社会救助工作联席会议 · 政策文件")
    description = _("新发布的政策文件")

    def items(self):
        return PolicyDocumentPage.objects.live().public().order_by("-publish_date", "-pk")[:ITEMS]

    def item_title(self, item):
        return mask_phones(item.title)

    def item_description(self, item):
        return mask_phones(item.summary) or mask_phones(stream_text(item.body))[:200]

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return day_start(item.publish_date)

    def item_updateddate(self, item):
        return max(filter(None, [item.last_published_at, day_start(item.publish_date)]))


class ReportFeed(PolicyFeed):
    title = _("陈仓区社会救助工作联席会议 · 工作报告")
    description = _("工作总结、通报和报告")

    def items(self):
        return ReportPage.objects.live().public().order_by("-publish_date", "-pk")[:ITEMS]


class ReplyFeed(PortalFeed):
    title = _("陈仓区社会救助工作联席会议 · 建议提案答复")
    description = _("主动公开的建议提案答复")

    def items(self):
        self.index = ReplyIndexPage.objects.live().public().first()
        return disclosed_replies()[:ITEMS] if self.index else []

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return mask_phones(f"《{item.proposal.title}》 {item.unit.short_name} {item.get_category_display()}")

    def item_link(self, item):
        return self.index.full_url + self.index.reverse_subpage("reply_view", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        """The letter's date; a letter imported without one is dated when it was made public."""
        return day_start(item.reply_date) if item.reply_date else item.disclosure_confirmed_at or item.updated_at

    def item_updateddate(self, item):
        return max(filter(None, [item.updated_at, self.item_pubdate(item)]))


class PolicyAtomFeed(PolicyFeed):
    feed_type = Atom1Feed
    subtitle = PolicyFeed.description


class ReportAtomFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description


class ReplyAtomFeed(ReplyFeed):
    feed_type = Atom1Feed
    subtitle = ReplyFeed.description
