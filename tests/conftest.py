from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
ARTICLE = ROOT.parent / "shared" / "story" / "article.txt"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return load_knowledge(KNOWLEDGE)
