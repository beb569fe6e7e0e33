from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
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


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A temporary folder other users can read (pytest's own are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="storybot-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
