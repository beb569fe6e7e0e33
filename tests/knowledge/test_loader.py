"""The loader against hand-written broken files: every error class, with its exact FILE:LINE."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge import KnowledgeError, load_knowledge, yamlfile
from tests.conftest import KNOWLEDGE

SOURCES = """\
sources:
  - id: nbc
    name: NBC News
    name_es: NBC News
    kind: news_outlet
    description: {en: An outlet., es: Un medio.}
"""
ENTITIES = """\
entities:
  - id: port
    name: Chancay port
    type: place
    description: {en: A port., es: Un puerto.}
    source: nbc
    status: reported
    links:
      - {relation: located_in, target: port, source: nbc, status: reported}
"""
FACTS = """\
facts:
  - id: cost
    title: {en: Cost, es: Costo}
    answer: {en: NBC News says $1.3 billion., es: NBC News dice 1.300 millones.}
    sources: [nbc]
    status: reported
    entities: [port]
    questions: {en: [How much did the port cost?], es: [¿Cuánto costó el puerto?]}
"""
QUOTES = """\
quotes:
  - id: late
    text: too little, too late
    speaker: port
    source: nbc
    status: claim
    context: {en: On the trains., es: Sobre los trenes.}
    questions: {en: [Who said too little?], es: [¿Quién dijo poco?]}
