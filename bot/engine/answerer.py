"""The engine's one entry point: a question in, an attributed Answer out."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.asked import QUESTIONING
from bot.engine.index import Index, build_index
from bot.engine.matcher import Matcher, Measured, Thresholds
from bot.engine.policy import Decision, decide
from bot.engine.render import Answer, entry_answer, render
from bot.engine.routes import Routes
from bot.knowledge.model import KnowledgeBase, Lang
from bot.text import MAX_QUESTION_CHARS
from bot.vocabulary import question_sentence

DEFAULT_SUGGESTIONS = 3


class Engine:
    """Answers questions from one knowledge base; build a new Engine to change knowledge."""

    def __init__(self, kb: KnowledgeBase, thresholds: Thresholds | None = None,
                 index: Index | None = None) -> None:
        """`index`: `kb`'s, when built before (see bot.prebuilt)."""
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self.matcher = Matcher(index or build_index(kb), self.thresholds)
        # Shown when there is nothing to go on: the first facts, in the knowledge's own order.
        self.default_suggestions = [f.id for f in kb.facts[:DEFAULT_SUGGESTIONS]]
        self.routes = Routes(kb)  # timeline and connection questions

    def warm(self) -> None:
        """Do now the work the first questions would otherwise wait for (reading the questions
        asked before: about a second after each change of the knowledge, then cached)."""
        self.matcher.index.memory.warm()

    def judge(self, question: str) -> tuple[Measured, Decision]:
        """What the matcher measured and what the policy decided (no rendering)."""
        measured = self.matcher.measure(question)
        decision = decide(measured, self.thresholds)
        if decision.action == "answer":
            return measured, decision
        return self._by_its_question(question, measured) or (measured, decision)

    def _by_its_question(self, question: str, whole: Measured
                         ) -> tuple[Measured, Decision] | None:
        """A long line of several sentences, not answered whole, answered by its question
        sentence alone, when that sentence's answer is one of the whole line's first
        candidates (what the rest of the line says of the asker cannot make it another)."""
        t = self.thresholds
        if len(question.split()) < t.question_part_words:
            return None
        # (within what the whole was read of: a sentence past the limit was never read)
        part = question_sentence(question[:MAX_QUESTION_CHARS], QUESTIONING, self.matcher.remark)
        if part is None:
            return None
        measured = self.matcher.measure(part)
        decision = decide(measured, t)
        rivals = {c.id for c in whole.ranked[:t.question_part_rivals]}
        if decision.action != "answer" or decision.best is None or decision.best.id not in rivals:
            return None
        return measured, replace(decision, rule=f"question_part: {decision.rule}")

    def ask(self, question: str, lang: str | None = None) -> Answer:
        """Answer `question` in `lang` ('en' or 'es'), or in the question's own language."""
        judged = self.judge(question)  # once: the routes read the same understanding
        reply: Lang = "es" if (lang or judged[0].question.lang) == "es" else "en"
        routed = self.routes.answer(question, reply, judged)
        if routed is not None:
            return routed
        return render(self.kb, *judged, reply, self.default_suggestions)

    def answer_entry(self, entry_id: str, question: str, lang: str = "en") -> Answer | None:
        """The answer for a known entry id (a clicked suggestion), or None if it is gone."""
        return entry_answer(self.kb, entry_id, question, "es" if lang == "es" else "en")
