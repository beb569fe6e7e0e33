"""Connection and timeline questions on the shipped knowledge, through the real Engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine.answerer import Engine
from bot.engine.connections import PLACE_RELATIONS, Spotter
from bot.knowledge import KnowledgeBase, load_knowledge
from tests.conftest import KNOWLEDGE

FDD = "the FDD study by Nate Picarsic and Emily de La Bruyère"
FDD_CHAIN = [("lopez-aliaga", "owns", "perurail"), ("perurail", "carries_for", "las-bambas"),
             ("las-bambas", "majority_backed_by", "china-minmetals"),
             ("china-minmetals", "state_owned_by", "china")]


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


def chain(answer_hops: tuple[object, ...], n: int) -> list[tuple[str, str, str]]:
    return [(h.from_id, h.relation, h.to_id) for h in answer_hops  # type: ignore[attr-defined]
            if h.chain == n]  # type: ignore[attr-defined]


@pytest.mark.parametrize("question", [
    "How is López Aliaga connected to China?",
    "¿Qué relación tiene López Aliaga con China?",
    "is lopez aliaga linked to beijing",
])
def test_mayor_to_china_shows_the_claim_then_the_fdd_chain(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert (answer.kind, answer.answered, answer.decision) == ("connection", True, "answer")
    assert chain(answer.hops, 1) == [("lopez-aliaga", "ally_of", "china")]
    assert chain(answer.hops, 2) == FDD_CHAIN
    assert {h.source for h in answer.hops if h.chain == 2} == {"fdd-study"}
    assert answer.status == "claim"  # the shortest chain goes through a claim


def test_english_hops_name_source_and_status(engine: Engine) -> None:
    text = engine.ask("How is López Aliaga connected to China?").answer.splitlines()
    top = text.index("The story links Rafael López Aliaga and China directly:")
    assert text[top + 1] == ("• Rafael López Aliaga is an ally of China — a claim by Peruvian "
                             "news reports, not an established fact")
    assert text[top + 2] == "This chain goes through a claim, so it is only as solid as that claim."
    assert text[top + 6] == ("• PeruRail carries shipments for Minera Las Bambas — according to "
                             f"{FDD}")


def test_a_chain_leads_with_the_story_account_it_answers_by(engine: Engine) -> None:
    # Several facts tell of the mayor and China: the one that fits the question comes first,
    # with its source, and the answer is that entry's (its id), the chain after it.
    answer = engine.ask("How is López Aliaga connected to China?")
    entry = engine.kb.entries[answer.id or ""]
    assert {"lopez-aliaga", "china"} <= set(entry.about())
    assert answer.answer.startswith("What the story says: ")
    assert "FDD" in answer.answer.splitlines()[0] or "Peruvian" in answer.answer.splitlines()[0]
    assert answer.hops and answer.kind == "connection"
    plain = engine.routes.connect("lopez-aliaga", "china", "en")  # a link looked up: no lead
    assert plain.id is None and plain.answer.startswith("The story links")


def test_spanish_hops_name_source_and_status(engine: Engine) -> None:
    text = engine.ask("¿Qué relación tiene López Aliaga con China?").answer
    assert ("• China Minmetals es una empresa estatal de China — según el estudio de la FDD de "
            "Nate Picarsic y Emily de La Bruyère") in text.splitlines()
    assert "una afirmación de medios peruanos, no un hecho comprobado" in text


def test_spanish_chains_use_spanish_names(engine: Engine) -> None:
    lines = engine.ask("¿Está Blinken vinculado con PeruRail?").answer.splitlines()
    assert lines[2] == "• La donación de trenes se entregó a Lima — según Justo Medio"


def test_the_mayor_is_found_by_his_role(engine: Engine) -> None:
    # (no fact's account names both: the chain; for Minmetals, one fact tells how)
    answer = engine.ask("What ties the mayor to Xi Jinping?")
    xi = ("xi-jinping", "leader_of", "china")
    assert chain(answer.hops, 1) == [("lopez-aliaga", "ally_of", "china"), xi]
    assert chain(answer.hops, 2) == [*FDD_CHAIN, xi]


def test_blinken_to_perurail_is_a_chain_of_separate_reported_links(engine: Engine) -> None:
    answer = engine.ask("Is Blinken linked to PeruRail?")
    assert chain(answer.hops, 1) == [("blinken", "spoke_at", "train-donation"),
                                     ("train-donation", "donated_to", "lima"),
                                     ("lopez-aliaga", "mayor_of", "lima"),
                                     ("lopez-aliaga", "owns", "perurail")]
    assert chain(answer.hops, 2) == []
    assert answer.answer.splitlines()[-1] == \
        "Each link is a separate statement with its own source."


def test_unconnected_entities_get_what_the_story_says_of_each(engine: Engine) -> None:
    answer = engine.ask("How is FDD connected to Justo Medio?")
    lines = answer.answer.splitlines()
    assert lines[0] == ("The story does not connect Foundation for Defense of Democracies (FDD) "
                        "and Justo Medio. What it says about each:")
    assert lines[2].startswith("• Justo Medio: Justo Medio is a Peruvian news outlet, "
                               "according to the article.")
    assert answer.kind == "connection" and answer.hops == ()
    assert answer.attribution == "What it says of each: reported by the news article"


def test_connect_never_says_unconnected_what_one_fact_tells_together(engine: Engine) -> None:
    routes = engine.routes
    told = routes.connect("xi-jinping", "belt-and-road", "en")  # no chain of links, but ...
    assert told is not None and told.id == "chancay-opening"  # ... the opening tells of both
    reported = routes.connect("justo-medio", "lopez-aliaga", "en")
    assert reported is not None and reported.id == "california-trip"


@pytest.mark.parametrize(("question", "expected"), [
    ("How is PeruRail connected to China?", "perurail-china-ties"),  # the one curated fact
    ("What is the connection between PeruRail and Las Bambas?", "perurail-revenue"),
    # no entry lists both, but one fact's own account names both: it says how they are linked
    ("how is China Minmetals linked to the mayor's rail company", "perurail-china-ties"),
    ("what does the mayor have to do with Las Bambas", "perurail-china-ties"),  # (via PeruRail)
    ("Who said the ties between Peru and the United States would be strengthened?",
     "quote-strengthen-ties"),
    ("Who owns PeruRail?", "perurail-owner"),
    # the study's own claim about the initiative links the two, though no link of the graph
    # does: never "the story does not connect them"
    ("so the study says hes connected to the belt and road initiative? how",
     "aligned-with-china"),
    ("¿Con qué iniciativa global china lo vincula el informe?", "aligned-with-china"),
])
def test_a_curated_entry_about_both_answers_instead(engine: Engine, question: str,
                                                   expected: str) -> None:
    assert engine.ask(question).id == expected


def test_place_links_never_carry_a_chain(engine: Engine, kb: KnowledgeBase) -> None:
    for a in kb.entities:
        for b in kb.entities:
            if a.id < b.id:
                for hop in engine.routes.connect(a.id, b.id, "en").hops:  # type: ignore[union-attr]
                    if hop.relation in PLACE_RELATIONS:
                        assert {hop.from_id, hop.to_id} & {a.id, b.id}


def test_spotter_takes_the_longest_name_and_matches_short_capitals_as_written(
        kb: KnowledgeBase) -> None:
    spotter = Spotter(kb)
    assert spotter.spot("Is China Minmetals linked to China?") == ["china-minmetals", "china"]
    assert spotter.spot("tell us how the Lima mayor and the US are tied") == [
        "lopez-aliaga", "united-states"]


def test_a_reload_changes_the_chain(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    entities = copy / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    claim = "      - {relation: ally_of, target: china, source: peruvian-news, status: claim}\n"
    assert claim in text
    entities.write_text(text.replace(claim, ""), encoding="utf-8")
    answer = Engine(load_knowledge(copy)).ask("How is López Aliaga connected to China?")
    assert chain(answer.hops, 1) == [("lopez-aliaga", "mayor_of", "lima"),
                                     ("china", "invests_in", "lima")]
    assert chain(answer.hops, 2) == FDD_CHAIN


@pytest.mark.parametrize(("question", "lang"), [
    ("What happened first?", "en"), ("When did each thing happen?", "en"),
    ("Give me the timeline", "en"), ("¿Qué pasó primero?", "es"),
    ("¿En qué orden ocurrieron los hechos?", "es"),
])
def test_timeline_questions_list_events_in_order(engine: Engine, question: str,
                                                 lang: str) -> None:
    answer = engine.ask(question)
    assert (answer.kind, answer.lang) == ("timeline", lang)
    assert [e.id for e in answer.events] == [
        "event-port-opening", "event-donation-ceremony", "event-california-trip",
        "event-picarsic-today", "event-2026-bid"]


def test_timeline_keeps_the_article_wording_and_says_what_is_unordered(engine: Engine) -> None:
    lines = engine.ask("What happened first?").answer.splitlines()
    assert lines[2].startswith("2. last November (same period as the one before; the article "
                               "does not say which came first): At the train-donation")
    assert lines[3].endswith("— “Lima Mayor Rafael Lopez Aliaga was in California late last "
                             "month” (Justo Medio; reported)")
    assert engine.ask("¿Qué pasó primero?").answer.splitlines()[3].startswith(
        "3. a fines del mes pasado: Según Justo Medio")


@pytest.mark.parametrize("question", [
    "When did the mayor travel to California?", "When was the train donation ceremony?",
    "Did Blinken meet López Aliaga?", "What is Las Bambas?",
    # the asker's own timeline asks no timeline of the story
    "which exact date did he land in California? I need the day for my timeline",
])
def test_ordinary_questions_are_not_routed(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind not in ("connection", "timeline")


def test_json_carries_kind_and_hops(engine: Engine) -> None:
    data = engine.ask("Is the mayor tied to Xi Jinping?").to_json()
    assert data["kind"] == "connection" and data["events"] == []
    assert data["hops"][0] == {"chain": 1, "from": "lopez-aliaga", "relation": "ally_of",
                               "to": "china", "source": "peruvian-news", "status": "claim"}


def test_a_link_question_asking_what_the_story_never_tells_is_not_a_connection(
        engine: Engine) -> None:
    asked = "has anyone filed a legal complaint against Lopez Aliaga over the China ties"
    assert engine.ask(asked).kind != "connection"
    assert not engine.ask(asked).answered
    assert engine.ask("what are Lopez Aliaga's ties to China").kind == "connection"


def test_someones_words_on_a_link_are_their_quote_not_the_chain(engine: Engine) -> None:
    answer = engine.ask("como describio blinken la relacion entre peru y usa, larga, buena o que")
    assert answer.kind == "quote" and answer.id in ("quote-testament", "quote-strengthen-ties")


@pytest.mark.parametrize("question", [
    "how does the Belt and Road come into all this, according to the study",
    "¿qué relación hay entre el alcalde y la Franja y la Ruta según el estudio?",
])
def test_the_source_cited_is_not_one_end_of_the_link(engine: Engine, question: str) -> None:
    # "según el estudio" says whose account is wanted: the study's, which the matcher finds
    assert engine.ask(question).id in ("aligned-with-china", "quote-aligned")


def test_a_cited_speakers_view_of_a_link_is_their_words_not_a_chain(engine: Engine) -> None:
    answer = engine.ask("segun Blinken como es la relacion entre Peru y USA, de beneficio pa "
                        "los dos?")
    assert answer.kind != "connection"
    assert answer.id == "quote-testament" or "quote-testament" in [
        s.id for s in answer.suggestions[:1]]
    # with no one cited, the chain stands
    assert engine.ask("How is López Aliaga connected to China?").kind == \
        "connection"


def test_who_is_x_and_how_is_he_tied_asks_who_first_in_chat_spelling(engine: Engine) -> None:
    assert engine.ask("kien es lopez aliaga y q tiene q ver con china").id == "lopez-aliaga"


def test_the_one_describing_a_link_is_asked_for_words_not_a_chain(engine: Engine) -> None:
    answer = engine.ask("como describe el ex secretario gringo la relacion entre peru y usa")
    assert answer.kind != "connection"
    given = answer.id if answer.answered else answer.suggestions[0].id
    assert given in ("quote-strengthen-ties", "quote-testament")


def test_a_chain_leads_with_a_covering_account_the_matcher_ranks_when_none_is_chosen(
        engine: Engine) -> None:
    # the policy chose no entry telling of both; the best ranked one that does leads
    answer = engine.ask("what kind of ties has his company got with china, financial or "
                        "political or both")
    assert answer.kind == "connection" and answer.id is not None
    assert answer.answer.startswith("What the story says: ")