"""
BASE = {"sources.yaml": SOURCES, "entities.yaml": ENTITIES, "facts.yaml": FACTS,
        "quotes.yaml": QUOTES}


def write_kb(root: Path, **changes: str) -> Path:
    """Write the valid base knowledge, with some files replaced, into root/kb."""
    kb = root / "kb"
    kb.mkdir()
    for name, text in {**BASE, **{k.replace("_", ".", 1): v for k, v in changes.items()}}.items():
        (kb / name).write_text(text, encoding="utf-8")
    return kb


def problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **changes: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(write_kb(tmp_path, **changes))
    return [str(p) for p in info.value.problems]


def test_base_is_valid(tmp_path: Path) -> None:
    kb = load_knowledge(write_kb(tmp_path))
    assert kb.counts()["facts"] == 1 and kb.counts()["quotes"] == 1
    assert kb.entries["cost"].questions.es == ("¿Cuánto costó el puerto?",)


CASES = [
    pytest.param(
        {"entities_yaml": ENTITIES.replace("    type: place\n",
                                           "    type: place\n    pronoun: she\n")},
        ["kb/entities.yaml:5: entities[port].pronoun: only a person has one (this is a "
         "place); remove it"], id="pronoun-of-a-place"),
    pytest.param(
        {"entities_yaml": ENTITIES.replace("    type: place\n",
                                           "    type: person\n    pronoun: it\n")},
        ["kb/entities.yaml:5: entities[port].pronoun: must be one of she, he (got 'it')"],
        id="unknown-pronoun"),
    pytest.param(
        {"facts_yaml": FACTS.replace("status: reported", "status: maybe")},
        ["kb/facts.yaml:6: facts[cost].status: must be one of reported, claim, unattributed "
         "(got 'maybe')"], id="bad-enum"),
    pytest.param(
        {"facts_yaml": FACTS.replace("sources: [nbc]", "sources: nbc")},
        ["kb/facts.yaml:5: facts[cost].sources: must be a list, not text"], id="wrong-type"),
    pytest.param(
        {"facts_yaml": FACTS.replace("    answer:", "    anwser:")},
        ["kb/facts.yaml:2: facts[cost].answer: is missing",
         "kb/facts.yaml:4: facts[cost].anwser: is not a known field (did you mean 'answer'?)"],
        id="unknown-key-and-missing"),
    pytest.param(
        {"facts_yaml": FACTS.replace("es: NBC News dice 1.300 millones.", "es: '  '")},
        ["kb/facts.yaml:4: facts[cost].answer.es: must not be empty"], id="empty-answer"),
    pytest.param(
        {"facts_yaml": FACTS.replace("es: NBC News dice 1.300 millones.", "es: Dice 1.300.")},
        ["kb/facts.yaml:4: facts[cost].answer.es: does not name its source (nbc); "
         "attribution is required"], id="unattributed-answer"),
    pytest.param(
        {"more_yaml": FACTS.replace("How much", "What").replace("¿Cuánto", "¿Qué")},
        ["kb/more.yaml:2: facts[cost].id: duplicate id 'cost' (first defined at "
         "kb/facts.yaml:2)"], id="duplicate-id-across-files"),
    pytest.param(
        {"entities_yaml": ENTITIES.replace("target: port", "target: harbour")},
        ["kb/entities.yaml:9: entities[port].links[0].target: unknown entity 'harbour'"],
        id="unknown-link-target"),
    pytest.param(
        {"quotes_yaml": QUOTES.replace("speaker: port", "speaker: blinken")
                              .replace("source: nbc", "source: cnn")},
        ["kb/quotes.yaml:4: quotes[late].speaker: unknown entity 'blinken'",
         "kb/quotes.yaml:5: quotes[late].source: unknown source 'cnn'"],
        id="quote-unknown-speaker-and-source"),
    pytest.param(
        {"facts_yaml": FACTS.replace("    entities: [port]\n",
                                     "    entities: [port]\n    concerns: [mayor]\n")},
        ["kb/facts.yaml:8: facts[cost].concerns[0]: unknown entity 'mayor'"],
        id="unknown-concerned-entity"),
    pytest.param(
        {"quotes_yaml": QUOTES.replace("speaker: port", "speaker: cost")},
        ["kb/quotes.yaml:4: quotes[late].speaker: 'cost' is a fact, not an entity"],
        id="speaker-is-not-an-entity"),
    pytest.param(
        {"quotes_yaml": QUOTES.replace("speaker: port", "speaker: null")},
        ["kb/quotes.yaml:6: quotes[late].status: a quote with no speaker must be "
         "'unattributed'"], id="null-speaker-needs-unattributed"),
    pytest.param(
        {"quotes_yaml": QUOTES.replace("    speaker: port\n", "")},
        ["kb/quotes.yaml:2: quotes[late].speaker: is missing"], id="speaker-must-be-explicit"),
    pytest.param(
        {"quotes_yaml": QUOTES.replace("Who said too little?", "how much did the PORT cost")},
        ["kb/quotes.yaml:8: quotes[late].questions.en[0]: the same question is an example of "
         "'cost' (kb/facts.yaml:8)"], id="same-example-question"),
    pytest.param(
        {"facts_yaml": FACTS.replace("    status: reported\n",
                                     "    status: reported\n    status: claim\n")},
        ["kb/facts.yaml:7: key 'status' appears twice in the same mapping"], id="duplicate-key"),
    pytest.param(
        {"facts_yaml": "facts:\n  - id: cost\n    title: [unclosed\n"},
        ["kb/facts.yaml:4: YAML syntax error: did not find expected ',' or ']'"],
        id="yaml-syntax-error"),
    pytest.param(
        {"facts_yaml": "facts: &x [1, 2]\nquotes: *x\n"},
        ["kb/facts.yaml:1: YAML anchors and aliases (&, *) are not allowed"], id="alias"),
    pytest.param(
        {"facts_yaml": "facts: " + "[" * 100 + "]" * 100 + "\n"},
        ["kb/facts.yaml:1: nested more than 20 levels deep"], id="deep-nesting"),
    pytest.param(
        {"facts_yaml": "facts: !!python/object:os.system [ls]\n"},
        ["kb/facts.yaml:1: YAML tags (tag:yaml.org,2002:python/object:os.system) are not "
         "allowed"], id="tag"),
    pytest.param(
        {"facts_yaml": "facts:\n  - id: x\x1f\n"},
        ["kb/facts.yaml:2: character U+001F is not allowed in YAML"], id="control-character"),
    pytest.param(
        {"facts_yaml": "facts: 0000-00-00\n"},
        ["kb/facts.yaml:1: invalid value '0000-00-00': year 0 is out of range"],
        id="invalid-date"),
    pytest.param(
        {"entities_yaml": ENTITIES
         + "    described_as: {en: [the would-be harbour], es: [el puerto]}\n"},
        ["kb/entities.yaml:10: entities[port].described_as.en[0]: 'the would-be harbour' keeps "
         "only 'harbour' once the words the matcher ignores are dropped, so it would match far "
         "more than this entity; reword it"], id="description-of-ignored-words"),
    pytest.param(
        {"entities_yaml": ENTITIES + "    described_as: {en: [the seaport], es: [el puerto]}\n"
         + ENTITIES.replace("entities:\n", "").replace("id: port", "id: pier")
         .replace("target: port", "target: pier")
         + "    described_as: {en: [the seaport], es: [el muelle]}\n"},
        ["kb/entities.yaml:19: entities[pier].described_as.en[0]: 'the seaport' already "
         "describes 'port' (kb/entities.yaml:10)"], id="one-description-two-entities"),
    pytest.param(
        {"synonyms_yaml": "synonyms:\n  - [port, harbour]\n  - [steal, rob,\n"
                          "     make off with]\n"},
        ["kb/synonyms.yaml:4: synonyms[1][2]: 'make off with' is only words the matcher ignores, "
         "so it would never match; reword it or drop it"], id="synonym-of-ignored-words"),
    pytest.param(
        {"synonyms_yaml": "synonyms:\n  - [donate, gift, hand over]\n"},
        ["kb/synonyms.yaml:2: synonyms[0][2]: 'hand over' keeps only 'hand' once the words the "
         "matcher ignores are dropped, so every 'hand' would mean 'donate'; write 'hand' alone if "
         "that is meant, or reword it"], id="synonym-shrinking-to-one-word"),
    pytest.param(
        {"facts_yaml": "- just\n- a list\n"},
        ["kb/facts.yaml:1: file: must be a mapping of fields, not a list"], id="not-a-mapping"),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_broken_knowledge_reports_file_line_and_field(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: dict[str, str],
        expected: list[str]) -> None:
    assert problems(tmp_path, monkeypatch, **changes) == expected


def test_non_utf8_file_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kb = write_kb(tmp_path)
    (kb / "facts.yaml").write_bytes(FACTS.encode().replace(b"Cost,", b"Co\xf1o,"))
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(kb)
    assert [str(p) for p in info.value.problems] == [
        "kb/facts.yaml:3: not valid UTF-8 (byte 0xf1)"]


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 100)
    found = problems(tmp_path, monkeypatch)
    assert found[0] == (f"kb/entities.yaml:1: file is {len(ENTITIES.encode())} bytes, "
                        "over the 100-byte limit")
    assert len(found) == len(BASE)


def test_alias_bomb_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(20))
    assert problems(tmp_path, monkeypatch, facts_yaml=bomb) == [
        "kb/facts.yaml:1: YAML anchors and aliases (&, *) are not allowed"]


def test_missing_directory_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(tmp_path / "nowhere")
    assert [p.message for p in info.value.problems] == ["no such knowledge file or directory"]


def test_every_problem_is_reported_not_just_the_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = problems(tmp_path, monkeypatch,
                     facts_yaml=FACTS.replace("status: reported", "status: maybe"),
                     quotes_yaml=QUOTES.replace("source: nbc", "source: cnn"))
    assert found == [
        "kb/facts.yaml:6: facts[cost].status: must be one of reported, claim, unattributed "
        "(got 'maybe')",
        "kb/quotes.yaml:5: quotes[late].source: unknown source 'cnn'"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400).map(
    lambda b: b.decode("latin-1")), st.sampled_from([
        "facts: !!python/object:os.system [ls]\n", "facts: !!binary aGVsbG8=\n",
        "facts: 2026-13-45\n", "? [a, b]\n: c\n", "facts: *undefined\n", "%YAML 9.9\n---\n",
        "facts:\n  - id: x\n    title: {en: a, es: b}\n    title: c\n", "\ufeff\x00\x85",
    ])))
def test_any_file_content_is_a_result_or_located_problems(tmp_path: Path, text: str) -> None:
    kb_dir = tmp_path / "fuzz"
    kb_dir.mkdir(exist_ok=True)
    (kb_dir / "facts.yaml").write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        load_knowledge(kb_dir)
    except KnowledgeError as exc:
        assert exc.problems and all(p.line >= 0 and p.message for p in exc.problems)


ASKED = """\
# questions people asked
asked_before: |
  answered by: cost port
  how much was the port
  what did chancay cost

  answered by: nothing
  hola bot
