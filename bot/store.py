"""The live knowledge: one (knowledge base, engine) pair, swapped whole on a successful reload.

Validation happens before the swap, so a broken file never empties or half-updates what is being
served: the last good knowledge stays until a reload succeeds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.engine.answerer import Engine
from bot.knowledge import KnowledgeBase, KnowledgeError, Problem, load_knowledge
from bot.knowledge.loader import knowledge_files
from bot.knowledge.yamlfile import YamlError, load_yaml, read_text
from bot.settings import Settings
from bot.text import fold
from bot.wiring import build_engine

log = logging.getLogger(__name__)

TAUGHT_FILE = "taught.yaml"
LOCK_FILE = ".taught.yaml.lock"  # not a .yaml file, so never read as knowledge
LOCK_WAIT_SECONDS = 30.0  # another process teaching holds the lock for well under a second
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

    def __init__(self, settings: Settings, warm: bool = False) -> None:
        self.settings = settings
        self.path = settings.knowledge_path
        # A long-running server warms each engine it builds (off the event loop, as reloads
        # run in a thread): not the first question after it, nor a one-off command, waits.
        self.warm = warm
        engine = build_engine(settings)  # at start-up there is no last good knowledge to fall on
        if warm:
            engine.warm()
        self._live = Live(engine.kb, engine)
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
            engine = build_engine(self.settings)
            if self.warm:
                engine.warm()
        except KnowledgeError as exc:
            self._signature = signature  # do not retry the same broken files in a loop
            log.warning("reload failed, keeping knowledge %s: %d problem(s)",
                        self.kb.content_hash, len(exc.problems))
            return ReloadResult(False, self.kb.summary(), tuple(exc.problems))
        self._live = Live(engine.kb, engine)  # one reference swap: old or new, never half
        self._signature = signature
        return ReloadResult(True, engine.kb.summary())

    def teach(self, entry_id: str, question: str, lang: str, by: str) -> ReloadResult:
        """Add `question` as an example of `entry_id` in the machine-managed file, then reload.

        Safe across processes (the bot and `storybot teach`): a file lock around the whole
        read-modify-write, the new file validated with the rest before it replaces the old one
        through a unique temporary file, so a bad teach changes nothing on disk or in memory.
        """
        from filelock import FileLock, Timeout  # only teaching needs it (~30 ms to import)

        target = self.path / TAUGHT_FILE
        lock = FileLock(str(self.path / LOCK_FILE), timeout=LOCK_WAIT_SECONDS)
        try:
            with lock:
                result = self._teach_locked(target, entry_id, question, lang, by)
        except Timeout:
            return ReloadResult(False, self.kb.summary(), (Problem(
                str(target), 0, f"another process has been teaching for over "
                f"{LOCK_WAIT_SECONDS:.0f} s (lock {self.path / LOCK_FILE}); try again"),))
        except OSError as exc:
            return ReloadResult(False, self.kb.summary(), (Problem(
                str(target), 0, f"cannot write: {exc.strerror or exc}"),))
        return result if result is not None else self.reload()

    def _teach_locked(self, target: Path, entry_id: str, question: str, lang: str,
                      by: str) -> ReloadResult | None:
        """The read-modify-write, under the lock; None when written (then reload)."""
        current: list[Any] = []
        if target.exists():
            try:  # the same guarded reader as every knowledge file: no bombs, located errors
                data = load_yaml(read_text(target)).data or {}
            except YamlError as exc:
                return ReloadResult(False, self.kb.summary(),
                                    (Problem(str(target), exc.line, exc.message),))
            if isinstance(data, dict) and isinstance(data.get("taught"), list):
                current = list(data["taught"])
        wanted = fold(question)
        for old in current:
            if isinstance(old, dict) and fold(str(old.get("question", ""))) == wanted:
                return ReloadResult(False, self.kb.summary(), (Problem(
                    str(target), 0, f"“{question}” is already taught, as an example of "
                    f"'{old.get('entry')}'; nothing changed"),))
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
        fd, partial = tempfile.mkstemp(prefix=".taught.", suffix=".tmp", dir=self.path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, target)  # atomic: the file is old or new, never half-written
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
        return None
