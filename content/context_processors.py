from django.core.cache import cache
from wagtail.models import Site

from .cache import generation


def navigation(request):
    """The top navigation (cached between publishes) and the cache generation for page fragments."""
    key = f"content:nav:{generation()}:{request.get_host()}"
    items = cache.get(key)
    if items is None:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        items = [(p.title, p.url) for p in root.get_children().live().public().in_menu()] if root else []
        cache.set(key, items, 3600)
    return {"nav_items": items, "generation": generation()}
