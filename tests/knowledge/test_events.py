"""Timeline events and link warnings: hand-written files, exact messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from tests.conftest import ARTICLE
from tests.knowledge.test_loader import ENTITIES, write_kb

EVENTS = """\
events:
  - id: later
    order: 2
    when: {en: late last month, es: a fines del mes pasado}
    words: late last month
    what: {en: NBC News says it opened., es: NBC News dice que abrió.}
    source: nbc
    status: reported
    entities: [port]
    entry: cost
  - id: earlier
    order: 1
    when: {en: in 2024, es: en 2024}
    words: in 2024
    what: {en: It was built., es: Se construyó.}
    source: nbc
    status: reported
"""
LINKED = ENTITIES.replace(
    "      - {relation: located_in, target: port, source: nbc, status: reported}",
    """      - {relation: located_in, target: town, source: nbc, status: reported}
  - id: town
    name: Chancay
    type: place
    description: {en: A town., es: Un pueblo.}
    source: nbc
    status: reported""")


def test_events_load_in_time_order(tmp_path: Path) -> None:
    kb = load_knowledge(write_kb(tmp_path, events_yaml=EVENTS))
    assert [e.id for e in kb.events] == ["earlier", "later"]
    assert kb.events[1].when.es == "a fines del mes pasado" and kb.events[1].entry == "cost"
    assert kb.counts()["events"] == 2


@pytest.mark.parametrize(("change", "expected"), [
    (("order: 2", "order: 0"),
     "kb/events.yaml:3: events[later].order: must be a whole number from 1 to 1000 (got 0)"),
    (("entry: cost", "entry: port"),
     "kb/events.yaml:2: events[later].entry: 'port' is an entity; give a fact or quote"),
    (("entities: [port]", "entities: [nowhere]"),
     "kb/events.yaml:9: events[later].entities[0]: unknown entity 'nowhere'"),
    (("id: earlier", "id: later"),
     "kb/events.yaml:11: events[later].id: duplicate id 'later' (first defined at "
     "kb/events.yaml:2)"),
])
def test_bad_events_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                change: tuple[str, str], expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(write_kb(tmp_path, events_yaml=EVENTS.replace(*change)))
    assert [str(p) for p in info.value.problems] == [expected]


def test_a_link_nothing_supports_is_a_warning(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kb = load_knowledge(write_kb(tmp_path, entities_yaml=LINKED))
    assert kb.warnings == (
        "kb/entities.yaml:9: entities[port].links[0]: nothing from source 'nbc' connects port "
        "and town (no fact, quote or event of it is about both, and neither profile from it "
        "names the other)",)


def test_a_profile_naming_the_other_end_supports_a_link(tmp_path: Path) -> None:
    named = LINKED.replace("{en: A port., es: Un puerto.}",
                           "{en: A port in Chancay., es: Un puerto en Chancay.}")
    assert load_knowledge(write_kb(tmp_path, entities_yaml=named)).warnings == ()


def test_a_self_link_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kb = load_knowledge(write_kb(tmp_path))  # the base file links the port to itself
    assert kb.warnings == ("kb/entities.yaml:9: entities[port].links[0]: links the entity to "
                           "itself",)


def test_shipped_knowledge_has_no_warnings(kb: KnowledgeBase) -> None:
    assert kb.warnings == ()


def test_shipped_events_quote_the_article_and_invent_no_date(kb: KnowledgeBase) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    assert [e.id for e in kb.events if e.words not in article] == []
    assert [e.order for e in kb.events] == sorted(e.order for e in kb.events)
    texts = " ".join(e.when.en + e.when.es + e.what.en + e.what.es for e in kb.events)
    assert set(re.findall(r"\b(?:19|20)\d\d\b", texts)) <= {"2024", "2026"}
    months = re.findall(r"\b(January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\b", texts)
    assert set(months) <= {"November"}
