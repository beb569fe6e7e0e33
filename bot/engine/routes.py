"""Questions answered from the knowledge's structure rather than one entry: timeline, connection.

Engine.ask consults this before the matcher; None means "not such a question, match as usual".
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine.connections import Connections
from bot.engine.matcher import Match
from bot.engine.render import Answer
from bot.engine.timeline import asks_for_timeline, timeline_answer
from bot.knowledge.model import KnowledgeBase, Lang


class Routes:
    """Timeline and connection answers for one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.connections = Connections(kb)

    def answer(self, question: str, lang: Lang, match: Callable[[str], Match]) -> Answer | None:
        if asks_for_timeline(question):
            return timeline_answer(self.kb, question, lang)
        return self.connections.answer(question, lang, match)

    def connect(self, start: str, goal: str, lang: Lang) -> Answer | None:
        """/connect: how two entities (ids) are connected, or None if either is unknown."""
        known = {e.id for e in self.kb.entities}
        if start not in known or goal not in known or start == goal:
            return None
        question = f"{self.kb.entries[start].title(lang)} → {self.kb.entries[goal].title(lang)}"
        return self.connections.connect(start, goal, question, lang)

    def timeline(self, lang: Lang) -> Answer:
        return timeline_answer(self.kb, "timeline", lang)
