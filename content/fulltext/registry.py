"""Non-page models whose public rows belong in the index (pages are found through the tree)."""

_sources = []


def register(queryset_callable) -> None:
    """Register a callable returning the objects to index (each with `search_document()`)."""
    _sources.append(queryset_callable)


def sources():
    return list(_sources)
