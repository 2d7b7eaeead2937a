"""Policy pages in bulk: Wagtail page rows with treebeard paths computed here, their own rows, attachments.

Adding pages one by one (`add_child` + a published revision) costs tens of queries each; here the
parent's next child paths are computed with treebeard's own path helpers, every `wagtailcore_page`
row is bulk-created, then the `PolicyDocumentPage` rows beside them, and the parent's `numchild`
is moved once. The pages are live without a revision, as pages imported into Wagtail often are.
"""

import datetime
import hashlib
import uuid
from collections import Counter
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from coordination.models import Reply
from coordination.numbering import INDEX_SERIES

from ..index_numbers import portal_index_number
from ..models import PolicyAttachment, PolicyDocumentPage, PolicyIndexPage, ReportPage
from .bulk import Progress, Serials, insert_rows
from .vocabulary import BODIES, Writer

SLUG_PREFIX = "load-"
ATTACHMENT_FILE = "documents/load-data-attachment.txt"


def index_numbers_used() -> set[str]:
    """Every 索引号 of the one series already written: policy and report pages', disclosed replies'."""
    used = set(Reply.objects.exclude(index_number="").values_list("index_number", flat=True))
    for model in (PolicyDocumentPage, ReportPage):
        used |= set(model.objects.exclude(index_number="").values_list("index_number", flat=True))
    return used


def child_paths(parent: Page, count: int) -> list[str]:
    """The treebeard paths of `count` new children after the parent's last one."""
    last = parent.get_last_child()
    first = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, first + n) for n in range(count)]


def _when(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def _body(writer: Writer) -> list[dict]:
    blocks = []
    for number in range(writer.rng.randint(3, 6)):
        blocks.append({"type": "heading", "value": f"{'一二三四五六'[number]}、{writer.item_title()}"})
        blocks.append({"type": "paragraph", "value": f"<p>{writer.paragraph((4, 9))}</p>"})
    return blocks


def policy_pages(
    count: int, writer: Writer, serials: Serials, progress: Progress, today: datetime.date
) -> tuple[list[PolicyDocumentPage], set[str]]:
    """`count` live policy pages published over the ten years before `today`, with the set of every
    索引号 now used (the replies continue the same series)."""
    used = index_numbers_used()
    doc_serials = Counter()
    index = PolicyIndexPage.objects.get()
    rng = writer.rng
    content_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    pages, policies = [], []
    for number, path in enumerate(child_paths(index, count), start=1):
        publish = today - datetime.timedelta(days=rng.randint(1, 3650))
        title = writer.policy_title(publish.year)
        slug = f"{SLUG_PREFIX}{number}"
        body = rng.choice(BODIES)
        pages.append(
            Page(
                path=path,
                depth=index.depth + 1,
                numchild=0,
                translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                locale_id=index.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=_when(publish),
                last_published_at=_when(publish),
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                url_path=f"{index.url_path}{slug}/",
            )
        )
        word = body.removeprefix("区").removesuffix("局")[:2]
        doc_serials[word, publish.year] += 1  # not a portal series: the issuing bodies number their own
        policies.append(
            dict(
                index_number=serials.number(
                    INDEX_SERIES, publish.year, partial(portal_index_number, publish.year), used
                ),
                issuing_body=body,
                doc_number=f"陈{word}发〔{publish.year}〕{doc_serials[word, publish.year]}号",
                written_date=publish - datetime.timedelta(days=rng.randint(0, 20)),
                publish_date=publish,
                topic=rng.choice(PolicyDocumentPage.Topic.values),
                validity=rng.choices(PolicyDocumentPage.Validity.values, weights=[85, 10, 5])[0],
                summary=writer.summary(),
                body=_body(writer),
            )
        )
    progress.insert("policy pages", Page, pages)
    rows = [PolicyDocumentPage(page_ptr_id=page.pk, **fields) for page, fields in zip(pages, policies, strict=True)]
    insert_rows(PolicyDocumentPage, rows)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    attachments(rows, writer, progress)
    return rows, used


def attachments(policies: list[PolicyDocumentPage], writer: Writer, progress: Progress) -> None:
    """A quarter of the policies carry one or two 附件; their documents share one small file."""
    text = writer.paragraph().encode("utf-8")
    if not default_storage.exists(ATTACHMENT_FILE):
        default_storage.save(ATTACHMENT_FILE, ContentFile(text))
    Document = get_document_model()
    collection = Collection.get_first_root_node()
    pairs = []
    for policy in policies:
        if writer.rng.random() < 0.25:
            for number in range(1, writer.rng.randint(1, 2) + 1):
                title = f"附件{number}：{writer.item_title()}情况统计表"
                document = Document(
                    title=title,
                    file=ATTACHMENT_FILE,
                    collection=collection,
                    file_size=len(text),
                    file_hash=hashlib.sha1(text).hexdigest(),
                )
                pairs.append((policy, number, title, document))
    progress.insert("attachments", Document, [document for *_, document in pairs])
    progress.insert(
        "attachment links",
        PolicyAttachment,
        [
            PolicyAttachment(page_id=policy.page_ptr_id, document=document, title=title, sort_order=number)
            for policy, number, title, document in pairs
        ],
    )
