"""The public search page: one box for the whole site."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .fulltext.query import Filters
from .fulltext.query import search as search_index

PER_PAGE = 10
KINDS = {"policy": _("政策文件"), "unit": _("成员单位"), "reply": _("建议提案答复"), "report": _("工作报告")}


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    filters = Filters(kinds=(kind,) if kind in KINDS else ())
    page = request.GET.get("page", "1")
    page_number = max(1, int(page)) if page.isdigit() else 1
    results = (
        search_index(query, filters=filters, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE) if query else None
    )
    pages = Paginator(range(results.total), PER_PAGE).get_page(page_number) if results else None
    if results and pages.number != page_number:  # past the last page: show the last one
        results = search_index(query, filters=filters, limit=PER_PAGE, offset=(pages.number - 1) * PER_PAGE)
    for hit in results.hits if results else []:
        hit.kind_label = KINDS.get(hit.entry.kind, "")
    return render(
        request,
        "content/search_results.html",
        {"search_query": query, "results": results, "pages": pages, "kinds": KINDS, "current_kind": kind},
    )
