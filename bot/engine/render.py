"""Turn a match into the Answer people see: text, who says so, the quote, suggestions.

Every answer names who said or reported it. Claims are presented as the source's claims, and an
unattributed quote stays unattributed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.engine.asked import Asked
from bot.engine.hops import Hop, Moment
from bot.engine.index import ENTITY_PREFIX
from bot.engine.matcher import Measured
from bot.engine.policy import Decision
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Lang, Quote
from bot.knowledge.schema import RELATIONS
from bot.text import QUESTION_WORDS

# What the story is about, for the chat replies.
STORY_EN = (", his company PeruRail and its ties to China, China's Chancay port, and the trains "
            "the United States donated to Lima.")
STORY_ES = (", su empresa PeruRail y sus vínculos con China, el puerto chino de Chancay y los "
            "trenes que Estados Unidos donó a Lima.")

STATUS_LABEL = {
    "en": {"reported": "reported", "claim": "claim", "unattributed": "unattributed"},
    "es": {"reported": "informado", "claim": "afirmación", "unattributed": "sin atribuir"},
}
TEXTS = {
    "en": {
        "ambiguous": "Your question fits more than one thing the story says. Did you mean:",
        "clarify": "I'm not sure I understood —",
        "did_you_mean": "did you mean “{title}”?",
        "or": "Or perhaps:",
        "not_said": "The story doesn't say {thing}",
        "mentions": " — it mentions {names}",
        "nothing_on": ", but has nothing on {words}",
        "has_nothing_on": " — it has nothing on {words}",
        "not_mentioned": "The story doesn't mention {words}.",
        "does_say": "Here is what it does say:",
        "which": "which {word}",
        "words_of": "what {who} said or thinks",
        "chat_greeting": "Hi! I answer questions about one news story: Lima mayor Rafael "
                         f"López Aliaga{STORY_EN} Try “Who owns PeruRail?” or “What did "
                         "Blinken say?”",
        "chat_thanks": "You're welcome! Ask me anything else about the story of Lima mayor "
                       "Rafael López Aliaga, PeruRail, China and the donated trains.",
        "chat_farewell": "Bye! Come back any time with a question about the story of Lima mayor "
                         "Rafael López Aliaga, PeruRail, China and the donated trains.",
        "chat_bot": "I'm StoryBot: I answer questions about one news story, Lima mayor Rafael "
                    f"López Aliaga{STORY_EN} I only know what the article says, and I always "
                    "say who said it. Try “Who owns PeruRail?”",
        "chat_chat": "I only know one news story: Lima mayor Rafael López Aliaga"
                     f"{STORY_EN} Ask me about it, e.g. “Who owns PeruRail?”",
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
        "ambiguous": "Tu pregunta encaja con más de una cosa de la nota. ¿Te refieres a:",
        "clarify": "No estoy seguro de haber entendido:",
        "did_you_mean": "¿quisiste decir «{title}»?",
        "or": "O quizás:",
        "not_said": "La nota no dice {thing}",
        "mentions": "; menciona a {names}",
        "nothing_on": ", pero nada sobre {words}",
        "has_nothing_on": ": no dice nada sobre {words}",
        "not_mentioned": "La nota no menciona {words}.",
        "does_say": "Esto es lo que sí dice:",
        "which": "qué {word}",
        "words_of": "qué dijo u opina {who}",
        "chat_greeting": "¡Hola! Respondo preguntas sobre una nota: el alcalde de Lima Rafael "
                         f"López Aliaga{STORY_ES} Prueba «¿Quién es dueño de PeruRail?» o «¿Qué "
                         "dijo Blinken?»",
        "chat_thanks": "¡De nada! Pregúntame lo que quieras sobre la nota del alcalde de Lima "
                       "Rafael López Aliaga, PeruRail, China y los trenes donados.",
        "chat_farewell": "¡Chao! Vuelve cuando quieras con otra pregunta sobre la nota del alcalde "
                         "de Lima Rafael López Aliaga, PeruRail, China y los trenes donados.",
        "chat_bot": "Soy StoryBot: respondo preguntas sobre una nota, la del alcalde de Lima "
                    f"Rafael López Aliaga{STORY_ES} Solo sé lo que dice el artículo, y siempre "
                    "digo quién lo dijo. Prueba «¿Quién es dueño de PeruRail?»",
        "chat_chat": "Solo conozco una nota: la del alcalde de Lima Rafael López Aliaga"
                     f"{STORY_ES} Pregúntame sobre ella, por ejemplo «¿Quién es dueño de "
                     "PeruRail?»",
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


MAX_ECHO = 30  # characters of one echoed word
MAX_ECHOED = 4  # words echoed
_ACCENTED = {"cuanto": "cuánto", "cuanta": "cuánta", "cuantos": "cuántos", "cuantas": "cuántas",
             "que": "qué", "cual": "cuál", "quien": "quién", "quienes": "quiénes"}
# Rules that found a word the story never mentions ("Fujimori"): say so, nothing more.
NOT_MENTIONED_RULES = ("nothing_found", "unknown_name")
# What "The story doesn't say ..." says is missing, per asked-for thing (asked.THINGS).
THING_TEXTS: dict[str, dict[str, str]] = {
    "en": {"amount": "how much or how many", "date": "when", "place": "where",
                   "person": "who", "role": "what job or role", "words": "who said that",
                   "reason": "why", "link": "how they are connected", "description": "that"},
    "es": {"amount": "cuánto ni cuántos", "date": "cuándo", "place": "dónde",
                   "person": "quién", "role": "qué cargo o trabajo", "words": "quién lo dijo",
                   "reason": "por qué", "link": "cómo se relacionan", "description": "eso"},
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
    decision: str = "empty"  # answer | ambiguous | clarify | not_said | chat | empty
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
    # ", today (the article's publication day ...)": no parentheses around parentheses
    return f", {quote.when.get(lang)}" if quote.when else ""


def speaker_name(kb: KnowledgeBase, quote: Quote, lang: Lang = "en") -> str | None:
    entity = kb.entries.get(quote.speaker) if quote.speaker else None
    return entity.called(lang) if isinstance(entity, Entity) else None


def _sentence(text: str) -> str:
    """'the FDD study said' opens a sentence: 'The FDD study said'."""
    return text[:1].upper() + text[1:]


def attribution(kb: KnowledgeBase, entry: Entry, lang: Lang) -> tuple[str, tuple[str, ...]]:
    """(who says so, source names) for an entry, in `lang`."""
    t = TEXTS[lang]
    if isinstance(entry, Quote):
        source = kb.sources[entry.source]
        speaker = speaker_name(kb, entry, lang)
        if speaker is None:
            return t["quote_unattributed"], (source.label(lang),)
        key = "said_by_self" if source.entity == entry.speaker else "said_by"
        return t[key].format(speaker=speaker, who=source.label(lang)), (source.label(lang),)
    names = tuple(kb.sources[s].label(lang) for s in entry.source_ids())
    who = " · ".join(names)
    if entry.status == "claim":
        return contract(t["claim_by"].format(who=who), lang), names
    if entry.status == "unattributed":
        return t["unattributed"], names
    return contract(t["reported_by"].format(who=who), lang), names


# whole words only: "opina el estudio" is not "opinal estudio"
_CONTRACTION = re.compile(r"\b([Dd]e|[Aa]) el\b")


def contract(text: str, lang: Lang) -> str:
    """Spanish contracts "de el" and "a el" ("Afirmación del estudio"); English is unchanged."""
    if lang == "es":
        text = _CONTRACTION.sub(lambda m: f"{m[1]}l", text)
    return text


def entry_text(kb: KnowledgeBase, entry: Entry, lang: Lang) -> str:
    """The answer text of an entry, in `lang`."""
    t = TEXTS[lang]
    if isinstance(entry, Fact):
        return entry.answer.get(lang)
    if isinstance(entry, Quote):
        quoted = f"“{entry.text.strip('“”')}”"
        speaker = speaker_name(kb, entry, lang)
        if speaker is None:
            text = t["said_unattributed"].format(text=quoted)
        else:
            text = _sentence(t["said"].format(speaker=speaker, when=_when(entry, lang),
                                              text=quoted))
        return f"{text}\n{entry.context.get(lang)}"
    lines = [entry.description.get(lang)]
    if entry.links:
        lines.append(t["links"])
        for link in entry.links:
            target = kb.entries.get(link.target)
            verb = RELATIONS[link.relation][1 if lang == "es" else 0]
            source = kb.sources[link.source].label(lang)
            other = target.called(lang) if isinstance(target, Entity) else link.target
            subject = entry.called(lang)
            lines.append(contract(f"• {subject[:1].upper()}{subject[1:]} {verb} {other}"
                                  f" ({source}; {STATUS_LABEL[lang][link.status]})", lang))
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
    quote = QuoteRef(entry.text, speaker_name(kb, entry, lang)) if isinstance(entry, Quote) \
        else None
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


def _quoted(words: tuple[str, ...]) -> str:
    """The asker's words, quoted; a few and short, so odd input is not echoed at length."""
    shown = [w if len(w) <= MAX_ECHO else w[:MAX_ECHO - 1] + "…" for w in dict.fromkeys(words)]
    return ", ".join(f"“{w}”" for w in shown[:MAX_ECHOED]) + ("…" if len(shown) > MAX_ECHOED
                                                              else "")


