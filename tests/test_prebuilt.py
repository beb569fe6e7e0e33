"""The knowledge built once is read back, and never when the files or the code changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import prebuilt
from bot.engine.answerer import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from tests.conftest import KNOWLEDGE

QUESTIONS = ("who owns perurail", "wen was the ceremony", "cool thanks",
             "how much did china pay for the port", "what does lopez aliaga earn")


@pytest.fixture
def kdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(root: Path) -> None:
        raise AssertionError("loaded the YAML again")
    monkeypatch.setattr(prebuilt, "load_knowledge", fail)


def test_read_back_answers_as_built(kdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Engine(load_knowledge(kdir))
    prebuilt.load_indexed(kdir)
    _no_loading(monkeypatch)
    kb, index = prebuilt.load_indexed(kdir)
    kept = Engine(kb, None, index)
    for question in QUESTIONS:
        a, b = kept.ask(question), fresh.ask(question)
        assert (a.decision, a.id, a.answer) == (b.decision, b.id, b.answer), question
    assert kb.content_hash == fresh.kb.content_hash


def test_an_edit_is_loaded_and_validated_again(kdir: Path) -> None:
    prebuilt.load_indexed(kdir)
    facts = kdir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("status: claim", "status: ???", 1),
                     encoding="utf-8")
    with pytest.raises(KnowledgeError):
        prebuilt.load_indexed(kdir)


def test_other_code_builds_again(kdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prebuilt.load_indexed(kdir)
    monkeypatch.setattr(prebuilt.vocabulary, "code_stamp", lambda: "other code")
    loads: list[Path] = []
    monkeypatch.setattr(prebuilt, "load_knowledge", lambda root: loads.append(root)
                        or load_knowledge(root))
    prebuilt.load_indexed(kdir)
    assert loads == [kdir]


def test_a_corrupt_or_unwritable_cache_is_never_needed(kdir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    prebuilt.load_indexed(kdir)
    (kept,) = (tmp_path / "cache" / "storybot").glob("built-*.pickle")
    kept.write_bytes(b"not a pickle")
    kb, index = prebuilt.load_indexed(kdir)
    assert Engine(kb, None, index).ask("who owns perurail").id == "perurail-owner"
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file: no folder can be made in it
    kb, index = prebuilt.load_indexed(kdir)
    assert Engine(kb, None, index).ask("who owns perurail").id == "perurail-owner"


def test_only_the_latest_few_are_kept(kdir: Path, tmp_path: Path) -> None:
    facts = kdir / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    for n in range(prebuilt.KEPT_VERSIONS + 2):
        facts.write_text(text + f"\n# edit {n}\n", encoding="utf-8")
        prebuilt.load_indexed(kdir)
    assert len(list((tmp_path / "cache" / "storybot").glob("built-*.pickle"))) \
        == prebuilt.KEPT_VERSIONS
