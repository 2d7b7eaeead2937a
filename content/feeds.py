"""RSS and Atom feeds of what the portal publishes: policies, disclosed replies, reports."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from coordination.personal_data import mask_phones
from coordination.public import disclosed_replies

from .blocks import stream_text
from .models import PolicyDocumentPage, ReplyIndexPage, ReportPage

ITEMS = 20


class PolicyFeed(Feed):
    title = _("陈仓区社会救助工作联席会议 · 政策文件")
    link = "/"
    description = _("新发布的政策文件")

    def items(self):
        return PolicyDocumentPage.objects.live().public().order_by("-publish_date", "-pk")[:ITEMS]

    def item_title(self, item):
        return mask_phones(item.title)

    def item_description(self, item):
        return mask_phones(item.summary) or mask_phones(stream_text(item.body))[:200]

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class ReportFeed(PolicyFeed):
    title = _("陈仓区社会救助工作联席会议 · 工作报告")
    description = _("工作总结、通报和报告")

    def items(self):
        return ReportPage.objects.live().public().order_by("-publish_date", "-pk")[:ITEMS]


class ReplyFeed(Feed):
    title = _("陈仓区社会救助工作联席会议 · 建议提案答复")
    link = "/"
    description = _("主动公开的建议提案答复")

    def items(self):
        self.index = ReplyIndexPage.objects.live().public().first()
        return disclosed_replies()[:ITEMS] if self.index else []

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return mask_phones(f"《{item.proposal.title}》 {item.unit.short_name} {item.get_category_display()}")

    def item_link(self, item):
        return self.index.url_for_reply(item)


class PolicyAtomFeed(PolicyFeed):
    feed_type = Atom1Feed
    subtitle = PolicyFeed.description


class ReportAtomFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description


class ReplyAtomFeed(ReplyFeed):
    feed_type = Atom1Feed
    subtitle = ReplyFeed.description
