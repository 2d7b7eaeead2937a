"""Generation numbers: invalidate a whole family of cached values at once.

A cached value's key holds its family's generation; bumping the generation makes every value
cached under the old one unreachable (they expire on their own). The public site's pages and
fragments use one family (content/cache.py), the calendar feeds another.

The number lives in the shared cache (Redis in production, a file cache in the embedded
default), so a bump in one process (the scheduler publishing a page) is seen by every other.
"""

import time

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # Evicted or never set: start from the clock, never from 1, so a value cached under an
            # earlier run of small numbers cannot come back.
            cache.add(self.key, time.time_ns() // 1000, None)
            value = cache.get(self.key)
        return value

    def bump(self, **signal_kwargs) -> None:
        """Invalidate now and again once the current transaction commits.

        Now, so nothing cached before the change is served; after the commit too, because a
        request that read the new generation while the change was not yet committed may have
        cached the old content under it. Takes and ignores a signal's arguments, so it can be a receiver.
        """
        self.advance()
        transaction.on_commit(self.advance)

    def advance(self) -> None:
        """Invalidate now, whatever transaction is open."""
        try:
            cache.incr(self.key)
        except ValueError:  # evicted: any new value differs from the old ones
            self.current()
            return
        # The file cache's incr is a get and a set with the default timeout: keep the number for good.
        cache.touch(self.key, None)
