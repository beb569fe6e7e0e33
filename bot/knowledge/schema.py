"""The knowledge file format, declared once: it validates files and generates their JSON Schema.

A small declarative table rather than pydantic: it gives field-level messages we can place on a
YAML line, emits the JSON Schema editors use, and costs nothing at start-up (pydantic's import and
model build alone would take a third of the `storybot ask` time budget).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Path_ = tuple[str | int, ...]
Report = Callable[[Path_, str], None]

MAX_TEXT = 2000  # characters in one text field; an answer is a few sentences
MAX_ASKED_BEFORE = 4_000_000  # characters of questions asked before in one file (2.1 M, 2026-11)
ANSWERED_BY = "answered by:"  # heads the questions asked before that these entries answer
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

STATUSES = {
    "reported": "a named source reports it as fact",
    "claim": "a named source's characterisation or allegation",
    "unattributed": "the article gives no source",
}
LANGS = ("en", "es")
# relation id -> how an entity profile phrases it, in English and Spanish.
RELATIONS: dict[str, tuple[str, str]] = {
    "owns": ("owns", "es dueño de"),
    "owned_by": ("is owned by", "pertenece a"),
    "mayor_of": ("is mayor of", "es alcalde de"),
    "majority_backed_by": ("is majority-backed by", "tiene como socio mayoritario a"),
    "ships_through": ("ships through", "envía carga por"),
    "donated_to": ("was given to", "se entregó a"),
    "donated_by": ("was given by", "vino de"),
    "locomotives_for": ("is the origin of the locomotives given to",
                        "es el origen de las locomotoras entregadas a"),
    "authored": ("co-wrote", "coescribió"),  # (no "coautor/coautora": either author)
    "authored_by": ("was written by", "fue escrito por"),
    "fellow_at": ("is a senior fellow at", "es investigador principal de"),
    "published_by": ("was published by", "fue publicado por"),
    "published": ("published", "publicó"),
    "invested_in": ("invested in", "invirtió en"),
    "located_in": ("is in", "está en"),
    "from": ("is from", "es de"),  # ("a Peruvian news outlet")
    "part_of": ("is part of", "es parte de"),
    "leader_of": ("is the leader of", "es el líder de"),
    "served_in": ("served in", "formó parte de"),
    "visited": ("visited", "visitó"),
    "ally_of": ("is an ally of", "es aliado de"),
    "backed_by": ("is backed by", "tiene el respaldo de"),
    "opened": ("opened", "inauguró"),
    "spoke_at": ("spoke at", "habló en"),
    "criticised": ("criticised", "criticó"),
    "invests_in": ("invests in", "invierte en"),
    "carries_for": ("carries shipments for", "transporta envíos de"),
    "state_owned_by": ("is a state-owned company of", "es una empresa estatal de"),
}
ENTITY_TYPES = ("person", "organisation", "place", "thing", "event", "document")
PRONOUNS = ("she", "he")
SOURCE_KINDS = ("article", "news_outlet", "news_reports", "study", "statement")


class Type:
    """A field type: checks a value and describes itself as JSON Schema."""

    def check(self, value: Any, path: Path_, report: Report) -> None:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Type):
    max_len: int = MAX_TEXT

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if not isinstance(value, str):
            report(path, f"must be text, not {_kind(value)}")
        elif not value.strip():
            report(path, "must not be empty")
        elif len(value) > self.max_len:
            report(path, f"is {len(value)} characters, over the limit of {self.max_len}")

    def json(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.max_len}


@dataclass(frozen=True)
class Id(Type):
    refers_to: str = ""  # documentation only; references are checked by the loader

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if not isinstance(value, str):
            report(path, f"must be an id (text), not {_kind(value)}")
        elif not ID_PATTERN.match(value):
            report(path, f"'{value}' is not a valid id (lowercase letters, digits and '-')")

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN.pattern}
        if self.refers_to:
            schema["description"] = f"id of {self.refers_to}"
        return schema


@dataclass(frozen=True)
class Choice(Type):
    choices: tuple[str, ...]

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if value not in self.choices:
            report(path, f"must be one of {', '.join(self.choices)} (got {value!r})")

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


@dataclass(frozen=True)
class Whole(Type):
    """A whole number from 1 to 1000."""

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            report(path, f"must be a whole number from 1 to 1000 (got {value!r})")

    def json(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1, "maximum": 1000}


@dataclass(frozen=True)
class Nullable(Type):
    inner: Type

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if value is not None:
            self.inner.check(value, path, report)

    def json(self) -> dict[str, Any]:
        return {"anyOf": [self.inner.json(), {"type": "null"}]}


@dataclass(frozen=True)
class ListOf(Type):
    item: Type
    min_items: int = 0

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if not isinstance(value, list):
            report(path, f"must be a list, not {_kind(value)}")
            return
        if len(value) < self.min_items:
            report(path, f"needs at least {self.min_items} item(s)")
        for i, item in enumerate(value):
            self.item.check(item, (*path, i), report)

    def json(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json(), "minItems": self.min_items}


@dataclass(frozen=True)
class Field:
    type: Type
    doc: str
    required: bool = True


@dataclass(frozen=True)
class Record(Type):
    fields: dict[str, Field]
    doc: str = ""

    def check(self, value: Any, path: Path_, report: Report) -> None:
        if not isinstance(value, dict):
            report(path, f"must be a mapping of fields, not {_kind(value)}")
            return
        for name, spec in self.fields.items():
            if name in value:
                spec.type.check(value[name], (*path, name), report)
            elif spec.required:
                report((*path, name), "is missing")
        for name in value:
            if name not in self.fields:
                hint = _closest(str(name), self.fields)
                report((*path, name), "is not a known field" + (f" (did you mean '{hint}'?)"
                                                               if hint else ""))

    def json(self) -> dict[str, Any]:
        props = {name: {**spec.type.json(), "description": spec.doc}
                 for name, spec in self.fields.items()}
        schema: dict[str, Any] = {"type": "object", "properties": props,
                                  "additionalProperties": False,
                                  "required": [n for n, s in self.fields.items() if s.required]}
        if self.doc:
            schema["description"] = self.doc
        return schema


def bilingual(item: Type, doc: str, required: bool = True) -> Field:
    """A field given in English (`en`) and Spanish (`es`)."""
    return Field(Record({"en": Field(item, "English"), "es": Field(item, "Spanish")}), doc,
                 required)


def _kind(value: Any) -> str:
    if value is None:
        return "empty (null)"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _closest(name: str, options: dict[str, Field]) -> str | None:
    from difflib import get_close_matches

    found = get_close_matches(name, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


STATUS = Choice(tuple(STATUSES))
QUESTIONS = ListOf(Text(300), min_items=1)

SOURCE = Record({
    "id": Field(Id(), "Unique among sources."),
    "name": Field(Text(120), "How answers name it in English, e.g. 'NBC News'."),
    "name_es": Field(Text(120), "How answers name it in Spanish."),
    "kind": Field(Choice(SOURCE_KINDS), "What sort of source it is."),
    "description": bilingual(Text(), "One or two sentences: what it is, per the article."),
    "entity": Field(Id("an entity"), "The entity behind it (outlet, person), if any.", False),
    "aliases": Field(ListOf(Text(120)), "Other names an answer may use for it.", False),
}, "Who reported or published something.")

LINK = Record({
    "relation": Field(Choice(tuple(RELATIONS)), "How the entity relates to the target."),
    "target": Field(Id("an entity"), "The other entity."),
    "source": Field(Id("a source"), "Who says so."),
    "status": Field(STATUS, "How sure the article is."),
    "note": Field(Text(), "An ambiguity worth knowing.", False),
}, "A typed link from this entity to another.")

ENTITY = Record({
    "id": Field(Id(), "Unique among entities, facts and quotes."),
    "name": Field(Text(120), "Display name, with accents as the person writes it."),
    "name_es": Field(Text(120), "How Spanish answers name it, if not the same.", False),
    "type": Field(Choice(ENTITY_TYPES), "What it is."),
    "pronoun": Field(Choice(PRONOUNS),
                     "A person's, as people refer to them: 'the think tank lady' is only a "
                     "person with 'she'.", False),
    "aliases": Field(ListOf(Text(120)), "Every other name or spelling people use.", False),
    "description": bilingual(Text(), "A short profile that names its source."),
    "source": Field(Id("a source"), "Who the description comes from."),
    "status": Field(STATUS, "How sure the article is of the description."),
    "links": Field(ListOf(LINK), "Typed links to other entities.", False),
    "questions": bilingual(ListOf(Text(300)), "Example questions it answers.", False),
    "described_as": bilingual(ListOf(Text(120)),
                              "Descriptions people use instead of its name ('the railway "
                              "company'); each must fit this entity alone.", False),
    "note": Field(Text(), "Ambiguities in the article, for moderators.", False),
}, "A person, organisation, place or thing in the story.")

CONCERNS = Field(ListOf(Id("an entity")),
                 "Entities readers take it to be about though it names none of them (\"this "
                 "individual\"): questions naming them find it; it is never attributed to them.",
                 False)

FACT = Record({
    "id": Field(Id(), "Unique among entities, facts and quotes."),
    "title": bilingual(Text(120), "A short title, shown as a suggestion."),
    "answer": bilingual(Text(), "The answer, naming its source; claims stay claims."),
    "sources": Field(ListOf(Id("a source"), min_items=1), "Who reports it."),
    "status": Field(STATUS, "How sure the article is."),
    "entities": Field(ListOf(Id("an entity")), "Entities it is about.", False),
    "concerns": CONCERNS,
    "keywords": Field(ListOf(Text(120)), "Extra words people may use to ask for it.", False),
    "questions": bilingual(QUESTIONS, "Example questions it answers."),
    "note": Field(Text(), "Ambiguities in the article, for moderators.", False),
}, "One answerable fact of the story.")

QUOTE = Record({
    "id": Field(Id(), "Unique among entities, facts and quotes."),
    "text": Field(Text(), "The exact words, verbatim from the article."),
    "speaker": Field(Nullable(Id("an entity")),
                     "Who said or wrote it; null (explicitly) when the article does not say."),
    "source": Field(Id("a source"), "Who reports the quote."),
    "status": Field(STATUS, "How sure the article is of who said it."),
    "context": bilingual(Text(), "Where and about what it was said."),
    "when": bilingual(Text(120), "When, kept relative as the article does.", False),
    "entities": Field(ListOf(Id("an entity")), "Entities it is about.", False),
    "concerns": CONCERNS,
    "keywords": Field(ListOf(Text(120)), "Extra words people may use to ask for it.", False),
    "questions": bilingual(QUESTIONS, "Example questions it answers."),
    "note": Field(Text(), "Ambiguities in the article, for moderators.", False),
}, "A quoted passage of the story.")

TAUGHT = Record({
    "entry": Field(Id("an entity, fact or quote"), "The entry the question should find."),
    "question": Field(Text(300), "The question, as asked."),
    "lang": Field(Choice(LANGS), "Its language."),
    "by": Field(Text(120), "Who taught it (a hashed id)."),
    "at": Field(Text(40), "When (ISO 8601, UTC)."),
}, "A question a moderator taught with /kb teach (machine-managed).")

EVENT = Record({
    "id": Field(Id(), "Unique among events."),
    "order": Field(Whole(), "Place in time, 1 first; events with the same number are in the "
                            "same period and the article does not say which came first."),
    "when": bilingual(Text(120), "When, only as the article words it ('last November'); "
                                 "never a date it does not give."),
    "words": Field(Text(), "The article's own sentence fragment that dates it, verbatim."),
    "what": bilingual(Text(), "What happened, naming its source; claims stay claims."),
    "source": Field(Id("a source"), "Who reports it."),
    "status": Field(STATUS, "How sure the article is."),
    "entities": Field(ListOf(Id("an entity")), "Entities it involves.", False),
    "entry": Field(Id("a fact or quote"), "The fact or quote that tells more.", False),
    "note": Field(Text(), "Ambiguities in the article, for moderators.", False),
}, "A dated event of the story, for the timeline.")

KINDS: dict[str, Record] = {"sources": SOURCE, "entities": ENTITY, "facts": FACT,
                            "quotes": QUOTE, "taught": TAUGHT, "events": EVENT}

FILE = Record({
    **{kind: Field(ListOf(record), record.doc, False) for kind, record in KINDS.items()},
    "synonyms": Field(ListOf(ListOf(Text(60), min_items=2)),
                      "Groups of words or phrases that mean the same for matching.", False),
    "asked_before": Field(Text(MAX_ASKED_BEFORE), f"Questions people asked, one per line, each "
                          f"under a line '{ANSWERED_BY} ID ID ...' naming the entries that "
                          f"answer it ('{ANSWERED_BY} nothing': the story does not).", False),
}, "One StoryBot knowledge file; all files in the directory merge into one knowledge base.")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a knowledge file, for editors."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "storybot-knowledge.schema.json", "title": "StoryBot knowledge file",
            **FILE.json()}
