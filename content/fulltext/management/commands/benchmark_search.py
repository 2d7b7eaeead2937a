import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document
from content.fulltext.query import search

WORDS = [
    "社会",
    "救助",
    "低保",
    "临时",
    "民政",
    "财政",
    "人社",
    "医保",
    "住建",
    "教育",
    "困难",
    "群众",
    "家庭",
    "审核",
    "资金",
    "发放",
    "监督",
    "会议",
    "纪要",
    "通知",
    "落实",
    "责任",
    "单位",
    "街道",
    "社区",
    "申请",
    "条件",
    "标准",
    "保障",
    "对象",
    "动态",
    "管理",
    "信息",
    "共享",
    "核对",
    "机制",
    "协调",
    "专项",
    "整改",
    "台账",
    "年度",
    "考核",
]


class Command(BaseCommand):
    help = "Measure indexing and query time of the Chinese search on generated documents (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=2000)
        parser.add_argument("--chars", type=int, default=3000)

    def handle(self, docs, chars, **options):
        rng = random.Random(1)
        texts = []
        for _ in range(docs):
            words, length = [], 0
            while length < chars:
                word = rng.choice(WORDS)
                words.append(word + ("，" if rng.random() < 0.1 else ""))
                length += len(words[-1])
            texts.append("".join(words)[:chars])
        content_type = ContentType.objects.get_by_natural_key("auth", "user")
        with transaction.atomic():
            start = time.perf_counter()
            for number, text in enumerate(texts, start=1):
                index_document(
                    content_type,
                    f"bench-{number}",
                    SearchDocument(url="/", title=text[:20], kind="bench", fields=[(text, 1.0)]),
                )
                if number % 500 == 0:
                    self.stdout.write(f"  indexed {number}/{docs}")
            indexing = time.perf_counter() - start
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE content_fulltext_searchchunk")
            self.stdout.write(f"{connection.vendor}: {docs} documents × {chars} characters indexed in {indexing:.1f} s")
            for query in ("纪要", "审核资金", "街道社区申请", "不存在的词语"):
                timings = []
                for _ in range(20):
                    start = time.perf_counter()
                    total = search(query, limit=20).total
                    timings.append((time.perf_counter() - start) * 1000)
                p95 = statistics.quantiles(timings, n=20)[-1]
                self.stdout.write(
                    f"  {query!r}: {total} hits, median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
                )
            transaction.set_rollback(True)
