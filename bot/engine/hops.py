"""The small records a connection or timeline answer carries (shared by render and its builders)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hop:
    """One link of a chain, as the knowledge states it (its own direction), with who says so."""

    chain: int  # 1 for the first chain shown, 2 for the second
    from_id: str
    relation: str
    to_id: str
    source: str  # a source id
    status: str  # reported | claim | unattributed

    def to_json(self) -> dict[str, Any]:
        return {"chain": self.chain, "from": self.from_id, "relation": self.relation,
                "to": self.to_id, "source": self.source, "status": self.status}


@dataclass(frozen=True)
class Moment:
    """One event of the timeline: when in the article's own words, and who reports it."""

    id: str
    order: int
    when: str
    words: str
    source: str
    status: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "order": self.order, "when": self.when, "words": self.words,
                "source": self.source, "status": self.status}