"""


def test_questions_asked_before_are_read_under_their_answers(tmp_path: Path) -> None:
    kb = load_knowledge(write_kb(tmp_path, asked_yaml=ASKED))
    assert [(a.answers, a.questions) for a in kb.asked_before] == [
        (("cost", "port"), ["how much was the port", "what did chancay cost"]),
        ((), ["hola bot"])]
    assert kb.counts()["asked_before"] == 3


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(ASKED.replace("cost port", "cost prot"),
                 ["kb/asked.yaml:3: asked_before: unknown entry 'prot'"], id="unknown-entry"),
    pytest.param(ASKED.replace("cost port", "cost Port!"),
                 ["kb/asked.yaml:3: asked_before: 'Port!' is not a valid id (lowercase letters, "
                  "digits and '-')"], id="bad-id"),
    pytest.param(ASKED.replace("  answered by: cost port\n", ""),
                 ["kb/asked.yaml:3: asked_before: a question before any 'answered by:' line; "
                  "put 'answered by: ID' above it",
                  "kb/asked.yaml:4: asked_before: a question before any 'answered by:' line; "
                  "put 'answered by: ID' above it"], id="no-heading"),
    pytest.param(ASKED.replace("answered by: nothing", "answered by:"),
                 ["kb/asked.yaml:7: asked_before: 'answered by:' names no entry; write "
                  "'answered by: nothing' if none answers"], id="empty-heading"),
    pytest.param("asked_before: [a, b]\n",
                 ["kb/asked.yaml:1: asked_before: must be text, not a list"], id="not-text"),
])
def test_broken_questions_asked_before_name_their_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]) -> None:
    assert problems(tmp_path, monkeypatch, asked_yaml=text) == expected


def test_an_unreadable_file_is_the_one_problem_not_every_id_it_held(tmp_path: Path) -> None:
    # The questions asked before name hundreds of ids: with quotes.yaml unreadable, each would
    # be "unknown", and the real cause lost among them.
    kb = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, kb)
    quotes = kb / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace(
        "speaker: fdd-study", "speaker: [fdd-study", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb)
    assert [p.file.endswith("quotes.yaml") for p in caught.value.problems] == [True]
    assert "YAML syntax error" in caught.value.problems[0].message
