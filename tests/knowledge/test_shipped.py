"""The shipped knowledge base against the article itself."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeBase, Quote
from bot.knowledge.schema import json_schema
from tests.conftest import ARTICLE, KNOWLEDGE

QUOTED = re.compile(r"“(.+?)”", re.S)


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def test_article_has_the_twelve_quoted_passages(article: str) -> None:
    # Guards the next test: if the article changed, the coverage test must be revisited.
    assert len(QUOTED.findall(article)) == 12


def test_every_quoted_passage_is_in_the_knowledge_verbatim(kb: KnowledgeBase,
                                                           article: str) -> None:
    texts = [q.text for q in kb.quotes]
    missing = [p for p in QUOTED.findall(article)
               if not any(p.rstrip(",.") in t for t in texts)]
    assert missing == []


def test_every_quote_text_is_verbatim_from_the_article(kb: KnowledgeBase, article: str) -> None:
    assert [q.id for q in kb.quotes if q.text not in article] == []


def test_the_unattributed_quote_has_no_speaker(kb: KnowledgeBase) -> None:
    quote = kb.entries["quote-old-train-cars"]
    assert isinstance(quote, Quote)
    assert quote.text.startswith("We’re bringing a bunch of old train cars")
    assert quote.speaker is None and quote.status == "unattributed"


def test_blinken_quotes_are_blinkens(kb: KnowledgeBase) -> None:
    speakers = {q.id: q.speaker for q in kb.quotes}
    assert speakers["quote-strengthen-ties"] == "blinken"
    assert speakers["quote-proud-caltrain"] == "blinken"
    assert speakers["quote-telltale"] == "picarsic"


@pytest.mark.parametrize("figure", ["$65 million", "$1.3 billion", "2024", "2026"])
def test_every_figure_is_in_an_answer(kb: KnowledgeBase, figure: str) -> None:
    assert any(figure in f.answer.en for f in kb.facts)


def test_no_invented_years(kb: KnowledgeBase) -> None:
    texts = [f.answer.en + f.answer.es for f in kb.facts]
    texts += [e.description.en + e.description.es for e in kb.entities]
    years = {y for t in texts for y in re.findall(r"\b(?:19|20)\d\d\b", t)}
    assert years <= {"2024", "2026"}


@pytest.mark.parametrize("name", [
    "López Aliaga", "Nate Picarsic", "Emily de La Bruyère", "Antony Blinken", "Xi Jinping",
    "PeruRail", "Minera Las Bambas", "China Minmetals", "Justo Medio", "NBC News", "FDD",
    "Caltrain", "Biden", "Chancay", "Belt and Road",
])
def test_every_person_and_organisation_has_an_entity(kb: KnowledgeBase, name: str) -> None:
    assert any(name in (e.name, *e.aliases) or name in e.name for e in kb.entities)


@pytest.mark.parametrize("spelling", ["Lopez Aliaga", "CalTrain", "de La Bruyere",
                                      "alcalde de Lima", "megapuerto de Chancay",
                                      "Foundation for Defense of Democracies"])
def test_alternative_spellings_are_aliases(kb: KnowledgeBase, spelling: str) -> None:
    assert any(spelling in e.aliases for e in kb.entities)


def test_claims_are_never_in_the_bots_voice(kb: KnowledgeBase) -> None:
    # A claim's answer must carry a verb of attribution, not state the claim flatly.
    markers = ("according to", "claims", "states", "describe", "says", "criticised", "según",
               "afirma", "describen", "dice", "criticó")
    flat = [f.id for f in kb.facts if f.status == "claim"
            and not (any(m in f.answer.en.lower() for m in markers)
                     and any(m in f.answer.es.lower() for m in markers))]
    assert flat == []


def test_committed_json_schema_is_current() -> None:
    committed = json.loads((KNOWLEDGE / "schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: storybot schema -o knowledge/schema.json"


@pytest.mark.parametrize("path", sorted(KNOWLEDGE.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_files_read_the_same_without_libyaml(path: Path) -> None:
    # PyYAML without its C library cannot read a '?' inside an unquoted flow-list item; where
    # that library is missing the bot falls back to the pure-Python reader.
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert pure == yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_no_two_synonym_groups_claim_one_stem(kb: KnowledgeBase) -> None:
    from bot.engine.index import synonym_clashes
    assert synonym_clashes(kb) == []


def test_a_word_stemming_like_another_groups_word_is_reported(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    from bot.engine.index import synonym_clashes
    clashing = replace(kb, synonyms=(("invest", "financio"), ("financial",)))
    [clash] = synonym_clashes(clashing)
    assert "'financial' (group 'financial')" in clash and "'invest'" in clash


def test_each_kind_reports_its_own_quoted_words(kb: KnowledgeBase) -> None:
    # a fact's quoted phrases in both languages, a quote's own words; a profile reports none
    assert "el hombre de China en Perú" in kb.entries["chinas-man"].said_words()
    quote = kb.entries["quote-too-little"]
    assert isinstance(quote, Quote) and quote.said_words()[0] == quote.text
    assert kb.entries["lopez-aliaga"].said_words() == ()


def test_questions_asked_before_come_from_read_sets_only() -> None:
    # What the sets not yet read measure is questions nobody tuned for: none of theirs may be
    # in the memory, and the memory is what bench/asked_before.py makes from the read ones.
    spec = importlib.util.spec_from_file_location(
        "asked_before", KNOWLEDGE.parent / "bench" / "asked_before.py")
    assert spec is not None and spec.loader is not None
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    assert max(int(s[5:] or 1) for s in maker.STUDIED if s.startswith("blind")) == 190
    assert not set(maker.UNREAD) & set(maker.STUDIED)
    shipped = (KNOWLEDGE / "asked_before.yaml").read_text(encoding="utf-8")
    assert shipped == maker.render(list(maker.STUDIED)), "run: python bench/asked_before.py"
