"""What people asked, what went unanswered, and what they found unhelpful: SQLite, no Discord.

Privacy: only the question text is kept (no usernames, no other message text), user ids are
stored as salted hashes, and rows older than the retention period are deleted.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from bot.engine.render import Answer
from bot.text import fold

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
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
"""
GROUP_SIMILARITY = 80.0  # rapidfuzz token_set_ratio (0..100) at which two questions are "the same"
SALT = b"storybot-journal-v1"


def hash_user(user_id: int | str) -> str:
    return hashlib.sha256(SALT + str(user_id).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Group:
    question: str  # the most recent wording
    count: int
    variants: tuple[str, ...]


class Journal:
    """An SQLite file of questions and feedback, created on first use."""

    def __init__(self, path: Path, retention_days: int = 30) -> None:
        self.path = path
        self.retention = retention_days * 86400
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def record(self, answer: Answer, user_id: int | str, via: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (time.time(), hash_user(user_id), answer.question[:1000], answer.lang,
                 int(answer.answered), answer.decision, answer.id, answer.confidence, via))

    def feedback(self, question: str, entry_id: str, helpful: bool, user_id: int | str) -> None:
        with self.db:
            self.db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?)",
                            (time.time(), hash_user(user_id), question[:1000], entry_id,
                             int(helpful)))

    def purge(self, now: float | None = None) -> int:
        """Delete rows past the retention period; returns how many."""
        cutoff = (now or time.time()) - self.retention
        with self.db:
            gone = self.db.execute("DELETE FROM questions WHERE at < ?", (cutoff,)).rowcount
            gone += self.db.execute("DELETE FROM feedback WHERE at < ?", (cutoff,)).rowcount
        return int(gone)

    def unanswered(self, limit: int = 10, sample: int = 2000) -> list[Group]:
        """The most frequent recent unanswered questions, similar wordings grouped."""
        rows = self.db.execute("SELECT question FROM questions WHERE answered = 0 "
                               "ORDER BY at DESC LIMIT ?", (sample,)).fetchall()
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
        rows = self.db.execute(
            "SELECT entry_id, MAX(question), COUNT(*) AS n FROM feedback WHERE helpful = 0 "
            "GROUP BY entry_id ORDER BY n DESC LIMIT ?", (limit,)).fetchall()
        return [(str(e), str(q), int(n)) for e, q, n in rows]

    def counts(self) -> dict[str, int]:
        asked, unanswered = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered = 0), 0) FROM questions").fetchone()
        helpful = self.db.execute("SELECT COUNT(*) FROM feedback WHERE helpful = 0").fetchone()[0]
        return {"questions": int(asked), "unanswered": int(unanswered),
                "not_helpful": int(helpful)}


def format_report(journal: Journal) -> str:
    """The moderation report, as plain text for the CLI."""
    counts = journal.counts()
    lines = [f"{counts['questions']} questions recorded, {counts['unanswered']} unanswered, "
             f"{counts['not_helpful']} marked not helpful.", "", "Most frequent unanswered:"]
    groups = journal.unanswered()
    lines += [f"  {g.count:>4}× {g.question}" + (f"  (also: {'; '.join(g.variants[1:3])})"
                                                 if len(g.variants) > 1 else "")
              for g in groups] or ["  (none)"]
    lines += ["", "Marked not helpful:"]
    lines += [f"  {n:>4}× {entry} — e.g. {q}" for entry, q, n in journal.not_helpful()] \
        or ["  (none)"]
    return "\n".join(lines)
