"""What people asked, what went unanswered, and what they found unhelpful: SQLite, no Discord.

Privacy: only the question text is kept (no usernames, no other message text), user ids are
stored as salted hashes, and rows older than the retention period are deleted.

Faults never stop answering: rows go through a queue to one writer thread, so no SQLite call
runs on the event loop. When the file is locked by another process the rows wait in memory
(bounded) until it is free; a corrupt file is moved aside (kept) and a fresh one started; a
folder that cannot be written means answering without a journal. Each case is logged once and
shown by `status()`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import sqlite3
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from bot.engine.render import Answer
from bot.text import MAX_QUESTION_CHARS, fold

# Decisions that are not a story question left unanswered (see engine/policy.py).
NOT_STORY_QUESTIONS = "('chat', 'empty')"
log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    at REAL NOT NULL, user_hash TEXT NOT NULL, question TEXT NOT NULL, lang TEXT NOT NULL,
    answered INTEGER NOT NULL, decision TEXT NOT NULL, entry_id TEXT, confidence REAL NOT NULL,
    via TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    at REAL NOT NULL, user_hash TEXT NOT NULL, question TEXT NOT NULL, entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lookups (
    at REAL NOT NULL, user_hash TEXT NOT NULL, question TEXT NOT NULL, entry_id TEXT NOT NULL,
    lang TEXT NOT NULL, via TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
CREATE INDEX IF NOT EXISTS lookups_at ON lookups (at);
"""
INSERT = {"questions": "INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "feedback": "INSERT INTO feedback VALUES (?, ?, ?, ?, ?)",
          "lookups": "INSERT INTO lookups VALUES (?, ?, ?, ?, ?, ?)"}
GROUP_SIMILARITY = 80.0  # rapidfuzz token_set_ratio (0..100) at which two questions are "the same"
SALT = b"storybot-journal-v1"
BUSY_TIMEOUT_MS = 100  # how long one write waits for another process's lock before retrying later
RETRY_SECONDS = 0.25  # pause between attempts while the file is locked
MAX_WAITING_ROWS = 50_000  # rows kept in memory while the file is locked (~10 MB); oldest dropped
BATCH = 500  # rows written per transaction
HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file


def hash_user(user_id: int | str) -> str:
    return hashlib.sha256(SALT + str(user_id).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Group:
    question: str  # the most recent wording
    count: int
    variants: tuple[str, ...]


class JournalError(Exception):
    """The journal cannot be read; the message says why in one line."""


Row = tuple[str, tuple[Any, ...]]
_STOP: Row = ("", ())


def _is_locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc))


def _is_corrupt(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in str(exc) or "not a database" in str(exc) or "corrupt" in str(exc))


