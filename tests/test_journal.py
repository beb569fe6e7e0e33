from __future__ import annotations

import time
from pathlib import Path

from bot.engine.answerer import Engine
from bot.journal import Journal, format_report, hash_user
from bot.knowledge import KnowledgeBase


def test_journal_groups_unanswered_and_never_stores_user_ids(tmp_path: Path,
                                                             kb: KnowledgeBase) -> None:
    engine = Engine(kb)
    journal = Journal(tmp_path / "db" / "j.sqlite3")
    for q in ["How fast are the locomotives?", "how fast are the locomotives",
              "How FAST are locomotives??", "Who won the election?", "Who owns PeruRail?",
              "hi there", "thanks!"]:  # chat gets a friendly line: not a gap in the knowledge
        journal.record(engine.ask(q), user_id=123456789, via="test")
    assert journal.flush()
    groups = journal.unanswered()
    assert [(g.count, g.question) for g in groups] == [
        (3, "How FAST are locomotives??"), (1, "Who won the election?")]
    raw = b"".join(p.read_bytes() for p in (tmp_path / "db").iterdir())  # file and its WAL
    assert b"123456789" not in raw and hash_user(123456789).encode() in raw
    journal.feedback("Who owns PeruRail?", "perurail-owner", helpful=False, user_id=1)
    assert journal.flush()
    assert journal.not_helpful() == [("perurail-owner", "Who owns PeruRail?", 1)]
    report = format_report(journal)
    assert "7 questions recorded, 4 unanswered, 1 marked not helpful" in report


def test_retention_purges_old_rows(tmp_path: Path, kb: KnowledgeBase) -> None:
    journal = Journal(tmp_path / "j.sqlite3", retention_days=1)
    journal.record(Engine(kb).ask("lol"), user_id=1, via="test")
    assert journal.flush()
    assert journal.purge(now=time.time() + 2 * 86400) == 1
    assert journal.counts()["questions"] == 0
