import datetime
from dataclasses import dataclass, field


@dataclass
class SearchDocument:
    """What an object offers the index: where it lives, its title, and weighted plain-text fields.

    `issuer`, `doc_number` and `validity` (a value of the policy's 有效性, blank where it has
    none) are shown and filtered by in results; the title and document number are suggested for
    near misses.
    """

    url: str
    title: str
    kind: str
    date: datetime.date | None = None
    fields: list[tuple[str, float]] = field(default_factory=list)
    issuer: str = ""
    doc_number: str = ""
    validity: str = ""