def connect(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in WAL mode with a short busy timeout and the schema in place."""
    db = sqlite3.connect(str(path), timeout=busy_ms / 1000, isolation_level=None,
                         check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(SCHEMA)
    except BaseException:
        db.close()
        raise
    return db


class Journal:
    """An SQLite file of questions, feedback and look-ups, written by one background thread."""

    def __init__(self, path: Path, retention_days: int = 30,
                 max_waiting: int = MAX_WAITING_ROWS, read_only: bool = False) -> None:
        self.path = path
        self.retention = retention_days * 86400
        self.max_waiting = max_waiting
        self.state = "ok"  # ok | locked | disabled | read-only
        self.problems: list[str] = []  # what went wrong, for moderators, oldest first
        self.dropped = 0
        self._queue: queue.SimpleQueue[Row] = queue.SimpleQueue()
        self._waiting: deque[Row] = deque()
        self._idle = threading.Event()
        self._idle.set()
        self._lock = threading.Lock()
        self._inode: int | None = None
        self._thread: threading.Thread | None = None
        if read_only:  # for reports from a folder this user cannot write: no -shm file needed
            self.state = "read-only"
            self._db: sqlite3.Connection | None = sqlite3.connect(
                f"file:{path}?immutable=1", uri=True, check_same_thread=False)
            return
        self._db = self._open()
        self._thread = threading.Thread(target=self._writer, name="journal-writer", daemon=True)
        self._thread.start()

    # --- opening, with the faults handled -------------------------------------------------
    def _note(self, message: str, level: int = logging.WARNING) -> None:
        """Log a fault once and keep it for /kb status."""
        if message not in self.problems:
            self.problems.append(message)
            log.log(level, "journal: %s", message)

    def _connect(self) -> sqlite3.Connection:
        db = connect(self.path)
        if str(self.path) != ":memory:":
            self._inode = os.stat(self.path).st_ino
        return db

    def _open(self) -> sqlite3.Connection | None:
        if str(self.path) == ":memory:":
            return connect(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except sqlite3.Error as exc:
            if _is_corrupt(exc):
                self._move_aside(str(exc))
                return self._open_fresh()
            if _is_locked(exc):
                self.state = "locked"
                self._note(f"{self.path} is locked by another process; rows wait in memory "
                           "until it is free")
                return None  # the writer thread opens it once the lock is gone
            self._disable(exc)
            return None
        except OSError as exc:
            self._disable(exc)
            return None

    def _open_fresh(self) -> sqlite3.Connection | None:
        try:
            return self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return None

    def _disable(self, exc: BaseException) -> None:
        reason = getattr(exc, "strerror", None) or str(exc)
        self.state = "disabled"
        self._note(f"cannot write {self.path} ({reason}): answering without a journal; make "
                   "its folder writable (database_path in the config) and restart",
                   logging.ERROR)

    def _move_aside(self, reason: str) -> None:
        """Keep a damaged file under a timestamped name; never delete it."""
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
            self._db = None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm", "-journal"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                part.replace(Path(str(kept) + suffix))
        self._note(f"{self.path} was damaged ({reason}); kept as {kept.name}, started a fresh "
                   "journal", logging.ERROR)

    # --- writing ----------------------------------------------------------------------------
    def _put(self, table: str, values: tuple[Any, ...]) -> None:
        if self.state in ("disabled", "read-only"):
            return
        self._idle.clear()
        self._queue.put((table, values))

    def record(self, answer: Answer, user_id: int | str, via: str) -> None:
        """Queue a question and how it was answered; never blocks, never raises."""
        self._put("questions", (time.time(), hash_user(user_id),
                                answer.question[:MAX_QUESTION_CHARS], answer.lang,
                                int(answer.answered), answer.decision, answer.id,
                                answer.confidence, via))

    def feedback(self, question: str, entry_id: str, helpful: bool, user_id: int | str) -> None:
        self._put("feedback", (time.time(), hash_user(user_id), question[:MAX_QUESTION_CHARS],
                               entry_id, int(helpful)))

    def lookup(self, question: str, entry_id: str, lang: str, user_id: int | str,
               via: str) -> None:
        """A suggestion clicked or a /who, /quote look-up: which entry people chose."""
        self._put("lookups", (time.time(), hash_user(user_id), question[:MAX_QUESTION_CHARS],
                              entry_id, lang, via))

    def _take(self, block: bool) -> bool:
        """Move queued rows to the waiting list; False once asked to stop."""
        running = True
        try:
            row = self._queue.get(timeout=RETRY_SECONDS) if block else self._queue.get_nowait()
            while True:
                if row is _STOP:
                    running = False
                else:
                    self._waiting.append(row)
                row = self._queue.get_nowait()
        except queue.Empty:
            pass
        over = len(self._waiting) - self.max_waiting
        if over > 0:
            for _ in range(over):
                self._waiting.popleft()
            self.dropped += over
            self._note(f"more than {self.max_waiting} rows waited for the lock; the oldest are "
                       "being dropped")
        return running

    def _write_waiting(self) -> None:
        """Write what waits, in batches; keep it waiting if the file is locked."""
        while self._waiting and self.state != "disabled":
            with self._lock:
                self._check_file()
                if self._db is None:
                    self._db = self._connect()
                batch = [self._waiting[i] for i in range(min(BATCH, len(self._waiting)))]
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for table, values in batch:
                        self._db.execute(INSERT[table], values)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            for _ in batch:
                self._waiting.popleft()
        if self.state == "locked":
            self.state = "ok"
            log.info("journal: %s is free again; waiting rows written", self.path)

    def _check_file(self) -> None:
        """In WAL mode writes go to the -wal file, so damage to the database file itself would
        go unnoticed until a checkpoint: look at its first bytes and its identity each time."""
        if self._db is None or str(self.path) == ":memory:":
            return
        try:
            with open(self.path, "rb") as file:
                head = file.read(len(HEADER))
            inode: int | None = os.stat(self.path).st_ino
        except FileNotFoundError:
            head, inode = HEADER, None
        if head and head != HEADER:
            self._move_aside("file is not a database")
            self._db = self._open_fresh()
        elif inode != self._inode:
            self._note(f"{self.path} was removed or replaced while running; started a fresh "
                       "journal there")
            self._db.close()
            self._db = self._open_fresh()

    def _writer(self) -> None:
        running = True
        while running or self._waiting:
            running = self._take(block=not self._waiting or self.state == "locked") and running
            if self.state == "disabled":
                self._waiting.clear()
            try:
                self._write_waiting()
            except (sqlite3.Error, OSError) as exc:
                if isinstance(exc, sqlite3.Error) and _is_locked(exc):
                    if self.state != "locked":
                        self.state = "locked"
                        self._note(f"{self.path} is locked by another process; rows wait in "
                                   "memory until it is free")
                    if not running:
                        return  # closing: the caller's timeout decides how long to wait
                    continue
                if isinstance(exc, sqlite3.Error) and _is_corrupt(exc):
                    with self._lock:
                        self._move_aside(str(exc))
                        self._db = self._open_fresh()
                    continue
                with self._lock:
                    self._disable(exc)
            except Exception:
                log.exception("journal writer failed; rows kept waiting")
                time.sleep(RETRY_SECONDS)
            if not self._waiting and self._queue.empty():
                self._idle.set()
        self._idle.set()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued row is written; False if still waiting after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._idle.wait(max(0.0, deadline - time.monotonic())):
                if self._queue.empty() and not self._waiting:
                    return True
                time.sleep(0.005)  # a row was queued just as the writer went idle
        return self._queue.empty() and not self._waiting

    @property
    def waiting(self) -> int:
        return len(self._waiting) + self._queue.qsize()

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued (up to `timeout`), then close; False if rows were left."""
        if self._thread is None:  # read-only: nothing to write
            if self._db is not None:
                self._db.close()
                self._db = None
            return True
        flushed = self.flush(timeout)
        self._queue.put(_STOP)
        self._thread.join(timeout=max(0.5, timeout / 5))
        left = self.waiting
        if left:
            log.error("journal: %d row(s) could not be written before closing (%s)", left,
                      self.state)
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
        return flushed and not left

    def status(self) -> str:
        """One line for moderators: ok, or what is wrong and what it means."""
        if self.state == "ok" and not self.problems:
            return f"ok ({self.path.name})"
        text = self.problems[-1] if self.problems else self.state
        if self.waiting:
            text += f"; {self.waiting} row(s) waiting"
        return text

    # --- reading (a connection per call, so any thread may read) -------------------------------
    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.state == "disabled":
            return []
        with self._lock:
            if self._db is None:
                self._db = connect(self.path)
            return list(self._db.execute(sql, args).fetchall())

    def purge(self, now: float | None = None) -> int:
        """Delete rows past the retention period; returns how many."""
        if self.state == "read-only":
            return 0
        cutoff = (now or time.time()) - self.retention
        gone = 0
        try:
            for table in ("questions", "feedback", "lookups"):
                with self._lock:
                    if self._db is None:
                        return gone
                    gone += self._db.execute(f"DELETE FROM {table} WHERE at < ?",
                                             (cutoff,)).rowcount
        except sqlite3.Error as exc:  # locked or damaged: the next start purges instead
            log.warning("journal: old rows not purged this time (%s)", exc)
        return int(gone)

    def unanswered(self, limit: int = 10, sample: int = 2000) -> list[Group]:
        """The most frequent recent unanswered story questions, similar wordings grouped
        (greetings and chat, which get a friendly line, are not gaps in the knowledge)."""
        rows = self._read("SELECT question FROM questions WHERE answered = 0 AND decision "
                          f"NOT IN {NOT_STORY_QUESTIONS} ORDER BY at DESC LIMIT ?", (sample,))
        groups: list[tuple[str, list[str]]] = []
        for (question,) in rows:
            key = fold(question)
            if not key:
                continue
            for head, members in groups:
                if fuzz.token_set_ratio(key, head) >= GROUP_SIMILARITY:
                    members.append(question)
                    break
            else:
                groups.append((key, [question]))
        ranked = sorted(groups, key=lambda g: -len(g[1]))[:limit]
        return [Group(m[0], len(m), tuple(dict.fromkeys(m))[:5]) for _, m in ranked]

    def not_helpful(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """(entry id, a question, times marked not helpful), most marked first."""
        rows = self._read(
            "SELECT entry_id, MAX(question), COUNT(*) AS n FROM feedback WHERE helpful = 0 "
            "GROUP BY entry_id ORDER BY n DESC LIMIT ?", (limit,))
        return [(str(e), str(q), int(n)) for e, q, n in rows]

    def chosen(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """(entry id, how it was reached, times) for suggestion clicks and look-ups."""
        rows = self._read("SELECT entry_id, via, COUNT(*) AS n FROM lookups "
                          "GROUP BY entry_id, via ORDER BY n DESC LIMIT ?", (limit,))
        return [(str(e), str(v), int(n)) for e, v, n in rows]

    def counts(self) -> dict[str, int]:
        rows = self._read("SELECT COUNT(*), COALESCE(SUM(answered = 0 AND decision NOT IN "
                          f"{NOT_STORY_QUESTIONS}), 0) FROM questions")
        asked, unanswered = rows[0] if rows else (0, 0)
        helpful = self._read("SELECT COUNT(*) FROM feedback WHERE helpful = 0")
        lookups = self._read("SELECT COUNT(*) FROM lookups")
        return {"questions": int(asked), "unanswered": int(unanswered),
                "not_helpful": int(helpful[0][0]) if helpful else 0,
                "lookups": int(lookups[0][0]) if lookups else 0}


def open_for_report(path: Path, retention_days: int) -> Journal:
    """The journal for `storybot report`, or JournalError saying in one line what is wrong."""
    writable = os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)
    uri = f"file:{path}?mode=ro" if writable else f"file:{path}?immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=2.0)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error as exc:
        if _is_corrupt(exc):
            raise JournalError(
                f"the journal {path} is damaged ({exc}); the bot keeps it as "
                f"{path.name}.corrupt-TIMESTAMP and starts a fresh one when it next starts"
            ) from None
        if _is_locked(exc):
            raise JournalError(f"the journal {path} is locked by another process; try again "
                               "when it is free") from None
        raise JournalError(f"cannot read the journal {path} ({exc}); check that its folder "
                           "can be read and written") from None
    if not writable:
        return Journal(path, retention_days, read_only=True)
    journal = Journal(path, retention_days)
    if journal.state == "disabled":
        journal.close()
        raise JournalError(journal.problems[-1])
    return journal


def format_report(journal: Journal) -> str:
    """The moderation report, as plain text for the CLI."""
    counts = journal.counts()
    lines = [f"{counts['questions']} questions recorded, {counts['unanswered']} unanswered, "
             f"{counts['not_helpful']} marked not helpful, {counts['lookups']} suggestions "
             "taken or look-ups.", "", "Most frequent unanswered:"]
    groups = journal.unanswered()
    lines += [f"  {g.count:>4}× {g.question}" + (f"  (also: {'; '.join(g.variants[1:3])})"
                                                 if len(g.variants) > 1 else "")
              for g in groups] or ["  (none)"]
    lines += ["", "Marked not helpful:"]
    lines += [f"  {n:>4}× {entry} — e.g. {q}" for entry, q, n in journal.not_helpful()] \
        or ["  (none)"]
    lines += ["", "Suggestions taken and look-ups:"]
    lines += [f"  {n:>4}× {entry} ({via})" for entry, via, n in journal.chosen()] or ["  (none)"]
    if journal.state == "read-only":
        lines += ["", f"({journal.path.parent} is read-only for this user: the journal is shown "
                      "as it is, old rows were not purged.)"]
    return "\n".join(lines)
