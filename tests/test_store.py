"""Reload keeps the last good knowledge; teach validates before it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.store import KnowledgeStore
from tests.conftest import KNOWLEDGE


def store_of(kdir: Path) -> KnowledgeStore:
    return KnowledgeStore(Settings(knowledge_path=kdir))


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def test_failed_reload_keeps_serving_the_last_good_knowledge(kdir: Path) -> None:
    store = store_of(kdir)
    before = store.kb.content_hash
    facts = kdir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("status: claim", "status: ???", 1),
                     encoding="utf-8")
    result = store.reload()
    assert not result.ok
    assert [p.message.split(": ", 1)[1] for p in result.problems] == [
        "must be one of reported, claim, unattributed (got '???')"]
    assert store.kb.content_hash == before
    assert store.engine.ask("Who owns PeruRail?").id == "perurail-owner"


def test_successful_reload_swaps_in_new_knowledge(kdir: Path) -> None:
    store = store_of(kdir)
    facts = kdir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "According to Justo Medio, the mayor of Lima is Rafael López Aliaga.",
        "According to Justo Medio, Lima's mayor is Rafael López Aliaga."), encoding="utf-8")
    assert store.changed()
    result = store.reload()
    assert result.ok and not store.changed()
    assert store.engine.ask("Who leads the city of Lima?").answer == (
        "According to Justo Medio, Lima's mayor is Rafael López Aliaga.")


def test_teach_adds_an_example_and_reloads(kdir: Path) -> None:
    store = store_of(kdir)
    question = "Who sits in the big chair at Lima's municipal palace?"
    assert not store.engine.ask(question).answered
    result = store.teach("lima-mayor", question, "en", by="hash123")
    assert result.ok
    assert store.engine.ask(question).id == "lima-mayor"
    text = (kdir / "taught.yaml").read_text(encoding="utf-8")
    assert "entry: lima-mayor" in text and "by: hash123" in text


def test_bad_teach_changes_nothing(kdir: Path) -> None:
    store = store_of(kdir)
    before = (kdir / "taught.yaml").read_bytes()
    # The same wording is already an example of another entry: the validator refuses it.
    result = store.teach("lima-mayor", "Who owns PeruRail?", "en", by="x")
    assert not result.ok
    assert "the same question is an example of 'perurail-owner'" in result.problems[0].message
    assert (kdir / "taught.yaml").read_bytes() == before
    assert store.engine.ask("Who owns PeruRail?").id == "perurail-owner"


def test_teach_with_a_broken_taught_file_reports_it_and_writes_nothing(kdir: Path) -> None:
    store = store_of(kdir)
    (kdir / "taught.yaml").write_text("taught: [unclosed\n", encoding="utf-8")
    result = store.teach("lima-mayor", "Who sits in the big chair at Lima's municipal palace?",
                         "en", by="x")
    assert not result.ok
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "YAML syntax error: did not find expected ',' or ']'")]
    assert (kdir / "taught.yaml").read_text(encoding="utf-8") == "taught: [unclosed\n"
    assert store.engine.ask("Who owns PeruRail?").id == "perurail-owner"


def test_a_warm_store_reads_the_questions_asked_before_at_once(
        kdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store_of(kdir)  # a one-off command: nothing read before a question needs it
    assert not list((tmp_path / "cache").glob("storybot/asked-*"))
    store = KnowledgeStore(Settings(knowledge_path=kdir), warm=True)
    assert len(list((tmp_path / "cache").glob("storybot/asked-*"))) == 1
    (kdir / "taught.yaml").write_text(
        "taught:\n  - {entry: lima-mayor, question: Who is the boss of Lima?, lang: en, "
        "by: x, at: '2026-11-27T00:00:00Z'}\n", encoding="utf-8")
    assert store.reload().ok  # new knowledge, read again by the reload itself
    assert len(list((tmp_path / "cache").glob("storybot/asked-*"))) == 2
