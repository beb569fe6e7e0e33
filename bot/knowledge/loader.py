"""Load a knowledge directory all-or-nothing: a complete, valid KnowledgeBase or every problem."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.knowledge import schema
from bot.knowledge.model import (
    AskedBefore,
    Bilingual,
    Entity,
    Entry,
    Event,
    Fact,
    KnowledgeBase,
    Link,
    Questions,
    Quote,
    Source,
    Taught,
)
from bot.knowledge.yamlfile import LoadedYaml, YamlError, load_yaml, read_text
from bot.text import DROPPED, MAX_QUESTION_CHARS, STOPWORDS, fold

log = logging.getLogger(__name__)

KNOWLEDGE_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge, placed at FILE:LINE."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge could not be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def knowledge_files(root: Path) -> list[Path]:
    """The knowledge files under `root` (a directory, or one file), in a stable order."""
    if root.is_file() or (root.suffix in KNOWLEDGE_SUFFIXES and not root.is_dir()
                          and root.is_symlink()):
        return [root]
    if not root.is_dir():
        raise KnowledgeError([Problem(_display(root), 0, "no such knowledge file or directory")])
    try:  # every .yaml name counts, even one that cannot be read: it is reported, not skipped
        files = sorted(p for p in root.iterdir() if p.suffix in KNOWLEDGE_SUFFIXES)
    except OSError as exc:
        raise KnowledgeError([Problem(_display(root), 0, "cannot list the knowledge folder: "
                                      f"{exc.strerror or exc}")]) from exc
    if not files:
        raise KnowledgeError([Problem(_display(root), 0, "no .yaml knowledge files here")])
    if len(files) > MAX_FILES:
        raise KnowledgeError([Problem(_display(root), 0, f"more than {MAX_FILES} files")])
    return files


class _Builder:
    """Collects records and problems across files, then cross-checks them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.entries: dict[str, Entry] = {}
        self.synonyms: list[tuple[str, ...]] = []
        self.taught: list[Taught] = []
        self.asked_before: list[AskedBefore] = []
        # id -> (file, line) of its first definition, for duplicate messages and references.
        self.source_at: dict[str, tuple[str, int]] = {}
        self.entry_at: dict[str, tuple[str, int]] = {}
        # (file, line, field label, referenced id, "source" | "entity" | "entry")
        self.refs: list[tuple[str, int, str, str, str]] = []
        self.questions_at: dict[str, tuple[str, int, str]] = {}
        self.descriptions_at: dict[str, tuple[str, int, str]] = {}
        # Taught questions, checked against every example once all files are read.
        self.taught_at: list[tuple[str, int, int, Taught]] = []
        # Facts whose answers must name a source; checked once every source is known.
        self.attributions: list[tuple[str, int, str, Fact]] = []
        self.events: dict[str, Event] = {}
        self.event_at: dict[str, tuple[str, int]] = {}
        # (entity id, link index) -> (file, line), for warnings about links.
        self.link_at: dict[tuple[str, int], tuple[str, int]] = {}

    def add_problem(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def add_file(self, file: str, loaded: LoadedYaml) -> None:
        data = loaded.data
        if data is None:
            return  # an empty file is allowed (e.g. a fresh taught.yaml)
        bad_records: set[tuple[str, int]] = set()

        def report(path: schema.Path_, message: str) -> None:
            if len(path) >= 2 and isinstance(path[1], int):
                bad_records.add((str(path[0]), path[1]))
            self.add_problem(file, loaded.line_of(path), f"{_label(data, path)}: {message}")

        schema.FILE.check(data, (), report)
        if not isinstance(data, dict):
            return
        for kind in schema.KINDS:
            records = data.get(kind)
            if not isinstance(records, list):
                continue
            for i, raw in enumerate(records):
                line = loaded.line_of((kind, i))
                self._register_id(file, kind, raw, line, loaded, i)
                if (kind, i) in bad_records:
                    continue
                self._build(file, kind, raw, loaded, (kind, i))
        asked = data.get("asked_before")
        if isinstance(asked, str):
            self._read_asked_before(file, loaded.line_of(("asked_before",)), asked)
        synonyms = data.get("synonyms")
        if isinstance(synonyms, list) and not any(p[0] == "synonyms" for p in bad_records):
            self.synonyms.extend(tuple(group) for group in synonyms if isinstance(group, list))
            self._check_synonyms(file, loaded, synonyms)

    def _read_asked_before(self, file: str, key_line: int, text: str) -> None:
        """Questions asked before, each under the 'answered by:' line above it (the text is a
        block, `asked_before: |`, so its lines follow the key's)."""
        answers: tuple[str, ...] | None = None
        heading = schema.ANSWERED_BY
        group: list[str] = []
        for i, raw_line in enumerate(text.splitlines()):
            line, question = key_line + 1 + i, raw_line.strip()
            if not question:
                continue
            if question.casefold().startswith(heading):
                self._add_asked(answers, group)
                ids = question[len(heading):].split()
                answers, group = (() if ids == ["nothing"] else tuple(ids)), []
                if not ids:
                    self.add_problem(file, line, f"asked_before: '{heading}' names no entry; "
                                                 f"write '{heading} nothing' if none answers")
                for rid in answers:
                    if schema.ID_PATTERN.match(rid):
                        self.refs.append((file, line, "asked_before", rid, "entry"))
                    else:
                        self.add_problem(file, line, f"asked_before: '{rid}' is not a valid id "
                                                     "(lowercase letters, digits and '-')")
            elif answers is None:
                self.add_problem(file, line, "asked_before: a question before any "
                                             f"'{heading}' line; put '{heading} ID' above it")
            elif len(question) > MAX_QUESTION_CHARS:
                self.add_problem(file, line, f"asked_before: a question of {len(question)} "
                                             f"characters, over the limit of {MAX_QUESTION_CHARS}")
            else:
                group.append(question)
        self._add_asked(answers, group)

    def _add_asked(self, answers: tuple[str, ...] | None, questions: list[str]) -> None:
        if answers is not None and questions:
            self.asked_before.append(AskedBefore(answers, "\n".join(questions)))

    def _check_synonyms(self, file: str, loaded: LoadedYaml, groups: list[Any]) -> None:
        """A phrase of words the matcher drops ("make off with") would mean nothing at all; one
        that keeps a single word ("hand over": "hand") gives every use of that word the group's
        meaning ("on the other hand")."""
        for i, group in enumerate(groups):
            for j, member in enumerate(group if isinstance(group, list) else ()):
                words = fold(str(member)).split()
                kept = [w for w in words if w not in DROPPED]
                if len(words) < 2 or len(kept) > 1:
                    continue
                line = loaded.line_of(("synonyms", i, j))
                if not kept:
                    self.add_problem(file, line,
                                     f"synonyms[{i}][{j}]: '{member}' is only words the matcher "
                                     "ignores, so it would never match; reword it or drop it")
                else:
                    self.add_problem(file, line,
                                     f"synonyms[{i}][{j}]: '{member}' keeps only '{kept[0]}' once "
                                     "the words the matcher ignores are dropped, so every "
                                     f"'{kept[0]}' would mean '{group[0]}'; write '{kept[0]}' "
                                     "alone if that is meant, or reword it")

    def _register_id(self, file: str, kind: str, raw: Any, line: int, loaded: LoadedYaml,
                     index: int) -> None:
        if kind == "taught" or not isinstance(raw, dict):
            return
        rid = raw.get("id")
        if not isinstance(rid, str) or not schema.ID_PATTERN.match(rid):
            return
        table = {"sources": self.source_at, "events": self.event_at}.get(kind, self.entry_at)
        if rid in table:
            first_file, first_line = table[rid]
            self.add_problem(file, loaded.line_of((kind, index, "id")),
                             f"{kind}[{rid}].id: duplicate id '{rid}' "
                             f"(first defined at {first_file}:{first_line})")
        else:
            table[rid] = (file, line)

    def _ref(self, file: str, loaded: LoadedYaml, path: schema.Path_, label: str, rid: str,
             kind: str) -> None:
        self.refs.append((file, loaded.line_of(path), label, rid, kind))

    def _questions(self, raw: Any, key: str = "questions") -> Questions:
        q = raw.get(key) or {}
        return Questions(en=tuple(q.get("en", ())), es=tuple(q.get("es", ())))

    def _build(self, file: str, kind: str, raw: dict[str, Any], loaded: LoadedYaml,
               path: schema.Path_) -> None:
        rid = raw.get("id", "")
        label = f"{kind}[{rid}]"
        if kind == "sources":
            if raw.get("entity"):
                self._ref(file, loaded, (*path, "entity"), f"{label}.entity", raw["entity"],
                          "entity")
            if rid not in self.sources:
                self.sources[rid] = Source(
                    id=rid, name=raw["name"], name_es=raw["name_es"], kind=raw["kind"],
                    description=_bi(raw["description"]), entity=raw.get("entity"),
                    aliases=tuple(raw.get("aliases", ())))
            return
        if kind == "taught":
            self._ref(file, loaded, (*path, "entry"), f"taught[{path[1]}].entry", raw["entry"],
                      "entry")
            taught = Taught(raw["entry"], raw["question"], raw["lang"], raw["by"], raw["at"])
            self.taught.append(taught)
            self.taught_at.append((file, loaded.line_of((*path, "question")), int(path[1]),
                                   taught))
            return
        if kind == "events":
            self._build_event(file, raw, loaded, path, label)
            return
        entry: Entry
        if kind == "entities":
            self._ref(file, loaded, (*path, "source"), f"{label}.source", raw["source"], "source")
            links = []
            for j, link in enumerate(raw.get("links", ())):
                lpath = (*path, "links", j)
                self._ref(file, loaded, (*lpath, "target"), f"{label}.links[{j}].target",
                          link["target"], "entity")
                self._ref(file, loaded, (*lpath, "source"), f"{label}.links[{j}].source",
                          link["source"], "source")
                links.append(Link(link["relation"], link["target"], link["source"],
                                  link["status"], link.get("note")))
                self.link_at[(rid, j)] = (file, loaded.line_of(lpath))
            entry = Entity(id=rid, name=raw["name"], type=raw["type"],
                           aliases=tuple(raw.get("aliases", ())),
                           description=_bi(raw["description"]), source=raw["source"],
                           status=raw["status"], links=tuple(links),
                           questions=self._questions(raw), note=raw.get("note"),
                           described_as=self._questions(raw, "described_as"),
                           name_es=raw.get("name_es"), pronoun=raw.get("pronoun"))
            if entry.pronoun and entry.type != "person":
                self.add_problem(file, loaded.line_of((*path, "pronoun")),
                                 f"{label}.pronoun: only a person has one (this is a "
                                 f"{entry.type}); remove it")
            self._check_descriptions(file, loaded, path, label, entry)
        elif kind == "facts":
            for j, sid in enumerate(raw["sources"]):
                self._ref(file, loaded, (*path, "sources", j), f"{label}.sources[{j}]", sid,
                          "source")
            self._entity_refs(file, loaded, path, label, raw)
            entry = Fact(id=rid, titles=_bi(raw["title"]), answer=_bi(raw["answer"]),
                         sources=tuple(raw["sources"]), status=raw["status"],
                         entities=tuple(raw.get("entities", ())),
                         keywords=tuple(raw.get("keywords", ())),
                         questions=self._questions(raw), note=raw.get("note"),
                         concerns=tuple(raw.get("concerns", ())))
            self.attributions.append((file, loaded.line_of((*path, "answer")), label, entry))
        else:
            if raw["speaker"] is not None:
                self._ref(file, loaded, (*path, "speaker"), f"{label}.speaker", raw["speaker"],
                          "entity")
            self._ref(file, loaded, (*path, "source"), f"{label}.source", raw["source"], "source")
            self._entity_refs(file, loaded, path, label, raw)
            entry = Quote(id=rid, text=raw["text"], speaker=raw["speaker"], source=raw["source"],
                          status=raw["status"], context=_bi(raw["context"]),
                          when=_bi(raw["when"]) if raw.get("when") else None,
                          entities=tuple(raw.get("entities", ())),
                          keywords=tuple(raw.get("keywords", ())),
                          questions=self._questions(raw), note=raw.get("note"),
                          concerns=tuple(raw.get("concerns", ())))
            if entry.speaker is None and entry.status != "unattributed":
                self.add_problem(file, loaded.line_of((*path, "status")),
                                 f"{label}.status: a quote with no speaker must be "
                                 "'unattributed'")
        self._check_questions(file, loaded, path, label, entry)
        self.entries.setdefault(rid, entry)

    def _build_event(self, file: str, raw: dict[str, Any], loaded: LoadedYaml,
                     path: schema.Path_, label: str) -> None:
        self._ref(file, loaded, (*path, "source"), f"{label}.source", raw["source"], "source")
        self._entity_refs(file, loaded, path, label, raw)
        if raw.get("entry"):
            self._ref(file, loaded, (*path, "entry"), f"{label}.entry", raw["entry"], "entry")
        self.events.setdefault(raw["id"], Event(
            id=raw["id"], order=raw["order"], when=_bi(raw["when"]), words=raw["words"],
            what=_bi(raw["what"]), source=raw["source"], status=raw["status"],
            entities=tuple(raw.get("entities", ())), entry=raw.get("entry"),
            note=raw.get("note")))

    def link_warnings(self) -> list[str]:
        """Links that no record of their source backs: no fact, quote or event of that source is
        about both ends, and neither end's profile from that source names the other. Loadable,
        but worth a moderator's look."""
        pairs: dict[str, set[frozenset[str]]] = {}  # source id -> pairs of entities it covers

        def cover(source: str, ids: set[str]) -> None:
            pairs.setdefault(source, set()).update(frozenset((a, b)) for a in ids for b in ids)

        entities = {e.id: e for e in self.entries.values() if isinstance(e, Entity)}
        names = {eid: [fold(n) for n in (e.name, *e.aliases)] for eid, e in entities.items()}
        for entry in self.entries.values():
            if isinstance(entry, Fact):
                for sid in entry.sources:
                    cover(sid, set(entry.entities))
            elif isinstance(entry, Quote):
                cover(entry.source, set(entry.entities) | {entry.speaker or entry.id})
        for event in self.events.values():
            cover(event.source, set(event.entities))
        warnings = []
        for entity in entities.values():
            for j, link in enumerate(entity.links):
                file, line = self.link_at.get((entity.id, j), ("?", 0))
                label = f"entities[{entity.id}].links[{j}]"
                if link.target == entity.id:
                    warnings.append(f"{file}:{line}: {label}: links the entity to itself")
                    continue
                if link.target not in entities:
                    continue  # already an error
                if frozenset((entity.id, link.target)) in pairs.get(link.source, set()):
                    continue
                named = [other for this, other in ((entity, link.target),
                                                   (entities[link.target], entity.id))
                         if this.source == link.source
                         and _names_any(this.description, names[other])]
                if not named:
                    warnings.append(f"{file}:{line}: {label}: nothing from source "
                                    f"'{link.source}' connects {entity.id} and {link.target} "
                                    "(no fact, quote or event of it is about both, and neither "
                                    "profile from it names the other)")
        return warnings

    def _entity_refs(self, file: str, loaded: LoadedYaml, path: schema.Path_, label: str,
                     raw: dict[str, Any]) -> None:
        for key in ("entities", "concerns"):
            for j, eid in enumerate(raw.get(key, ())):
                self._ref(file, loaded, (*path, key, j), f"{label}.{key}[{j}]", eid, "entity")

    def _check_descriptions(self, file: str, loaded: LoadedYaml, path: schema.Path_,
                            label: str, entity: Entity) -> None:
        """A description names one entity: the same one on two entities would be a guess."""
        for lang in schema.LANGS:
            for j, phrase in enumerate(getattr(entity.described_as, lang)):
                key = fold(phrase)
                line = loaded.line_of((*path, "described_as", lang, j))
                words = key.split()
                content = [w for w in words if w not in STOPWORDS]
                if len(content) == 1 and len(words) > 2:
                    # "the would-be president" is "president" to the matcher: any president
                    self.add_problem(file, line,
                                     f"{label}.described_as.{lang}[{j}]: '{phrase}' keeps only "
                                     f"'{content[0]}' once the words the matcher ignores are "
                                     "dropped, so it would match far more than this entity; "
                                     "reword it")
                    continue
                first = self.descriptions_at.setdefault(key, (file, line, entity.id))
                if first[2] != entity.id:
                    self.add_problem(file, line,
                                     f"{label}.described_as.{lang}[{j}]: '{phrase}' already "
                                     f"describes '{first[2]}' ({first[0]}:{first[1]})")

    def _check_questions(self, file: str, loaded: LoadedYaml, path: schema.Path_, label: str,
                         entry: Entry) -> None:
        for lang in schema.LANGS:
            for j, question in enumerate(getattr(entry.questions, lang)):
                key = fold(question)
                first = self.questions_at.get(key)
                line = loaded.line_of((*path, "questions", lang, j))
                if first and first[2] != entry.id:
                    self.add_problem(file, line,
                                     f"{label}.questions.{lang}[{j}]: the same question is an "
                                     f"example of '{first[2]}' ({first[0]}:{first[1]})")
                elif not first:
                    self.questions_at[key] = (file, line, entry.id)

    def cross_check(self) -> None:
        known = {"source": self.source_at, "entity": self.entry_at, "entry": self.entry_at}
        for event in self.events.values():
            if event.entry in self.entries and isinstance(self.entries[event.entry], Entity):
                file, line = self.event_at.get(event.id, ("?", 0))
                self.add_problem(file, line, f"events[{event.id}].entry: '{event.entry}' is an "
                                             "entity; give a fact or quote")
        for file, line, label, rid, kind in self.refs:
            if rid not in known[kind]:
                self.add_problem(file, line, f"{label}: unknown {kind} '{rid}'")
            elif kind == "entity" and rid in self.entries \
                    and not isinstance(self.entries[rid], Entity):
                self.add_problem(file, line, f"{label}: '{rid}' is a {self.entries[rid].kind}, "
                                             "not an entity")
        for file, line, index, taught in self.taught_at:
            first = self.questions_at.get(fold(taught.question))
            if first and first[2] != taught.entry:
                self.add_problem(file, line, f"taught[{index}].question: the same question is "
                                             f"an example of '{first[2]}' ({first[0]}:{first[1]})")
        for file, line, label, fact in self.attributions:
            for lang in schema.LANGS:
                names = [n for sid in fact.sources if sid in self.sources
                         for n in _source_names(self.sources[sid])]
                text = fold(getattr(fact.answer, lang))
                if names and not any(fold(n) in text for n in names):
                    self.add_problem(file, line,
                                     f"{label}.answer.{lang}: does not name its source "
                                     f"({', '.join(fact.sources)}); attribution is required")


def _names_any(text: Bilingual, names: list[str]) -> bool:
    folded = f" {fold(text.en)} {fold(text.es)} "
    return any(f" {n} " in folded for n in names if n)


def _source_names(source: Source) -> list[str]:
    return [source.name, source.name_es, *source.aliases]


def _bi(raw: dict[str, str]) -> Bilingual:
    return Bilingual(en=raw["en"], es=raw["es"])


def _label(data: Any, path: schema.Path_) -> str:
    """A reader's name for `path`: 'facts[chancay-port].answer.es'."""
    if not path:
        return "file"
    out = str(path[0])
    for i, part in enumerate(path[1:], start=1):
        if isinstance(part, int):
            rid = None
            if i == 1 and isinstance(data, dict):
                records = data.get(path[0])
                if isinstance(records, list) and isinstance(records[part], dict):
                    rid = records[part].get("id")
            out += f"[{rid if isinstance(rid, str) else part}]"
        else:
            out += f".{part}"
    return out


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load and validate every knowledge file under `root`; raise KnowledgeError on any problem."""
    builder = _Builder()
    digest = hashlib.sha256()
    files = knowledge_files(root)
    unreadable = False
    for path in files:
        shown = _display(path)
        try:
            text = read_text(path)
            loaded = load_yaml(text)
        except YamlError as exc:
            builder.add_problem(shown, exc.line, exc.message)
            unreadable = True
            continue
        digest.update(path.name.encode() + b"\0" + text.encode() + b"\0")
        builder.add_file(shown, loaded)
    if not unreadable:  # (else every id of the unread file would be "unknown" elsewhere: the
        builder.cross_check()  # questions asked before alone name hundreds; fix that file first)
    if builder.problems:
        files_order = {_display(p): i for i, p in enumerate(files)}
        raise KnowledgeError(sorted(builder.problems,
                                    key=lambda p: (files_order.get(p.file, -1), p.line)))
    kb = KnowledgeBase(sources=builder.sources, entries=builder.entries,
                       synonyms=tuple(builder.synonyms), taught=tuple(builder.taught),
                       files=tuple(_display(p) for p in files),
                       content_hash=digest.hexdigest()[:12], loaded_at=datetime.now(UTC),
                       events=tuple(sorted(builder.events.values(), key=lambda e: e.order)),
                       warnings=tuple(builder.link_warnings()),
                       asked_before=tuple(builder.asked_before))
    log.info("loaded knowledge from %s: %s", root, kb.summary())
    return kb
