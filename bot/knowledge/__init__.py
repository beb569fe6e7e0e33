"""The knowledge base: schema, YAML reading, loading and validation (no Discord here)."""

from bot.knowledge.loader import KnowledgeError, Problem, load_knowledge
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Quote, Source

__all__ = ["Entity", "Entry", "Fact", "KnowledgeBase", "KnowledgeError", "Problem", "Quote",
           "Source", "load_knowledge"]
