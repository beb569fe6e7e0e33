"""Timeline questions ("what happened first?"): the knowledge's dated events, in order.

Every time is the article's own wording ("last November", "late last month"): the article gives
no publication date, so no date is ever computed or invented. Events the article does not order
share a place and say so.
"""

from __future__ import annotations

import re

from bot.engine.hops import Moment
from bot.engine.render import STATUS_LABEL, Answer
from bot.knowledge.model import KnowledgeBase, Lang

# Folded phrases that ask for the order of events.
_ASKS = re.compile(
    r"\b(timeline|time line|chronology|chronological|chronologically|cronologia|cronologico|"
    r"linea (de )?tiempo|linea temporal|order of events|sequence of events|in (what|which) order|"
    r"en (que|cual) orden|orden de los (hechos|eventos|acontecimientos|sucesos)|"
    r"(happened|happen|came|come|occurred) first|first (happened|thing)|"
    r"(paso|ocurrio|sucedio|fue) primero|when did each|each thing|"
    r"cuando (paso|ocurrio|sucedio) cada|what happened when|que paso cuando|key dates|"
    r"fechas clave)\b")

TEXTS = {
    "en": {"intro": "The story's events in order. The article gives no publication date, so "
                    "each time is in its own words:",
           "same": "same period as the one before; the article does not say which came first",
           "empty": "The story gives no dated events.",
           "attribution": "Times as the article words them; events reported by {who}"},
    "es": {"intro": "Los hechos de la nota en orden. El artículo no da fecha de publicación, así "
                    "que cada momento va en sus propias palabras:",
           "same": "mismo período que el anterior; el artículo no dice cuál fue primero",
           "empty": "La nota no da hechos fechados.",
           "attribution": "Momentos con las palabras del artículo; hechos informados por {who}"},
}


# One of these words is in every phrase above: a cheap test before the regular expression.
_TRIGGERS = frozenset("timeline time chronology chronological chronologically cronologia "
                      "cronologico linea order sequence orden first primero each cada when "
                      "cuando key fechas".split())


# The asker's own ("I need the day for my timeline"): no timeline of the story asked
_OWN = frozenset("my mi our nuestra nuestro mis".split())


def asks_for_timeline(folded: str) -> bool:
    """Whether a question (already folded) asks for the order of events."""
    if _TRIGGERS.isdisjoint(folded.split()):
        return False
    return any(not _OWN.intersection(folded[:m.start()].split()[-1:])
               for m in _ASKS.finditer(folded))


def timeline_answer(kb: KnowledgeBase, question: str, lang: Lang) -> Answer:
    """The dated events in order, each with the article's wording, its source and status."""
    t = TEXTS[lang]
    lines = [t["intro"] if kb.events else t["empty"]]
    moments: list[Moment] = []
    previous: int | None = None
    for n, event in enumerate(kb.events, start=1):
        source = kb.sources[event.source].label(lang)
        same = f" ({t['same']})" if event.order == previous else ""
        lines.append(f"{n}. {event.when.get(lang)}{same}: {event.what.get(lang)} "
                     f"— “{event.words}” ({source}; {STATUS_LABEL[lang][event.status]})")
        moments.append(Moment(event.id, event.order, event.when.get(lang), event.words,
                              event.source, event.status))
        previous = event.order
    names = tuple(dict.fromkeys(kb.sources[e.source].label(lang) for e in kb.events))
    return Answer(question=question, answered=bool(kb.events), kind="timeline", id=None,
                  lang=lang, answer="\n".join(lines),
                  attribution=t["attribution"].format(who=" · ".join(names)) if names else None,
                  quote=None, sources=names, status=None, confidence=1.0,
                  decision="answer" if kb.events else "abstain", events=tuple(moments))
