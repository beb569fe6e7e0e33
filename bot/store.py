"""The live knowledge: one (knowledge base, engine) pair, swapped whole on a successful reload.

Validation happens before the swap, so a broken file never empties or half-updates what is being
served: the last good knowledge stays until a reload succeeds.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.engine.answerer import Engine
from bot.engine.matcher import Thresholds
from bot.knowledge import KnowledgeBase, KnowledgeError, Problem, load_knowledge
from bot.knowledge.loader import knowledge_files
from bot.knowledge.yamlfile import YamlError, load_yaml, read_text

log = logging.getLogger(__name__)

TAUGHT_FILE = "taught.yaml"
TAUGHT_HEADER = ("# Machine-managed: /kb teach and `storybot teach` append here. "
                 "Do not edit by hand.\n")


@dataclass(frozen=True)
class Live:
    kb: KnowledgeBase
    engine: Engine


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    summary: str
    problems: tuple[Problem, ...] = ()


class KnowledgeStore:
    """Serves the last good knowledge of a directory and reloads it on demand."""

    def __init__(self, path: Path, thresholds: Thresholds | None = None) -> None:
        self.path = path
        self.thresholds = thresholds or Thresholds()
        kb = load_knowledge(path)  # at start-up there is no last good knowledge to fall back on
        self._live = Live(kb, Engine(kb, self.thresholds))
        self._signature = self.signature()

    @property
    def kb(self) -> KnowledgeBase:
        return self._live.kb

    @property
    def engine(self) -> Engine:
        return self._live.engine

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """Names, sizes and mtimes of the knowledge files: cheap change detection."""
        try:
            return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                         for p in knowledge_files(self.path))
        except (KnowledgeError, OSError):
            return ()

    def changed(self) -> bool:
        return self.signature() != self._signature

    def reload(self) -> ReloadResult:
        """Load and validate; swap in on success, keep serving the old knowledge on failure."""
        signature = self.signature()
        try:
            kb = load_knowledge(self.path)
            engine = Engine(kb, self.thresholds)
        except KnowledgeError as exc:
            self._signature = signature  # do not retry the same broken files in a loop
            log.warning("reload failed, keeping knowledge %s: %d problem(s)",
                        self.kb.content_hash, len(exc.problems))
            return ReloadResult(False, self.kb.summary(), tuple(exc.problems))
        self._live = Live(kb, engine)  # one reference swap: readers see old or new, never half
        self._signature = signature
        return ReloadResult(True, kb.summary())

    def teach(self, entry_id: str, question: str, lang: str, by: str) -> ReloadResult:
        """Add `question` as an example of `entry_id` in the machine-managed file, then reload.

        The new file is validated together with the rest before it replaces the old one, so a
        bad teach changes nothing on disk or in memory.
        """
        target = self.path / TAUGHT_FILE
        current: list[Any] = []
        if target.is_file():
            try:  # the same guarded reader as every knowledge file: no bombs, located errors
                data = load_yaml(read_text(target)).data or {}
            except YamlError as exc:
                return ReloadResult(False, self.kb.summary(),
                                    (Problem(str(target), exc.line, exc.message),))
            if isinstance(data, dict) and isinstance(data.get("taught"), list):
                current = list(data["taught"])
        current.append({"entry": entry_id, "question": question, "lang": lang, "by": by,
                        "at": datetime.now(UTC).isoformat(timespec="seconds")})
        text = TAUGHT_HEADER + yaml.safe_dump({"taught": current}, allow_unicode=True,
                                              sort_keys=False, width=100)
        with tempfile.TemporaryDirectory() as tmp:
            trial = Path(tmp)
            for path in knowledge_files(self.path):
                if path.name != TAUGHT_FILE:
                    (trial / path.name).write_bytes(path.read_bytes())
            (trial / TAUGHT_FILE).write_text(text, encoding="utf-8")
            try:
                load_knowledge(trial)
            except KnowledgeError as exc:
                shown = tuple(Problem(str(self.path / Path(p.file).name), p.line, p.message)
                              for p in exc.problems)
                return ReloadResult(False, self.kb.summary(), shown)
        partial = target.with_suffix(".yaml.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)  # atomic: the file is old or new, never half-written
        return self.reload()
