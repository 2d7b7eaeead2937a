"""The public search page: one box for the whole site, with filters and near-miss suggestions."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import KINDS, SearchForm
from .fulltext.query import MAX_QUERY
from .fulltext.query import search as search_index
from .fulltext.suggest import suggestions
from .models import PolicyDocumentPage

PER_PAGE = 10
SUGGEST_BELOW = 3  # fewer results than this: offer what the visitor may have meant
VALIDITY = dict(PolicyDocumentPage.Validity.choices)


def _page_number(request) -> int:
    page = request.GET.get("page", "1")
    return max(1, int(page)) if page.isdigit() else 1


def _without_page(request, **changes) -> str:
    """The current query string without its page number (and with `changes`): links that keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "search_query": query or request.GET.get("q", "")[:MAX_QUERY],  # kept in the boxes when a filter is wrong
        "results": None,
        "pages": None,
        "suggestions": [],
        "kept": _without_page(request),
    }
    if query:
        filters, page_number = form.filters(), _page_number(request)
        results = search_index(query, filters=filters, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE)
        pages = Paginator(range(results.total), PER_PAGE).get_page(page_number)
        if pages.number != page_number:  # past the last page: show the last one
            results = search_index(query, filters=filters, limit=PER_PAGE, offset=(pages.number - 1) * PER_PAGE)
        for hit in results.hits:
            hit.kind_label = KINDS.get(hit.entry.kind, "")
            hit.validity_label = VALIDITY.get(hit.entry.validity, "")
        if results.total < SUGGEST_BELOW:
            near = suggestions(query, filters=filters, exclude={h.entry.pk for h in results.hits})
            context["suggestions"] = [(text, _without_page(request, q=text)) for text in near]
        context.update(results=results, pages=pages)
    return render(request, "content/search_results.html", context)
