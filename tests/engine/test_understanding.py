"""What the matcher understands of a question, on the real knowledge: kinds of words, entities
by description, the asked-for thing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine.answerer import Engine
from bot.engine.asked import asked_thing
from bot.engine.index import ONE_EXAMPLE_SHARE, description_head, doc_weights
from bot.engine.matcher import Matcher, Question, Thresholds, _compounds, quoted_passages
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Questions
from bot.text import fold


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


def understand(engine: Engine, text: str) -> Question:
    return engine.matcher.understand(text)


def kinds(q: Question) -> dict[str, str]:
    return {t.word: t.kind for t in q.terms}


@pytest.mark.parametrize(("text", "entity"), [
    ("who owns the railway company", "@perurail"),
    ("what did the ex-secretary say", "@blinken"),
    ("the city's leader", "@lopez-aliaga"),
    ("the think tank's experts", "@fdd"),
    ("the seaport", "@chancay-port"),
    ("what does Beijing want", "@china"),
    ("la empresa ferroviaria", "@perurail"),
    ("who is picarcis", "@picarsic"),  # a typo with letters swapped apart
    ("las bamabs", "@las-bambas"),
    ("qué opina de que Estado Unido regale lo trenes", "@united-states"),  # the final s dropped
    ("china minmetal es del estado", "@china-minmetals"),
])
def test_entities_by_name_typo_or_description(engine: Engine, text: str, entity: str) -> None:
    assert entity in understand(engine, text).mentions


def test_filler_is_set_aside(engine: Engine) -> None:
    q = understand(engine, "hey bot, who owns perurail pls lol 2")
    assert {"hey", "bot", "pls", "lol", "2"} <= set(q.filler)
    assert "@perurail" in q.mentions


def test_a_number_the_story_gives_is_kept(engine: Engine) -> None:
    assert "2026" in kinds(understand(engine, "running in 2026?"))


@pytest.mark.parametrize(("text", "entry"), [
    ("who are the two people behind the study", "fdd-study"),
    ("quiénes son los tres autores del estudio", "fdd-study"),
])
def test_a_number_written_out_is_judged_like_digits(engine: Engine, text: str,
                                                     entry: str) -> None:
    # "two" is in a profile's words ("which of the two it means"), but no fact's number
    assert {"two", "tres"} & set(understand(engine, text).filler)
    answer = engine.ask(text)
    assert answer.answered and answer.id == entry


@pytest.mark.parametrize("text", ["China put US$1.3 billion into which port?",
                                  "¿En qué puerto metió China U$S 1.300 millones?"])
def test_us_dollars_are_a_currency_not_the_united_states(engine: Engine, text: str) -> None:
    assert "@united-states" not in understand(engine, text).mentions
    answer = engine.ask(text)
    assert answer.answered and answer.id == "chancay-investment"


@pytest.mark.parametrize("text", ["cuando dejo Blinken el cargo de secretario de estado?",
                                  "¿cuándo renunció Blinken al cargo?"])
def test_when_someone_did_what_the_story_lacks_is_not_answered(engine: Engine,
                                                               text: str) -> None:
    # his profile tells his post and "last November", not when he left
    assert not engine.ask(text).answered


@pytest.mark.parametrize("text", ["qué respondió lópez aliaga a lo que dijo picarsic",
                                  "how did lopez aliaga respond to what picarsic said"])
def test_a_reply_to_someones_words_asks_the_replier(engine: Engine, text: str) -> None:
    # Picarsic's words are what the mayor would answer; the story has no reply of his
    assert understand(engine, text).speakers == {"@lopez-aliaga"}
    assert not engine.ask(text).answered


@pytest.mark.parametrize("text", ["where did the mayor go", "mayor of where"])
def test_a_quote_is_no_place_when_only_a_name_is_matched(engine: Engine, text: str) -> None:
    # "go" is dropped, so only the mayor is left: every passage about him fits alike
    answer = engine.ask(text)
    assert not (answer.answered and answer.kind == "quote")


@pytest.mark.parametrize(("text", "lang"), [("whats justo medio", "en"),
                                          ("who owns minera las bambas", "en"),
                                          ("qué es justo medio", "es")])
def test_the_reply_is_in_the_askers_language_not_the_names(engine: Engine, text: str,
                                                           lang: str) -> None:
    assert engine.ask(text).lang == lang


@pytest.mark.parametrize(("text", "entity"), [
    ("was Picky impressed with the trains", "@picarsic"),  # a real word, written as a name
    ("what did Blinky say", "@blinken"),
    ("who called raffa a linchpin", "@lopez-aliaga"),  # in lower case, five letters or more
    ("is Rafa running", "@lopez-aliaga"),
])
def test_a_persons_nickname_is_them(engine: Engine, text: str, entity: str) -> None:
    assert entity in understand(engine, text).mentions


@pytest.mark.parametrize("text", [
    "what does Bruno Mars think of the mayor",  # a full name the story lacks, not Bruyère
    "is the report picky",  # the word, not a name
    "which site did bruk di story",  # short slang in lower case ("broke")
    "did Picasso paint the trains",  # more than a pet ending past "Pica"
])
def test_no_nickname_where_there_is_none(engine: Engine, text: str) -> None:
    assert not {"@de-la-bruyere", "@picarsic"} & understand(engine, text).mentions


def soft_terms(q: Question) -> set[str]:
    return {t.term for t in q.terms if t.soft}


@pytest.mark.parametrize(("text", "described", "asked"), [
    ("who owns the mine that feeds the mayor's trains", "@perurail", "@las-bambas"),
    ("la mina que le manda carga al ferrocarril del alcalde es de una sola empresa",
     "@perurail", "@las-bambas"),
    # with a demonstrative between, and a clause of what a thing says, all of it
    ("quien firma el informe ese q pone al alcalde como el amiguete de pekin", "@china",
     "@fdd-study"),
    ("who put together the study sayin the mayor's rail biz is tangled up w china", "@china",
     "@fdd-study"),
])
def test_a_relative_clause_picks_out_what_is_asked_of(engine: Engine, text: str,
                                                      described: str, asked: str) -> None:
    q = understand(engine, text)
    assert described in soft_terms(q) and asked not in soft_terms(q)


def test_a_last_clause_that_is_the_rest_keeps_an_earlier_one(engine: Engine) -> None:
    # the second "that" runs to the end with no question word before it: it is the line
    # itself, but the first clause still only picks out the mine
    q = understand(engine, "the mine that feeds the mayor's trains is a joint venture and the "
                           "port that china built")
    assert "@perurail" in soft_terms(q) and "@china" not in soft_terms(q)


def test_what_a_clause_picks_out_by_is_not_what_is_asked(engine: Engine) -> None:
    q = understand(engine, "la mina q le paga a perurail quien la controla")
    assert q.asked.thing != "amount"  # who controls it, not how much it pays


@pytest.mark.parametrize(("text", "term"), [
    ("dice el estudio que el alcalde es aliado de china", "@lopez-aliaga"),  # "that", reported
    ("who's the fella running Lima that went over to California", "@california"),  # his clause
    ("el pesado de china q estuvo en la apertura del puerto", "@chancay-port"),
    ("segun el estudio qué busca china apoyando al alcalde", "@lopez-aliaga"),  # "qué" asks
])
def test_no_clause_where_que_or_that_opens_none(engine: Engine, text: str, term: str) -> None:
    assert term not in soft_terms(understand(engine, text))


def test_spanish_chat_tipo_is_like_unless_a_guy(engine: Engine) -> None:
    assert "tipo" in understand(engine, "quien la controla tipo quien tiene la mayoria").filler
    assert "tipo" not in understand(engine, "el tipo este es alcalde de que ciudad").filler


def test_word_kinds(engine: Engine) -> None:
    k = kinds(understand(engine, "does the pier have a zorblat"))
    assert k["pier"] == "vocabulary" and k["zorblat"] == "unknown"


def test_real_words_are_not_corrected(engine: Engine) -> None:
    assert understand(engine, "Nope.").corrections == ()


def test_lower_case_us_is_not_the_united_states(engine: Engine) -> None:
    assert "@united-states" not in understand(engine, "can you help us").mentions
    assert "@united-states" in understand(engine, "what did the US give").mentions


def test_south_america_is_not_america(engine: Engine) -> None:
    assert "@united-states" not in understand(engine, "china in south america").mentions


def test_no_name_spans_a_verb(engine: Engine) -> None:
    # "think tank [did that] study" is no "think tank's study": the think tank is named
    q = understand(engine, "what think tank did that study come out of")
    assert {"@fdd", "@fdd-study"} <= q.mentions
    # ... nor a copula: "un aliado de China que quiere ser presidente" names no Chinese president
    q = understand(engine, "quien informo que un aliado de China que quiere ser presidente se fue")
    assert "@xi-jinping" not in q.mentions and "@china" in q.mentions


@pytest.mark.parametrize("text", ["q es la FDD q sale en la noticia",
                                  "which think tank put out that study"])
def test_a_verb_is_not_read_as_a_story_word_it_looks_like(engine: Engine, text: str) -> None:
    # Spanish "sale" (comes up) is no "sales"; "put out" a study is no money put in
    terms = {t.term for t in understand(engine, text).terms}
    assert not {"revenu", "invest"} & terms


def test_the_top_job_is_the_presidency(engine: Engine) -> None:
    q = understand(engine, "what year might the Lima mayor try for the top job in Peru")
    assert "pres" in {t.term for t in q.terms}


@pytest.mark.parametrize(("text", "term"), [
    ("in that unnamed quote where would the trains end up", "anonym"),
    ("el alcalde va a tentar la presidencia", "candidaci"),
    ("quien mandaba en la casa blanca", "@biden-administration"),
])
def test_words_the_knowledge_gives_the_same_meaning(engine: Engine, text: str,
                                                    term: str) -> None:
    assert term in {t.term for t in understand(engine, text).terms}


def test_second_mention_is_a_predicate(engine: Engine) -> None:
    q = understand(engine, "when did lopez aliaga become mayor of lima")
    assert "mayor" in kinds(q)


@pytest.mark.parametrize(("text", "thing", "measure"), [
    ("how much did china invest", "amount", None),
    ("how long is the pier", "amount", "long"),
    ("how many employees does perurail have", "amount", "employees"),
    # a count asked, though words are spoken of in it
    ("how many train cars do they say he wants to steal", "amount", "train"),
    ("cuantos vagones dicen que se quiere robar", "amount", "vagones"),
    ("que cantidad de dinero invirtio china", "amount", None),
    ("what amount did china invest in chancay", "amount", None),  # (no "amount" of a thing)
    ("cuantos palos verdes metio china", "amount", None),  # (millions, in chat)
    ("chancay port cost how much and who reported it", "amount", None),  # ("and": no count)
    ("cuanto mide el puerto", "amount", "mide"),
    ("el puerto de chancay cuanta gente tiene trabajando", "amount", "gente"),
    ("when was the ceremony", "date", None),
    ("donde queda chancay", "place", None),
    ("why did he go", "reason", None),
    ("who said too little too late", "words", None),
    ("what job did blinken have", "role", None),
    ("emily de la bruyere trabaja en que think tank", "role", None),
    ("where does picarsic work", "role", None),
    ("emily de la bruyer works where", "role", None),
    ("is he working with china", "description", None),
    ("how is the mayor linked to china", "link", None),
    ("which party is he in", "description", "party"),
    ("q tiene q ver caltrain con china", "link", None),
    ("which program is the mayor linked to", "description", "program"),
    ("what links the mayor to china", "link", None),
    ("which big program is he part of", "description", None),  # not "how big"
    ("what does the fdd have to do with caltrain", "link", None),
    ("what day was the ceremony", "date", "day"),
    ("que dia fue la ceremonia", "date", "dia"),
    ("en que mes son las elecciones", "date", "mes"),
    ("what date is the election", "date", "day"),
    ("fecha del viaje", "date", None),
    ("when exactly was the ceremony", "date", None),
    ("who reported the 1.3 billion number", "words", None),  # its source: who says it
    ("who owns the number one railway", "person", None),
    ("whats the mining giant called", "description", None),
    ("what is chancay", "description", None),
    ("en que fecha de noviembre fue la ceremonia", "date", "dia"),  # the month is known
    ("when did blinken leave his post", "date", None),  # the date, not the post
    ("cuando asumio el cargo el alcalde", "date", None),
    ("blinken q cargo tenia cuando vino a lima", "role", None),  # a later "cuando": the post
    ("which port has the biggest capacity", "description", "port"),  # a port, not a number
    ("what percentage does minmetals own", "amount", "percentage"),
    ("picarsic en que universidad estudio", "description", "universidad"),  # after a name
    ("la bruyere en que organizacion es que trabaja", "role", None),
    ("lopez aliaga ha contestado a lo de q es el hombre de china", "words", None),  # his reply
    ("el alcalde ha respondido al estudio", "words", None),
    ("the trains went to which city, lima or somewhere else", "place", None),  # asked in place
    ("whats the railway company called that the mayor owns", "description", None),  # a name
    ("what did the president of peru say about all this", "words", None),  # a long subject
    ("for lima infrastructure, which area china dey pump the most money into", "place", None),
    ("which chinese guy was at the opening", "person", None),  # a person noun after "which"
    ("what role does the us play in the story", "description", None),  # its part, no post
    ("que papel tiene china en la nota", "description", None),
    ("que empresa construyo el puerto cosco o quien", "description", None),  # "or who"
    ("total chinese investment in lima power sector in usd bn", "amount", None),  # its unit
    ("the locomotives came from which rail operator", "description", "rail"),  # in situ
    ("de que partido politico es el alcalde", "description", "partido"),  # (an adjective)
    ("how long ago was the train ceremony in lima", "date", None),  # when, not a length
    ("how much e dey collect every year", "amount", None),  # no "e" counted
    # the link is only in the clause that picks the thing out
    ("what is the big global project of china that the mayor is linked to", "description", None),
    ("what is the connection that links the mayor to china", "link", None),
    ("who is the mayor they say is in cahoots with china", "person", None),  # not who says
    ("en que momento viajo el alcalde a eeuu", "date", None),  # when, no exact date
    ("con que mega plan chino lo relacionan", "description", None),  # a size, no plan named
    ("how much his company earns", "amount", None),  # no "his" counted
    # "para que" is "so that" before a verb, "para qué" before the thing asked
    ("que busca beijing al apadrinar al politico para que suba de cargo", "description", None),
    ("el alcalde esta pensando meterse a presi para que ano seria", "date", None),
])
def test_asked_thing(text: str, thing: str, measure: str | None) -> None:
    asked = asked_thing(fold(text).split())
    assert (asked.thing, asked.measure) == (thing, measure)


def test_hedges_are_not_content(engine: Engine) -> None:
    q = understand(engine, "is lopez aliaga legit working for china tbh or just rumors")
    assert not {"legit", "tbh", "rumors"} & set(kinds(q))


def test_the_words_naming_a_role_weigh_like_question_words(engine: Engine) -> None:
    q = understand(engine, "what position did blinken hold")
    assert q.asked.thing == "role"
    assert all(t.soft for t in q.terms if t.word in ("position", "hold"))


def test_a_name_matches_with_synonyms_and_inflections_inside(engine: Engine) -> None:
    q = understand(engine, "what is the foundation for defence of democracy")
    assert [t.term for t in q.terms] == ["@fdd"]


def test_a_day_needs_an_entry_that_dates_to_the_day(engine: Engine) -> None:
    answer = engine.ask("what day in november was the donation ceremony")
    assert (answer.answered, answer.decision) == (False, "not_said")
    assert engine.ask("when was the donation ceremony").answered


@pytest.mark.parametrize("text", ["who gave lima the trains in the first place",
                                  "who gave lima the trains or nah",
                                  "is lopez aliaga thinking about running for president"])
def test_chat_idioms_are_set_aside(engine: Engine, text: str) -> None:
    q = understand(engine, text)
    assert not {"first", "place", "nah", "thinking"} & set(kinds(q))
    assert {"first", "nah", "thinking"} & set(q.filler)


def test_a_named_kind_keeps_its_phrase(engine: Engine) -> None:
    assert understand(engine, "which think tank wrote it").measure_term == "@fdd"


def test_a_measure_must_be_stated_by_the_answer_not_an_example(engine: Engine) -> None:
    # "old" is in the train-cars quote and in ways of asking about it; it says nothing of age
    assert not engine.ask("how old is lopez aliaga").answered
    doc = next(d for d in engine.matcher.index.docs if d.entry.id == "blinken")
    assert "@blinken" in doc.stated and not {"what", "who"} & doc.stated


@pytest.mark.parametrize(("text", "entry"), [("65m?", "perurail-revenue"),
                                             ("1.3B?", "chancay-investment")])
def test_amounts_in_chat_shorthand(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


def test_a_name_typo_is_not_turned_into_a_common_word(engine: Engine) -> None:
    q = understand(engine, "who is emily de la bruyer")
    assert "@de-la-bruyere" in q.mentions


def test_the_cited_source_is_not_what_is_asked_about(engine: Engine) -> None:
    q = understand(engine, "q papel tiene el alcalde segun picarsic")
    assert q.cited == {"@picarsic"} and "@lopez-aliaga" in q.mentions
    assert engine.ask("q papel tiene el alcalde segun picarsic").id != "picarsic"


def test_one_entity_and_this_whole_thing_asks_its_role(engine: Engine) -> None:
    answer = engine.ask("what does caltrain have to do with all this")
    assert understand(engine, "what does caltrain have to do with all this").asked.thing \
        == "description"
    assert answer.id == "caltrain"


def test_words_of_one_example_weigh_less_than_shared_ones(engine: Engine) -> None:
    terms = engine.matcher.index.terms
    fields = {"asked": [], "linked": [], "text": [],
              "examples": ["who owns perurail", "wait who owns perurail", "perurail owner"]}
    weights = doc_weights(terms, fields, frozenset({"@perurail"}), None)
    assert weights["own"] == 1.0
    assert weights["wait"] == ONE_EXAMPLE_SHARE < 1.0
    # an entity only named by a way of asking is not what the entry is about
    fields["examples"].append("is it like caltrain")
    assert "@caltrain" not in doc_weights(terms, fields, frozenset({"@perurail"}), None)


def test_a_name_inside_a_description_of_another_is_what_the_entry_tells_of(
        engine: Engine) -> None:
    # the parse reads "López Aliaga's company" as PeruRail named again; the mayor is still named
    terms = engine.matcher.index.terms
    text = "PeruRail, López Aliaga's company, has deep financial ties to China"
    assert "@lopez-aliaga" not in terms.of_text(text)
    fields = {"asked": [], "linked": [], "examples": [], "text": [text]}
    assert doc_weights(terms, fields, frozenset({"@perurail"}), None)["@lopez-aliaga"] > 0
    # a profile's other names are its links, weighed as such, not what it tells of
    assert "@lopez-aliaga" not in doc_weights(terms, fields, frozenset(), "@perurail")
    assert engine.ask("por que dicen que el alcalde esta atado de plata con los chinos?").id \
        == "perurail-china-ties"


@pytest.mark.parametrize(("text", "meant"), [
    ("The think tank lady, what's her position there?", "@de-la-bruyere"),
    ("la investigadora de la fundación qué cargo tiene", "@de-la-bruyere"),
    ("what did the FDD guy say about the mayor", "@picarsic"),
])
def test_a_person_noun_that_says_she_or_he_picks_out_one_of_an_organisations_people(
        engine: Engine, text: str, meant: str) -> None:
    assert meant in understand(engine, text).mentions
    # a noun that says neither is the organisation's people, none named
    plain = understand(engine, "what did the FDD experts say about the mayor")
    assert "@fdd" in plain.mentions and not plain.mentions & {"@picarsic", "@de-la-bruyere"}


@pytest.mark.parametrize("text", [
    "¿Con qué finalidad fue el alcalde a California?",
    "con que proposito viajo el alcalde a california",
    "¿Pa' qué chucha se fue el alcalde a Estados Unidos?",
])
def test_a_purpose_asked_in_other_words_is_a_reason_the_story_gives(engine: Engine,
                                                                    text: str) -> None:
    assert understand(engine, text).asked.thing == "reason"
    answer = engine.ask(text)
    assert answer.decision != "not_said" and answer.id == "california-trip"


def test_a_person_noun_that_says_neither_keeps_all_the_organisations_people(
        engine: Engine) -> None:
    # even when the knowledge gives one of them a pronoun and not the other
    index = replace(engine.matcher.index, pronouns={"@picarsic": "he"})
    question = Matcher(index, Thresholds()).understand("what did the FDD experts say")
    assert question.stand_ins["@fdd"] >= {"@picarsic", "@de-la-bruyere"}


@pytest.mark.parametrize(("text", "chat"), [
    ("¿te gustan los trenes, bot?", True),
    ("do you like trains, bot?", True),
    ("do u like perurail lol", True),
    ("would you like to tell me who owns perurail", False),
])
def test_the_bots_own_likes_asked_are_chat(engine: Engine, text: str, chat: bool) -> None:
    assert (engine.ask(text).decision == "chat") == chat


def test_a_jamaican_greeting_before_a_question_is_chat(engine: Engine) -> None:
    assert engine.ask("wah gwaan, who is lopez aliga??").id == "lopez-aliaga"


def test_whose_words_an_entry_carries(engine: Engine) -> None:
    docs = {d.entry.id: d for d in engine.matcher.index.docs}
    # "what did Xi say" is asked of the opening; "my uncle says López Aliaga flew ..." does not
    # make the trip report carry his words
    assert "@xi-jinping" in docs["chancay-opening"].speakers
    assert "@lopez-aliaga" not in docs["california-trip"].speakers
    assert not engine.ask("What did López Aliaga say in California?").answered
    # "China's man in Peru" is the study's words about the mayor, not his
    assert "@lopez-aliaga" not in docs["china-cultivating"].speakers
    assert "@lopez-aliaga" not in docs["chinas-man"].speakers  # ("why is he called ...")
    assert "@lopez-aliaga" not in docs["lima-mayor"].speakers  # ("cómo se llama el alcalde")
    assert "@lopez-aliaga" not in docs["presidential-bid"].speakers  # ("piensa candidatear")
    assert "@blinken" in docs["donation-ceremony"].speakers  # "Blinken said ..."


@pytest.mark.parametrize(("text", "speakers"), [
    ("what did blinken say about caltrain", {"@blinken"}),
    ("q dijo blinken de caltrain", {"@blinken"}),
    ("blinken q dijo en lima", {"@blinken"}),
    ("my uncle says lopez aliaga flew to california", set()),
    ("how does the report describe the foothold beijing has", set()),
    ("xi jinping dijo algo en la inauguracion del puerto", {"@xi-jinping"}),
    ("q dice la nota de peru", set()),
    ("what did biden himself say about the trains", {"@biden-administration"}),
    ("why is Lopez Aliaga called China's man", set()),  # named, not naming
    ("a rla le dicen el hombre de china?", set()),  # "le dicen": he is told of
    ("por que le dicen a lopez aliaga el hombre de china", set()),
    ("que dice la cita de los vagones viejos", set()),  # trains say nothing
    ("el alcalde ese dicen que se quiere lanzar pa presidente", set()),  # "they say"
    ("when's the mayor reckoned to have a crack at the top job", set()),  # others think so
    ("what is China said to be after in South America", set()),
    ("ese maje piensa tirarse pa presidente", set()),  # he intends to
    ("How has Beijing responded to the label", {"@china"}),  # his reply, his words
    ("que dijo el alcalde lopez aliaga de todo esto", {"@lopez-aliaga"}),  # title, then name
    ("al alcalde le dicen el hombre de china", set()),  # what he is called
])
def test_who_is_asked_to_have_spoken(engine: Engine, text: str, speakers: set[str]) -> None:
    assert understand(engine, text).speakers == speakers


def test_which_described_entity_is_asked_not_a_link(engine: Engine) -> None:
    q = understand(engine, "que think tank esta detras del informe sobre los lazos con china")
    assert q.asked.thing == "description"
    assert engine.ask("que think tank esta detras del informe sobre los lazos con china").kind \
        != "connection"


def test_an_alternative_is_not_a_yes_no_question(engine: Engine) -> None:
    assert understand(engine, "did biden send the trains?").polar
    assert not understand(engine, "los trenes los regalo el gobierno de trump o de biden?").polar


def test_chat_filler_in_example_questions_stays_filler(kb: KnowledgeBase) -> None:
    # an example "tl;dr pls" must not make "pls" a word of the story, or every "... pls" question
    # would be missing it
    fact = kb.facts[0]
    asked = replace(fact, questions=Questions(en=(*fact.questions.en, "tl;dr pls lol")))
    engine = Engine(replace(kb, entries={**kb.entries, fact.id: asked}))
    assert not engine.matcher.index.known("pls")
    assert "pls" in engine.matcher.understand("who owns perurail pls").filler


def test_what_someone_thinks_is_asked_of_their_words(engine: Engine) -> None:
    assert understand(engine, "q opina la gente de lima de la donacion").speakers == {"@lima"}
    answer = engine.ask("q opina la gente de lima de la donacion")
    assert not answer.answered
    assert answer.answer.startswith("La nota no dice qué dijo u opina Lima") or \
        answer.decision == "clarify"
    assert engine.ask("q opina picarsic de la donacion").id in ("too-little-too-late",
                                                               "quote-too-little")


@pytest.mark.parametrize(("text", "within"), [
    ("which city in california did the mayor visit", "@california"),
    ("en que ciudad de california estuvo el alcalde", "@california"),
    ("which city for California the mayor visit exactly?", "@california"),  # "for": in
    ("in what town is the port", None),
])
def test_a_place_asked_inside_a_named_place(engine: Engine, text: str, within: str) -> None:
    assert understand(engine, text).within == within


def test_a_month_needs_an_entry_that_names_one(engine: Engine) -> None:
    # "he may run in 2026" names no month; "last November" does
    assert not engine.ask("en que mes son las elecciones de 2026 en peru").answered
    assert engine.ask("what month did the mayor go to california").id == "california-trip"


@pytest.mark.parametrize("text", ["how much does peru rial make", "peru rail owner",
                                  "is cal train where the trains came from"])
def test_a_name_typed_in_two_pieces(engine: Engine, text: str) -> None:
    assert {"@perurail", "@caltrain"} & understand(engine, text).mentions



def test_a_name_typed_in_three_pieces_with_a_letter_between(engine: Engine) -> None:
    # "u" is Spanish "or" and chat "you": in "per u rail" it is a piece of PeruRail, not the bot
    m, d = engine.judge("cuanta plata gana per u rail x año")
    assert "@perurail" in m.question.mentions
    assert d.action == "answer" and d.best is not None and d.best.id == "perurail-revenue"
    # ... but only spelled exactly: "Aliaga y q" is no typo of "Aliaga"
    assert ("aliaga y q", "aliaga") not in understand(
        engine, "quien es lopez aliaga y q tiene q ver con china").corrections


def test_a_known_second_word_is_not_joined(engine: Engine) -> None:
    # "china" is a story word: "chancay china" stays two names, not a typo of one
    assert understand(engine, "chancay china").mentions == {"@chancay-port", "@china"}


def test_a_role_is_given_by_an_entry_about_the_person_not_one_they_wrote(engine: Engine) -> None:
    m, d = engine.judge("what's emily de la bruyere's position at that think tank")
    gives = {c.id: c.gives_asked for c in m.ranked}
    assert gives["de-la-bruyere"] and not gives["beachhead"]
    assert d.action != "answer" or (d.best is not None and d.best.id == "de-la-bruyere")


def test_a_profile_is_about_what_its_links_name(engine: Engine) -> None:
    doc = next(d for d in engine.matcher.index.docs if d.entry.id == "china-minmetals")
    assert "@china" in doc.about
    m, _ = engine.judge("is china minmetals a private firm or owned by the chinese state?")
    assert "china-minmetals" in [c.id for c in m.ranked if not c.entities_missing]


def test_who_said_the_asker_s_words_for_an_unnamed_person(engine: Engine) -> None:
    # the passage says "this individual"; the asker says "el alcalde"
    answer = engine.ask("quien dijo que el alcalde esta trabajando en secreto con china y que "
                        "se quiere robar los trenes?")
    assert answer.id in ("train-cars-allegation", "quote-old-train-cars")


def test_which_adjective_noun_asks_the_noun(engine: Engine) -> None:
    answer = engine.ask("which political party is the lima mayor with")
    assert (answer.answered, answer.decision) == (False, "not_said")
    assert answer.answer.startswith("The story doesn't say which party")
    # a name before the noun is no adjective of this kind: "which california commuter rail"
    assert understand(engine, "which california commuter rail").measure_term != "commut"


def test_an_organisation_s_guy_is_a_person_it_links(engine: Engine) -> None:
    q = understand(engine, "that guy from the study, what did he say about the trains")
    assert "@picarsic" in q.stand_ins["@fdd-study"]
    assert engine.ask("that guy from the study, what did he say about the trains").id in (
        "quote-too-little", "too-little-too-late")
    assert not understand(engine, "what did the study say about the trains").stand_ins
    # "el de la FDD": the one from it
    assert "@picarsic" in understand(engine, "qué dice el de la FDD del alcalde").stand_ins[
        "@fdd"]
    assert not understand(engine, "qué dice la FDD del alcalde").stand_ins


def test_take_place_is_an_idiom_and_a_name_asked_is_the_profile(engine: Engine) -> None:
    assert engine.ask("When did the train donation ceremony in Lima take place?").id == \
        "donation-ceremony"
    assert engine.ask("cual era el nombre de la mina?").id == "las-bambas"


def test_the_donation_ceremony_is_the_ceremony_not_the_donation(engine: Engine) -> None:
    assert engine.ask("where was the train donation ceremony held?").id == "donation-ceremony"


def test_a_thing_asked_of_an_everyday_named_entity_is_no_chat(engine: Engine) -> None:
    answer = engine.ask("which political party is the mayor with")
    assert answer.decision == "not_said"


def test_a_person_asked_of_an_organisation_needs_an_entry_about_it(engine: Engine) -> None:
    # the FDD wrote the "deep ties" line; it says nothing of who funds the FDD
    answer = engine.ask("¿Quién financia a la FDD?")
    assert not answer.answered
    assert engine.ask("who owns perurail").id == "perurail-owner"


def test_what_someone_answered_is_asked_of_their_words(engine: Engine) -> None:
    # the "China's man" quote is the study's words about him, not his answer
    question = "¿Qué respondió López Aliaga a quienes lo llaman 'el hombre de China en el Perú'?"
    assert understand(engine, question).speakers == {"@lopez-aliaga"}
    assert not engine.ask(question).answered
    doc = next(d for d in engine.matcher.index.docs if d.entry.id == "quote-chinas-man")
    assert "@lopez-aliaga" not in doc.speakers


def test_a_typo_between_two_words_takes_the_name_then_the_question_s_language(
        engine: Engine) -> None:
    speller = engine.matcher.speller
    assert speller.name_fix("chancey", "en") == "chancay"  # a name before "chance"
    assert speller.name_fix("democracys", "en") == "democracies"
    assert speller.name_fix("democracys", "es") == "democracias"
    assert understand(engine, "what is the foundaton for defence of democracys").mentions \
        == {"@fdd"}


@pytest.mark.parametrize(("text", "thing"), [
    ("which outlet broke the story about the trip", "words"),
    ("que medio saco lo del viaje", "words"),
    ("who s the source for the number", "words"),
    ("justo medio es un medio peruano", "description"),  # said of an outlet, not asked
    ("in what town is the port", "place"),
    ("how does the belt and road come into this", "link"),
    ("how does belt and road fit in", "link"),
])
def test_the_source_asked_for_is_whose_words(text: str, thing: str) -> None:
    words = text.split()
    in_names = frozenset({"justo", "medio"}) if text.startswith("justo") else frozenset()
    assert asked_thing(words, in_names).thing == thing


def test_which_outlet_reported_is_answered_by_the_entry_it_reported(engine: Engine) -> None:
    answer = engine.ask("Which outlet broke the story about the California trip?")
    assert answer.id == "california-trip"
    assert answer.attribution is not None and "Justo Medio" in answer.attribution


def test_which_kind_needs_an_entry_about_one_of_that_kind(engine: Engine) -> None:
    kinds = engine.matcher.index.kinds
    company = engine.matcher.understand("which company owns las bambas").measure_term
    assert company is not None and "@perurail" in kinds[company]
    assert engine.ask("which company owns las bambas").id == "las-bambas-owners"
    # the story says China invests in Lima's power sector, but names no company doing it
    for text in ("Which Chinese companies are investing in Lima's power sector?",
                 "¿Qué empresas chinas invierten en el sector eléctrico de Lima?"):
        assert engine.matcher.understand(text).measure_term == company
        assert not engine.ask(text).answered


def test_who_made_something_is_not_answered_by_its_own_words(engine: Engine) -> None:
    # the study's quotes are about the mayor and China, but do not say who wrote the study
    for text in ("Who wrote the study on Lopez Aliaga's ties to China?",
                 "¿Quiénes son los autores del estudio que vincula a López Aliaga con China?"):
        answer = engine.ask(text)
        assert not (answer.answered and answer.kind == "quote"), answer.id


@pytest.mark.parametrize(("text", "lang", "head"), [
    ("the railway company", "en", "company"),
    ("the company that owns the railway", "en", "company"),
    ("the head of the FDD", "en", "head"),
    ("la empresa ferroviaria", "es", "empresa"),
])
def test_the_noun_a_description_calls_its_entity(text: str, lang: str, head: str) -> None:
    assert description_head(text, lang) == head


def test_the_kind_asked_for_is_covered_by_an_entry_about_one(engine: Engine) -> None:
    # the Biden administration is "the former US president": the donation entry is about it
    assert engine.ask("wich president gave peru teh trains").id == "locomotive-transfer"
    # "qué tipo de trenes" asks what kind, not for "el tipo" (the guy)
    assert understand(engine, "que tipo de trenes eran los donados?").measure_term != "tipo"


def test_per_the_study_names_the_source_not_the_topic(engine: Engine) -> None:
    assert "per" not in {t.word for t in understand(engine, "what company does the mayor own "
                                                            "per the study").terms}


def test_a_naming_word_asked_with_which_anywhere_weighs_like_a_question_word(
        engine: Engine) -> None:
    q = understand(engine, "is the mayor running for president, and for which year")
    assert all(t.soft for t in q.terms if t.word == "year")
    assert understand(engine, "what exact day in november was the ceremony").asked.measure \
        == "day"


def test_plain_person_nouns_restate_the_one_named(engine: Engine) -> None:
    plain = understand(engine, "what did the mayor guy say about the trains")
    assert all(t.soft for t in plain.terms if t.word == "guy")
    assert plain.speakers == understand(engine, "what did the mayor say about the trains").speakers
    assert understand(engine, "where did emily de la bruyere work").asked.thing == "role"
    assert engine.ask("where did emily de la bruyere work").id == "de-la-bruyere"


def test_a_role_noun_restates_unless_a_person_is_asked(engine: Engine) -> None:
    said = understand(engine, "what did the FDD analyst say about the railway")
    assert all(t.soft for t in said.terms if t.word == "analyst")
    who = understand(engine, "who are the authors of the study")
    assert not any(t.soft for t in who.terms if t.word == "authors")


def test_a_passage_readers_take_to_be_about_someone_is_found_not_attributed(
        engine: Engine) -> None:
    found = engine.ask("what's the allegation about what the mayor plans to do with the "
                       "donated train cars")
    assert found.id == "train-cars-allegation"
    assert "does not say" in found.answer  # ... who "this individual" is
    # it is not his words, nor does it say how old he is
    for text in ("lopez aliaga respondio a las acusaciones?", "how old is lopez aliaga",
                 "what did lopez aliaga say about the donated trains"):
        answer = engine.ask(text)
        assert not answer.answered or answer.id not in ("train-cars-allegation",
                                                       "quote-old-train-cars"), text
    assert engine.ask("how old is lopez aliaga").decision == "not_said"


@pytest.mark.parametrize(("text", "thing"), [
    ("lopez aliaga respondio a las acusaciones", "words"),
    ("lopez aliaga ya respondio a las acusaciones de que trabaja con china", "words"),
    # ... after a long subject too (a reply, not a profile of the one replying)
    ("la empresa de trenes del alcalde respondio algo a lo del estudio", "words"),
    ("the railway company of the mayor responded to the study", "words"),
    ("blinken dijo algo de caltrain", "words"),
    ("describe china minmetals for me", "description"),
    ("why does the study say perurail has deep ties to china", "reason"),
    ("xq dicen q perurail tiene lazos con china", "reason"),
    ("quien sostiene que china ha estado cultivando a lopez aliaga", "words"),
    ("where did picarsic say the too little too late thing", "place"),
    ("de donde saca el articulo la info del viaje quien lo reporto primero", "words"),
])
def test_a_yes_no_speech_verb_asks_for_words(text: str, thing: str) -> None:
    assert asked_thing(text.split()).thing == thing


def test_how_old_needs_an_age_not_the_word_old(engine: Engine) -> None:
    answer = engine.ask("How old are the donated train cars?")  # "old train cars" is no age
    assert (answer.answered, answer.decision) == (False, "not_said")
    assert "nothing on" not in answer.answer  # "doesn't say how old", not also "nothing on old"


def test_names_offered_as_alternatives_need_only_one(engine: Engine) -> None:
    q = understand(engine, "the trains were supplied under which US administration, Biden or "
                           "Trump?")
    assert ("@biden-administration", "trump") in q.alternatives
    assert engine.ask(q.text).id == "locomotive-transfer"
    lima_or_california = "la ceremonia de donacion de los trenes fue en lima o en california?"
    assert engine.ask(lima_or_california).id == "donation-ceremony"
    # "o el de Trump": the name after the article
    spanish = "¿Los trenes los regaló el gobierno de Biden o el de Trump, mijo?"
    assert engine.ask(spanish).id == "locomotive-transfer"


def test_a_role_asked_after_a_long_name(engine: Engine) -> None:
    assert understand(engine, "Emily de La Bruyère — what's her position?").asked.thing == "role"
    assert engine.ask("¿Qué cargo ocupaba Antony Blinken según la nota?").id == "blinken"


@pytest.mark.parametrize("text", ["quienes son los autores del informe",
                                  "who put together the research on perurail and china",
                                  "en resumen q dice el estudio del fdd"])
def test_no_doesnt_say_when_the_story_says_it_in_other_words(engine: Engine, text: str) -> None:
    # the study's profile names its authors; the study's words are in several entries
    assert engine.ask(text).decision != "not_said"


def test_lower_case_us_inside_a_description_is_kept(engine: Engine) -> None:
    q = understand(engine, "the former top us diplomat said something, what was it")
    assert "@blinken" in q.mentions
    assert "us" in understand(engine, "can you help us").filler


def test_a_question_word_at_the_end_asks(engine: Engine) -> None:
    assert asked_thing("la investigadora mujer del estudio quien es".split()).thing == "person"
    # a question word inside the line is not the one asked
    assert asked_thing("tell me what the mayor said about where the trains go".split()).thing \
        != "place"
    assert engine.ask("too litle too late who sed that").decision != "chat"


@pytest.mark.parametrize("text", [
    "who is running against lopez aliaga in 2026",  # his rivals, whom the story does not name
    "con quien se reunio el alcalde en california, con gente de caltrain?",
    "Where did Picarsic make his 'telltale sign' comment, on TV or in an interview?",
    "who paid to ship the trains from California to Peru?",  # the trip has no paying in it
])
def test_tempting_questions_the_story_does_not_answer(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


def test_a_quote_gives_a_place_only_if_its_context_names_one(kb: KnowledgeBase) -> None:
    from bot.engine.asked import entry_gives
    from bot.text import fold as f
    telltale, ceremony = kb.entries["quote-telltale"], kb.entries["quote-strengthen-ties"]
    assert "place" not in entry_gives(kb, telltale, f(" ".join(telltale.prose())))
    assert "place" in entry_gives(kb, ceremony, f(" ".join(ceremony.prose())))


def test_the_width_of_something_is_a_measure(engine: Engine) -> None:
    answer = engine.ask("¿Qué ancho de vía tienen los rieles chinos a los que desviarían los "
                        "trenes?")
    assert not answer.answered


def test_who_is_a_person_is_their_profile_even_in_chat_spelling(engine: Engine) -> None:
    assert engine.ask("whos is rafael lopes aliaga?").id == "lopez-aliaga"


def test_caribbean_and_andean_chat_spellings(engine: Engine) -> None:
    understood = understand(engine, "el alcalde de Lima pa onde fue, pa California o que?")
    assert ("onde", "donde") in understood.corrections
    assert engine.ask("el alcalde pa onde fue el mes pasao").id in (
        "california-trip", "event-california-trip")
    understood = understand(engine, "el alcalde ya se lanzo o namas ta pensandolo")
    assert not {"namas", "ta"} & {t.word for t in understood.terms}


@pytest.mark.parametrize(("text", "thing"), [
    ("what was the exact date of the mayors california trip", "date"),
    ("cual es la fecha del viaje", "date"),
    ("election year", "date"),  # a terse line naming a date asks it
    ("ano elecciones", "date"),
    ("elecciones peru ano", "date"),
    ("year of the ceremony?", "date"),
    ("which election year", "date"),
    ("ceremony location", "place"),  # ... and one naming a place asks a place
    ("lugar de la ceremonia", "place"),
    ("what is the location of the ceremony like", "description"),
    ("ingresos perurail al ano", "description"),  # a rate, not a date
    ("perurail revenue per year", "description"),
])
def test_a_date_asked_anywhere(text: str, thing: str) -> None:
    assert asked_thing(text.split()).thing == thing


def test_a_polite_prefix_does_not_hide_what_is_asked(engine: Engine) -> None:
    q = understand(engine, "I would like to know when López Aliaga was elected mayor of Lima.")
    assert q.asked.thing == "date" and "know" in q.filler


def test_how_much_per_year_counts_no_per(engine: Engine) -> None:
    text = "how much per year does PeruRail make from Las Bambas shipments?"
    assert understand(engine, text).asked.measure is None
    assert engine.ask(text).id == "perurail-revenue"
    assert understand(engine, "How many people live in Chancay?").asked.measure == "people"


@pytest.mark.parametrize(("text", "entry"), [
    ("is chancay close to lima", "chancay-port"),  # the story: "not far from Lima"
    ("que es Justo Medio? un periodico peruano o que?", "justo-medio"),
    ("which mine is perurail moving stuff for", "perurail-revenue"),  # transporting
    ("what does FDD stand for lol i keep seeing it", "fdd"),
])
def test_everyday_synonyms_of_the_story_s_words(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


def test_a_word_after_a_name_used_as_adjective_is_the_thing_asked(engine: Engine) -> None:
    q = understand(engine, "what's PeruRail's total annual revenue, not just the Las Bambas part?")
    assert q.asked.measure == "total"
    assert not engine.ask(q.text).answered  # the story gives the Las Bambas part only


def test_whose_words_asked_after_the_words(engine: Engine) -> None:
    assert engine.ask("'A powerful beachhead in Peru' — whose words are those?").id \
        == "quote-beachhead"


def test_a_name_named_twice_leaves_no_unknown_word(engine: Engine) -> None:
    # "the joint venture" already names Las Bambas: "Las Bambas" after it is no unknown name
    q = understand(engine, "quién tiene la mayoría en el joint venture de Las Bambas")
    assert "@las-bambas" in q.mentions
    assert "unknown" not in kinds(q).values()


@pytest.mark.parametrize("text", ["how much money did perurail make before the las bambas "
                                  "shipments", "cuanto ganaba perurail antes de los envios",
                                  "who is going to win the 2026 election in peru"])
def test_another_time_or_a_future_deed_is_not_answered(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


@pytest.mark.parametrize(("typed", "meant"), [("thats", "that"), ("hes", "he"), ("isnt", "is")])
def test_a_contraction_without_its_apostrophe_is_its_word(engine: Engine, typed: str,
                                                         meant: str) -> None:
    verdict = engine.matcher.speller.judge(typed, first=False, lang="en")
    assert verdict.word == meant and verdict.kind != "vocabulary"


def test_a_thing_after_what_is_the_that_the_story_lacks_is_not_said(engine: Engine) -> None:
    for text in ("what's the weather like in California", "cual es el clima de lima"):
        answer = engine.ask(text)
        assert not answer.answered and answer.decision == "not_said", text
    # a way of asking is no such thing
    assert engine.ask("What's the evidence for PeruRail's supposed financial ties to China "
                      "according to the study?").id == "perurail-china-ties"


@pytest.mark.parametrize(("text", "entry"), [
    ("FDD meaning?", "fdd"),  # a fragment, not a yes/no question; "meaning" asks
    ("whats perurail's conection to china minmetals", "perurail-china-ties"),
    # an auxiliary's rare form ("estaría") weighs nothing, like the verb it helps
    ("¿A qué elección presidencial estaría apuntando Lopez Aliaga segun el artículo?",
     "presidential-bid"),
])
def test_fragments_and_spanish_stems_of_english_typos(engine: Engine, text: str,
                                                      entry: str) -> None:
    assert engine.ask(text).id == entry


def test_a_quote_with_the_question_s_own_word_beats_one_with_its_synonym(engine: Engine) -> None:
    # "relationship" and "ties" are one term; Blinken's "relationship" quote says it so
    assert engine.ask("How did Blinken characterize the US–Peru relationship at the "
                      "ceremony?").id == "quote-testament"


def test_a_word_only_example_questions_use_weighs_by_its_rarity(engine: Engine) -> None:
    matcher = engine.matcher
    index = matcher.index
    solo = next(t for t in understand(engine, "es solo una posibilidad").terms if t.word == "solo")
    assert solo.term not in matcher._stated and solo.specific < 1
    assert solo.weight < index.idf[solo.term]  # everyday, and only asked with
    stated = next(t for t in understand(engine, "the investment").terms if t.word == "investment")
    assert stated.term in matcher._stated and stated.weight == index.idf[stated.term]


@pytest.mark.parametrize(("text", "entry"), [
    ("What rail company is the Lima mayor's, according to the researchers?", "perurail-owner"),
    ("Estimado bot, ¿qué opinión tiene el señor Picarsic sobre la donación de trenes que hizo "
     "Estados Unidos al Perú?", "quote-too-little"),
])
def test_courtesies_and_who_says_so_in_general_words_ask_nothing(engine: Engine, text: str,
                                                                  entry: str) -> None:
    assert engine.ask(text).id == entry


def test_cited_source_nouns_are_soft(engine: Engine) -> None:
    q = understand(engine, "which company does the mayor own, según los investigadores")
    assert all(t.soft for t in q.terms if t.word == "investigadores")


def test_a_description_more_than_one_entity_answers_to_asks_a_kind(engine: Engine) -> None:
    q = understand(engine, "los trenes que dono EEUU eran de que empresa de trenes?")
    assert "@perurail" not in q.mentions and q.kind is not None  # PeruRail or Caltrain
    assert engine.ask("I would like to know which company's locomotives were sent to "
                      "Lima.").id == "locomotive-transfer"
    # the only one of its kind is named by its description
    assert "@fdd" in understand(engine, "which think tank wrote the study").mentions
    # "que" before an article is "that", not "which": the mayor's railway company is named
    q = understand(engine, "por qué dicen que la empresa ferroviaria del alcalde tiene lazos "
                           "con china")
    assert "@perurail" in q.mentions and q.kind is None


def test_a_british_spelling_the_word_list_lacks_is_no_unknown_name(engine: Engine) -> None:
    verdict = engine.matcher.speller.judge("splendour", lang="en")
    assert verdict.kind == "vocabulary" and verdict.word == "splendor"


@pytest.mark.parametrize(("text", "aside"), [
    ("Which word did Picarsic use to describe the mayor's role in all this Chinese supremacy; "
     "I believe it was something to do with a pin on a wheel?", True),
    ("who is emily de la bruyere, i think i spelt that wrong lol", True),
    ("what minerals come out of las bambas, is it copper?", False),  # the thing asked
    ("who operates the chancay port, is it cosco?", False),  # a name, maybe
])
def test_a_clause_about_the_asker_or_hedging_is_an_aside(engine: Engine, text: str,
                                                         aside: bool) -> None:
    q = understand(engine, text)
    assert (len(q.filler) >= 3) == aside, q.filler


@pytest.mark.parametrize(("text", "chat"), [
    ("oe bot eres chino o que lol", True),  # the bot asked what it is
    ("are you chinese?", True),
    ("jajaja que bot tan juicioso", True),  # said of the bot
    ("what can you do po, only about this article ba?", True),  # what the bot can do
    ("que sabes hacer", True),
    ("could you tell me how much PeruRail takes in a year from the mine?", False),  # a request
    ("me puedes decir quien es el alcalde de lima", False),
])
def test_talk_to_the_bot_and_requests_through_it(engine: Engine, text: str, chat: bool) -> None:
    assert understand(engine, text).social == chat


@pytest.mark.parametrize(("text", "entry"), [
    ("trains donated by whom", None),  # "whom" asks, like "who": no word the story lacks
    ("las bambas socio", "las-bambas-owners"),
    ("Las Bambas backer", "las-bambas-owners"),
])
def test_short_questions_in_everyday_words(engine: Engine, text: str, entry: str | None) -> None:
    q = understand(engine, text)
    assert all(t.kind != "vocabulary" for t in q.terms)
    if entry:
        assert engine.ask(text).id == entry


@pytest.mark.parametrize(("text", "entry"), [
    ("who paid for the chancay port and how much", "chancay-investment"),  # China did
    ("What sort of entity is China Minmetals, as described in the article; a private firm or "
     "something owned by the state?", "las-bambas-owners"),
])
def test_who_a_country_is_and_what_sort_of_entity(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize("text", ["gist pls — what's this story about in two lines",
                                  "hazme un resumen rapidito de la noticia pls, en dos líneas"])
def test_how_long_a_summary_should_be_asks_nothing_else(engine: Engine, text: str) -> None:
    assert engine.ask(text).id == "story-overview"


@pytest.mark.parametrize(("text", "with_person"), [
    ("who went with lopez aliaga to california", True),
    ("Who holds the majority behind the mining joint venture that ships with the mayor's "
     "railway?", False),  # his company, not him
])
def test_a_companion_asked_not_a_possessor(engine: Engine, text: str, with_person: bool) -> None:
    assert understand(engine, text).with_person == with_person


def test_a_line_in_capitals_and_an_acronym_typed_wrong(engine: Engine) -> None:
    # capitals say nothing of names when the whole line is in them
    assert "unknown" not in kinds(understand(engine, "IS THE MAYOR CORRUPT"))
    assert not understand(engine, "IS THE MAYOR CORRUPT").capitalised
    assert understand(engine, "Did Fujimori say anything?").capitalised == {"did", "fujimori"}
    assert engine.ask("WHO OWNS PERURAIL").id == "perurail-owner"
    # "FFD" is the FDD with two letters swapped, not the everyday "fed"
    assert "@fdd" in understand(engine, "¿Emily de la Bruyere trabaja en la FFD?").mentions


@pytest.mark.parametrize(("text", "entry"), [
    ("los trenes eran de Amtrak verdad?", "train-donation"),
    ("the article says Lopez Aliaga is the mayor of Cusco, right?", "lima-mayor"),
])
def test_a_premise_put_for_confirmation_is_answered_by_what_the_story_says(
        engine: Engine, text: str, entry: str) -> None:
    answer = engine.ask(text)
    assert answer.id == entry and answer.answered  # the entry corrects the name offered


@pytest.mark.parametrize(("text", "entry"), [
    ("wich outlet is justo medeo", "justo-medio"),  # what it is, not whose words
    ("which local peruvian outlet was it that broke the california trip thing",
     "california-trip"),  # "local" is no thing asked
    ("cuanto le metieron los chinos al puerto ese que esta cerquita de lima",
     "chancay-investment"),
])
def test_identity_adjectives_and_diminutives(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


def test_a_yes_no_question_after_a_discourse_word(engine: Engine) -> None:
    assert understand(engine, "so did lopez aliaga end up running in 2026 or nah").polar
    assert not engine.ask("so did lopez aliaga end up running in 2026 or nah").answered


def test_ex_and_a_word_and_chat_abbreviations(engine: Engine) -> None:
    q = understand(engine, "el exsecretario gringo en que ciudad dio su discurso")
    assert "@blinken" in q.mentions  # "ex secretario", as the descriptions write it
    assert "wdym" in understand(engine, "wdym the mayor is linked to china minmetals").filler
    assert engine.ask("who gave the trains to Lima in the end").id == "locomotive-transfer"


def test_no_doesnt_say_who_said_it_of_someone_whose_words_the_story_has(engine: Engine) -> None:
    # "gringo" between the description and "dijo" hides the speaker from word order
    assert engine.ask("el exsecretario gringo que dijo").decision != "not_said"


@pytest.mark.parametrize(("text", "entry"), [
    ('Who said the U.S. rail donation was "too little, too late"?', "quote-too-little"),
    ("Which California commuter rail system did the donated trains come from?",
     "locomotive-transfer"),  # "system" is still the commuter rail
    ("how many bn did China drop on that megaport near Lima", "chancay-investment"),
    ("which mining JV is pumping revenue into the rail company", "perurail-revenue"),
])
def test_dotted_acronyms_generic_heads_and_units(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize(("text", "thing", "measure"), [
    ("por que subio la plata de perurail", "reason", None),  # why, then a verb
    ("en que localidad se ubica el puerto", "place", None),
    ("de que manera se beneficia el alcalde", "description", None),  # how
])
def test_what_follows_que_after_a_preposition(text: str, thing: str, measure: str | None) -> None:
    asked = asked_thing(fold(text).split())
    assert (asked.thing, asked.measure) == (thing, measure)


@pytest.mark.parametrize(("text", "word"), [
    ("who's this Rafael Lopez Alyaga fella, is he the president of Peru?", "fella"),
    ("quien es el pata que le dicen el hombre de china en peru", "pata"),  # asks who, no more
    ("whos this fella they call china's man in peru", "fella"),  # "whos", one word
])
def test_a_plain_person_noun_only_restates_who(engine: Engine, text: str, word: str) -> None:
    assert all(t.soft for t in understand(engine, text).terms if t.word == word)


def test_an_affiliation_is_a_post() -> None:
    assert asked_thing(["picarsic", "affiliation"]).thing == "role"


@pytest.mark.parametrize(("text", "subject"), [
    ("trump que opina de los trenes donados", "trump"),
    ("what does trump think about the trains", "trump"),
    ("what did the chinese embassy say", "embassi"),
    ("que opina la presidenta de peru sobre esto", "presidenta"),
    ("peru president say what about all this", "pres"),  # the verb before "what"
])
def test_the_subject_of_a_speech_verb_is_a_speaker(engine: Engine, text: str,
                                                   subject: str) -> None:
    assert subject in understand(engine, text).speaker_words


def test_a_speaker_before_say_what_is_still_a_speaker(engine: Engine) -> None:
    assert not engine.ask("peru president say what about all this").answered
    # ("dice que" is "says that": no speaker is asked there)
    assert not understand(engine, "mi nieto me dice que al alcalde le llaman el hombre de "
                                  "china").speaker_words


@pytest.mark.parametrize("text", ["so he win the 2026 election or not",
                                  "did he win in 2026 then or naw",  # (Scots "naw")
                                  "did he win the 2026 election",
                                  "el alcalde ganó las elecciones o no?"])
def test_or_not_at_the_end_asks_yes_or_no(engine: Engine, text: str) -> None:
    assert understand(engine, text).polar
    assert not engine.ask(text).answered  # the story never says he won


def test_words_of_someone_the_story_does_not_quote_are_not_answered(engine: Engine) -> None:
    assert not engine.ask("trump que opina de los trenes donados").answered
    assert engine.ask("que opina picarsic de la donacion de trenes").id in (
        "too-little-too-late", "quote-too-little")


def test_typo_correction_does_not_depend_on_hash_order() -> None:
    import subprocess
    import sys
    code = ("from bot.wiring import build_engine; from bot.settings import load_settings; "
            "print(build_engine(load_settings()).matcher.understand("
            "'did the bidden admin donate the trians').corrections)")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1 and "trains" in seen.pop()


@pytest.mark.parametrize(("text", "rule"), [
    ("Where in Peru is the Las Bambas mine at?", "place_within"),  # the story never says
    ("Which California city did the mayor visit during his trip?", "place_within"),
    ("who's the ceo of china minmetals", "measure_not_given"),
    ("what % of las bambas does minmetals own exactly", "measure_not_given"),
    # a title after an adjective, and "to": Blinken spoke there, but was no ambassador
    ("Who was the American ambassador to Peru at the time of the train donation ceremony?",
     "measure_not_given"),
])
def test_things_the_story_lacks_are_not_answered(engine: Engine, text: str, rule: str) -> None:
    _, decision = engine.judge(text)
    assert (decision.action, decision.rule) != ("answer", "confident") and decision.rule == rule


def test_a_state_asked_of_a_country_is_no_place_within(engine: Engine) -> None:
    # California is the US state the story names; which city in it, it does not say
    assert engine.ask("Which US state did the mayor of Peru's capital travel to last month?"
                      ).id == "california-trip"


def test_a_post_the_story_names_of_others_only_is_not_answered(engine: Engine) -> None:
    # the knowledge calls people "jefe" (so it is its word), but no one the head of Minmetals
    assert not engine.ask("quien es el jefe de china minmetals").answered


def test_the_not_said_line_repeats_the_asked_post(engine: Engine) -> None:
    assert engine.ask("quien es el ceo de china minmetals").answer.startswith(
        "La nota no dice quién es el ceo")
    assert engine.ask("who's the ceo of china minmetals").answer.startswith(
        "The story doesn't say who is the ceo")


def test_a_share_given_is_no_share_asked(engine: Engine) -> None:
    assert understand(engine, "la mina las bambas es 100% china verdad?").asked.thing != "amount"


def test_a_spanish_past_form_is_its_verb_not_a_story_word(engine: Engine) -> None:
    q = understand(engine, "¿Al final se inscribió como candidato pa 2026 o no?")
    assert ("inscribio", "escribio") not in q.corrections
    assert not engine.ask("¿Al final se inscribió como candidato pa 2026 o no?").answered


def test_an_unnamed_claim_about_someone_gives_what_is_said_of_him(engine: Engine) -> None:
    # the mayor is what the words are about, not who speaks: the unattributed allegation
    assert engine.ask("que dicen que el alcalde quiere hacer con los trenes donados").id in (
        "train-cars-allegation", "quote-old-train-cars")
    assert not engine.ask("did the mayor respond to the allegation about the train cars").answered


@pytest.mark.parametrize(("text", "unit"), [
    ("How far is Chancay from Lima in km?", "km"),
    ("how long is the chancay port, like in meters", "meters"),  # not "meter" (invest)
])
def test_a_unit_asked_must_be_stated(engine: Engine, text: str, unit: str) -> None:
    q = understand(engine, text)
    assert q.asked.measure == unit
    assert not engine.ask(text).answered


def test_a_noun_several_entities_are_called_by_covers_an_entry_about_one(engine: Engine) -> None:
    q = understand(engine, "china minmetal is owned by the goverment?")
    assert q.kind_words  # "government": China's, Peru's or the United States'
    assert engine.ask("china minmetal is owned by the goverment?").id == "las-bambas-owners"


def test_a_kind_noun_as_speaker_needs_its_words(engine: Engine) -> None:
    # the Peruvian government is never quoted: Picarsic's view of the donation is not its view
    assert not engine.ask("que opina el gobierno peruano de la donacion de trenes").answered


@pytest.mark.parametrize("text", ["Who put the FDD paper together?",
                                  "who put together the study linking the mayor to china",
                                  "who are the people behind the FDD study?",
                                  "kien izo el estudio, un tal picarzic?",  # "hizo", h dropped
                                  "Who are the researchers whose study says the mayor's rail "
                                  "company is in bed with China financially?"])
def test_who_put_a_document_together_asks_its_authors(engine: Engine, text: str) -> None:
    assert engine.ask(text).id == "fdd-study"


def test_who_has_written_the_study_asks_its_authors(engine: Engine) -> None:
    assert engine.ask("¿Quiénes han escrito el estudio que vincula al alcalde de Lima con los "
                      "chinos?").id == "fdd-study"


@pytest.mark.parametrize(("text", "thing"), [
    ("blinken que puesto tenia cuando hablo de los trenes", "role"),
    ("what job did blinken have when he spoke at the ceremony", "role"),
    ("what did blinken say when he was at the ceremony", "words"),
])
def test_a_speech_verb_after_when_tells_when_not_what(text: str, thing: str) -> None:
    assert asked_thing(text.split()).thing == thing


def test_who_one_works_with_asks_a_post_but_working_with_is_the_story() -> None:
    assert asked_thing("which think tank does picarsic work with".split()).thing == "role"
    assert asked_thing("is the mayor secretly working with china".split()).thing != "role"


def test_the_researcher_is_one_of_the_two_authors_the_research_is_the_study(
        engine: Engine) -> None:
    assert engine.matcher.index.kinds["researcher"] == {"@picarsic", "@de-la-bruyere"}
    assert "@fdd-study" in understand(engine, "who put together the research on perurail").mentions
    assert engine.ask("el investigador ese que opina de la donacion de trenes de eeuu").id in (
        "too-little-too-late", "quote-too-little")
    assert engine.ask("which part of Lima's infrastructure is China throwing the most cash at "
                      "per the FDD researcher").id == "lima-infrastructure"



def test_el_informe_is_the_study_not_the_verb_informo(engine: Engine) -> None:
    assert "@fdd-study" in understand(engine, "quienes son los autores del informe").mentions
    assert "@fdd-study" not in understand(engine, "que medio informo del viaje").mentions
    assert engine.ask("Según el informe, ¿qué es lo que China anda buscando en "
                      "Sudamérica?").id == "china-cultivating"

@pytest.mark.parametrize(("text", "entry"), [
    ("wait is picarsic the mayor of lima?", "picarsic"),  # no: who he is says so
    ("is mr lopez aliaga the maire of lima or somthin", "lopez-aliaga"),
    ("es lopez aliaga el dueño de perurail?", "lopez-aliaga"),
])
def test_is_someone_the_one_is_answered_by_who_they_are(engine: Engine, text: str,
                                                        entry: str) -> None:
    answer = engine.ask(text)
    assert (answer.id, answer.decision) == (entry, "answer")


def test_a_name_with_la_in_it_is_not_an_identity_question(engine: Engine) -> None:
    assert understand(engine, "Was Emily de La Bruyère quoted about the mayor?").identity is None


@pytest.mark.parametrize(("text", "identity"), [
    # a predicate between the name and "the" asks no identity
    ("Was Blinken pleased about the US rail operator being involved?", None),
    ("is Blinken still the actual Secretary of State?", "@blinken"),  # an adverb may stand there
])
def test_only_the_name_stands_before_the_article_of_an_identity(engine: Engine, text: str,
                                                                identity: str | None) -> None:
    assert understand(engine, text).identity == identity


@pytest.mark.parametrize("text", ["whats the main claim of the study in a nutshell",
                                  "en resumen q dice el estudio del fdd"])
def test_the_gist_of_a_document_is_its_profile(engine: Engine, text: str) -> None:
    _, decision = engine.judge(text)
    assert (decision.rule, decision.best.id if decision.best else None) == ("gist_of", "fdd-study")


def test_what_a_source_says_is_the_report_not_its_one_word(engine: Engine) -> None:
    assert engine.ask("what does the fdd study say about perurail").id == "perurail-china-ties"
    assert engine.ask("who said perurail's ties to china are deep").id in (
        "quote-deep-ties", "perurail-china-ties")


def test_no_synonym_is_only_stopwords(engine: Engine) -> None:
    # "bring in" would vanish from the matching, as its words are dropped from every question
    from bot.engine.index import DROPPED
    for group in engine.kb.synonyms:
        for member in group:
            folded = fold(member).split()
            assert len(folded) == 1 or [w for w in folded if w not in DROPPED], \
                f"{member!r} in {group[0]!r} is only stopwords"


def test_a_value_asked_must_be_stated(engine: Engine) -> None:
    assert not engine.ask("¿Cuál es el valor económico estimado de las locomotoras cedidas por "
                          "Estados Unidos?").answered


def test_publico_after_a_noun_is_the_adjective() -> None:
    from bot.vocabulary import drop_idioms
    assert drop_idioms("que cargo publico tiene".split()) == (["que", "cargo", "tiene"],
                                                                ["publico"])
    assert drop_idioms("quien publico el dato".split())[0] == ["quien", "publico", "el", "dato"]


@pytest.mark.parametrize(("text", "entry"), [
    ("what did the FDD researchers claim about the Lima mayor and China, in short", "fdd-study"),
    ("can someone give me the tl;dr of this article, couple lines pls", "story-overview"),
])
def test_in_short_and_tldr_ask_the_gist(engine: Engine, text: str, entry: str) -> None:
    answer = engine.ask(text)
    assert answer.id == entry or (not answer.answered and answer.suggestions[0].id == entry)


def test_who_does_she_work_4_asks_her_post() -> None:
    assert asked_thing("emily de la bruyer who does she work".split()).thing == "role"


def test_a_name_in_the_askers_own_story_is_no_name_asked(engine: Engine) -> None:
    answer = engine.ask("Which trains were handed over to Lima, and which government gave them? "
                        "I once rode a commuter train in San Francisco.")
    assert answer.decision != "not_said" and "francisco" not in answer.answer.casefold()
    assert engine.ask("who is Fujimori").decision == "not_said"  # a name asked stays one
    assert understand(engine, "how does a computer work").asked.thing != "role"


# Everyday wording of the story's questions, each found by one mechanism: place deixis and
# "went and" as chat, "calificó" no longer the alias "Calif", a participle no post, the Bay Area
# rail as Caltrain, "qué papel cumple", "cachai", "carros de tren", the story's figures in other
# words, "cargo público", "pa quién trabaja".
@pytest.mark.parametrize(("text", "entry"), [
    ("what was Lopez Aliaga doing out in California anyhow", "california-trip"),
    ("is the mayor thinking of running for president down there? what year", "presidential-bid"),
    ('Who went and called the mayor "China\'s man in Peru"?', "quote-chinas-man"),
    # "calificó" is a verb, not the abbreviation "Calif." of California
    ('¿Quién calificó la donación gringa como "muy poco, muy tarde"?', "quote-too-little"),
    ("¿Cuánto dinero habría puesto China en el puerto de aguas profundas cerca de Lima?",
     "chancay-investment"),  # "ha puesto": put, not a post
    ("Which Bay Area commuter rail system did the locomotives come from?",
     "locomotive-transfer"),
    ("q papel cumple lopez aliaga para china segun picarsic", "lima-infrastructure"),
    ("La China Minmetals es privada o es del Estado chino, cachai?", "las-bambas-owners"),
    ("¿Qué es lo que supuestamente quiere hacer el alcalde con los carros de tren donados?",
     "train-cars-allegation"),
    ("las bambas majority holder", "las-bambas-owners"),
    ("¿Quién dice que al alcalde lo tildan de ser el hombre de Beijing en Perú?",
     "quote-chinas-man"),
    ("¿Según quién China estaría apadrinando al alcalde pa que llegue más arriba?",
     "china-cultivating"),
    ("¿Qué cargo público ejerce hoy López Aliaga?", "lopez-aliaga"),  # public, not published
    ("el nate ese picarsic de donde es o pa quien trabaja", "picarsic"),
    # "manyas" (Lima: "do you know"), chat around the question
    ("manyas de que mina viene la carga que le hace ganar billete a la empresa del alcalde?",
     "perurail-revenue"),
    # a name guessed, "or who": the answer names the one the story has
    ("quién reportó lo de cuánto costó el puerto, fue CNN o quién", "chancay-investment"),
    # a VIP is a bigwig; a "noticiero" a news outlet; "aiming for" the presidency a bid
    ("Who was the VIP from China at the port's opening ceremony?", "chancay-opening"),
    ("how much ganji did china sink into that deep sea port", "chancay-investment"),  # Sheng
    ("What sort of setup is the mine itself, one company on its own or a few of them in "
     "together?", "las-bambas-owners"),  # its set-up: a joint venture
    ("q noticiero gringo fue el q dio la cifra del puerto", "chancay-investment"),
    ("what year is the mayor maybe aiming for the presidency?", "presidential-bid"),
    # "cuabta": the question word "cuánta" just under the common-word list; "vanbas": "Bambas"
    # as it sounds; "cítame": "cita" with its clitic, before any word it sounds like
    ("cuabta plata le dan las vanbas a la enpresa d trenes x año", "perurail-revenue"),
    ('qué dijeron exactamente de los "old train cars" donados, cítame la parte',
     "quote-old-train-cars"),
    # Andalusian "der" / "er" for "del" / "el"; "contó" reported; "máquinas" locomotives
    ("empresa der arcarde?", "perurail"),
    ("¿quién contó er viaje?", "california-trip"),
    ("ok pero quién les regaló las máquinas a los limeños, el gobierno gringo de qué presidente?",
     "locomotive-transfer"),
    # "la luz": the power sector, in everyday Spanish
    ("en la luz de lima hay plata china?", "lima-infrastructure"),
    # what an acronym's letters mean, asked in other words
    ("FDD... wah di letters dem mean?", "fdd"),
    ("FDD expands to what; seeing it cited in the study and want to be sure", "fdd"),
    # Irish "your man" / "yer one" is someone both know of, not the bot's ("giving out about":
    # complaining of)
    ("which mine is it that's sending all the freight down your man's railway line",
     "las-bambas"),
    ('who called your man a "linchpin", was it yer one or the fella', "quote-linchpin"),
    ("when was it your man was over in California, roughly", "california-trip"),
    # either of two presidents asked without a "?", one the story does not name
    ("was the train gift from Trump's time or Biden's time, I always mix them up",
     "locomotive-transfer"),
    ("what is the big global project of China that the mayor is linked to, the one with the "
     "road name?", "aligned-with-china"),
    # the authors counted or asked, the question word at the end
    ("fdd study written by how many ppl", "fdd-study"),
    ("how many folk wrote the FDD study, wis it just the one", "fdd-study"),
    ("other author of the study besides the lady, who", "fdd-study"),
    # Mexican "cuate" (a guy, not "cute") and "¿a poco?" (really?); "monie" is money
    ("el cuate este es alcalde de q ciudad", "lima-mayor"),
    ("a poco el alcalde es dueño de la empresa de trenes?? neta", "perurail-owner"),
    ("hw much monie perurial make from las bambs evry yr", "perurail-revenue"),
    # the biggest chunk is the majority; "oy" is "hoy"
    ("right so that mine is a joint venture, who's got the biggest chunk of it",
     "las-bambas-owners"),
    ("pikarsik q dijo oy", "quote-telltale"),
    # "cómo le dicen": what he is called
    ("como le dicen al alcalde x lo de sus amistades chinas", "chinas-man"),
    ("how much his rail firm rake in every year from hauling mine stuff", "perurail-revenue"),
    # a foreign minister is what a Secretary of State is elsewhere
    ("quién fue el exministro gringo que estuvo en la entrega de los trenes en lima",
     "donation-ceremony"),
    ("what did the former American foreign minister say the deal proved about the two "
     "countries getting on", "quote-testament"),
    # a verb after a described person is no kind of thing of theirs asked
    ("Which former US foreign minister fronted the donation ceremony?", "donation-ceremony"),
    # the maritime Silk Road is a trade route
    ("what did the Chinese head of state claim that Peru port means for China's sea trade "
     "route?", "chancay-opening"),
    # Colombian "qué más, parce": a greeting, not "what else"
    ("qué más parce una preguntica, quién es el dueño de perurail", "perurail-owner"),
    # "friendship" is the relationship the agreement is a testament to
    ("what did the ex diplomat reckon the train deal says about america and peru's friendship",
     "quote-testament"),
])
def test_everyday_wording_finds_the_entry(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize(("text", "entry"), [
    ("when was the donation ceremony in lima, month is fine", "donation-ceremony"),
    ("can u give me the gist of the article in like 2 sentences, proper need it for homework",
     "story-overview"),
])
def test_a_remark_after_the_question_does_not_count(engine: Engine, text: str,
                                                    entry: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == entry


@pytest.mark.parametrize("text", [
    "what does las bambas mine, copper?",  # the trailing clause is asked: copper is the point
    "what does the Lima mayor earn, salary-wise",
])
def test_a_trailing_clause_that_asks_is_kept(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


@pytest.mark.parametrize("text", [
    "what did the peruvian president say about all this",
    "what did peru's president say abt the chinese port or the mayor",
    "qué opina la presidenta del Perú sobre la inversión china en Chancay?",
    "what did the Peruvian government say about the FDD study?",  # an institution, likewise
    "qué dijo el gobierno peruano del viaje del alcalde",  # a title of a synonym group
    "has the peruvian national government responded to the study",  # a yes/no question
    "what Peru's president say about the mayor and China?",  # chat, with no "did"
])
def test_a_speaker_by_a_title_the_story_gives_no_one_is_not_answered(engine: Engine,
                                                                      text: str) -> None:
    assert not engine.ask(text).answered


def test_a_title_that_names_someone_of_the_story_is_their_words(engine: Engine) -> None:
    understood = engine.matcher.understand("what did the chinese president say about the port")
    assert understood.untitled_speaker is None
    assert engine.ask("what did the chinese president say about the port").answered


@pytest.mark.parametrize("text", [
    "how much does Picarsic make a year",  # the study's figure is PeruRail's, not his
    "how much does Picarsic get paid at the FDD lol",
    "quien le pago el viaje a california",  # the trip does not say who paid
])
def test_a_thing_asked_of_someone_needs_an_entry_about_them(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


@pytest.mark.parametrize(("text", "word", "meant"), [
    ("en q año se lansaria lopez aliaga a la presidencia", "lansaria", "lanzar"),  # seseo
    ("el alcalde de lima kiere ser presi en q año", "kiere", "quiere"),  # chat "k" for "qu"
    ("cuanto puso xina en el puerto de chancay", "xina", "china"),  # chat "x" for "ch"
    ("is the lima mayor planning to run for prez", "prez", "president"),  # chat shorthand
    ("what dose FDD stand for", "dose", "does"),  # the commonest slip of an auxiliary
    ("wen did blinkn speak at the trian ceremony", "trian", "train"),  # a swap: no trigrams
    ("who onws perurail", "onws", "owns"),  # a swap is likelier than a neighbouring key
    ("when did the lima mayr go to califronia", "mayr", "mayor"),  # a letter left out,
    # likelier than one too many ("may")
    ("chancey port", "chancey", "chancay"),  # ... after a name's word first
    ("did blinkn say the trains r just a simbol", "r", "are"),  # texting letters
    ("what word did the report use, cultivating or smth?", "smth", "something"),
    ("wots the full line about the agreement bein a testament to summat", "wots", "what"),
    ("wots the full line about the agreement bein a testament to summat", "summat",
     "something"),
])
def test_chat_and_sound_alike_spellings_are_read_as_meant(engine: Engine, text: str, word: str,
                                                         meant: str) -> None:
    assert (word, meant) in engine.matcher.understand(text).corrections


@pytest.mark.parametrize("text", [
    "che, los vagones que donaron eran nuevos o viejos?",
    "boludo, qué fue a hacer posta el alcalde limeño a California?",
    "q bola, kien es lopes aliaga",  # a Cuban greeting
    "chuta y cuánto metió China en ese puerto de aguas profundas",  # an interjection
    "what did the study say about the beachhead, full quote innit",
])
def test_dialect_chat_markers_are_filler(engine: Engine, text: str) -> None:
    assert engine.ask(text).answered


@pytest.mark.parametrize(("text", "entry"), [
    ("foundaton for defense of democracys study says wat", "fdd-study"),
    ("q dice el estudio de nate picarsik", "fdd-study"),
    ("que dijo el estudio del \"beachhead\" ese", "quote-beachhead"),  # words asked after: quote
])
def test_what_a_document_says_is_its_gist_unless_something_in_it_is_asked(
        engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize("text", ["para qué año piensa lanzarse a la presidencia",
                                  "¿pa qué año estaría pensando tirarse a la presidencia?"])
def test_para_que_with_a_time_noun_asks_a_date(engine: Engine, text: str) -> None:
    assert engine.matcher.understand(text).asked.thing == "date"
    assert engine.matcher.understand("para qué fue a California").asked.thing == "reason"


def test_para_que_with_a_noun_asks_which_one(engine: Engine) -> None:
    text = "¿Para qué elecciones estaría considerando postular el alcalde de Lima?"
    assert engine.matcher.understand(text).asked.thing == "description"
    answer = engine.ask(text)
    assert answer.answered and answer.id == "presidential-bid"


def test_a_dropped_g_is_fixed_but_a_name_stays_a_name(engine: Engine) -> None:
    assert ("runnin", "running") in engine.matcher.understand(
        "lopez aliaga runnin for president when").corrections
    assert ("blinkin", "blinken") in engine.matcher.understand(
        "what did blinkin say about the trains").corrections


def test_an_everyday_form_of_a_story_word_is_that_word(engine: Engine) -> None:
    # "poquito" is a real word, but the story says "poco" ("muy poco y muy tarde")
    understood = engine.matcher.understand("quien dijo lo de muy poquito y muy tarde")
    assert ("poquito", "poco") in understood.corrections
    assert engine.ask("quien dijo lo de muy poquito y muy tarde de la ayuda de los gringos").id \
        in ("quote-too-little", "too-little-too-late")
    # a plural diminutive: "viejito" is in the word list, but the story says "viejo"
    assert ("viejitos", "viejo") in engine.matcher.understand(
        "los vagones donados eran nuevos o viejitos?").corrections


@pytest.mark.parametrize(("text", "thing"), [
    ("What does Lopez Aliaga earn as mayor of Lima?", "amount"),
    ("what did they pay for the port", "amount"),
    ("qué gana China apoyando al alcalde", "description"),  # gains, not earns: a benefit
])
def test_a_verb_of_money_asks_an_amount(engine: Engine, text: str, thing: str) -> None:
    assert engine.matcher.understand(text).asked.thing == thing


def test_what_a_person_earns_is_not_his_profile(engine: Engine) -> None:
    assert not engine.ask("What does Lopez Aliaga earn as mayor of Lima?").answered


def test_who_did_a_thing_after_leading_chat_still_asks_that_verb(engine: Engine) -> None:
    assert not engine.ask("So who won the 2026 election in Peru in the end?").answered


@pytest.mark.parametrize(("text", "fix"), [
    ("why did the lima mayer go to california", ("mayer", "mayor")),  # rare word, lower case
    ("quien es emily de la bruyere y donde curra", ("curra", "trabaja")),  # Spain's "currar"
    ("para q año s presenta a presi el alcalde", ("presi", "presidente")),
])
def test_slips_and_dialect_words_are_read_as_meant(engine: Engine, text: str,
                                                   fix: tuple[str, str]) -> None:
    assert fix in engine.matcher.understand(text).corrections


def test_a_rare_word_written_with_a_capital_is_a_name(engine: Engine) -> None:
    assert ("mayer", "mayor") not in engine.matcher.understand(
        "what did Mayer say about the trains").corrections
    # and a Spanish word with its accent folded stays itself ("inscribió" is no "escribió")
    assert not engine.ask("¿Al final se inscribió como candidato pa 2026 o no?").answered


def test_a_rare_english_word_is_no_slip_for_a_spanish_one(engine: Engine) -> None:
    # the knowledge says "los dos"; "dots" is far commoner as Spanish "dos" than in English
    assert engine.matcher.understand("ok connect the dots for me").corrections == ()


def test_historia_is_the_story_itself(engine: Engine) -> None:
    # "¿qué tiene que ver con la historia?" asks her part in the story, not a word of it
    understood = engine.matcher.understand("qué tiene que ver con la historia")
    assert all(t.framing for t in understood.terms if t.word == "historia")
    assert engine.ask("¿Quién es Emily de La Bruyère y qué tiene que ver con la historia?").id \
        == "de-la-bruyere"


@pytest.mark.parametrize("text", ["resumen plis", "summary pls", "recap"])
def test_a_summary_asked_in_one_word_is_the_story_overview(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == "story-overview"


@pytest.mark.parametrize("text", [
    "How much annual revenue does the rail company pull in from hauling mine shipments?",
    "how much dosh does the rail company pull in each year from the mining mob?",
    "what outfit is that Emily de la Bruyere lady with",
    "de qué agencia de trenes vinieron las locomotoras",
])
def test_an_adjective_slang_or_general_noun_after_how_much_or_which_is_no_missing_measure(
        engine: Engine, text: str) -> None:
    assert engine.ask(text).decision != "not_said"


def test_capex_is_investment(engine: Engine) -> None:
    assert engine.ask("How much capex did Beijing reportedly sink into the deepwater terminal "
                      "near Lima?").id == "chancay-investment"


@pytest.mark.parametrize(("text", "expected"), [
    ("¿Quién es el dueño de PeruRail? Lo pregunto porque mi tío trabajó en los trenes de Cusco",
     "perurail-owner"),
    ("When did the Chancay port open? My class is doing a project on ports in Asia.",
     "chancay-opening"),
])
def test_a_remark_after_the_question_mark_does_not_hide_the_question(
        engine: Engine, text: str, expected: str) -> None:
    assert engine.ask(text).id == expected


def test_a_day_asked_after_the_question_mark_still_asks_the_day(engine: Engine) -> None:
    # the article dates the trip to "late last month" only
    assert not engine.ask("¿En qué fecha viajó el alcalde a California? Día y mes, porfa").answered
    assert not engine.ask("what was the precise date of the California trip").answered


@pytest.mark.parametrize(("text", "expected"), [
    ('¿y quién habló de "demasiado poco, demasiado tarde"? no me acuerdo',
     ("quote-too-little", "too-little-too-late")),
    ("who's behind the 'working with China' bit about the train cars",
     ("quote-old-train-cars", "train-cars-allegation")),
])
def test_words_put_in_quotation_marks_find_the_entry_reporting_them(
        engine: Engine, text: str, expected: tuple[str, ...]) -> None:
    assert engine.ask(text).id in expected


def test_quoted_passages_are_read_from_any_quotation_marks() -> None:
    assert quoted_passages('who said "too little, too late"?') == ("too little too late",)
    assert quoted_passages("the 'steal them' line, China's man") == ("steal them",)
    assert quoted_passages("what does 'deep' mean") == ()  # one word: a word, not a passage
    assert quoted_passages("«cabeza de playa» y “el hombre de China”") == (
        "cabeza de playa", "el hombre de china")


@pytest.mark.parametrize(("text", "expected"), [
    ("los chinos andan metiendo mucha lana en sudamérica o qué", "chinese-capital"),  # México
    ("por qué dicen que la empresa del tren tiene guita metida con china",  # Río de la Plata
     "perurail-china-ties"),
])
def test_money_slang_is_money(engine: Engine, text: str, expected: str) -> None:
    assert engine.ask(text).id == expected


def test_reckon_is_what_someone_thinks_and_mexican_chat_is_filler(engine: Engine) -> None:
    assert engine.ask("does picarsic reckon the train donation was enough").id in (
        "too-little-too-late", "quote-too-little")
    assert {"orale", "carnal"} <= set(engine.matcher.understand(
        "órale carnal quién es el alcalde de lima").filler)
    # "anda diciendo": "andar" as an auxiliary says nothing
    assert "anda" in engine.matcher.understand("quién anda diciendo eso del alcalde").filler


@pytest.mark.parametrize("text", [
    "según Picarsic qué papel cumple el alcalde en la hegemonía china",
    "what part does the mayor play in China's takeover, per Picarsic",
])
def test_dominance_in_other_words_is_the_supremacy_picarsic_speaks_of(engine: Engine,
                                                                     text: str) -> None:
    assert engine.ask(text).id in ("lima-infrastructure", "quote-linchpin")


@pytest.mark.parametrize("text", [
    "what Chinese global program is the mayor tied to",
    "¿a qué iniciativa global china lo vinculan al alcalde?",
])
def test_china_s_global_program_is_the_belt_and_road(engine: Engine, text: str) -> None:
    assert engine.ask(text).id in ("aligned-with-china", "quote-aligned", "belt-and-road")


def test_a_partnership_is_the_joint_venture(engine: Engine) -> None:
    assert engine.ask("is las bambas a partnership").id in ("las-bambas-owners", "las-bambas")


def test_engines_are_the_locomotives(engine: Engine) -> None:
    terms = {t.term for t in understand(engine, "where did the engines end up").terms}
    assert "train" in terms


def test_the_argentine_word_for_mayor_is_mayor(engine: Engine) -> None:
    assert engine.ask("intendente de Lima?").id == "lima-mayor"


def test_the_name_of_someone_named_in_everyday_words_is_no_chat(engine: Engine) -> None:
    answer = engine.ask("what's the mayor's full name")
    assert answer.decision != "chat"  # answered (asked before in these words) or offered
    assert (answer.id if answer.answered else answer.suggestions[0].id) in ("lima-mayor",
                                                                          "lopez-aliaga")
    assert engine.ask("what's the weather like in lima").answered is False


@pytest.mark.parametrize(("text", "answered"), [
    ("y al final el alcalde postulo o no", False),  # how the plan ended: the story never says
    ("who gave the trains to Lima in the end", True),  # "in the end": after all, not an outcome
])
def test_in_the_end_with_alternatives_asks_how_things_ended(engine: Engine, text: str,
                                                            answered: bool) -> None:
    assert engine.ask(text).answered is answered


def test_financial_ties_are_no_investment(engine: Engine) -> None:
    # "financió" stems as "financial" does: it must not make "financial" a word for investing
    terms = engine.matcher.index.terms
    assert terms.synonyms.get(terms.stem("financial")) != terms.synonyms.get(terms.stem("invest"))


def test_solto_asks_who_said_it(engine: Engine) -> None:
    answer = engine.ask("¿Quién soltó lo de que el tío trabaja en secreto con China y quiere "
                        "robar los trenes?")
    assert answer.answered and answer.id in ("train-cars-allegation", "quote-old-train-cars")


@pytest.mark.parametrize("text", ["mayor's railroad?", "de que mina es la carga que lleva el "
                                  "tren del alcalde"])
def test_the_mayors_railroad_is_perurail(engine: Engine, text: str) -> None:
    assert "@perurail" in engine.matcher.understand(text).mentions


@pytest.mark.parametrize(("text", "thing"), [("whos emily de la bruyere work for", "role"),
                                             ("Picarsic's employer?", "role"),
                                             ("para quién trabaja Picarsic", "role"),
                                             ("who worked on the study", "person")])
def test_who_someone_works_for_asks_the_employer(engine: Engine, text: str, thing: str) -> None:
    assert engine.matcher.understand(text).asked.thing == thing


@pytest.mark.parametrize(("text", "entry"), [
    ("quien es el alcalde de lima y q tiene q ver con china", "lopez-aliaga"),
    ("who is Emily de La Bruyere and what's her affiliation", "de-la-bruyere"),
    ("what is PeruRail and what does it carry", "perurail"),  # "what is X and ..." too
    ("qué es Caltrain y qué le dio al Perú", "caltrain"),
])
def test_who_is_x_and_more_is_first_who_x_is(engine: Engine, text: str, entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize("text", [
    "las locomotoras esas las regaló q gobierno gringo? el de Trump o el otro",
    "I'd wager that donation came from the Trump crowd, not Biden. Am I wrong on that?",
])
def test_a_name_offered_to_be_checked_is_not_claimed_missing(engine: Engine, text: str) -> None:
    # "Trump or the other one", "am I wrong?": the asker offers a name; the answer may name
    # another, so the story is not said to lack it
    assert engine.ask(text).decision != "not_said"


@pytest.mark.parametrize("text", ["what sources do you actually use to answer, just the one "
                                  "article?", "de donde sacas la info"])
def test_how_the_bot_works_is_chat_about_the_bot(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert not answer.answered and answer.decision == "chat"


def test_a_phrase_typed_as_one_word_is_the_phrase(engine: Engine) -> None:
    understood = engine.matcher.understand("which thinktank is nate picarsik with?")
    assert "@fdd" in understood.mentions
    assert engine.ask("which thinktank is nate picarsik with?").decision != "not_said"


def test_what_evidence_asks_no_measure(engine: Engine) -> None:
    assert engine.ask("What evidence does the study give for calling the rail company's links "
                      "to China 'deep'?").decision != "not_said"


def test_names_that_qualify_the_one_before_them_are_compounds() -> None:
    linked = {"@port": frozenset({"@china", "@peru"}), "@china": frozenset({"@port"}),
              "@peru": frozenset({"@port"})}
    names = ["ano", "@port", "@china", "@peru"]  # "el megapuerto chino en Perú"
    assert _compounds(names, frozenset(names[1:]), linked) == (
        ("@port", "@china"), ("@port", "@peru"))
    # a word between ends the qualifiers ("the port ... said ... Peru")
    assert _compounds(["@port", "said", "@peru"], frozenset({"@port", "@peru"}), linked) == ()


def test_a_place_qualifying_a_named_port_need_not_be_in_the_entry(engine: Engine) -> None:
    assert engine.ask("¿En qué año fue la inauguración del megapuerto chino en "
                      "Perú?").id == "chancay-opening"


@pytest.mark.parametrize("text", ["the words of Xi Jinping about the port",
                                  "What were the words of Xi Jinping about the Chancay "
                                  "facility, can you quote?"])
def test_the_words_of_someone_name_the_speaker(engine: Engine, text: str) -> None:
    assert "@xi-jinping" in understand(engine, text).speakers
    assert engine.ask(text).id == "chancay-opening"


def test_whether_asks(engine: Engine) -> None:
    answer = engine.ask("I would like to know whether the Chancay port is far from the "
                        "Peruvian capital.")
    assert answer.decision != "chat"


@pytest.mark.parametrize("text", ["los del estudio de que organizacion son",
                                  "whats the bottom line of the study"])
def test_an_everyday_name_and_a_word_of_the_story_asked_is_no_chat(engine: Engine,
                                                                   text: str) -> None:
    assert engine.ask(text).decision != "chat"


@pytest.mark.parametrize("text", ["thanks bruv thats proper helpful", "thanks bot, good job",
                                  "los alquileres están carísimos", "quién mantiene este bot"])
def test_a_remark_or_talk_of_the_bot_gets_a_friendly_line_not_doesnt_say(
        engine: Engine, text: str) -> None:
    assert engine.ask(text).decision == "chat"


@pytest.mark.parametrize("text", ["who is Fujimori?", "qué es NLP", "tell me about Fujimori"])
def test_a_question_the_story_has_nothing_on_is_told_so(engine: Engine, text: str) -> None:
    assert engine.ask(text).decision == "not_said"


@pytest.mark.parametrize(("text", "entry"), [
    ("wetin Blinken talk exactly about the trains not being just a symbol?",
     "quote-not-just-a-symbol"),
    ("wetin be the name of the railway company wey the mayor get", "perurail-owner"),
    ("can u give me the gist of the article po, short lang, busy ako", "story-overview"),
    ("ta, ¿y para qué viajó a Estados Unidos el intendente limeño?", "california-trip"),
])
def test_nigerian_pidgin_taglish_and_rioplatense_chat(engine: Engine, text: str,
                                                      entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize(("text", "entry"), [
    ("bo, ¿quién es el intendente de la capital peruana del que habla la nota?", "lima-mayor"),
    ("who owns perurail lah", "perurail-owner"),
    ("aye, wee question: who owns perurail", "perurail-owner"),
    ("how many bn did China drop on that megaport near Lima", "chancay-investment"),  # billion
])
def test_chat_particles_of_many_varieties_and_the_story_as_subject(engine: Engine, text: str,
                                                                    entry: str) -> None:
    assert engine.ask(text).id == entry


@pytest.mark.parametrize("text", ["emily de la bruyer trabaja en q fundacion",
                                  "emily de la bruyere works at which think tnak?",
                                  "en q fundacion trabaja emily de la bruyere, no me acuerdo"])
def test_where_one_works_is_asked_of_their_profile(engine: Engine, text: str) -> None:
    assert engine.ask(text).id == "de-la-bruyere"


def test_working_for_a_country_is_a_claim_not_a_post(engine: Engine) -> None:
    assert engine.ask("so is it proven that Lopez Aliaga works for China or is that just a "
                      "claim?").id != "lopez-aliaga"


@pytest.mark.parametrize("text", ["What word did the study use for how China has been handling "
                                  "the mayor, was it grooming or something like it?",
                                  "¿Quién usó el verbo \"cultivar\" para hablar de lo que hace "
                                  "China con el alcalde?"])
def test_the_word_used_asks_for_the_quote(engine: Engine, text: str) -> None:
    assert understand(engine, text).asked.thing == "words"
    assert engine.ask(text).id == "quote-cultivating"


@pytest.mark.parametrize(("text", "expected"), [
    ("a qué ciudad le regalaron las locomotoras los norteamericanos", "locomotive-transfer"),
    ("what town is the big Chinese harbor in", "chancay-port"),
])
def test_the_noun_a_place_question_names_its_place_by_is_asking(engine: Engine, text: str,
                                                                expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


def test_a_kind_of_place_the_story_has_none_of_stays_asked(engine: Engine) -> None:
    # no place of the story is called a region: "Peru" does not answer which region
    assert not engine.ask("la mina las bambas en q region queda").answered


def test_a_noun_the_knowledge_describes_an_entity_by_is_a_knowledge_word(engine: Engine) -> None:
    # NBC News is "el canal gringo": the story does say which channel reported the figure
    question = engine.matcher.understand("qué canal de tele yanqui informó lo de la plata")
    assert next(t for t in question.terms if t.word == "canal").kind == "known"
    answer = engine.ask("qué canal de tele yanqui informó lo de la plata del puerto?")
    assert answer.answered and answer.id == "chancay-investment"


def test_how_big_an_amount_is_is_given_by_the_amount(engine: Engine) -> None:
    answer = engine.ask("How big was China's reported investment in the deepwater harbour?")
    assert answer.answered and answer.id == "chancay-investment"
    assert not engine.ask("how many workers are at the chancay port").answered  # not a count


def test_la_mayor_parte_is_a_majority_not_the_mayor(engine: Engine) -> None:
    # the Spanish "mayor" (greater) of "la mayor parte" is no English mayor
    assert "@lima-mayor" not in engine.matcher.understand(
        "quién tiene la mayor parte de la mina Las Bambas").mentions
    answer = engine.ask("quién banca la mayor parte de esa mina Las Bambas")
    assert answer.answered and answer.id == "las-bambas-owners"


@pytest.mark.parametrize(("text", "expected"), [
    ("¿Por qué el analista dice que la ayuda de Estados Unidos llegó tarde?",
     "too-little-too-late"),
    ("¿quién habló por parte de Washington en la ceremonia de los trenes en Lima?",
     "donation-ceremony"),  # "por parte de": on behalf of, no part of anything
    ("la tal emily de la bruyere quién es, qué hace", "de-la-bruyere"),  # "la tal": that one
])
def test_analysts_and_spanish_set_phrases(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


def test_a_speaker_named_by_a_long_description_is_read_whole(engine: Engine) -> None:
    # the window before "dijo" would cut "el ex secretario de estado gringo" to "estado gringo"
    understood = engine.matcher.understand("el ex secretario de estado gringo q dijo en lima")
    assert understood.speakers == {"@blinken"}
    assert engine.ask("el ex secretario de estado gringo q dijo en lima").answered


def test_a_name_after_a_description_of_it_is_the_mention(engine: Engine) -> None:
    # "candidato" describes López Aliaga; his name after it is no predicate of his
    terms = engine.matcher.understand("va a ser candidato a presidente lopez aliaga").terms
    assert [t.term for t in terms if t.kind == "entity"] == ["@lopez-aliaga"]
    assert not {"lopez", "aliaga"} & {t.term for t in terms}
    answer = engine.ask("va a ser candidato a presidente lopez aliaga? en q año")
    assert answer.answered and answer.id == "presidential-bid"
    # a description after the name is still its predicate ("become mayor of Lima")
    assert "mayor" in {t.term for t in engine.matcher.understand(
        "when did lopez aliaga become mayor of lima").terms}


@pytest.mark.parametrize(("text", "expected"), [
    ("what did the ex-sec of state say he was so proud of", "quote-proud-caltrain"),
    ("has there been loads of chinese money going into south america lately", "chinese-capital"),
    ("¿Cuándo anduvo el alcalde por California?", "california-trip"),
])
def test_chat_abbreviations_quantifiers_and_andar(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("xi jin ping q dijo dl puerto", "chancay-opening"),  # "dl": del, not a speaker's word
    ("si desvían los trenes a dónde irían a parar según lo que dice ahí", "quote-old-train-cars"),
    ("laburo de blinken", "blinken"),  # rioplatense "laburo": a job
    ("Is that port far from Lima or is it out in the middle of nowhere?", "chancay-port"),
    ("There's a bit in the article about the old train cars being pinched, what's the claim "
     "there exactly?", "quote-old-train-cars"),
])
def test_read_off_blind49_and_50(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


@pytest.mark.parametrize(("word", "meant"), [
    ("ower", "over"), ("oot", "out"), ("tae", "to"), ("fae", "from"), ("intae", "into"),
    ("auld", "old"), ("disnae", "does"), ("cawed", "called"), ("daein", "doing"),
])
def test_scots_spellings_are_read_as_the_english_word(engine: Engine, word: str,
                                                      meant: str) -> None:
    # left to the speller, "ower" became the story's "power" and "oot" became "not"
    verdict = engine.matcher.speller.judge(word)
    assert (verdict.kind, verdict.word) == ("common", meant)


@pytest.mark.parametrize(("text", "expected"), [
    ("so the Lima heid honcho went ower tae California, whit fer?", "california-trip"),
    ("how much did the Chinese stick intae yon big port no far fae Lima", "chancay-investment"),
    ("gie us the full quote aboot the bunch o auld train cars", "quote-old-train-cars"),
    # "cawed" was "corrected" to cared; "daein" was a name the story lacks
    ("who cawed him china's man in peru", "quote-chinas-man"),
    ("that lima heid honcho, whit wis he daein over in california", "california-trip"),
])
def test_scots_questions_are_answered(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "which news outlet ... the number": the outlet is asked, not an amount
    ("which news outlet had the number for the port investment", "chancay-investment"),
    # "crowd" says only "some outfit": no kind of its own the story must name
    ("which Peruvian news crowd was it that clocked the California trip", "california-trip"),
    ("What's Picarsic's beef with China's activity in Lima, in a nutshell?",
     "lima-infrastructure"),
    ("¿De qué explotación minera sale el dinero que ha hecho crecer los ingresos de la "
     "ferroviaria del alcalde?", "perurail-revenue"),
    ("¿Quién fue el alto cargo estadounidense que intervino en el acto de los trenes en Lima?",
     "donation-ceremony"),
    ("¿Quién dijo que el acuerdo era un testimonio de la relación entre EU y Perú?",
     "quote-testament"),  # Mexican "EU": Estados Unidos
    ("which former US top diplomat spoke at the donation event?", "donation-ceremony"),
    ("cuando inaguraron el puerto de chancai", "chancay-opening"),  # a common misspelling
    ("What was the stated purpose of the mayor's trip to the West Coast?", "california-trip"),
    ("quien fue q puso los chelitos pa ese puertazo cerca de Lima", "chancay-investment"),
    ("I believe Picarsic called the mayor a \"kingpin\". Is that the word he used?",
     "quote-linchpin"),
])
def test_read_off_blind51_to_54(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected



@pytest.mark.parametrize("text", [
    "¿qué cosas puedo preguntarte?", "what kind of questions can I ask?",
    "what can you actually answer about", "que le puedo preguntar",
])
def test_what_the_bot_can_be_asked_is_chat_about_the_bot(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.decision == "chat" and not answer.answered


def test_what_can_be_asked_about_a_story_thing_is_a_question(engine: Engine) -> None:
    assert engine.ask("what can I ask about the port").decision != "chat"


@pytest.mark.parametrize(("text", "missing"), [
    ("picarsic en q universidad estudio", "universidad"),
    ("¿Qué encuestas hay sobre López Aliaga para la elección presidencial?", "encuestas"),
])
def test_a_thing_named_after_que_that_the_story_lacks_is_not_said(engine: Engine, text: str,
                                                                   missing: str) -> None:
    answer = engine.ask(text)
    assert answer.decision == "not_said" and missing in answer.answer


@pytest.mark.parametrize(("text", "expected"), [
    ("a ver, en corto, ¿de qué trata la nota?", "story-overview"),
    ("y quien es el tal Rafael Lopez Aliaga en resumidas cuentas", "lopez-aliaga"),
])
def test_how_briefly_to_answer_is_not_what_is_asked(engine: Engine, text: str,
                                                    expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


@pytest.mark.parametrize("text", [
    "q piensa picarsic de los trenes q dono eeuu",
    "qué piensa el tipo de la fdd de los trenes que donó eeuu",  # one of the FDD's people
])
def test_a_view_of_someone_named_is_in_their_words(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == "quote-too-little"
    assert "piensa" in {t.word for t in engine.matcher.understand(text).terms if t.soft}


def test_an_elected_office_is_a_post_not_an_election(engine: Engine) -> None:
    # "elected" had matched the election of the presidential bid with confidence
    answer = engine.ask("What elected office does the would-be presidential candidate "
                        "presently occupy?")
    assert (answer.id if answer.answered else answer.suggestions[0].id) == "lima-mayor"


@pytest.mark.parametrize(("text", "expected"), [
    # descriptions a helper wrote from the article alone, kept where no answer got worse
    ("¿De qué operador ferroviario californiano salieron las locomotoras?", "locomotive-transfer"),
    ("which US rail system did the locomotives come from", "locomotive-transfer"),
])
def test_descriptions_instead_of_names(engine: Engine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


def test_each_example_wording_is_compared_once(engine: Engine) -> None:
    # the same words in another order score the same: comparing them twice only costs time
    for doc in engine.matcher.index.docs:
        assert len({frozenset(q.split()) for q in doc.questions}) == len(doc.questions)
        assert len(set(doc.sorted_questions)) == len(doc.sorted_questions)


def test_a_named_entity_s_profile_is_always_a_candidate(kb: KnowledgeBase) -> None:
    # Many entries tell of the FDD with more of the question's words than its profile has; the
    # profile is still measured, so "which think tank" can be answered by it
    few = Engine(kb, Thresholds(candidates=3))
    measured, _ = few.judge("which think tank did the digging on the mayor's links to Beijing?")
    assert "fdd" in {c.id for c in measured.ranked}
    assert Engine(kb).ask("which think tank did the digging on the mayor's links to "
                          "Beijing?").id == "fdd"


def test_a_vocative_opening_a_question_is_filler_though_the_knowledge_knows_it(
        engine: Engine) -> None:
    q = understand(engine, "oe pata que fue a hacer el burgomaestre limeño a gringolandia")
    assert "pata" in q.filler and "pata" not in {t.term for t in q.terms}
    # ... but not in a description: "el pata del estudio" is Picarsic
    assert "@picarsic" in understand(engine, "pata del estudio quien es").mentions
    assert "gracias" not in understand(engine, "gracias hermano bien explicado").filler


@pytest.mark.parametrize("word", ["naman", "pinche", "daw", "eish"])
def test_chat_particles_are_filler_unless_the_knowledge_uses_the_word_itself(
        engine: Engine, word: str) -> None:
    # "naman" stems like "name", "pinche" is a synonym's form ("pinch": steal)
    assert engine.matcher.speller.judge(word).kind == "filler"


def test_the_story_s_subject_is_the_most_told_of_person(engine: Engine) -> None:
    assert engine.matcher.index.protagonist == "@lopez-aliaga"


@pytest.mark.parametrize(("text", "implied"), [
    ("is it confirmed he's running for president or is it just a maybe", True),
    ("what year might he have a crack at the top job in Peru", True),
    ("what did Blinken say he was proud of", False),  # named
    ("Who represented the Americans at the ceremony and what post did he hold?", False),  # asked
    ("what did the former top diplomat say he was proud of", False),  # described
])
def test_he_with_no_one_named_is_the_story_s_subject(engine: Engine, text: str,
                                                     implied: bool) -> None:
    terms = understand(engine, text).terms
    he = [t for t in terms if t.term == "@lopez-aliaga" and t.soft]
    assert bool(he) == implied, terms
    if implied:  # an entry need not be about him: "his rail company" is PeruRail
        assert "@lopez-aliaga" not in understand(engine, text).mentions


def test_a_person_from_an_organisation_named_in_two_words_stands_for_its_people(
        engine: Engine) -> None:
    # "the guy from the think tank": the window after the noun reaches the whole name
    q = understand(engine, "what did the guy from the think tank say today")
    assert "@fdd" in q.stand_ins and "guy" not in {t.word for t in q.terms if not t.soft}


def test_a_rare_real_word_is_vocabulary_not_a_name(engine: Engine) -> None:
    # "pronouncement" is no name the story lacks ("the story doesn't mention ...")
    assert engine.matcher.speller.judge("pronouncement").kind == "vocabulary"
    assert engine.ask("can you give me a good ceviche recipe?").decision == "chat"


def test_a_common_word_in_capitals_is_emphasis_not_a_name(engine: Engine) -> None:
    q = understand(engine, "how much is the mayor's railroad company raking in EVERY YEAR from "
                           "that mine?")
    assert all(t.kind != "unknown" for t in q.terms), q.terms
    assert "@nbc-news" in understand(engine, "what did NBC report").mentions  # a name stays
    from bot.engine.matcher import _emphasised
    assert _emphasised("EVERY") and not _emphasised("Every")
    assert not _emphasised("CAT")  # three capitals may be an acronym ("the CAT results")


def test_a_spanish_reply_participle_names_its_speaker(engine: Engine) -> None:
    q = understand(engine, "¿Qué ha contestado el alcalde a quienes le llaman el hombre de China?")
    assert q.speakers == {"@lopez-aliaga"}  # as "qué contestó el alcalde" does


def test_an_english_only_chat_spelling_is_read_only_in_english(engine: Engine) -> None:
    speller = engine.matcher.speller
    assert speller.judge("locos", lang="en").word == "locomotives"
    assert speller.judge("locos", lang="es").word != "locomotives"  # madmen, or guys


@pytest.mark.parametrize(("text", "implied"), [
    ("el loco ese quiere ser presidente? pa que año seria", True),  # "that guy": no name
    ("ese tipo quiere ser presidente de Peru? pa que año seria eso", True),
    ("el tipo ese de la fdd que dijo", False),  # someone described
    ("el hombre ese pa cuando se quiere lanzar a presidente?", True),  # not "China's man"
    ("y que fue lo que el tiguere ese fue a hacer a california?", True),  # Dominican "guy"
    ("what year might yer man have a go at bein president of peru", True),  # Irish "that guy"
    ("que dijo el tipo ese Picarsic", False),  # named
    ("what year might this guy make a run for president down there", True),  # "this guy"
    ("thx man that actually helped", False),  # (a "that" after "man" points at nobody)
])
def test_that_guy_in_spanish_is_the_story_s_subject(engine: Engine, text: str,
                                                    implied: bool) -> None:
    q = understand(engine, text)
    assert any(t.term == "@lopez-aliaga" and t.soft for t in q.terms) == implied, q.terms


@pytest.mark.parametrize(("text", "speakers"), [
    ("What says the chinese government about this FDD study?", {"@china"}),  # verb first
    ("What did the president of Peru make of it all?", {"@peru"}),  # "make of": a view
    ("What did Lopez Aliaga himself answer to these accusations with China?", {"@lopez-aliaga"}),
])
def test_whose_words_or_view_in_other_orders_and_verbs(engine: Engine, text: str,
                                                       speakers: set[str]) -> None:
    assert understand(engine, text).speakers == speakers


def test_that_guy_is_no_word_of_the_story_when_someone_is_described(engine: Engine) -> None:
    q = understand(engine, "Ese hombre ya es candidato seguro o nada mas lo ta pensando?")
    assert "@lopez-aliaga" in q.mentions  # the candidate
    assert all(t.soft for t in q.terms if t.word == "hombre")  # not "el hombre de China"


def test_words_asked_of_someone_the_story_never_quotes_are_not_answered(engine: Engine) -> None:
    for text in ("What says the chinese government about this FDD study?",
                 "What did the president of Peru make of it all?",
                 "did Lopez Aliaga hit back at the FDD study or say anything about it?"):
        assert not engine.ask(text).answered, text
    # "make of" with an amount asked is earning, not a view
    assert engine.ask("how much does perurail make of the las bambas shipments a year").id \
        == "perurail-revenue"


@pytest.mark.parametrize(("text", "companion"), [
    ("con quien fue el alcalde a california, con su familia?", True),
    ("who did the mayor travel to california with?", True),
    ("who's accusing him of secretly working with china?", False),
    ("whos emily de la bruyere, wich think tank is she with", False),  # where she works
])
def test_someone_beside_those_named_is_asked(engine: Engine, text: str, companion: bool) -> None:
    assert understand(engine, text).companion == companion


def test_an_entry_naming_no_one_else_does_not_give_a_companion(engine: Engine) -> None:
    answer = engine.ask("con quien fue el alcalde a california, con su familia?")
    assert not answer.answered  # the trip names only him


@pytest.mark.parametrize("request_", ["explíqueme", "me explicas", "contame", "dígame",
                                      "quisiera saber", "porfis"])
def test_a_request_in_any_person_is_no_word_of_the_question(engine: Engine,
                                                            request_: str) -> None:
    q = understand(engine, f"{request_} por qué dicen que la empresa del alcalde depende de china")
    request_words = set(fold(request_).split()) - {"me", "saber"}
    assert not request_words & {t.word for t in q.terms}, q.terms


@pytest.mark.parametrize(("typed", "meant"), [
    ("hw", "how"), ("wid", "with"), ("cld", "could"), ("pple", "people"), ("pikin", "child"),
    ("mebbe", "maybe"), ("kailan", "when"), ("bakit", "why"),  # Taglish
    ("ndaje", "supuestamente"),  # Guaraní in Paraguayan Spanish
])
def test_texting_spellings_are_read_not_corrected_to_other_words(engine: Engine, typed: str,
                                                                 meant: str) -> None:
    assert engine.matcher.speller.judge(typed, lang="en").word == meant


def test_an_emphatic_itself_is_no_word_of_the_question(engine: Engine) -> None:
    q = understand(engine, "does the article itself say hes workin with china in secret")
    assert "itself" in q.filler
    # ("himself" after a speaker stays: "what did Lopez Aliaga himself say" asks his own words)
    assert "himself" not in understand(engine, "what did Lopez Aliaga himself say").filler


def test_the_words_of_someone_the_story_never_quotes_are_not_answered(engine: Engine) -> None:
    for text in ("que dijo López Aliaga de que lo llamen el hombre de China?",
                 "What did Lopez Aliaga say about being called China's man?"):
        assert not engine.ask(text).answered, text
    # his being called so is still answered
    assert engine.ask("why is Lopez Aliaga called China's man").id == "chinas-man"


def test_where_a_document_s_people_work_is_the_organisation_behind_it(engine: Engine) -> None:
    # "los del estudio": the study's authors; their employer is the FDD, which published it
    assert engine.ask("los del estudio pa qué organización trabajan").id == "fdd"


def test_a_first_name_written_another_way_before_a_name_is_no_stranger(engine: Engine) -> None:
    q = understand(engine, "El señor Antonio Blinken dijo que el acuerdo era un testimonio de algo")
    assert all(t.soft for t in q.terms if t.kind == "unknown"), q.terms
    # ... but an unknown word before a description is still one ("sookin up tae this mayor")
    q = understand(engine, "how come China's supposedly sookin up tae this mayor")
    assert any(t.kind == "unknown" and not t.soft for t in q.terms), q.terms


def test_taglish_sino_is_who_only_in_english(engine: Engine) -> None:
    speller = engine.matcher.speller
    assert speller.judge("sino", lang="en").word == "who"
    assert speller.judge("sino", lang="es").word == "sino"  # "no X sino Y": but rather


@pytest.mark.parametrize(("text", "person"), [
    ("who is this Rafael guy", "@lopez-aliaga"), ("que dijo nate", "@picarsic"),
    ("quien es antony", "@blinken"),
])
def test_a_person_is_named_by_a_first_name_no_one_else_has(engine: Engine, text: str,
                                                           person: str) -> None:
    assert person in understand(engine, text).mentions


@pytest.mark.parametrize(("text", "blinken"), [
    ("who is the current us secretary of state", False),  # whoever holds it now
    ("¿Que piensa el secretario de Estado de ahora sobre los trenes donados?", False),
    ("¿Quién es el secretario de estado ahorita, el que quedó después de Blinken?", False),
    ("is Blinken still secretary of state now", True),  # named: the story's former one
    ("segun el ex secretario de estado la relacion es algo nuevo o de larga data", True),
])
def test_a_post_the_story_s_person_left_said_with_now_is_someone_else(engine: Engine, text: str,
                                                                      blinken: bool) -> None:
    assert ("@blinken" in understand(engine, text).mentions) == blinken
    if not blinken:
        assert not engine.ask(text).answered


def test_the_post_held_now_is_named_whole_when_the_story_lacks_it(engine: Engine) -> None:
    answer = engine.ask("who is the current us secretary of state")
    assert answer.decision == "not_said"
    assert "current us secretary of state" in answer.answer  # not "secretary of state" alone


def test_whether_something_ever_happened_is_an_outcome_the_story_never_tells(
        engine: Engine) -> None:
    assert not engine.ask("did the trains ever actually get to lima").answered
    # "ever so" is "very", no outcome asked
    assert engine.ask("Is that huge Chinese mining company owned by the Chinese government, I "
                      "was wondering as it sounds ever so big").answered


@pytest.mark.parametrize(("text", "answered"), [
    ("What's Antony Blinken's job now?", False),  # the story says only what he was
    ("a q se dedica blinken ahora q ya no es secretario", False),
    ("is Blinken still in that job or is he an ex now", True),  # "former" tells that
    ("What's Antony Blinken's job?", True),
])
def test_what_a_former_holder_does_now_is_not_told(engine: Engine, text: str,
                                                   answered: bool) -> None:
    assert engine.ask(text).answered == answered


def test_who_did_it_after_a_joining_word_still_asks_that_doing(engine: Engine) -> None:
    assert not engine.ask("¿y al final quién ganó las elecciones 2026 en Perú?").answered


def test_a_summary_of_the_story_asked_in_chilean_voseo_is_answered(engine: Engine) -> None:
    assert engine.ask("me hacís un resumen cortito de la nota pls, no tengo tiempo de "
                      "leerla").id == "story-overview"


@pytest.mark.parametrize(("text", "said"), [
    ("how deep is the chancay port", False),  # "a deepwater port" gives no depth
    ("how old is blinken", False),
    ("how far is chancay from lima", True),  # "not far from Lima"
    ("how big is the chancay port", True),  # "a huge port" (offered, not answered: people
    # asked "how big is the chancay port in hectares" before, which it does not say)
])
def test_a_measure_asked_in_numbers_needs_a_number_in_its_unit(engine: Engine, text: str,
                                                               said: bool) -> None:
    answer = engine.ask(text)
    assert (answer.decision != "not_said") == said
    if said:
        assert (answer.id if answer.answered else answer.suggestions[0].id) in (
            "chancay-investment", "chancay-port")


@pytest.mark.parametrize(("text", "answered"), [
    ("¿cuánto gana un trabajador en la mina Las Bambas?", False),  # a worker's pay
    ("how much does a worker earn at las bambas", False),
    ("¿Cuánto gana PeruRail cada año con los envíos de la mina Las Bambas?", True),
])
def test_whose_earnings_are_asked_must_be_the_entry_s(engine: Engine, text: str,
                                                      answered: bool) -> None:
    assert engine.ask(text).answered == answered


@pytest.mark.parametrize("text", [
    "what does peru's national government reckon about the chinese port",
    "qué opina el gobierno peruano del puerto chino",
])
def test_the_view_of_someone_the_story_never_quotes_in_other_verbs(engine: Engine,
                                                                   text: str) -> None:
    assert not engine.ask(text).answered


def test_the_one_the_story_talks_about_is_asked_not_words(engine: Engine) -> None:
    assert engine.ask("quién es el alcalde de lima del que hablan").id == "lopez-aliaga"


def test_which_word_they_used_frames_the_question(engine: Engine) -> None:
    q = understand(engine, "que palabra usaron pa describir los lazos financieros de PeruRail")
    assert not any(t.word == "usaron" and not t.soft for t in q.terms), q.terms
    assert engine.ask("que palabra usaron pa describir los lazos financieros de PeruRail con "
                      "China").answered


def test_the_verb_of_who_did_it_is_matched_by_its_term(engine: Engine) -> None:
    # "pagó" and "costó" are one term (money spent); the trip has none of it
    assert not engine.ask("quien pagó el viaje del alcalde a California y cuanto costó").answered
    q = understand(engine, "quien le pago el viaje, cuanto gasto")
    assert q.term_of_word("pago") == q.term_of_word("gasto")


def test_who_is_expected_to_do_it_asks_that_doing(engine: Engine) -> None:
    assert not engine.ask("Who is expected to win the Peruvian presidential election in "
                          "2026?").answered  # the bid names no winner


@pytest.mark.parametrize(("text", "answered"), [
    ("who he met in California during that trip", False),  # meeting: the trip has none
    ("que hizo blinken despues que salio del cargo", False),  # a later post
    ("what position did Blinken hold before", True),  # the one the profile gives
])
def test_the_doing_asked_after_a_pronoun_or_a_later_time(engine: Engine, text: str,
                                                          answered: bool) -> None:
    assert engine.ask(text).answered == answered


def test_running_a_place_is_governing_it_not_a_candidacy(engine: Engine) -> None:
    governs = engine.matcher.index.terms.of_words(["governs"])
    q = understand(engine, "whats the name of the fella running lima as mayor")
    assert [t.term for t in q.terms if t.word == "running"] == governs
    assert engine.ask("whats the name of the fella running lima as mayor").id \
        in ("lima-mayor", "lopez-aliaga")  # (the post, or who holds it: not the bid)
    q = understand(engine, "is he running for lima mayor again")
    assert [t.term for t in q.terms if t.word == "running"] != governs  # (a candidacy)


def test_a_chat_word_for_a_friend_of_someone_is_an_ally(engine: Engine) -> None:
    q = understand(engine, "is the mayor a mate of china")
    assert engine.matcher.index.terms.of_words(["ally"])[0] in {t.term for t in q.terms}
    assert engine.ask("is the mayor actually described as a mate of china in the "
                      "reports").id == "chinese-ally"


@pytest.mark.parametrize("text", [
    "peru rail makes how much frm las bambas shipmnts",  # "from" is no thing counted
    "cuantos reales le entran al año a la compañia del tren por lo q le carga a la mina",
])
def test_how_much_money_by_any_word_asks_no_other_measure(engine: Engine, text: str) -> None:
    q = understand(engine, text)
    assert q.asked.thing == "amount" and q.measure_term is None, q.asked
    assert engine.ask(text).id == "perurail-revenue"


@pytest.mark.parametrize("text", [
    "what's china chasing in south america according to the research, minerals or what",
    "which White House crew handed over the locomotives, Biden or Trump",
])
def test_no_thing_is_asked_after_a_name_that_is_a_verb_or_its_people(engine: Engine,
                                                                     text: str) -> None:
    measure = understand(engine, text).measure_term
    assert measure is None or measure.startswith("@"), measure  # (the name itself, at most)
    assert engine.ask(text).answered


def test_a_line_opening_with_a_date_of_something_asks_that_date(engine: Engine) -> None:
    text = "Exact calendar day of mayor's visit to California please, not \"late last month\""
    assert understand(engine, text).asked.thing == "date"
    assert not engine.ask(text).answered  # the story gives no day
    # ("diay" read as "día", then a question of its own)
    assert engine.ask("Diay, ¿de qué trata este artículo en corto?").id == "story-overview"


def test_net_profit_is_not_the_revenue_the_story_gives(engine: Engine) -> None:
    assert not engine.ask("¿Cuánta ganancia neta le queda a PeruRail después de gastos?").answered
    assert not engine.ask("PeruRail net profit nko, no be revenue I dey ask").answered
    assert engine.ask("cuanto gana perurail por las bambas").id == "perurail-revenue"


def test_a_persons_own_description_words_beside_the_mention_are_part_of_it(engine: Engine
                                                                          ) -> None:
    def soft(text: str) -> set[str]:
        return {t.word for t in understand(engine, text).terms if t.soft}

    # Blinken is described as the former secretary of state: "former" and "state" written
    # before "secretary" describe him, they are nothing asked of him
    assert {"former", "state"} <= soft("what did the former state secretary reckon the trains "
                                        "would do for peru and the us")
    assert engine.ask("what did the former state secretary reckon the trains would do for peru "
                      "and the us").id == "quote-strengthen-ties"
    # a verb parts them: "run" after the name is asked of him, as "presidente" after "ser" is
    assert "run" not in soft("which city does Lopez Aliaga run")
    assert "presidente" not in soft("el alcalde quiere ser presidente o no")
    # a speech word is what is asked, even when it is in the person's description
    assert "quote" not in soft("picarsic quote")
    # an English word after the name is its predicate, not its description
    assert "former" not in soft("is blinken former or current")


def test_description_words_are_a_persons_not_a_things(engine: Engine) -> None:
    # "think tank" describes the FDD, but "which think tank is behind the study" asks which
    q = understand(engine, "which think tank is behind the study")
    assert not any(t.soft and t.word == "behind" for t in q.terms)
    own = engine.matcher.index.own_words
    assert "former" in own["@blinken"]
    assert not any(term.startswith("@") for words in own.values() for term in words)


def test_what_a_question_sets_aside_is_not_its_answer(engine: Engine) -> None:
    q = understand(engine, "besides the think tank lady, who's the other name on that study")
    assert q.excluded == {"@de-la-bruyere"} and "@de-la-bruyere" not in q.mentions
    # named after a noun for her ("the lady from the think tank")
    assert understand(engine, "Who's the other name on the study besides the lady from the "
                              "think tank?").excluded == {"@de-la-bruyere"}
    assert engine.ask("besides the think tank lady, who's the other name on that study").id \
        in ("fdd-study", "picarsic")
    text = "apart from ports what else in lima is china sinking money into"
    assert understand(engine, text).excluded == {"@chancay-port"}
    answer = engine.ask(text)  # (offered, or answered once the memory holds the question)
    assert (answer.id or answer.suggestions[0].id) == "lima-infrastructure"
    # the story has no other owner: the one set aside is still the best, and only offered
    assert not engine.ask("quién más es dueño de perurail aparte del alcalde").answered
    # "además" without "de" sets nothing aside
    assert understand(engine, "además, qué dijo Blinken de los trenes").excluded == frozenset()


def test_a_question_word_left_at_the_end_of_what_was_said_asks_the_words(engine: Engine
                                                                        ) -> None:
    text = "the ex diplomat said the trains were more than just a what?"
    assert understand(engine, text).asked.thing == "words"
    assert engine.ask(text).id == "quote-not-just-a-symbol"


@pytest.mark.parametrize(("text", "expected"), [
    ("kien e el dueno de perurel", "perurail-owner"),  # "e": "es" with its s dropped
    ("how much coin is his train company pulling in each year now", "perurail-revenue"),
    ("en qué pueblo queda el puerto que pagaron los chinos", "chancay-investment"),
    ("how did the yank diplomat describe the relationship between the two countries",
     "quote-testament"),  # the story's only diplomat
])
def test_everyday_words_for_the_storys_things(engine: Engine, text: str, expected: str) -> None:
    assert engine.ask(text).id == expected


def test_a_share_asked_as_porciento_is_not_given(engine: Engine) -> None:
    assert not engine.ask("qué porciento de la mina e de la empresa china esa").answered


def test_before_with_its_s_dropped_is_another_time(engine: Engine) -> None:
    # "ante de" is "antes de" as the Caribbean says it: PeruRail's revenue before the rise
    assert not engine.ask("cuánto ganaba PeruRail ante de que subiera a los 65 millone").answered
    assert engine.ask("cuanto gana perurail por las bambas").answered


@pytest.mark.parametrize("text", ["how many people wrote the FDD paper",
                                  "¿cuántos autore firman el estudio del think tank?"])
def test_how_many_wrote_a_study_is_answered_by_its_named_authors(engine: Engine,
                                                                 text: str) -> None:
    assert engine.ask(text).id == "fdd-study"
    assert not engine.ask("how many people work at perurail").answered


def test_a_day_asked_is_given_by_the_entry_that_says_there_is_none(engine: Engine) -> None:
    # "the article names no publication date": the honest answer, not "the story doesn't say"
    assert engine.ask("en qué fecha salió este artículo, porque dice el mes pasao y yo no sé "
                      "cuál mes e").id == "article-details"
    answer = engine.ask("what day was the train ceremony")  # "last November": no day
    assert not answer.answered and answer.decision == "not_said"


@pytest.mark.parametrize("text", ["the mayor don declare officially or he just dey think am?",
                                  "ya anunció oficialmente su candidatura el alcalde?"])
def test_whether_the_bid_is_official_is_answered_by_what_the_story_says_of_it(
        engine: Engine, text: str) -> None:
    assert engine.ask(text).id == "presidential-bid"  # "supposedly contemplating": not yet


def test_the_makers_of_a_study_asked_in_other_verbs(engine: Engine) -> None:
    assert engine.ask("quienes son los que armaron el estudio ese que amarra la empresa del "
                      "alcalde con china").id == "fdd-study"
    # China's "supply gathering", in other words
    answer = engine.ask("what kind of resources Beijing dey try stockpile for the region "
                        "according to the piece")
    assert (answer.id or answer.suggestions[0].id) == "china-cultivating"


def test_a_little_word_typed_onto_a_name_is_parted_from_it(engine: Engine) -> None:
    assert understand(engine, "el alcalde delima pa donde se fue").words[2:4] == ("de", "lima")
    assert understand(engine, "who wrote thefdd study").words[2:4] == ("the", "fdd")
    # not onto an everyday word that is also a name's ("inhouse" is no White House)
    assert engine.matcher._unglued("inhouse") is None


def test_the_askers_own_assignment_is_no_post_asked(engine: Engine) -> None:
    text = ("tío estoy haciendo un trabajo pal insti y no me entero de nada, me resumes q "
            "relación tiene el alcalde de lima con china segun lo q cuenta la noticia? porfa")
    assert understand(engine, text).asked.thing != "role"
    assert engine.ask("cual es el trabajo de picarsic").id == "picarsic"  # his, asked


def test_a_clause_after_a_name_of_two_nouns_picks_it_out(engine: Engine) -> None:
    # "la empresa de trenes" is one mention, "de" inside it: "que lleva carga de la mina" says
    # which company, and whose it is is asked
    text = "De quien es la empresa de trenes que lleva carga de la mina?"
    assert {t.term for t in understand(engine, text).terms if t.soft} >= {"@las-bambas"}
    assert engine.ask(text).id in ("perurail", "perurail-owner")


@pytest.mark.parametrize(("text", "thing", "entry"), [
    # a nickname asked is a name, not a link ("connecting him to China" tells which name)
    ("There is some nickname people give the mayor connecting him to China, what is it?",
     "description", "chinas-man"),
    ("q apodo le han puesto al alcalde en plan relacionado con pekín", "description",
     "chinas-man"),
    ("how is the mayor connected to china", "link", None),
    # where money comes from asks who pays it, not a place ("the story doesn't say where" had
    # answered it)
    ("where does perurail's revenue come from", "description", "perurail-revenue"),
    ("de donde sale la plata que gana la empresa de trenes del alcalde", "description",
     "perurail-revenue"),
    ("where is perurail from", "place", None),
    # a thing asked with "which" mid-line is the thing, not the link
    ("mayor is tied to which big chinese worldwide infrastructure scheme", "description",
     "aligned-with-china"),
    ("how is the mayor tied to china", "link", None),
])
def test_what_is_asked_in_other_words(engine: Engine, text: str, thing: str,
                                      entry: str | None) -> None:
    assert understand(engine, text).asked.thing == thing
    if entry is not None:
        assert engine.ask(text).id == entry


def test_the_one_they_call_by_a_name_is_who_is_meant_not_words_asked() -> None:
    # "al que le dicen ...": a relative clause naming him; the post is asked, not anyone's words
    text = "q puesto tiene ahorita el mae al que le dicen el hombre de los chinos"
    assert asked_thing(fold(text).split()).thing == "role"
    assert asked_thing(fold("que dicen los del estudio del mae").split()).thing == "words"


def test_words_in_quotation_marks_are_no_introduction_of_the_asker(engine: Engine) -> None:
    # "I am ..." opens an asker's introduction, but not inside someone's quoted words
    answer = engine.ask('"I am so proud to have Caltrain be a member of..." who said this?')
    assert answer.answered and answer.id == "quote-proud-caltrain"
    assert understand(engine, "I am a teacher. Who is Blinken?").filler[:2] == ("i", "am")


def test_what_is_said_of_that_one_describes_him() -> None:
    text = "el político ese que dicen que es amigo de los chinos, qué cargo tiene"
    assert asked_thing(fold(text).split()).thing == "role"


@pytest.mark.parametrize("text", ["You ever ridden a train, bot?", "have you ever been to lima",
                                  "did you ever ride a train", "¿has viajado en tren?"])
def test_the_bots_own_travels_asked_are_chat(engine: Engine, text: str) -> None:
    # the bot has been nowhere: not a question of the story's trains or places
    assert engine.ask(text).decision == "chat"


def test_the_man_of_a_study_is_one_of_its_authors(engine: Engine) -> None:
    # "el hombre del estudio" picks the author called "he", as "the study guy" does
    text = "¿Qué papel dice el hombre del estudio que tiene el alcalde en el dominio chino?"
    assert "@picarsic" in understand(engine, text).mentions


def test_a_places_man_in_a_quotes_own_words_is_the_phrase_not_its_people(
        engine: Engine) -> None:
    # "el hombre de China" is the quote's phrase (its keywords), not Xi for "China's man"
    q = understand(engine, "¿por qué dicen que el alcalde es el hombre de China en el Perú?")
    assert not q.stand_ins and "@xi-jinping" not in q.mentions
    assert ("@china", "man") in engine.matcher._quoted_nouns
    assert not any(noun == "guy" and place == "@united-states"
                   for place, noun in engine.matcher._quoted_nouns)  # (only the quote's own)


def test_where_a_phrase_comes_from_asks_whose_words(engine: Engine) -> None:
    text = "Where does the phrase 'China's man in Peru' come from?"
    assert understand(engine, text).asked.thing == "words"


def test_a_post_contested_is_the_bid_not_the_post_held(engine: Engine) -> None:
    text = "What top post is the Lima mayor thinking of contesting and in which year?"
    assert engine.ask(text).id == "presidential-bid"


def test_who_the_american_was_is_no_profile_of_the_country(engine: Engine) -> None:
    answer = engine.ask("who was the american that spoke at the ceremony")
    assert answer.id != "united-states"


def test_a_typo_near_a_word_naming_someone_means_it(engine: Engine) -> None:
    # "alcande" is one slip from "alcance" and from "alcalde"; the one that names the mayor
    # is meant (not "the story doesn't say who the reach is")
    q = understand(engine, "kien es el alcande de lima q fue a califronia")
    assert ("alcande", "alcalde") in q.corrections and "@lopez-aliaga" in q.mentions


def test_a_day_job_is_a_job_not_a_day(engine: Engine) -> None:
    q = understand(engine, "what's his actual day job down in Peru?")
    assert q.asked.thing == "role"


def test_who_the_bigwig_was_asks_who_not_a_bigwig(engine: Engine) -> None:
    answer = engine.ask("who was the american bigwig at the ceremony in lima")
    assert answer.decision != "not_said"


def test_an_article_typed_onto_a_word_is_parted_from_it(engine: Engine) -> None:
    q = understand(engine, "did the us givethe locomotives during bidens administration")
    assert "givethe" not in q.words and not any(t.kind == "unknown" for t in q.terms)
    assert engine.matcher._article_typed_on("givethe") == ["give", "the"]
    assert engine.matcher._article_typed_on("xqzwthe") is None  # no word before it


def test_a_costa_rican_hello_is_filler(engine: Engine) -> None:
    answer = engine.ask("upéi, el alcalde ya es candidato oficial o todavía solo está viendo?")
    assert answer.decision != "not_said"


@pytest.mark.parametrize("text", ["pq fue a california?", "what was he doing in california",
                                  "y que fue a hacer a California?"])
def test_why_or_what_he_did_at_a_place_is_the_act_not_the_place(engine: Engine,
                                                                text: str) -> None:
    answer = engine.ask(text)
    assert (answer.answered, answer.id) == (True, "california-trip")
    assert engine.ask("what is california").id != "california-trip"  # the place itself


def test_who_the_boss_of_a_body_is_asks_someone_of_it_not_its_profile(engine: Engine) -> None:
    assert not engine.ask("who's the boss of china minmetals").answered
    assert engine.ask("who is picarsic").id == "picarsic"


def test_a_yes_no_question_left_on_or_is_still_yes_or_no(engine: Engine) -> None:
    q = understand(engine, "did he actually win in 2026 or")
    assert q.polar and not engine.ask("did he actually win in 2026 or").answered


def test_a_speech_noun_before_a_speech_verb_leaves_the_speaker_to_the_verb(
        engine: Engine) -> None:
    # "qué verbo usaron pa decir que China ...": China is what was said of, no speaker
    text = "q verbo usaron pa decir q china estaba preparando al alcalde pa un cargo mas alto"
    assert "@china" not in understand(engine, text).speakers
    assert "@lopez-aliaga" not in understand(
        engine, "con q palabra le dice el investigador al alcalde").speakers
    assert "@picarsic" in understand(engine, "q palabra uso picarsic pa decir eso").speakers


@pytest.mark.parametrize("text", ["who donated trains", "trenes de quien", "whose locos?",
                                  "which country donated the trains to lima"])
def test_who_gave_a_thing_is_told_by_its_link_when_entries_tie(engine: Engine,
                                                                text: str) -> None:
    # the donation's donated_by link names the United States: of the tied entries, the fact
    # about them tells who gave the trains
    _, decision = engine.judge(text)
    assert (decision.rule, decision.best and decision.best.id) == (
        "link_breaks_tie", "locomotive-transfer")


def test_who_wrote_it_asked_after_an_opener_is_its_authors(engine: Engine) -> None:
    # "right so who actually wrote that report ...": the report's profile names both authors
    text = "right so who actually wrote that report sayin he's in bed with beijing"
    assert engine.ask(text).id == "fdd-study"
    # but a "who" describing her asks her title, not the authors
    assert engine.judge("the lady who co-wrote the study, what's her title there")[1].rule \
        != "authors_asked"


def test_where_a_thing_went_is_told_by_its_link_past_the_giver_named(engine: Engine) -> None:
    # the giver is named (Uncle Sam); the donation's donated_to link is the one left
    _, decision = engine.judge("Which city did Uncle Sam give the locomotives to?")
    assert (decision.rule, decision.best and decision.best.id) == (
        "link_breaks_tie", "locomotive-transfer")


def test_what_a_named_earner_makes_is_not_anothers_revenue_from_it(engine: Engine) -> None:
    # PeruRail's revenue from the mine's shipments is not what the mine earns
    assert not engine.ask("cuánto gana las bambas al año").answered
    assert engine.ask("cuanto gana perurail al año").id == "perurail-revenue"


def test_what_the_bot_can_actually_do_is_chat(engine: Engine) -> None:
    assert engine.ask("what can you actually do? only this article?").decision == "chat"


def test_turning_up_is_arriving_not_how_two_things_link(engine: Engine) -> None:
    q = understand(engine, "have the trains actually turned up in lima yet")
    assert q.asked.thing != "link"
    assert not engine.ask("have the trains actually turned up in lima yet").answered


def test_someone_the_asker_knows_is_no_name_the_story_lacks(engine: Engine) -> None:
    text = ("pero mi vecina Marta me contó que el alcalde de Lima es medio chino de corazón. "
            "¿Quién es el que afirma eso?")
    assert engine.ask(text).decision != "not_said"
    assert engine.ask("does Fujimori own perurail").decision == "not_said"  # a name asked of
