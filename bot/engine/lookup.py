"""Autocomplete for quote and person look-ups: fuzzy, accent-free, within Discord's limits."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.knowledge.model import Entity, KnowledgeBase, Quote
from bot.text import fold

MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices
MAX_NAME = 100  # ... each at most 100 characters
MIN_SCORE = 60.0  # rapidfuzz partial_ratio (0..100) for a choice to be offered
LOOKUP_TYPES = ("person", "organisation", "document")


def _short(text: str) -> str:
    return text if len(text) <= MAX_NAME else text[:MAX_NAME - 1] + "…"


def quote_label(kb: KnowledgeBase, quote: Quote) -> str:
    speaker = kb.entries.get(quote.speaker) if quote.speaker else None
    who = speaker.name if isinstance(speaker, Entity) else "Unattributed"
    return _short(f"{who}: “{quote.text.strip('“”')}”")


def _rank(keys: dict[str, str], current: str) -> list[str]:
    """Ids whose search text best matches what the user has typed so far."""
    query = fold(current)
    if not query:
        return list(keys)[:MAX_CHOICES]
    found = process.extract(query, keys, scorer=fuzz.partial_ratio, processor=None,
                            score_cutoff=MIN_SCORE, limit=MAX_CHOICES)
    return [key for _, _, key in found]


def complete_quotes(kb: KnowledgeBase, current: str) -> list[tuple[str, str]]:
    """(label, quote id) choices for what the user typed: speaker names or quote words."""
    keys = {}
    for quote in kb.quotes:
        speaker = kb.entries.get(quote.speaker) if quote.speaker else None
        names = [speaker.name, *speaker.aliases] if isinstance(speaker, Entity) else \
            ["unattributed"]
        keys[quote.id] = fold(" ".join([*names, quote.text]))
    return [(quote_label(kb, q), q.id) for q in (kb.entries[i] for i in _rank(keys, current))
            if isinstance(q, Quote)]


def complete_entities(kb: KnowledgeBase, current: str,
                      types: tuple[str, ...] = LOOKUP_TYPES) -> list[tuple[str, str]]:
    """(name, entity id) choices among entities of `types` (people, organisations, documents)."""
    keys = {e.id: fold(" ".join([e.name, *e.aliases])) for e in kb.entities
            if e.type in types}
    return [(_short(kb.entries[i].title("en")), i) for i in _rank(keys, current)]
