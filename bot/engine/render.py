"""Turn a match into the Answer people see: text, who says so, the quote, suggestions.

Every answer names who said or reported it. Claims are presented as the source's claims, and an
unattributed quote stays unattributed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.engine.hops import Hop, Moment
from bot.engine.matcher import Match
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Lang, Quote
from bot.knowledge.schema import RELATIONS

STATUS_LABEL = {
    "en": {"reported": "reported", "claim": "claim", "unattributed": "unattributed"},
    "es": {"reported": "informado", "claim": "afirmación", "unattributed": "sin atribuir"},
}
TEXTS = {
    "en": {
        "abstain": "The story doesn't say. Here is what I can answer:",
        "abstain_none": "The story doesn't say.",
        "ambiguous": "Your question fits more than one thing the story says. Did you mean:",
        "empty": "Ask me a question about the story, for example:",
        "reported_by": "Reported by {who}",
        "claim_by": "Claim by {who}, not an established fact",
        "unattributed": "Unattributed: the article names no source",
        "said_by": "Said by {speaker}; reported by {who}",
        "said_by_self": "Said by {speaker}, as the article reports",
        "quote_unattributed": "Unattributed: the article does not say who said this",
        "said": "{speaker} said{when}: {text}",
        "said_unattributed": "The article carries this passage without saying who said it: {text}",
        "links": "What the story links them to:",
        "quoted": "Quoted in the story:",
        "reported": "What the story cites it for:",
    },
    "es": {
        "abstain": "La nota no lo dice. Esto es lo que puedo responder:",
        "abstain_none": "La nota no lo dice.",
        "ambiguous": "Tu pregunta encaja con más de una cosa de la nota. ¿Te refieres a:",
        "empty": "Hazme una pregunta sobre la nota, por ejemplo:",
        "reported_by": "Informado por {who}",
        "claim_by": "Afirmación de {who}, no un hecho comprobado",
        "unattributed": "Sin atribuir: el artículo no cita fuente",
        "said_by": "Dicho por {speaker}; lo recoge {who}",
        "said_by_self": "Dicho por {speaker}, según recoge el artículo",
        "quote_unattributed": "Sin atribuir: el artículo no dice quién lo dijo",
        "said": "{speaker} dijo{when}: {text}",
        "said_unattributed": "El artículo incluye este pasaje sin decir quién lo dijo: {text}",
        "links": "Con qué lo relaciona la nota:",
        "quoted": "Citas en la nota:",
        "reported": "Lo que la nota cita de esta fuente:",
    },
}


@dataclass(frozen=True)
class Suggestion:
    id: str
    title: str


@dataclass(frozen=True)
class QuoteRef:
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Answer:
    """One reply; the same object feeds the terminal, JSON output and Discord embeds."""

    question: str
    answered: bool
    kind: str | None
    id: str | None
    lang: str
    answer: str
    attribution: str | None
    quote: QuoteRef | None
    sources: tuple[str, ...]
    status: str | None
    confidence: float
    suggestions: tuple[Suggestion, ...] = ()
    decision: str = "abstain"  # answer | ambiguous | abstain
    explain: dict[str, Any] = field(default_factory=dict, compare=False)
    hops: tuple[Hop, ...] = ()  # kind "connection": the chains' links, in order
    events: tuple[Moment, ...] = ()  # kind "timeline": the events, in order

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data["sources"] = list(self.sources)
        data["suggestions"] = [asdict(s) for s in self.suggestions]
        data["hops"] = [h.to_json() for h in self.hops]
        data["events"] = [e.to_json() for e in self.events]
        if not explain:
            data.pop("explain")
        return data


def _when(quote: Quote, lang: Lang) -> str:
    return f" ({quote.when.get(lang)})" if quote.when else ""


def speaker_name(kb: KnowledgeBase, quote: Quote) -> str | None:
    entity = kb.entries.get(quote.speaker) if quote.speaker else None
    return entity.name if isinstance(entity, Entity) else None


def attribution(kb: KnowledgeBase, entry: Entry, lang: Lang) -> tuple[str, tuple[str, ...]]:
    """(who says so, source names) for an entry, in `lang`."""
    t = TEXTS[lang]
    if isinstance(entry, Quote):
        source = kb.sources[entry.source]
        speaker = speaker_name(kb, entry)
        if speaker is None:
            return t["quote_unattributed"], (source.label(lang),)
        key = "said_by_self" if source.entity == entry.speaker else "said_by"
        return t[key].format(speaker=speaker, who=source.label(lang)), (source.label(lang),)
    ids = entry.sources if isinstance(entry, Fact) else (entry.source,)
    names = tuple(kb.sources[s].label(lang) for s in ids)
    who = " · ".join(names)
    if entry.status == "claim":
        return t["claim_by"].format(who=who), names
    if entry.status == "unattributed":
        return t["unattributed"], names
    return t["reported_by"].format(who=who), names


def entry_text(kb: KnowledgeBase, entry: Entry, lang: Lang) -> str:
    """The answer text of an entry, in `lang`."""
    t = TEXTS[lang]
    if isinstance(entry, Fact):
        return entry.answer.get(lang)
    if isinstance(entry, Quote):
        quoted = f"“{entry.text.strip('“”')}”"
        speaker = speaker_name(kb, entry)
        if speaker is None:
            text = t["said_unattributed"].format(text=quoted)
        else:
            text = t["said"].format(speaker=speaker, when=_when(entry, lang), text=quoted)
        return f"{text}\n{entry.context.get(lang)}"
    lines = [entry.description.get(lang)]
    if entry.links:
        lines.append(t["links"])
        for link in entry.links:
            target = kb.entries.get(link.target)
            verb = RELATIONS[link.relation][1 if lang == "es" else 0]
            source = kb.sources[link.source].label(lang)
            lines.append(f"• {entry.name} {verb} {target.title(lang) if target else link.target}"
                         f" ({source}; {STATUS_LABEL[lang][link.status]})")
    said = kb.quotes_by_speaker.get(entry.id, [])
    if said:
        lines.append(t["quoted"])
        lines += [f"• “{q.text.strip('“”')}”" for q in said[:5]]
    reported = kb.facts_reported_by.get(entry.id, [])
    if reported:
        lines.append(t["reported"])
        lines += [f"• {f.title(lang)}" for f in reported[:8]]
    return "\n".join(lines)


def answer_for(kb: KnowledgeBase, entry: Entry, question: str, lang: Lang, confidence: float,
               explain: dict[str, Any] | None = None) -> Answer:
    """The full answer of one entry."""
    who, sources = attribution(kb, entry, lang)
    quote = QuoteRef(entry.text, speaker_name(kb, entry)) if isinstance(entry, Quote) else None
    return Answer(question=question, answered=True, kind=entry.kind, id=entry.id, lang=lang,
                  answer=entry_text(kb, entry, lang), attribution=who, quote=quote,
                  sources=sources, status=entry.status, confidence=round(min(confidence, 1.0), 3),
                  decision="answer", explain=explain or {})


def entry_answer(kb: KnowledgeBase, entry_id: str, question: str, lang: Lang) -> Answer | None:
    """The answer of entry `entry_id` as if chosen by the user (a suggestion clicked)."""
    entry = kb.entries.get(entry_id)
    return answer_for(kb, entry, question, lang, 1.0) if entry else None


def suggestions_for(kb: KnowledgeBase, ids: list[str], lang: Lang) -> tuple[Suggestion, ...]:
    return tuple(Suggestion(i, kb.entries[i].title(lang)) for i in ids if i in kb.entries)


def render(kb: KnowledgeBase, question: str, match: Match, lang: Lang,
           default_suggestions: list[str], suggest_floor: float) -> Answer:
    """The Answer for a match, in `lang`."""
    t = TEXTS[lang]
    explain = _explain(match)
    if match.decision == "answer" and match.best is not None:
        return answer_for(kb, match.best.doc.entry, question, lang, match.best.score, explain)
    offered = [s.doc.entry.id for s in match.ranked[:3] if s.score >= suggest_floor]
    if match.decision == "ambiguous":
        offered = [s.doc.entry.id for s in match.ranked[:2]]
        header = t["ambiguous"]
    elif not match.terms:
        header = t["empty"]
    else:
        header = t["abstain"]
    ids = offered if match.decision == "ambiguous" else \
        list(dict.fromkeys(offered + default_suggestions))[:3]
    suggestions = suggestions_for(kb, ids, lang)
    body = "\n".join([header, *(f"• {s.title}" for s in suggestions)])
    confidence = round(min(match.best.score, 1.0), 3) if match.best else 0.0
    return Answer(question=question, answered=False, kind=None, id=None, lang=lang,
                  answer=body, attribution=None, quote=None, sources=(), status=None,
                  confidence=confidence, suggestions=suggestions, decision=match.decision,
                  explain=explain)


def _explain(match: Match) -> dict[str, Any]:
    return {
        "decision": match.decision,
        "reason": match.reason,
        "terms": list(match.terms),
        "corrections": [list(c) for c in match.corrections],
        "candidates": [
            {"id": s.doc.entry.id, "score": round(s.score, 3), "coverage": round(s.coverage, 3),
             "fuzzy": round(s.fuzzy, 3), "covered": list(s.covered), "missing": list(s.missing)}
            for s in match.ranked[:5]
        ],
    }
