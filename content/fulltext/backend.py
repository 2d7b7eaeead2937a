"""A Wagtail search backend for the admin that finds Chinese substrings.

Stock backends hand Chinese text to the database's word tokenizer, which never splits it, so
an editor typing 临时救助 finds nothing. For queries with Chinese characters this backend
matches titles by substring and, for pages, our own full-text index of what is published;
other queries go to the stock database backend unchanged.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.query import MATCH_ALL

from .query import search

CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class ChineseAwareSearchBackend:
    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def _substring(self, query: str, model_or_queryset):
        queryset = (
            model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset._default_manager.all()
        )
        terms = query.split()
        model = queryset.model
        page_types = (
            set(ContentType.objects.get_for_models(*Page.__subclasses__(), Page).values())
            if issubclass(model, Page)
            else set()
        )
        page_types = {ct.pk for ct in page_types}
        for term in terms:
            condition = Q()
            if any(f.name == "title" for f in model._meta.get_fields()):
                condition |= Q(title__icontains=term)
            if issubclass(model, Page):
                hits = search(term, limit=10_000).hits
                is_page = [
                    issubclass(ContentType.objects.get_for_id(h.entry.content_type_id).model_class() or object, Page)
                    for h in hits
                ]
                condition |= Q(pk__in=[int(h.entry.object_id) for h, page in zip(hits, is_page, strict=True) if page])
            if not condition:
                return None
            queryset = queryset.filter(condition)
        return queryset

    def _chinese(self, query, model_or_queryset):
        # The admin passes a string or a parsed query (PlainText / Phrase) holding the string.
        text = query if isinstance(query, str) else getattr(query, "query_string", "")
        return self._substring(text, model_or_queryset) if text and CHINESE.search(text) else None

    # The matched rows go back through the stock backend as "match all", so callers get the
    # usual search-results object (slicing, counting, facets) over exactly those rows.
    def search(self, query, model_or_queryset, **kwargs):
        found = self._chinese(query, model_or_queryset)
        if found is not None:
            return self._inner.search(MATCH_ALL, found, **kwargs)
        return self._inner.search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        found = self._chinese(query, model_or_queryset)
        if found is not None:
            return self._inner.search(MATCH_ALL, found, **kwargs)
        return self._inner.autocomplete(query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    return ChineseAwareSearchBackend(DatabaseSearchBackend(params))
