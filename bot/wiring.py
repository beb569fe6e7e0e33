"""Settings → knowledge → engine: the one place the engine is put together.

The CLI, the knowledge store (and so the Discord client) all build their engine here.
"""

from __future__ import annotations

from bot.engine.answerer import Engine
from bot.knowledge import KnowledgeBase
from bot.prebuilt import load_indexed
from bot.settings import Settings


def build_engine(settings: Settings, kb: KnowledgeBase | None = None) -> Engine:
    """An engine over `kb`, or over the configured knowledge (KnowledgeError if invalid)."""
    if kb is None:
        kb, index = load_indexed(settings.knowledge_path)
        return Engine(kb, settings.thresholds, index)
    return Engine(kb, settings.thresholds)
