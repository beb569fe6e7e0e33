"""Score the engine on a question file: precision, recall and abstention, by category."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.render import Answer


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[str, ...]  # acceptable entry ids; empty: the engine must not answer
    category: str


CHAT_CATEGORY = "chat"  # everyday chat; every other unanswerable case is an on-topic question
_PUNCTUATION = re.compile(r"[¿?¡!.,;:\"'“”]")
# Chat around a question that must not change its answer (issue 7's noise test).
NOISE: tuple[Callable[[str], str], ...] = (
    lambda q: f"{q} pls", lambda q: f"{q} lol", lambda q: f"{q} thanks!",
    lambda q: f"{q.rstrip('?')}??", lambda q: f"{q} 2", lambda q: f"hey bot, {q}",
    lambda q: " ".join(_PUNCTUATION.sub(" ", q.lower()).split()), lambda q: f"ok so {q}",
)


def noise_variants(question: str) -> list[str]:
    return [make(question) for make in NOISE]


@dataclass
class Tally:
    answerable: int = 0
    unanswerable: int = 0
    chat: int = 0
    answered: int = 0
    correct: int = 0
    abstained_unanswerable: int = 0
    abstained_chat: int = 0
    first_right: int = 0  # answered right, or not answered with the right first suggestion
    unsourced: int = 0  # answers without an attribution or a source: must stay 0
    false_not_said: int = 0  # "the story doesn't say" to a question the story answers
    failures: list[str] = field(default_factory=list)

    def add(self, case: Case, answer: Answer) -> None:
        if case.expect:
            self.answerable += 1
            first = answer.suggestions[0].id if answer.suggestions else None
            self.first_right += (answer.id if answer.answered else first) in case.expect
            self.false_not_said += answer.decision == "not_said"
        elif case.category == CHAT_CATEGORY:
            self.chat += 1
            self.abstained_chat += not answer.answered
        else:
            self.unanswerable += 1
            self.abstained_unanswerable += not answer.answered
        if answer.answered:
            self.answered += 1
            self.correct += answer.id in case.expect
            self.unsourced += not (answer.attribution and answer.sources)
        ok = (answer.id in case.expect) if case.expect else not answer.answered
        if not ok:
            self.failures.append(f"[{case.category}] {case.question!r}: expected "
                                 f"{'|'.join(case.expect) or 'no answer'}, got "
                                 f"{answer.id or answer.decision}")

    def figures(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None
        recall_hits = self.correct  # every correct answer is to an answerable question
        return {"precision": ratio(self.correct, self.answered),
                "recall": ratio(recall_hits, self.answerable),
                "abstention": ratio(self.abstained_unanswerable + self.abstained_chat,
                                    self.unanswerable + self.chat),
                "abstention_unanswerable": ratio(self.abstained_unanswerable, self.unanswerable),
                "abstention_chat": ratio(self.abstained_chat, self.chat),
                "first_right": ratio(self.first_right, self.answerable)}


def load_cases(path: Path) -> list[Case]:
    """Cases from a YAML list of {q, expect (id, list of ids, or null), category}."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from exc
    if not isinstance(raw, list) or not all(isinstance(i, dict) and "q" in i for i in raw):
        raise ValueError("expected a YAML list of {q, expect, category}")
    cases = []
    for item in raw:
        expect = item.get("expect")
        ids = tuple(expect) if isinstance(expect, list) else ((expect,) if expect else ())
        cases.append(Case(str(item["q"]), ids, str(item.get("category", "other"))))
    return cases


def noise_survival(cases: list[Case], ask: Callable[[str], Answer]) -> tuple[int, int]:
    """(variants still answered right, variants tried) over the cases answered right."""
    kept = tried = 0
    for case in cases:
        if case.expect and ask(case.question).id in case.expect:
            for variant in noise_variants(case.question):
                tried += 1
                kept += ask(variant).id in case.expect
    return kept, tried


def evaluate(cases: list[Case], ask: Callable[[str], Answer]) -> dict[str, Tally]:
    """Tallies per category, plus 'all'."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        answer = ask(case.question)
        tallies[case.category].add(case, answer)
        tallies["all"].add(case, answer)
    return dict(tallies)


def report(tallies: dict[str, Tally]) -> list[dict[str, Any]]:
    """One row per category ('all' last) with counts and figures."""
    rows = []
    for name in sorted(tallies, key=lambda n: (n == "all", n)):
        t = tallies[name]
        rows.append({"category": name, "questions": t.answerable + t.unanswerable + t.chat,
                     "unsourced": t.unsourced, "false_not_said": t.false_not_said,
                     "answerable": t.answerable, **t.figures()})
    return rows
