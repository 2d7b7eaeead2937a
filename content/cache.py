"""One generation number for everything the public sees.

Cached fragments and navigation put the generation in their keys; publishing, unpublishing or
disclosing anything bumps it, so an anonymous visitor never sees a page older than the last
publication, whichever page changed.
"""

from django.core.cache import cache

KEY = "content:generation"


def generation() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, None)
        value = cache.get(KEY, 1)
    return value


def bump(**kwargs) -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # the key expired or was never set
        cache.set(KEY, 2, None)
