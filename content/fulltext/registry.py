"""Non-page models whose public rows belong in the index (pages are found through the tree).

A page builds its own `search_document()`; a model of another app is registered with the
function that builds its document, so that app need not know the index exists.
"""

from collections.abc import Callable, Iterable

from .documents import SearchDocument

_sources: list[Callable[[], Iterable]] = []
_builders: dict[type, Callable[[object], SearchDocument | None]] = {}


def register(model: type, objects: Callable[[], Iterable], document: Callable[[object], SearchDocument | None]):
    """Index `objects()` (the public rows of `model`) with `document(obj)` (None: not public)."""
    _sources.append(objects)
    _builders[model] = document


def sources():
    return list(_sources)


def document_for(obj) -> SearchDocument | None:
    """The document of `obj`: its registered builder's, else its own `search_document()`, else None."""
    builder = _builders.get(type(obj))
    if builder is not None:
        return builder(obj)
    own = getattr(obj, "search_document", None)
    return own() if own else None
