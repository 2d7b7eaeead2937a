"""Flattened translation fallbacks answer every lookup as the chain they replace."""

import gettext

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from portal.translation import FirstHitCatalog, flatten


def chain_of(code: str) -> list:
    links, link = [], trans_real.DjangoTranslation(code)._fallback
    while link is not None and not isinstance(link, trans_real.DjangoTranslation):
        links.append(link)
        link = link._fallback
    return links


def every_key(links) -> set:
    return {key for link in links for key in getattr(link, "_catalog", {})}


@pytest.mark.parametrize("code", ["zh-hans", "en"])
def test_flattened_translation_answers_every_message_as_the_chain(code):
    original = trans_real.DjangoTranslation(code)
    flattened = trans_real.DjangoTranslation(code)
    flatten(flattened)
    keys = every_key(chain_of(code)) | set(original._catalog.keys()) | {"督办事项", "不在任何目录里的句子"}
    assert keys
    for key in keys:
        if isinstance(key, str):
            if "\x04" in key:
                context, message = key.split("\x04", 1)
                assert flattened.pgettext(context, message) == original.pgettext(context, message), key
            else:
                assert flattened.gettext(key) == original.gettext(key), key
        else:
            message = key[0]
            for n in (0, 1, 2, 5):
                assert flattened.ngettext(message, message, n) == original.ngettext(message, message, n), key


def test_zh_hans_chain_is_one_catalog_after_the_portal_starts():
    # Wagtail ships `zh` beside `zh_Hans` catalogs: unflattened, a miss walks them one by one.
    assert len(chain_of("zh-hans")) > 1
    with translation.override("zh-hans"):
        active = trans_real._active.value
        links = []
        link = active._fallback
        while link is not None and not isinstance(link, trans_real.DjangoTranslation):
            links.append(link)
            link = link._fallback
    assert len(links) == 1
    assert type(links[0]) is gettext.GNUTranslations
    # Django's own catalog of the apps' messages is one lookup too.
    assert type(active._catalog) is FirstHitCatalog
    assert len(trans_real.DjangoTranslation("zh-hans")._catalog._catalogs) > 1
    assert translation.gettext("督办事项") == "督办事项"


def test_earlier_plural_entry_answers_before_a_later_plain_one():
    first, second = gettext.GNUTranslations(), gettext.GNUTranslations()
    for catalog, entries in ((first, {("甲", 0): "first"}), (second, {"甲": "second", "乙": "second"})):
        catalog._catalog, catalog.plural, catalog._info, catalog._charset = entries, lambda n: 0, {}, "utf-8"
    head = gettext.NullTranslations()
    head.add_fallback(first)
    first.add_fallback(second)
    expected = [head.gettext("甲"), head.gettext("乙"), head.ngettext("甲", "甲", 3)]
    flatten(head)
    assert head._fallback is not first
    assert (
        [head.gettext("甲"), head.gettext("乙"), head.ngettext("甲", "甲", 3)]
        == expected
        == ["first", "second", "first"]
    )


def test_first_hit_catalog_answers_as_its_walk_and_follows_updates():
    earlier, later = gettext.GNUTranslations(), gettext.GNUTranslations()
    earlier._catalog, earlier.plural = {"甲": "earlier", ("丙", 0): "earlier plural"}, lambda n: 0
    later._catalog, later.plural = {"甲": "later", "乙": "later", ("丙", 1): "later plural"}, lambda n: int(n != 1)
    walked = trans_real.TranslationCatalog(later)
    walked.update(earlier)  # a different plural rule: a step of its own, asked first
    indexed = FirstHitCatalog(walked)
    for key in ["甲", "乙", ("丙", 0), ("丙", 1), "丁"]:
        assert indexed.get(key) == walked.get(key)
    assert [indexed.plural("丙", n) for n in (1, 2)] == ["earlier plural", "earlier plural"]
    extra = gettext.GNUTranslations()
    extra._catalog, extra.plural = {"丁": "extra"}, lambda n: 0
    indexed.update(extra)
    indexed["戊"] = "set"
    assert (indexed.get("丁"), indexed.get("戊"), indexed.get("甲")) == ("extra", "set", "earlier")
