"""Questions answered from the knowledge's structure rather than one entry: timeline, connection.

Engine.ask hands it the matcher's judgement; None means "not such a question: answer as judged".
"""

from __future__ import annotations

from bot.engine.connections import Connections
from bot.engine.matcher import Measured
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

    def answer(self, question: str, lang: Lang, judged: Judged) -> Answer | None:
        """A timeline or connection answer, or None: then the matcher's judgement stands."""
        if asks_for_timeline(fold(question)):
            return timeline_answer(self.kb, question, lang)
        return self.connections.answer(question, lang, judged)

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
