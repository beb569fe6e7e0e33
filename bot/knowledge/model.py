"""The knowledge base as immutable, typed records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Literal

from bot.text import IN_QUOTES

Lang = Literal["en", "es"]
Status = Literal["reported", "claim", "unattributed"]


@dataclass(frozen=True)
class Bilingual:
    en: str
    es: str

    def get(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    name_es: str
    kind: str
    description: Bilingual
    entity: str | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: Lang) -> str:
        return self.name_es if lang == "es" else self.name


@dataclass(frozen=True)
class Link:
    relation: str
    target: str
    source: str
    status: Status
    note: str | None = None


@dataclass(frozen=True)
class Questions:
    en: tuple[str, ...] = ()
    es: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return (*self.en, *self.es)


# Source kinds whose facts are someone's words: a statement, a study, an outlet's report.
SPEAKING_SOURCES = ("statement", "study", "news_outlet", "news_reports")


def in_quotes(*texts: str) -> tuple[str, ...]:
    """The passages a text puts in quotation marks: the words it reports as someone's own."""
    return tuple(q for text in texts for q in IN_QUOTES.findall(text))


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: Bilingual
    source: str
    status: Status
    links: tuple[Link, ...] = ()
    questions: Questions = Questions()
    note: str | None = None
    described_as: Questions = Questions()  # descriptions people use instead of its name
    name_es: str | None = None  # how Spanish answers name it, when not the same
    pronoun: str | None = None  # a person's "she" or "he": who "the think tank lady" can be
    kind: Literal["entity"] = "entity"

    def title(self, lang: Lang) -> str:
        return self.called(lang)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def asked_texts(self) -> tuple[str, ...]:
        return self.questions.all()

    def said_words(self) -> tuple[str, ...]:
        """Someone's own words it carries (a profile reports none)."""
        return ()

    def prose(self) -> tuple[str, ...]:
        return (self.description.en, self.description.es)

    def about(self) -> tuple[str, ...]:
        return (self.id,)

    @property
    def concerns(self) -> tuple[str, ...]:
        return ()

    def source_ids(self) -> tuple[str, ...]:
        return (self.source,)

    def says_who(self, kb: KnowledgeBase) -> bool:
        """A profile lists a speaker's quotes, but "what did X say" is answered better by the
        quotes themselves and the facts that report them. A news outlet's profile is the
        exception: it lists what the outlet reported ("what did Justo Medio report")."""
        return any(s.entity == self.id and s.kind == "news_outlet" for s in kb.sources.values())

    def called(self, lang: Lang) -> str:
        """Its name in an answer's sentence or a suggestion, in `lang` (matching keeps `name`)."""
        return self.name_es if lang == "es" and self.name_es else self.name


@dataclass(frozen=True)
class Fact:
    id: str
    titles: Bilingual
    answer: Bilingual
    sources: tuple[str, ...]
    status: Status
    entities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    questions: Questions = Questions()
    note: str | None = None
    # Entities a reader takes it to be about though it names none of them ("this individual"):
    # it is found by their names, never attributed to them nor said to be about them
    concerns: tuple[str, ...] = ()
    kind: Literal["fact"] = "fact"

    def title(self, lang: Lang) -> str:
        return self.titles.get(lang)

    def names(self) -> tuple[str, ...]:
        return ()

    def asked_texts(self) -> tuple[str, ...]:
        return (*self.questions.all(), self.titles.en, self.titles.es, *self.keywords)

    def said_words(self) -> tuple[str, ...]:
        """The words it quotes, in either language ("China's man in Peru")."""
        return in_quotes(self.answer.en, self.answer.es)

    def prose(self) -> tuple[str, ...]:
        return (self.answer.en, self.answer.es)

    def about(self) -> tuple[str, ...]:
        return self.entities

    def source_ids(self) -> tuple[str, ...]:
        return self.sources

    def says_who(self, kb: KnowledgeBase) -> bool:
        """A fact reporting a statement or a study says who said it; so does one the article
        leaves unattributed (its answer is that nobody is named)."""
        return self.status == "unattributed" or any(
            sid in kb.sources and kb.sources[sid].kind in SPEAKING_SOURCES for sid in self.sources)


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    speaker: str | None
    source: str
    status: Status
    context: Bilingual
    when: Bilingual | None = None
    entities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    questions: Questions = Questions()
    note: str | None = None
    concerns: tuple[str, ...] = ()  # as for a fact
    kind: Literal["quote"] = "quote"

    def title(self, lang: Lang) -> str:
        words = self.text.split()
        short = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        return f"“{short.strip('“”')}”"

    def names(self) -> tuple[str, ...]:
        return ()

    def asked_texts(self) -> tuple[str, ...]:
        return (*self.questions.all(), *self.keywords)

    def said_words(self) -> tuple[str, ...]:
        """Its own words, and what its context quotes (a translation, a phrase of it)."""
        return (self.text, *in_quotes(self.context.en, self.context.es))

    def prose(self) -> tuple[str, ...]:
        return (self.text, self.context.en, self.context.es)

    def about(self) -> tuple[str, ...]:
        return (*self.entities, *([self.speaker] if self.speaker else []))

    def source_ids(self) -> tuple[str, ...]:
        return (self.source,)

    def says_who(self, kb: KnowledgeBase) -> bool:
        return True


