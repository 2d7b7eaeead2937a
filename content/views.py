"""The public search page: one box for the whole site."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

PER_PAGE = 10
KINDS = {"policy": _("政策文件"), "unit": _("成员单位"), "reply": _("建议提案答复"), "report": _("工作报告")}


def search(request):
    from .search.query import search as search_index

    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in KINDS else None
    page_number = Paginator(range(10**6), PER_PAGE).validate_number(request.GET.get("page") or 1) if query else 1
    results = search_index(query, kinds=kinds, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE) if query else None
    pages = Paginator(range(results.total), PER_PAGE).get_page(page_number) if results else None
    return render(
        request,
        "content/search_results.html",
        {"search_query": query, "results": results, "pages": pages, "kinds": KINDS, "current_kind": kind},
    )