def not_said_text(kb: KnowledgeBase, decision: Decision, asked: Asked,
                  mentions: frozenset[str], lang: Lang,
                  speakers: frozenset[str] = frozenset()) -> str:
    """'The story doesn't say how long ...': what exactly the story lacks, in `lang`."""
    t = TEXTS[lang]
    missing = tuple(w for w in decision.missing  # the words, not question words or entities
                    if not w.startswith(ENTITY_PREFIX) and "_" not in w
                    and w not in QUESTION_WORDS)
    if decision.rule in NOT_MENTIONED_RULES and missing:
        return t["not_mentioned"].format(words=_quoted(missing))
    thing = THING_TEXTS[lang][asked.thing]
    who = [e.called(lang) for e in (kb.entries.get(m[1:]) for m in sorted(speakers))
           if isinstance(e, Entity)]
    if asked.thing == "words" and who:  # "qué opina el gobierno peruano"
        thing = t["words_of"].format(who=", ".join(who))
    elif asked.measure and asked.opener:  # the asker's own words: "how long", "cuántos empleados"
        said = [_ACCENTED.get(w, w) for w in asked.opener.split()]
        thing = " ".join(said if asked.measure in said else [*said, asked.measure])
    elif asked.measure:
        thing = t["which"].format(word=asked.measure)
    names = [e.called(lang) for e in (kb.entries.get(m[1:]) for m in sorted(mentions))
             if isinstance(e, Entity)]
    missing = tuple(w for w in missing if w not in thing.split())  # "how old": said once
    text = t["not_said"].format(thing=thing)
    if names:
        text += t["mentions"].format(names=", ".join(names))
        if missing:
            text += t["nothing_on"].format(words=_quoted(missing))
    elif missing:
        text += t["has_nothing_on"].format(words=_quoted(missing))
    return contract(text + ".", lang)


