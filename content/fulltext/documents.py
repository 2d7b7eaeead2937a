import datetime
from dataclasses import dataclass, field


@dataclass
class SearchDocument:
    """What an object offers the index: where it lives, its title, and weighted plain-text fields."""

    url: str
    title: str
    kind: str
    date: datetime.date | None = None
    fields: list[tuple[str, float]] = field(default_factory=list)
