"""The engine on the tricky cases, with expected answers written by hand."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine.answerer import Engine
from bot.engine.evaluate import load_cases
from bot.engine.render import contract
from bot.knowledge import KnowledgeBase
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


@pytest.mark.parametrize(("question", "expected"), [
    ("Who runs the city government in Peru's capital?", "lima-mayor"),
    ("why did lopez aliaga go to califronia", "california-trip"),
    ("who backs las bambas, minmetlas?", "las-bambas-owners"),
    ("chancay port cost", "chancay-investment"),
    ("¿Cuánto invirtió China en el puerto de Chancay?", "chancay-investment"),
    ("who is Picarsic", "picarsic"),
    ("what is FDD", "fdd"),
    ("Who said it looks like a telltale sign of China's handiwork?", "quote-telltale"),
    ("Who said the trains are not just a symbol?", "quote-not-just-a-symbol"),
    ("Who said we're bringing a bunch of old train cars?", "quote-old-train-cars"),
    ("Who owns PeruRail?", "perurail-owner"),
    # the knowledge's vocabulary of chat words and idioms (synonyms.yaml, read_phrasal)
    ("was the old secretary of state hyped or salty about the train deal", "donation-ceremony"),
    ("en que año le cortaron la cinta al puerto de los chinos", "chancay-opening"),
    ("which country is the mayor meant tae be cosying up tae", "chinese-ally"),
    ("antony blinken q pito toca en esta historia", "blinken"),
])
def test_answers(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert (answer.answered, answer.id) == (True, expected)


@pytest.mark.parametrize("question", [
    "How fast are the locomotives?", "Which party does López Aliaga belong to?",
    "Who won the election?", "How many votes did López Aliaga get?",
    "How many locomotives were donated?", "🚂🚂🚂", "",
])
def test_abstains_with_suggestions(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered and answer.id is None
    assert 1 <= len(answer.suggestions) <= 3
    assert all(s.id in engine.kb.entries for s in answer.suggestions)


def test_an_emoji_after_the_question_mark_is_no_clause(engine: Engine) -> None:
    # (the emoji left an empty clause after the "?", which crashed the reading of remarks)
    answer = engine.ask("la compañía de California que dio los trenes cómo se llama? 🚃")
    assert answer.decision in ("answer", "clarify") and answer.lang == "es"
    assert {"caltrain", "locomotive-transfer"} & {answer.id, *(s.id for s in answer.suggestions)}


@pytest.mark.parametrize(("question", "opening"), [
    ("tell me a joke", "I only know one news story"), ("lol", "I only know one news story"),
    ("@everyone", "I only know one news story"), ("hi there", "Hi! I answer questions"),
    ("thanks!", "You're welcome!"), ("who made you?", "I'm StoryBot"),
    ("Nope.", "I only know one news story"), ("Fine", "I only know one news story"),
    ("what are you up to today?", "I'm StoryBot"), ("cool thanks", "You're welcome!"),
    ("gracias bro", "¡De nada!"), ("eres un bot?", "Soy StoryBot"),
    ("bye", "Bye!"), ("ok goodbye", "Bye!"), ("adios bot", "¡Chao!"),
    ("gracias hermano bien explicado", "¡De nada!"),  # thanks and praise: "explicado" asks nothing
    ("one sec", "I only know one news story"),  # a second, not the secretary
    ("vale vale, pillado", "Solo conozco una nota"),  # "got it", not "pillar" (linchpin)
])
def test_chat_gets_a_friendly_line_not_a_story_answer(engine: Engine, question: str,
                                                      opening: str) -> None:
    answer = engine.ask(question)
    assert (answer.answered, answer.decision) == (False, "chat")
    assert answer.answer.startswith(opening) and not answer.suggestions


@pytest.mark.parametrize(("question", "answered"), [
    ("wow, these politicians sha", False),  # a reaction to everyday words: chat
    ("jaja el alcalde y sus trenes", False),
    ("lol perurail owner", True),  # a name: asked in three words
    ("wow who owns perurail", True),  # a question
    ("chuta no puede ser, todos los politicos son la misma cosa", False),  # interjections of
    ("herh this story saa", False),  # Peru and Ghana: a reaction, not a question
    ("chuta quién es el dueño de perurail", True),
    ("uh mirá vos qué lío tienen allá los peruanos", False),  # "qué" exclaims
    ("jaja q sonso ese alcalde", False),  # ... written "q"
    ("wow qué lío, quién es el dueño de perurail", True),  # ... and then asks
])
def test_a_reaction_with_no_question_is_chat(engine: Engine, question: str,
                                             answered: bool) -> None:
    answer = engine.ask(question)
    assert answer.answered == answered and (answered or answer.decision == "chat")


@pytest.mark.parametrize("question", ["qué carajo fue a hacer el alcalde a california",
                                      "what the hell did blinken say about the trains"])
def test_an_expletive_is_chat_around_the_question(engine: Engine, question: str) -> None:
    assert engine.ask(question).answered


def test_the_story_doesnt_say_what_exactly(engine: Engine) -> None:
    assert engine.ask("How fast are the locomotives?").answer.startswith(
        "The story doesn't say how fast")
    assert engine.ask("Which party does López Aliaga belong to?").answer.startswith(
        "The story doesn't say which party — it mentions Rafael López Aliaga")
    assert engine.ask("¿Cuántos empleados tiene PeruRail?").answer.startswith(
        "La nota no dice cuántos empleados")


def test_a_name_the_story_never_mentions_is_said_so(engine: Engine) -> None:
    assert engine.ask("who is Keiko Fujimori").answer == \
        "The story doesn't mention “keiko”, “fujimori”."
    assert engine.ask("quien es fujimori").answer == "La nota no menciona “fujimori”."


def test_spanish_not_said_contracts_a_el(engine: Engine) -> None:
    answer = engine.ask("cuanto mide el puerto de chancay").answer
    assert answer.startswith("La nota no dice cuánto mide; menciona al puerto de Chancay")


@pytest.mark.parametrize(("question", "expected"), [
    ("waht is chancay", "chancay-port"),
    ("wen was the ceremony", "donation-ceremony"),
    ("who owns the railway company", "perurail-owner"),
])
def test_common_typos_and_descriptions_are_understood(engine: Engine, question: str,
                                                      expected: str) -> None:
    answer = engine.ask(question)
    assert answer.id == expected or (answer.suggestions and answer.suggestions[0].id == expected)


def test_a_story_word_one_edit_away_beats_a_barely_commoner_one(engine: Engine) -> None:
    q = engine.matcher.understand("did the bidden admin donate the trians")
    assert ("trians", "trains") in q.corrections  # not "trans"
    assert ("waht", "what") in engine.matcher.understand("waht is chancay").corrections


@pytest.mark.parametrize("noise", ["{} pls", "{} lol", "{} 2", "{} thanks!", "hey bot, {}",
                                   "ok so {}", "{} ??"])
def test_chat_noise_keeps_the_answer(engine: Engine, noise: str) -> None:
    assert engine.ask(noise.format("Who owns PeruRail?")).id == "perurail-owner"


def test_unsure_offers_the_likely_answer(engine: Engine) -> None:
    answer = engine.ask("What trains did the Americans hand over to Lima?")
    if not answer.answered:
        assert answer.decision == "clarify"
        assert answer.answer.startswith("I'm not sure I understood — did you mean")
        assert answer.suggestions[0].id == "locomotive-transfer"


def test_spanish_claim_contracts_de_el(engine: Engine) -> None:
    answer = engine.ask("¿PeruRail tiene vínculos financieros con China?")
    assert answer.attribution is not None and "Afirmación del estudio" in answer.attribution
    assert "de el " not in answer.attribution


def test_blinken_quote_is_never_picarsics(engine: Engine) -> None:
    answer = engine.ask("Who said the trains would strengthen the ties between Peru and the US?")
    assert answer.quote is not None and answer.quote.speaker == "Antony Blinken"
    assert "Picarsic" not in answer.answer + (answer.attribution or "")


def test_unattributed_quote_gets_no_speaker(engine: Engine) -> None:
    answer = engine.ask("who said we're bringing a bunch of old train cars")
    assert answer.quote is not None and answer.quote.speaker is None
    assert answer.attribution == "Unattributed: the article does not say who said this"
    assert answer.answer.startswith("The article carries this passage without saying who")


def test_claim_is_labelled_as_claim(engine: Engine) -> None:
    answer = engine.ask("Is PeruRail linked to China financially?")
    assert answer.id == "perurail-china-ties" and answer.status == "claim"
    assert answer.attribution == ("Claim by the FDD study by Nate Picarsic and Emily de La "
                                  "Bruyère, not an established fact")


def test_replies_in_the_questions_language_with_override(engine: Engine) -> None:
    spanish = engine.ask("¿Quién es el dueño de PeruRail?")
    assert spanish.lang == "es" and spanish.answer.startswith("Según el estudio de la FDD")
    assert spanish.attribution is not None and spanish.attribution.startswith("Informado por")
    english = engine.ask("¿Quién es el dueño de PeruRail?", lang="en")
    assert english.lang == "en" and english.answer.startswith("According to the FDD study")


def test_near_tie_offers_both(engine: Engine) -> None:
    # Different claims fit these three words equally: offer them rather than guess.
    answer = engine.ask("Lopez Aliaga China")
    assert (answer.answered, answer.decision) == (False, "ambiguous")
    assert len(answer.suggestions) == 2
    assert answer.answer.startswith("Your question fits more than one thing")


def test_json_shape(engine: Engine) -> None:
    data = engine.ask("Who owns PeruRail?").to_json()
    assert set(data) >= {"question", "answered", "kind", "id", "lang", "answer", "attribution",
                         "quote", "sources", "status", "confidence", "suggestions"}
    assert data["kind"] == "fact" and data["sources"] == [
        "the FDD study by Nate Picarsic and Emily de La Bruyère"]
    assert 0 <= data["confidence"] <= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gets_an_answer_object(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    # an answer is one entry, or a timeline or connection built from several ("TIMELINE")
    assert answer.answered == (answer.id is not None or answer.kind in ("timeline",
                                                                        "connection"))
    assert answer.answer


def test_huge_question_is_bounded(engine: Engine) -> None:
    start = time.perf_counter()
    answer = engine.ask("chancay " * 12_500)  # 100,000 characters
    assert time.perf_counter() - start < 1.0  # generous: a bound, not a benchmark
    assert answer.answer


def test_an_outlets_profile_lists_what_the_story_cites_it_for(engine: Engine) -> None:
    answer = engine.ask("Who is Justo Medio?")
    assert answer.id == "justo-medio"
    assert answer.answer.splitlines()[3:5] == ["What the story cites it for:",
                                               "• López Aliaga's trip to California"]


@pytest.mark.parametrize("question", ["Who owns NBC News?", "Did López Aliaga visit China?"])
def test_a_near_miss_is_not_an_answer(engine: Engine, question: str) -> None:
    # A profile of NBC News says nothing of its owner; the California trip is not a China trip.
    assert not engine.ask(question).answered


def test_skipping_example_comparisons_out_of_reach_changes_no_decision(kb: KnowledgeBase,
                                                                        engine: Engine) -> None:
    compare_all = Engine(kb, replace(engine.thresholds, fuzzy_reach=10.0))
    for case in load_cases(ROOT / "tests" / "eval" / "questions.yaml"):
        ours, full = engine.judge(case.question)[1], compare_all.judge(case.question)[1]
        assert (ours.action, ours.best and ours.best.id) == \
            (full.action, full.best and full.best.id), case.question


def test_contraction_is_of_whole_words_only() -> None:
    assert contract("qué dijo u opina el estudio", "es") == "qué dijo u opina el estudio"
    assert contract("Afirmación de el estudio, va a el puerto", "es") \
        == "Afirmación del estudio, va al puerto"
    assert contract("a el", "en") == "a el"


def test_what_did_blinken_say_is_the_report_of_his_words(engine: Engine) -> None:
    assert engine.ask("what did blinken say").id == "donation-ceremony"


@pytest.mark.parametrize("text", [
    "tldr of this article pls i have class in 10 min",
    "resúmeme la nota en dos líneas po, que tengo cierre en 10 min",
    "haceme un resumen cortito de la nota que tengo dos minutos entre viaje y viaje",
])
def test_a_summary_asked_with_chat_around_it_is_the_overview(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == "story-overview"


@pytest.mark.parametrize(("text", "expected"), [("election year?", "presidential-bid"),
                                                ("fecha del viaje?", "california-trip")])
def test_a_date_asked_in_everyday_words_the_entry_has(engine: Engine, text: str,
                                                      expected: str) -> None:
    answer = engine.ask(text)
    assert answer.answered and answer.id == expected


@pytest.mark.parametrize("text", ["fecha de hoy?", "happy new year", "feliz año nuevo!!"])
def test_the_askers_own_dates_are_chat(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


def test_the_doing_asked_follows_a_leading_verb_or_a_pronoun(engine: Engine) -> None:
    answer = engine.ask("quién sale ganando directo con la minería china en Perú según el informe")
    assert answer.answered and answer.id == "beachhead"  # "sale ganando": the gain is asked
    # "se reunió": the meeting is asked, which the trip does not tell of
    assert not engine.ask("con quién se reunió el alcalde en California").answered


def test_a_yes_no_view_is_answered_by_whose_view_it_is(engine: Engine) -> None:
    answer = engine.ask("did the Picarsic dude think the US train gift was enough to compete "
                        "with China?")
    assert answer.answered and answer.id == "too-little-too-late"
    assert not engine.ask("did blinken think the mayor is corrupt?").answered


def test_a_sum_asked_of_something_that_has_none_is_said_not_to_be_there(engine: Engine) -> None:
    # the port's price is a sum of something else; nothing about the locomotives gives one
    answer = engine.ask("how much did the caltrain locomotives cost")
    assert answer.decision == "not_said" and "cost" in answer.answer
    assert "chancay-investment" not in [s.id for s in answer.suggestions]


def test_how_long_ago_asks_when(engine: Engine) -> None:
    answer = engine.ask("hace cuanto fue el viaje del alcalde a california")
    assert answer.answered and answer.id == "california-trip"


@pytest.mark.parametrize("text", ["que partido politico tiene el alcalde",
                                  "qué sueldo tiene el alcalde"])
def test_que_noun_tiene_asks_that_noun(engine: Engine, text: str) -> None:
    # found by a new-user trial: answered with who the mayor is
    answer = engine.ask(text)
    assert answer.decision == "not_said" and answer.answer.startswith("La nota no dice qué")


def test_que_noun_tiene_with_a_noun_the_story_has_is_answered(engine: Engine) -> None:
    answer = engine.ask("que empresa tiene el alcalde")
    assert answer.answered and answer.id == "perurail-owner"


def test_the_noun_asked_after_an_adjective_and_a_modifier(engine: Engine) -> None:
    # "which Chinese power company": a company is asked, and the story names none investing
    assert not engine.ask("Which Chinese power company is investing in Lima's electricity "
                          "sector?").answered


def test_an_entry_far_behind_does_not_veto_by_its_examples(engine: Engine) -> None:
    # an entry out of reach of the best score is not compared to the question's wording, so its
    # examples cannot make the best one unsure
    answer = engine.ask("What nickname has the mayor supposedly been given in connection with "
                        "China?")
    assert answer.answered and answer.id == "chinas-man"


@pytest.mark.parametrize("text", [
    "Which Californian rail service did the engines come from originally?",
    "¿De qué línea ferroviaria californiana eran las locomotoras regaladas a Lima?",
])
def test_the_railway_the_trains_came_from_is_asked_by_its_line_or_service(
        engine: Engine, text: str) -> None:
    # Caltrain is described as a rail line or service too: no "the story doesn't say"
    answer = engine.ask(text)
    assert answer.answered and answer.id in ("locomotive-transfer", "caltrain")


@pytest.mark.parametrize("text", ["what does caltrain think about the mayor's visit",
                                  "wot does caltrain think about its trains goin to peru",
                                  # "piensa" is soft once a speaker is named; still his view
                                  "qué piensa caltrain de los trenes que donó eeuu"])
def test_the_view_of_someone_the_story_never_quotes_is_not_answered(engine: Engine,
                                                                    text: str) -> None:
    # Blinken's pride in Caltrain is no view of Caltrain's
    assert not engine.ask(text).answered


def test_the_view_of_the_think_tank_guy_is_his_researchers(engine: Engine) -> None:
    answer = engine.ask("what does the fdd guy think of the us sending trains")
    assert answer.answered and answer.id == "too-little-too-late"


def test_a_spanish_suggestion_names_an_entity_in_spanish(engine: Engine) -> None:
    answer = engine.ask("picarsic en q universidad estudio")
    assert "el estudio de la FDD" in [s.title for s in answer.suggestions]


def test_a_spanish_link_line_contracts_and_fits_either_author(engine: Engine) -> None:
    answer = engine.ask("la doña Bruyere en q organizacion es q trabaja", lang="es")
    assert answer.id == "de-la-bruyere"
    assert "coescribió el estudio de la FDD" in answer.answer
    assert " de el " not in answer.answer and "coautor de" not in answer.answer


def test_a_bid_is_no_person_a_hopeful_is(engine: Engine) -> None:
    # "presidential bid" is the running, not "the presidential hopeful" (the mayor)
    assert engine.ask("presidential bid when").id == "presidential-bid"
    assert "@lopez-aliaga" in engine.matcher.understand("the presidential hopeful").mentions


def test_running_is_for_president_not_running_the_city(engine: Engine) -> None:
    # "runs" left the Lima-mayor fact's keywords: "running" is the bid far more often
    assert engine.ask("mayor running when?").id == "presidential-bid"
    assert engine.ask("who is the mayor of lima").id in ("lima-mayor", "lopez-aliaga")


# Everyday words for the story's things, as the knowledge's synonyms and examples give them
@pytest.mark.parametrize(("question", "expected"), [
    # where the researchers work is their think tank
    ("wher does emily de la bruyere work", "de-la-bruyere"),
    ("quien es picarsis y donde trabaja porfa", "picarsic"),
    ("wich think tank does picarsik work with", "fdd"),
    # "locos", "tirarse", "outfit"
    ("under which american administration were the locos handed over to lima",
     "locomotive-transfer"),
    ("el alcalde ese se quiere tirar pa presidente? pa cuando seria", "presidential-bid"),
    ("According to the think tank paper, which rail outfit belongs to the mayor?",
     "perurail-owner"),
    # spelled as it sounds; money, supposedly
    ("what is the foundashun for defence of democracys", "fdd"),
    ("cuanto billete dizque le metio china al puerto gigante ese de aguas profundas cerca de "
     "la capital", "chancay-investment"),
    # Blinken's "testament" in Spanish
    ("¿Qué fue lo que Blinken dijo que era un testimonio de la amistad entre los dos países?",
     "quote-testament"),
    # "qué verbo usa el estudio": the study's own word, "cultivating"
    ("q verbo usa el estudio para lo q hace china con el alcalde, algo como cultivar?",
     "quote-cultivating"),
    # running; the majority
    ("is lopez aliga going to contest presidnt election in 2026??", "presidential-bid"),
    ("el alcade de lima se presenta en el 2026?", "presidential-bid"),
    ("who has the biggest stake in Las Bambas, diba a Chinese company?", "las-bambas-owners"),
    ("la minera esa las bambas quien la controla mayormente", "las-bambas-owners"),
    # sending the trains is giving them
    ("What's Picarsic's opinion of the US sending railroads to Peru?", "quote-too-little"),
    # "is it official" is answered by what the story hedges: "supposedly contemplating a bid"
    ("is it confirmed he's running for president or is it just speculation", "presidential-bid"),
    ("el alcalde ya es candidato oficial o recien lo esta pensando", "presidential-bid"),
    # "throw his hat in" is running; "se refirió a él como" names him so
    ("what year is he reckoned to maybe throw his hat in for president down there",
     "presidential-bid"),
    ("¿Quién se refirió al alcalde como «el hombre de China en el Perú»?", "quote-chinas-man"),
    # "la jefatura del Estado" is the presidency
    ("¿Para qué año, según lo que se rumorea, estaría pensando el alcalde limeño en presentarse "
     "a la jefatura del Estado peruano?", "presidential-bid"),
    # courting him is cultivating him
    ("wetin be the word the study use to describe how China dey court the mayor?",
     "quote-cultivating"),
    # who spoke for the US at the ceremony
    ("quién representó a EEUU en la ceremonia de donación en Lima", "donation-ceremony"),
    ("quien hablo en nombre de los norteamericanos en la ceremonia de los trenes y que cargo "
     "ocupaba en ese momento", "donation-ceremony"),
    # who reported the trip first: the article opens with the Peruvian reports
    ("which Peruvian news site first carry the gist about the California trip?",
     "california-trip"),
    # the worry, the fear about the cars is the allegation
    ("What's the fear about what will happen to the donated trains?", "train-cars-allegation"),
    ("Ay Dios mío, ¿qué es lo que temen que haga el alcalde con los vagones viejos que "
     "regalaron?", "train-cars-allegation"),
    # the entries' own paraphrases: one company or several, where the locomotives came from
    # originally, the mine that sends its cargo, China's position of strength, the sector
    ("la mina esa de las bambas es de una sola empresa o es una sociedad entre varios",
     "las-bambas-owners"),
    ("where did the donated locomotives originally come from, like which transit system",
     "locomotive-transfer"),
    ("que mina es la que le manda la carga a la compañia ferroviaria del alcalde",
     "perurail-revenue"),
    ("Según el estudio, ¿por qué Pekín tendría una posición de fuerza en Perú?", "beachhead"),
    ("¿En qué rubro de la infraestructura de Lima asegura el investigador que los chinos han "
     "metido más dinero?", "lima-infrastructure"),
    ("which president's administration gave away the trains", "locomotive-transfer"),
    # what Beijing gained; what Xi declared the port; "las siglas"; "confirmó"
    ("according to the report what did beijing gain in peru from all the mining", "beachhead"),
    ("Who declared the port the start of China's 21st-century maritime Silk Road, and on what "
     "occasion?", "chancay-opening"),
    ("q significa la sigla FDD", "fdd"),
    ("el alcalde ya confirmo que va a la presidencia o es puro rumor", "presidential-bid"),
    # why China is interested; who bankrolls the mine; whether Blinken liked the project
    ("xq a china le interesan tanto los minerales de aca", "china-cultivating"),
    ("who mostly bankrolls las bambas ngl idk", "las-bambas-owners"),
    ("al exsecretario le gusto el proyecto o lo critico?", "donation-ceremony"),
    # "the company from California" is Caltrain
    ("los trenes de que compania de california eran", "locomotive-transfer"),
    # "what's the name of the X" asks which X
    ("What's the name of the think tank behind that report, I've forgotten it already", "fdd"),
    # the maritime Silk Road "por mar"; revenue that "climbed"; a "shindig"
    ("que es eso de la ruta de la seda por mar que sale en el articulo", "chancay-opening"),
    ("What's the name of the mine whose shipments have boosted the railway's revenue?",
     "perurail-revenue"),
    ("where'd they hold the train giveaway shindig", "donation-ceremony"),
    # the think tank published the study its researchers wrote
    ("the two researchers work for which think tank ah", "fdd"),
    ("¿en qué think tank laburan los que escribieron el estudio?", "fdd"),
    # the story has one secretary (and "one sec" is no secretary)
    ("what did the secretary say about strengthening ties, give me the actual words",
     "quote-strengthen-ties"),
    ("what did the ex-sec of state say he was so proud of", "quote-proud-caltrain"),
    # "which" late in the line still names the thing asked
    ("the locomotives came from which US rail operator?", "caltrain"),
    # "aventarse" is running, "the feds" the government; "supposed" is a hedge
    ("pa que año dicen que el alcalde se quiere aventar a la presidencia", "presidential-bid"),
    ("who actually gave Lima the trains, the feds or some private company?",
     "locomotive-transfer"),
    ("what was the mayor supposed to be talkin about out there in california",
     "california-trip"),
    # "the rail system" the locomotives "came" from
    ("¿De qué sistema de trenes de California venían las locomotoras esas?",
     "locomotive-transfer"),
    # the article's opening line, not the port's opening
    ("How is the mayor described in the opening line, ally of which country?", "chinese-ally"),
    ("¿Cómo describe la nota al alcalde en el primer párrafo? ¿aliado de quién?", "chinese-ally"),
    # Doric chat; "in few words" is a summary, not someone's words; Colombian "sumercé"
    ("fa's the mannie that cried the mayor a linchpin?", "quote-linchpin"),
    ("can you resume me the article in few words, I dont have time to read everything",
     "story-overview"),
    ("Sumercé y eso del viaje del alcalde a los Estados Unidos fue hace cuánto más o menos",
     "california-trip"),
    ("para qué querría China tener al alcalde en un cargo más alto según el estudio",
     "china-cultivating"),  # a verb after "para qué", not a thing named
    # "vos" as a vocative, "andaría" as chat
    ("quien es lopes aliaga vos", "lopez-aliaga"),
    ("para que andaria china empujando al lopez aliaga a un cargo mas alto que es lo que "
     "buscan en sudamerica", "china-cultivating"),
    # doing in general asks what happened
    ("oye y el alcalde de la capital peruana pa que se fue hasta california, que andaba "
     "haciendo alla", "california-trip"),
    # "a Peruvian news outlet": where it is from
    ("de donde es justo medio", "justo-medio"),
    ("Justo Medio is what ah, newspaper from which country?", "justo-medio"),
])
def test_everyday_words_for_the_story_s_things(engine: Engine, question: str,
                                               expected: str) -> None:
    assert engine.ask(question).id == expected


def test_what_a_news_outlet_reported_is_its_profile(engine: Engine) -> None:
    # the outlet is quoted nowhere: its profile lists what the article cites it for
    for text, outlet in (("what did Justo Medio report", "justo-medio"),
                         ("justo medio que reporto", "justo-medio"),
                         ("what does NBC say in the story?", "nbc-news")):
        assert engine.ask(text).id == outlet


@pytest.mark.parametrize("text", ["which Chinese guy was at the port opening ceremony",
                                  "which Chinese big boss was at the port opening ceremony"])
def test_which_guy_asks_who(engine: Engine, text: str) -> None:
    assert engine.ask(text).id == "chancay-opening"


@pytest.mark.parametrize("text", ["who wrote this article?", "What is the publication date of "
                                  "the story?", "¿Quién firma este artículo?"])
def test_what_the_article_leaves_out_is_answered_by_the_entry_that_says_so(
        engine: Engine, text: str) -> None:
    # "The news article names no author, no outlet and no publication date"
    assert engine.ask(text).id == "article-details"


def test_a_document_s_date_is_not_another_entry_s(engine: Engine) -> None:
    # the study's publication date is not given; the trip's date is no answer to it
    assert not engine.ask("When was the FDD study on the mayor published?").answered
    assert engine.ask("when did the mayor go to california").id == "california-trip"


def test_when_something_began_is_not_that_it_happened(engine: Engine) -> None:
    # "in recent years" says nothing of when the money started coming in; "former" nothing of
    # when Blinken left
    assert not engine.ask("what year exactly the Chinese money start floodin into Peru").answered
    assert not engine.ask("when did Blinken leave the secretary of state job").answered
    assert engine.ask("when did chinese money flood into south america").id == "chinese-capital"


def test_not_just_a_symbol_is_still_blinken_s_words(engine: Engine) -> None:
    # the whole asked beyond a part ("total ..., not just the mine") is not the part; "not just"
    # with no whole asked is the story's own words
    assert not engine.ask("what is PeruRail's total annual revenue, not just the part from the "
                          "mine").answered
    assert engine.ask("who said the trains are not just a symbol").id == "quote-not-just-a-symbol"


def test_a_name_in_capitals_is_not_corrected_into_a_word(engine: Engine) -> None:
    # "COSCO" is a company the story does not name, not "costo" (cost)
    q = engine.matcher.understand("what Chinese company runs the Chancay port, COSCO?")
    assert ("cosco", "costo") not in q.corrections
    assert not engine.ask("what Chinese company runs the Chancay port, COSCO?").answered
    # a wage asked after a long subject is an amount the story does not give
    assert not engine.ask("What does the mayor of Lima get paid, his wage I mean").answered


@pytest.mark.parametrize(("text", "expected"), [
    ("cuanto salio el puerto de chancay pues", {"chancay-investment"}),
    ("who is nate picarsik when he is at home", {"picarsic"}),
    ("whats the full name of the mayor pls", {"lopez-aliaga", "lima-mayor"}),
])
def test_a_question_asked_before_in_near_words_is_answered(engine: Engine, text: str,
                                                           expected: set[str]) -> None:
    # each is "did you mean" by likeness to the knowledge alone; people asked it before
    _, decision = engine.judge(text)
    assert decision.rule == "asked_before"
    assert engine.ask(text).id in expected


def test_a_long_line_is_answered_by_its_question_sentence(engine: Engine) -> None:
    line = ("My cousin keeps going on about this at dinner every single night. Which outlet "
            "first reported the mayor's trip to California?")
    _, decision = engine.judge(line)
    assert decision.action == "answer" and decision.best is not None
    assert decision.best.id == "california-trip" and decision.rule.startswith("question_part")
    assert engine.ask(line).id == "california-trip"


def test_a_question_sentence_is_not_answered_outside_the_lines_candidates(engine: Engine) -> None:
    # the sentence alone would be answered; the whole line's first candidates must include it
    from bot.engine.matcher import Measured
    whole = engine.matcher.measure("Nice weather in Lima today, my friends and family")
    assert engine._by_its_question(
        "Nice weather in Lima today, my friends and family. Who owns PeruRail?",
        Measured(whole.question, ())) is None


def test_the_amount_asked_is_not_named_as_a_thing_the_story_lacks(engine: Engine) -> None:
    answer = engine.ask("que cantidad de dinero invirtio china en el sector electrico de lima?")
    assert answer.decision == "not_said" and "cantidad" not in answer.answer