def render(kb: KnowledgeBase, measured: Measured, decision: Decision, lang: Lang,
           default_suggestions: list[str]) -> Answer:
    """The Answer for a decision, in `lang`."""
    t = TEXTS[lang]
    question = measured.question
    explain = _explain(measured, decision)
    best = decision.best
    if decision.action == "answer" and best is not None:
        return answer_for(kb, best.doc.entry, question.text, lang, best.score, explain)
    offered = [c.id for c in decision.offered]
    if decision.action == "ambiguous":
        header = t["ambiguous"]
    elif decision.action == "clarify":
        header = t["clarify"]
    elif decision.action == "not_said":
        header = not_said_text(kb, decision, question.asked, question.mentions, lang,
                               question.speakers)
        if offered:
            header += " " + t["does_say"]
    elif decision.action == "chat":
        header, offered = t[f"chat_{question.chat_kind}"], []
    else:
        header, offered = t["empty"], list(default_suggestions)
    suggestions = suggestions_for(kb, list(dict.fromkeys(offered))[:3], lang)
    if decision.action == "clarify" and suggestions:
        first, *rest = suggestions
        body = t["did_you_mean"].format(title=first.title.strip('"“”'))
        if rest:
            body += "\n" + t["or"] + "\n" + "\n".join(f"• {s.title}" for s in rest)
        body = f"{header} {body}"
    else:
        body = "\n".join([header, *(f"• {s.title}" for s in suggestions)])
    confidence = round(min(best.score, 1.0), 3) if best else 0.0
    return Answer(question=question.text, answered=False, kind=None, id=None, lang=lang,
                  answer=body, attribution=None, quote=None, sources=(), status=None,
                  confidence=confidence, suggestions=suggestions, decision=decision.action,
                  explain=explain)


def _explain(measured: Measured, decision: Decision) -> dict[str, Any]:
    q = measured.question
    return {
        "decision": decision.action,
        "rule": decision.rule,
        "asked": q.asked.thing + (f" ({q.asked.measure})" if q.asked.measure else ""),
        "mentions": sorted(q.mentions),
        "terms": [f"{x.term}:{x.kind}:{x.weight:.2f}" for x in q.terms],
        "filler": list(q.filler),
        "corrections": [list(c) for c in q.corrections],
        "evidence": round(q.evidence, 3),
        "margin": round(measured.margin, 3),
        "candidates": [
            {"id": c.id, "score": round(c.score, 3), "coverage": round(c.coverage, 3),
             "fuzzy": round(c.fuzzy, 3), "gives_asked": c.gives_asked,
             "entities_missing": list(c.entities_missing),
             "missing": [f"{x.word}:{x.kind}" for x in c.missing]}
            for c in measured.ranked[:5]
        ],
    }
