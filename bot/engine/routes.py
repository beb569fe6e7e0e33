"""Questions answered from the knowledge's structure rather than one entry: timeline, connection.

Engine.ask consults this before the matcher; None means "not such a question, match as usual".
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine.connections import Connections
from bot.engine.matcher import Measured, Question
from bot.engine.policy import Decision
from bot.engine.render import Answer
from bot.engine.timeline import asks_for_timeline, timeline_answer
from bot.knowledge.model import Entity, KnowledgeBase, Lang
from bot.text import fold

Judged = tuple[Measured, Decision]


class Routes:
    """Timeline and connection answers for one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.connections = Connections(kb)
        self._last: tuple[str, Judged] | None = None  # the judgement made while deciding

    def answer(self, question: str, lang: Lang, judge: Callable[[str], Judged],
               understood: Question | None = None) -> Answer | None:
        """A timeline or connection answer, or None: then match as usual (see `judged`)."""
        self._last = None
        folded = fold(question)
        if asks_for_timeline(folded):
            return timeline_answer(self.kb, question, lang)

        def remember(text: str) -> Judged:
            found = judge(text)
            self._last = (text, found)
            return found

        return self.connections.answer(question, lang, remember, folded, understood)

    def judged(self, question: str) -> Judged | None:
        """The judgement `answer` already made for `question` when it deferred (not redone)."""
        last, self._last = self._last, None
        return last[1] if last is not None and last[0] == question else None

    def connect(self, start: str, goal: str, lang: Lang) -> Answer | None:
        """/connect: how two entities (ids) are connected, or None if either is unknown."""
        known = {e.id for e in self.kb.entities}
        if start not in known or goal not in known or start == goal:
            return None
        a, b = self.kb.entries[start], self.kb.entries[goal]
        assert isinstance(a, Entity) and isinstance(b, Entity)
        question = f"{a.called(lang)} → {b.called(lang)}"
        return self.connections.connect(start, goal, question, lang)

    def timeline(self, lang: Lang) -> Answer:
        return timeline_answer(self.kb, "timeline", lang)
