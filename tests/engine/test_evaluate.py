"""The evaluation tally, on hand-built answers."""

from __future__ import annotations

from bot.engine.evaluate import Case, Tally
from bot.engine.render import Answer


def answer(decision: str, entry: str | None = None) -> Answer:
    return Answer(question="q", answered=decision == "answer", kind=None, id=entry, lang="en",
                  answer="", attribution="a" if entry else None, quote=None,
                  sources=("s",) if entry else (), status=None, confidence=0.0,
                  decision=decision)


def test_false_doesnt_say_counts_only_answerable_questions() -> None:
    tally = Tally()
    tally.add(Case("answerable", ("x",), "paraphrase"), answer("not_said"))
    tally.add(Case("unanswerable", (), "unanswerable"), answer("not_said"))
    tally.add(Case("answered", ("x",), "paraphrase"), answer("answer", "x"))
    assert tally.false_not_said == 1
    figures = tally.figures()
    assert (figures["precision"], figures["recall"]) == (1.0, 0.5)
    assert figures["abstention_unanswerable"] == 1.0
