"""One generation number for everything the public sees.

Cached pages (content/page_cache.py), fragments and navigation put the generation in their keys;
publishing, unpublishing, moving or deleting a page, editing a snippet or the site's settings,
disclosing a reply or changing a standing measure bumps it (content/receivers.py), so an anonymous
visitor never sees a page older than the last change, whichever page changed.
"""

from django.core.cache import cache

from portal.generations import Generation

PUBLIC = Generation("content:generation")
KEY = PUBLIC.key


def generation() -> int:
    return PUBLIC.current()


def bump(**signal_kwargs) -> None:
    PUBLIC.bump()


def remembered(name: str, compute, timeout: int = 3600):
    """`compute()`, kept until the next bump: for what public pages derive from everything published."""
    return cache.get_or_set(f"content:{name}:{generation()}", compute, timeout)
