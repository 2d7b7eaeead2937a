"""No phone number of a disclosed reply reaches the public: page, list, search, snippets, feeds.

Run on SQLite and, with DATABASE_URL, on PostgreSQL, whose search reads a bigram tsvector.
"""

import re
import unicodedata

import pytest

from content.fulltext.indexing import index_object
from content.fulltext.query import search
from coordination.models import Proposer, Reply

# The formats an attacker found shown on main, each a different number.
PHONES = [
    "139 0000 1234",
    "(0917)6219876",
    "１３９１１１１２２２２",
    "+8613822223333",
    "0917－6219876",
    "139-4444-5555",
    "０９１７-6213333",
]
DIGITS = ["13900001234", "09176219876", "13911112222", "13822223333", "13944445555", "09176213333"]
PROPOSER_PHONE, PROPOSER_ADDRESS = "13855556666", "陈仓区虹口路8号3单元"


def digits_only(text: str) -> str:
    """Numbers with the spaces, hyphens and brackets inside them removed, so any notation matches."""
    return re.sub(r"(?<=\d)[\s\-()+]+(?=\d)", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def reply_with_phones(site_pages):
    reply = Reply.objects.get(proposal__number="41")
    reply.body += "\n三、联系方式\n" + "；".join(f"经办人{n}：{phone}" for n, phone in enumerate(PHONES, 1)) + "。"
    reply.body += "\n依据陈医保发〔2023〕8号文件，索引号610300-11610304016006562W/2022-00084，资金1391.5万元。"
    reply.save()
    Proposer.objects.create(proposal=reply.proposal, name="李强", phone=PROPOSER_PHONE, address=PROPOSER_ADDRESS)
    index_object(reply)
    return reply


def assert_no_phone(text: str):
    flat = digits_only(text)
    for number in [*DIGITS, PROPOSER_PHONE, "6219876", "6212345"]:
        assert number not in flat, number
    assert PROPOSER_ADDRESS not in text


def test_the_public_reply_page_masks_every_notation_and_keeps_document_numbers(client, reply_with_phones):
    body = client.get(f"/replies/{reply_with_phones.pk}/").content.decode()
    assert_no_phone(body)
    assert body.count("电话已隐去") >= len(PHONES)
    assert "陈医保发〔2023〕8号" in body
    assert "610300-11610304016006562W/2022-00084" in body
    assert "1391.5万元" in body


def test_the_reply_list_feeds_and_sitemap_show_no_phone(client, reply_with_phones):
    for url in ("/replies/", "/feeds/replies/", "/feeds/replies/atom/", "/sitemap.xml"):
        assert_no_phone(client.get(url).content.decode())


def test_searching_a_phone_finds_nothing(client, reply_with_phones):
    for phone in [*PHONES, "13900001234", PROPOSER_PHONE, "6219876"]:
        assert search(phone).total == 0, phone
        response = client.get("/search/", {"q": phone})
        assert response.status_code == 200
        assert not response.context["results"] or response.context["results"].total == 0, phone


def test_search_snippets_show_no_phone_and_document_numbers_are_still_found(client, reply_with_phones):
    response = client.get("/search/", {"q": "联系方式"})
    assert str(reply_with_phones.pk) in {h.entry.object_id for h in response.context["results"].hits}
    assert "电话已隐去" in response.content.decode()
    assert_no_phone(response.content.decode())
    for query in ("陈医保发〔2023〕8号", "610300-11610304016006562W/2022-00084"):
        assert str(reply_with_phones.pk) in {h.entry.object_id for h in search(query).hits}