Entry = Entity | Fact | Quote


@dataclass(frozen=True)
class Event:
    """A dated event of the story: when only as the article words it, and who reports it."""

    id: str
    order: int
    when: Bilingual
    words: str
    what: Bilingual
    source: str
    status: Status
    entities: tuple[str, ...] = ()
    entry: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Taught:
    entry: str
    question: str
    lang: Lang
    by: str
    at: str


@dataclass(frozen=True)
class AskedBefore:
    """Questions people asked that the same entries answer (none: the story does not). Kept as
    one text, a question a line: tens of thousands of small strings would cost every process
    that loads the knowledge several megabytes, and only the engine's first build splits them."""

    answers: tuple[str, ...]
    text: str  # the questions, one per line

    @property
    def questions(self) -> list[str]:
        return self.text.splitlines()


@dataclass(frozen=True)
class KnowledgeBase:
    """One complete, validated knowledge base; replaced whole, never edited in place."""

    sources: dict[str, Source]
    entries: dict[str, Entry]  # entities, facts and quotes share one id space
    synonyms: tuple[tuple[str, ...], ...]
    taught: tuple[Taught, ...]
    files: tuple[str, ...]
    content_hash: str
    loaded_at: datetime = field(compare=False)
    events: tuple[Event, ...] = ()  # in time order (see Event.order)
    warnings: tuple[str, ...] = ()  # "FILE:LINE: message": suspect but loadable (see loader)
    asked_before: tuple[AskedBefore, ...] = ()

    @property
    def entities(self) -> list[Entity]:
        return [e for e in self.entries.values() if isinstance(e, Entity)]

    @property
    def facts(self) -> list[Fact]:
        return [e for e in self.entries.values() if isinstance(e, Fact)]

    @property
    def quotes(self) -> list[Quote]:
        return [e for e in self.entries.values() if isinstance(e, Quote)]

    @cached_property
    def quotes_by_speaker(self) -> dict[str, list[Quote]]:
        """Each speaker's quotes, computed once (answers look them up per question)."""
        said: dict[str, list[Quote]] = {}
        for quote in self.quotes:
            if quote.speaker:
                said.setdefault(quote.speaker, []).append(quote)
        return said

    @cached_property
    def facts_reported_by(self) -> dict[str, list[Fact]]:
        """For each entity behind a source (an outlet, a study), the facts that source reports."""
        reported: dict[str, list[Fact]] = {}
        for fact in self.facts:
            for sid in fact.sources:
                entity = self.sources[sid].entity if sid in self.sources else None
                if entity and fact not in reported.get(entity, []):
                    reported.setdefault(entity, []).append(fact)
        return reported

    def counts(self) -> dict[str, int]:
        """How many records of each kind, for summaries and /kb status."""
        questions = {"en": 0, "es": 0}
        for entry in self.entries.values():
            questions["en"] += len(entry.questions.en)
            questions["es"] += len(entry.questions.es)
        for taught in self.taught:
            questions[taught.lang] += 1
        return {
            "sources": len(self.sources),
            "entities": len(self.entities),
            "links": sum(len(e.links) for e in self.entities),
            "facts": len(self.facts),
            "quotes": len(self.quotes),
            "questions_en": questions["en"],
            "questions_es": questions["es"],
            "synonym_groups": len(self.synonyms),
            "taught": len(self.taught),
            "events": len(self.events),
            "asked_before": sum(a.text.count("\n") + 1 for a in self.asked_before),
        }

    def summary(self) -> str:
        c = self.counts()
        return (f"{c['sources']} sources, {c['entities']} entities, {c['links']} links, "
                f"{c['facts']} facts, {c['quotes']} quotes, example questions: "
                f"{c['questions_en']} en / {c['questions_es']} es, "
                f"{c['synonym_groups']} synonym groups, {c['taught']} taught, "
                f"{c['events']} events, {c['asked_before']} questions asked before")
