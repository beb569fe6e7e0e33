"""The word-frequency vocabulary: our reader of wordfreq's data agrees with wordfreq itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import wordfreq

from bot import vocabulary
from bot.text import QUESTION_WORDS, fold


@pytest.mark.parametrize("word", ["the", "port", "nope", "lol", "puerto", "alcalde", "trains"])
def test_reader_agrees_with_wordfreq(word: str) -> None:
    expected = max(wordfreq.zipf_frequency(word, lang, wordlist="small")
                   for lang in vocabulary.LANGUAGES)
    assert vocabulary.zipf(word) == pytest.approx(expected, abs=0.011)


def test_unknown_words_have_no_frequency() -> None:
    assert vocabulary.zipf("chancay") == 0.0 and vocabulary.zipf("perurail") == 0.0


@pytest.mark.parametrize(("typo", "meant"), [
    ("waht", "what"), ("becuase", "because"), ("teh", "the"), ("wen", "when"),
])
def test_common_word_typos_are_fixed(typo: str, meant: str) -> None:
    assert vocabulary.common_word_fix(typo, QUESTION_WORDS | {"what"}) == meant


@pytest.mark.parametrize("word", ["nope", "fine", "tall", "pier", "open", "gana"])
def test_a_real_word_is_never_turned_into_another(word: str) -> None:
    assert vocabulary.common_word_fix(word, QUESTION_WORDS) is None


def test_question_words_win_at_the_start() -> None:
    assert vocabulary.common_word_fix("wen") == "en"  # Spanish "en", far commoner than "when"
    assert vocabulary.common_word_fix("wen", QUESTION_WORDS) == "when"


@pytest.mark.parametrize(("typo", "meant", "not_meant"), [
    ("wher", "where", "when"),  # an e left out, not n struck as r
    ("wich", "which", "with"),  # an h left out, not t struck as c
])
def test_the_likelier_slip_wins(typo: str, meant: str, not_meant: str) -> None:
    assert vocabulary.common_word_fix(typo) == meant
    assert vocabulary.typo_cost(typo, meant) < vocabulary.typo_cost(typo, not_meant)


def test_slip_costs() -> None:
    assert vocabulary.typo_cost("wher", "where") == 0.0  # a letter left out
    assert vocabulary.typo_cost("waht", "what") == 0.0  # two letters swapped
    assert vocabulary.typo_cost("wgat", "what") == 0.25  # a neighbouring key
    assert vocabulary.typo_cost("whatt", "what") == 0.5  # a letter too many
    assert vocabulary.typo_cost("wpat", "what") == 1.0  # any other key


def test_a_file_that_is_not_wordfreq_data_is_refused(tmp_path: Path) -> None:
    import gzip

    import msgpack

    bad = tmp_path / "bad.msgpack.gz"
    with gzip.open(bad, "wb") as stream:
        stream.write(msgpack.packb([{"format": "other"}, ["x"]]))
    with pytest.raises(ValueError, match="not a wordfreq cBpack file"):
        vocabulary.read_cbpack(bad)


def test_a_corrupt_or_unwritable_cache_is_rebuilt_or_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = vocabulary._data_dir()
    assert folder is not None
    cached = vocabulary._cache_file("vocabulary", vocabulary._stamp(
        [folder / f"small_{lang}.msgpack.gz" for lang in vocabulary.LANGUAGES]))
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"\x00not marshal data")
    vocabulary.by_language.cache_clear()
    try:
        assert vocabulary.zipf("port") > 4  # rebuilt from the package's data
        assert cached.read_bytes()[:1] != b"\x00"  # and the cache replaced
        cached.unlink()
        cached.parent.chmod(0o500)  # read-only: nothing can be written, answers still work
        vocabulary.by_language.cache_clear()
        assert vocabulary.zipf("puerto") > 4
    finally:
        cached.parent.chmod(0o700)
        vocabulary.by_language.cache_clear()


def test_social_phrases_have_no_stray_spaces() -> None:
    # a phrase at the start of a line of the list once kept its indentation and never matched
    assert all(p == p.strip() and p for p in vocabulary.SOCIAL_PHRASES)
    assert {"de acuerdo", "no problem", "que risa"} <= vocabulary.SOCIAL_PHRASES


@pytest.mark.parametrize(("text", "kept"), [
    ("Good evening. I am a retired engineer. Which sector is Beijing funding?",
     "which sector is beijing funding"),
    ("journalist here, checking sourcing: who said it", "checking sourcing who said it"),
    ("soy estudiante de la san marcos, q relacion hay", "q relacion hay"),
    ("I am confused", "i am confused"),  # nothing else to ask: kept as it is
    ("the trains came from china right? thats what my friend said", "the trains came from china"),
    ("blinken said it, verdad?", "blinken said it verdad"),  # a tag alone is not dropped here
])
def test_the_askers_words_about_themselves_are_set_aside(text: str, kept: str) -> None:
    assert fold(vocabulary.drop_introductions(text)[0]) == kept


def test_a_form_the_list_lacks_is_read_as_its_base() -> None:
    from bot.vocabulary import sized_base, word_base
    assert word_base("transportarian") == "transportar"  # conditional
    assert word_base("consultarles") == "consultar"  # with a pronoun
    assert word_base("perurail") is None and word_base("china") is None
    assert word_base("embarques") == "embarque"  # a plural the list lacks
    assert word_base("viajecito") == "viaje" and word_base("cerquita") == "cerca"
    assert sized_base("viejitos") == "viejo" and sized_base("viejo") is None
    assert word_base("trencito") == "tren"  # diminutives
    assert word_base("inscribio") == "inscribir" and word_base("postulo") == "postular"
    assert word_base("financiaron") == "financiar"  # past forms
    assert word_base("bamabs") is None and word_base("trians") is None  # typos stay typos
    assert word_base("cuentenme") == "cuenten"  # an imperative with its pronoun
    assert word_base("grandaza") == "grande"  # an augmentative


def test_where_the_asker_writes_from_is_set_aside() -> None:
    from bot.vocabulary import drop_idioms, drop_introductions
    text, dropped = drop_introductions("Buenas, aqui desde Arequipa en plena transmision, "
                                       "a que estado se fue el alcalde?")
    assert "arequipa" in dropped and "estado" in text
    assert drop_introductions("From Lima to the port, how far?")[1] == []  # a question
    assert drop_idioms("lo dijo hoy dia".split())[0] == ["lo", "dijo", "hoy"]  # today


@pytest.mark.parametrize(("british", "american"), [
    ("favourably", "favorably"), ("organisation", "organization"), ("centre", "center"),
    ("analysed", "analyzed"), ("house", None), ("tour", None)])
def test_american_spelling_of_a_british_one(british: str, american: str | None) -> None:
    assert vocabulary.american_spelling(british) == american


def test_asides_are_dropped_only_when_a_clause_stays() -> None:
    keeps = lambda words: "mayor" in words  # noqa: E731
    text, dropped = vocabulary.drop_asides("when did the mayor travel, if I may ask?", keeps)
    assert fold(text) == "when did the mayor travel" and dropped == ["if", "i", "may", "ask"]
    assert vocabulary.drop_asides("if I may ask, what is it", keeps)[1] == []  # nothing left


def test_hedging_idioms_are_chat() -> None:
    kept, dropped = vocabulary.drop_idioms(
        "under which administration out of curiosity were the trains given".split())
    assert "curiosity" not in kept and dropped == ["out", "of", "curiosity"]


def test_what_the_story_talks_about_is_no_speech_asked() -> None:
    # "del que habla todo esto": the one the story is about, not words someone spoke
    kept, dropped = vocabulary.drop_idioms(
        "como se llama el alcalde limeno del que habla todo esto".split())
    assert kept == "como se llama el alcalde limeno".split() and "habla" in dropped
    assert vocabulary.drop_idioms("who is the mayor the article talks about".split())[0] == \
        "who is the mayor".split()


def test_quiz_and_plain_words_framings_are_chat() -> None:
    kept, dropped = vocabulary.drop_idioms("fill in the blank the study says beijing has".split())
    assert kept[:2] == ["the", "study"] and dropped == ["fill", "in", "the", "blank"]
    assert vocabulary.drop_idioms("que dice en palabras simples".split())[0] == ["que", "dice"]


def test_names_beside_the_question_are_not_what_is_asked() -> None:
    from bot.engine.asked import QUESTIONING
    from bot.vocabulary import words_outside_questions
    outside = words_outside_questions("Which trains were handed over to Lima? I once rode a "
                                      "commuter train in San Francisco.", QUESTIONING)
    assert {"san", "francisco"} <= outside and "lima" not in outside
    assert words_outside_questions("who is Fujimori", QUESTIONING) == frozenset()


def test_remarks_trailing_a_question_are_dropped() -> None:
    remark = lambda words: "fine" in words or "lunch" in words  # noqa: E731
    asking = frozenset({"when", "what"})
    text, dropped = vocabulary.drop_remarks("when was the ceremony, month is fine", remark, asking)
    assert fold(text) == "when was the ceremony" and dropped == ["month", "is", "fine"]
    # a clause asked in its own right stays ("..., fine?"), and so does one only followed by one
    assert vocabulary.drop_remarks("when was it, fine?", remark, asking)[1] == []
    assert vocabulary.drop_remarks("month is fine, when was it", remark, asking)[1] == []
    # what would be left must still ask something
    assert vocabulary.drop_remarks("the ceremony, lunch", remark, asking)[1] == []


def test_what_follows_a_question_without_asking_is_dropped() -> None:
    remark = lambda words: False  # noqa: E731  (no clause is a remark by its words)
    asking = frozenset({"quien", "what", "porque", "because"})
    text, dropped = vocabulary.drop_remarks(
        "¿Quién tiene la mayoría? Pregunto porque acá pasaba algo parecido", remark, asking)
    assert fold(text) == "quien tiene la mayoria" and dropped[0] == "pregunto"
    # it goes on asking: "..., what", "... or did he ...", another "?"
    assert vocabulary.drop_remarks("what do they stack up? minerals, batteries, what", remark,
                                   asking)[1] == []
    assert vocabulary.drop_remarks("was he there? or did he speak remotely", remark,
                                   asking)[1] == []


def test_a_spoken_ao_is_the_written_ado() -> None:
    assert vocabulary.dropped_d("pasao") == "pasado"
    assert vocabulary.dropped_d("regalao") == "regalado"
    assert vocabulary.dropped_d("cacao") is None  # a real word stays


def test_spellings_that_sound_alike_in_latin_american_spanish() -> None:
    alike = vocabulary.sounds_alike("lansaria")
    assert "lanzaria" in alike and "hlansaria" in alike
    assert "cesion" in vocabulary.sounds_alike("sesion")  # "c" before "e"
    assert "caso" not in vocabulary.sounds_alike("saso")  # not before "a": "s" is no "c" there
    assert "llave" in vocabulary.sounds_alike("yave")
    assert "vamos" in vocabulary.sounds_alike("bamos")
    assert "quiere" in vocabulary.sounds_alike("kiere")  # chat "k": "qu" before e / i ...
    assert "como" in vocabulary.sounds_alike("komo")  # ... "c" before a / o / u
    assert "hombre" in vocabulary.sounds_alike("onbre")  # "m" before "b", and a silent "h"
    assert "tambien" in vocabulary.sounds_alike("tanbien")
    assert "gente" in vocabulary.sounds_alike("jente")  # "j" / "g" before "e"
    assert "gato" not in vocabulary.sounds_alike("jato")  # not before "a"
    assert "ciere" not in vocabulary.sounds_alike("kiere")
    assert "china" in vocabulary.sounds_alike("xina")  # chat "x" for "ch"


@pytest.mark.parametrize(("word", "meant"), [("runnin", "running"), ("makin", "making"),
                                             ("doin", "doing"), ("join", None), ("main", None),
                                             ("somethin", "something"), ("win", None),
                                             ("cousin", None), ("within", None)])
def test_a_dropped_g_is_read_as_the_ing_word(word: str, meant: str | None) -> None:
    assert vocabulary.dropped_g(word) == meant


def test_a_spanish_form_goes_back_to_a_spanish_word() -> None:
    assert vocabulary.word_base("referia") == "referir"  # not the English "refer"
    assert vocabulary.word_base("poquito") == "poco"
    assert "suasa" not in vocabulary.sounds_alike("cuasa")  # "c" before "a" sounds "k"


def test_hasta_after_going_is_all_the_way_to_not_until() -> None:
    kept, dropped = vocabulary.drop_idioms("pq el alcalde se fue hasta california".split())
    assert "hasta" not in kept and dropped == ["hasta"]
    assert "hasta" in vocabulary.drop_idioms("cuanto ganaba hasta 2020".split())[0]


@pytest.mark.parametrize(("word", "verb"), [
    ("inaguraron", "inaugurar"), ("inagurado", "inaugurar"), ("qwzxkaron", None),
])
def test_a_misspelled_spanish_verb_form_is_of_the_verb_one_slip_away(word: str,
                                                                     verb: str | None) -> None:
    assert vocabulary.verb_slip(word) == verb


def test_a_phrasal_verb_is_read_as_the_verb_it_means() -> None:
    assert vocabulary.read_phrasal("which think tank put out that study".split()) == \
        "which think tank published that study".split()
    assert vocabulary.read_phrasal("who put the money in".split()) == \
        "who put the money in".split()  # "put" alone is still putting money in
    assert vocabulary.read_phrasal("has chinese investment gone up".split()) == \
        "has chinese investment increased".split()
    assert vocabulary.read_phrasal("who gave away the trains".split()) == \
        "who donated the trains".split()
    # idioms of a part played and of a story broken
    assert vocabulary.read_phrasal("blinken que pito toca en esta historia".split()) == \
        "blinken que papel en esta historia".split()
    assert vocabulary.read_phrasal("quien dio la noticia primero".split()) == \
        "quien reported primero".split()
    assert vocabulary.read_phrasal("how did he size up the donation".split()) == \
        "how did he think the donation".split()  # what he made of it
    assert vocabulary.read_phrasal("who put together that report".split()) == \
        "who compiled that report".split()  # made it, no money put in
    assert vocabulary.read_phrasal("did he talk back".split()) == "did he responded".split()
    assert vocabulary.read_phrasal("has he come back at the label".split()) == \
        "has he responded the label".split()
    assert vocabulary.read_phrasal("why is the railroad makin way more bank".split()) == \
        "why is the railroad makin way more bank".split()  # ("way more" between: no phrase)
    assert vocabulary.read_phrasal("how does perurail rake in money".split()) == \
        "how does perurail earns money".split()
    # giving a speech is speaking (three words)
    assert vocabulary.read_phrasal("quien dio el discurso en la entrega".split()) == \
        "quien spoke en la entrega".split()
    # "the old secretary" is the former one; "old train cars" stay old
    assert vocabulary.read_phrasal("what did the old secretary say".split()) == \
        "what did the former secretary say".split()
    assert vocabulary.read_phrasal("the old train cars".split()) == "the old train cars".split()
    # "le pusieron" a name, unless money is put in
    assert vocabulary.read_phrasal("que apodo le pusieron al alcalde".split()) == \
        "que apodo apodaron al alcalde".split()
    assert vocabulary.read_phrasal("kuanto le pusieron los chinos al puerto".split()) == \
        "kuanto le pusieron los chinos al puerto".split()


def test_what_something_is_for_is_asked_without_the_verb() -> None:
    assert vocabulary.read_phrasal("pa que servia el proyecto de trenes".split()) == \
        "que el proyecto de trenes".split()
    assert vocabulary.read_phrasal("para que dijo blinken que iba a servir".split()) == \
        "que dijo blinken que iba a".split()
    assert vocabulary.read_phrasal("para que viajo a california".split()) == \
        "para que viajo a california".split()  # a reason, as asked


def test_the_whole_name_asked_is_the_name_asked() -> None:
    assert vocabulary.read_phrasal("como se llama completo el alcalde".split()) == \
        "como se llama el alcalde".split()
    assert vocabulary.read_phrasal("el texto completo de la cita".split()) == \
        "el texto completo de la cita".split()  # no name asked: the whole text


def test_por_ciento_is_a_percent() -> None:
    assert vocabulary.read_phrasal("que por ciento es de minmetals".split()) == \
        "que percent es de minmetals".split()


def test_the_short_version_is_the_summary() -> None:
    assert vocabulary.read_phrasal("give me the short version of the article".split()) == \
        "give me the summary of the article".split()


def test_in_charge_is_governing_not_a_charge() -> None:
    assert vocabulary.read_phrasal("which president was in charge".split()) == \
        "which president was governing".split()  # (not a sum charged: no amount asked)


def test_a_kind_asked_is_the_thing_itself() -> None:
    assert vocabulary.read_phrasal("que tipo de negocio es las bambas".split()) == \
        "que negocio es las bambas".split()  # "tipo" is no guy here
    assert vocabulary.read_phrasal("what kinds of supplies is china after".split()) == \
        "what supplies is china after".split()
    assert vocabulary.read_phrasal("el tipo de la fdd".split()) == "el tipo de la fdd".split()


@pytest.mark.parametrize(("word", "base"), [
    ("apurada", "apurado"), ("clarisima", "claro"), ("riquisimo", "rico"),
    ("overblown", "blown"), ("carga", None), ("plata", None),  # real words stay themselves
])
def test_a_form_the_frequency_list_lacks_goes_back_to_one_it_has(word: str,
                                                                 base: str | None) -> None:
    assert vocabulary.word_base(word) == base


def test_an_english_word_spelled_as_it_sounds() -> None:
    assert vocabulary.spelled_as_said("donashun") == "donation"
    assert vocabulary.spelled_as_said("shun") is None  # a word as it is
    assert vocabulary.spelled_as_said("perurail") is None


def test_a_rare_real_word_is_known_from_the_large_lists() -> None:
    # below the small lists' floor, above RARE_WORD_ZIPF in wordfreq's large lists
    assert not vocabulary.is_real_word("pronouncement")
    assert vocabulary.is_rare_word("pronouncement") and vocabulary.is_rare_word("acaparar")
    assert not vocabulary.is_rare_word("xqzvw") and not vocabulary.is_rare_word("perurail")


def test_a_sorted_word_list_answers_membership_and_survives_its_dump() -> None:
    words = vocabulary.SortedWords.of(["upshot", "acaparar", "loftier", "acaparar"])
    assert len(words) == 3
    assert "upshot" in words and "acaparar" in words and "loftier" in words
    assert "ups" not in words and "zzz" not in words and "" not in words and 3 not in words
    again = vocabulary.SortedWords.load(words.dump())
    assert "loftier" in again and "lofty" not in again
    assert "a" not in vocabulary.SortedWords.of([])


def test_make_of_is_a_view_unless_an_amount_is_asked() -> None:
    assert vocabulary.read_phrasal("what did peru make of it".split()) == \
        "what did peru think it".split()
    assert vocabulary.read_phrasal("how much does perurail make of it".split()) == \
        "how much does perurail make of it".split()
    assert vocabulary.read_phrasal("did he hit back at the study".split()) == \
        "did he responded at the study".split()
    assert vocabulary.read_phrasal("what does the mayor get paid".split()) == \
        "what does the mayor earns".split()  # a salary, not money paid in
    assert vocabulary.read_phrasal("quien ha usado la palabra".split()) == \
        "quien uso la palabra".split()  # has used, not second-hand
    assert vocabulary.read_phrasal("what the name of the think tank".split()) == \
        "which think tank".split()  # "what's the name of the X" asks which X


def test_the_question_sentence_of_a_line_of_several() -> None:
    asking = QUESTION_WORDS | {"which", "que"}

    def never_substance(words: list[str]) -> bool:
        return True

    line = "My cousin talks about this every night. Which outlet reported the trip? Thanks a lot."
    assert vocabulary.question_sentence(line, asking, never_substance) == \
        "Which outlet reported the trip?"
    # "¿" opens a sentence too; the first that asks is taken
    line = "Oiga, disculpe: ¿quién es el dueño? ¿y cuánto gana?"
    assert vocabulary.question_sentence(line, asking, never_substance) == "quién es el dueño?"
    # no "?": the first sentence with a question word
    line = "I read it twice. Who owns the railway. Thanks."
    assert vocabulary.question_sentence(line, asking, never_substance) == "Who owns the railway."
    # one sentence, or none that asks: nothing to pick out
    assert vocabulary.question_sentence("who owns the railway?", asking, never_substance) is None
    assert vocabulary.question_sentence("Nice. Great read.", asking, never_substance) is None
    # a sentence after the question that tells more of it keeps the whole line ("strictly
    # speaking: A or B?" is one sentence: a colon ends none)
    assert vocabulary.question_sentence("What did they say? The word 'deep' was in it.", asking,
                                        lambda words: "deep" not in words) is None
    assert vocabulary.question_sentence("Who gave them, strictly speaking: the US or California?",
                                        asking, never_substance) is None
