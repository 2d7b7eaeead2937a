"""One lookup instead of a walk down Wagtail's chain of Chinese catalogs.

The portal's source strings are Chinese, so under zh-hans every `{% trans %}`, every choice label
and every lazy string misses the active catalog and falls back. Python's `gettext.translation`
finds both `zh_Hans` and `zh` catalogs in each of fifteen Wagtail apps, and Django keeps every
`zh` one as a further fallback: a miss walked eleven catalogs (12 µs against 3 µs for a hit),
about a tenth of the time of a workbench list that renders hundreds of labels.

`flatten_fallbacks()` replaces each such run of plain catalogs by one catalog holding their
entries, keeping what the walk would have found first, so every lookup answers as before. A
run whose catalogs do not share one plural rule is left as it is (a merged catalog has one rule).
Django rebuilds its translations when the language settings change (tests); they then walk the
chain again, which is slower, never different.

The head of the chain, Django's own catalog of every app's messages (`TranslationCatalog`), is a
second walk: its `update()` means to merge catalogs that share a plural rule, but compares a code
object with a function, so each app's catalog stays a step of its own (twenty under zh-hans,
asked twice per miss: the message, then its singular plural entry). `FirstHitCatalog` answers
those lookups from one dict.
"""

import gettext

from django.conf import settings
from django.utils.translation import trans_real


def _merged(run: list[gettext.GNUTranslations], rest) -> gettext.GNUTranslations:
    """One catalog answering as `run` (then `rest`) would, first catalog first.

    A catalog is asked for a message's plain entry, then for its plural entry for 1; `ngettext`
    asks only for plural entries. So a plural entry is kept from the first catalog that has it,
    and a plain entry only if no earlier catalog had the plural entry that would answer first.
    """
    merged = gettext.GNUTranslations()  # no file: an empty catalog, filled below
    merged.plural, merged._info, merged._charset = run[0].plural, run[0]._info, run[0]._charset
    one = run[0].plural(1)
    catalog: dict = {}
    for translation in run:  # `catalog` holds the earlier catalogs' entries only
        entries = translation._catalog.items()
        for key, text in entries:
            if isinstance(key, str) and key not in catalog and (key, one) not in catalog:
                catalog[key] = text
        for key, text in entries:
            if not isinstance(key, str):
                catalog.setdefault(key, text)
    merged._catalog = catalog
    merged._fallback = rest
    return merged


class FirstHitCatalog(trans_real.TranslationCatalog):
    """A `TranslationCatalog` whose `get()` is one lookup in a dict of what its walk would find
    first; `plural()` walks as before, each catalog with its own plural rule."""

    def __init__(self, catalog: trans_real.TranslationCatalog):
        self._catalogs, self._plurals = catalog._catalogs, catalog._plurals
        self._index()

    def _index(self) -> None:
        first: dict = {}
        for catalog in reversed(self._catalogs):  # the earlier catalog's entry written last wins
            first.update(catalog)
        self._first = first

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._index()

    def update(self, trans):
        super().update(trans)
        self._index()

    def get(self, key, default=None):
        return self._first.get(key, default)


def flatten(translation) -> None:
    """Index the catalogs of `translation` itself, and merge the run of plain catalogs that follows
    it in its fallback chain."""
    if type(getattr(translation, "_catalog", None)) is trans_real.TranslationCatalog:
        translation._catalog = FirstHitCatalog(translation._catalog)
    run, link = [], translation._fallback
    while type(link) is gettext.GNUTranslations:
        run.append(link)
        link = link._fallback
    if len(run) > 1 and len({t._info.get("plural-forms") for t in run}) == 1:
        translation._fallback = _merged(run, link)


def flatten_fallbacks() -> None:
    """Build the translation of every configured language now, with its fallbacks flattened;
    a language's own fallback to the default language is that language's translation, flattened in turn."""
    for code, _name in settings.LANGUAGES:
        flatten(trans_real.translation(code))
