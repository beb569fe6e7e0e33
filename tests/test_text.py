from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import MAX_QUESTION_CHARS, STOPWORDS, fold, stem, tokens
from bot.vocabulary import detect_language


@pytest.mark.parametrize(("text", "expected"), [
    ("López Aliaga", "lopez aliaga"),
    ("¿Cuánto invirtió China?", "cuanto invirtio china"),
    ("China’s man in Peru.", "china man in peru"),
    ("$1.3 billion", "13 billion"),
    ("CalTrain", "caltrain"),
    ("de La Bruyère", "de la bruyere"),
    ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
    ("@everyone   hi", "everyone hi"),
    ("", ""),
])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(("words", "same"), [
    ("praising praised praise", True),
    ("invested investment", True),
    ("escribieron escribir", True),
    ("trenes tren", True),
    ("locomotive locomotives", True),
    ("president mayor", False),
])
def test_stemming_merges_inflections_of_both_languages(words: str, same: bool) -> None:
    assert (len(set(tokens(words))) == 1) == same


@pytest.mark.parametrize(("text", "lang"), [
    ("¿Quién es el alcalde de Lima?", "es"), ("quien es el alcalde de lima", "es"),
    ("Who is the mayor of Lima?", "en"), ("chancay port cost", "en"), ("lol", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_names_say_nothing_of_the_language_even_in_lower_case() -> None:
    assert detect_language("whats justo medio") == "es"  # "justo", "medio": Spanish words
    assert detect_language("whats justo medio", frozenset({"justo", "medio"})) == "en"
    assert detect_language("quien es justo medio", frozenset({"justo", "medio"})) == "es"


@given(st.text())
def test_fold_is_idempotent_and_plain(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.casefold()
    assert "  " not in once and once == once.strip()


def test_fold_cuts_huge_input() -> None:
    assert len(fold("a " * 100_000)) <= MAX_QUESTION_CHARS


def test_spanish_adverbs_stem_like_their_adjective() -> None:
    assert stem("mayoritariamente") == stem("mayoritaria")
    assert stem("supuestamente") == stem("supuesta")
    assert stem("mente") != stem("me")  # a short word is not an adverb


def test_mineral_keeps_its_own_stem() -> None:
    from bot.engine.index import bilingual_stem
    assert bilingual_stem("minerals") == bilingual_stem("minerales") == "mineral"
    assert bilingual_stem("minerals") != bilingual_stem("minera")  # a mining company


def test_a_report_keeps_its_own_stem() -> None:
    assert stem("informe") == stem("informes") == stem("reporte")
    assert stem("informe") != stem("informo")  # (folded "informó") reported
    assert stem("cargo") != stem("carga")  # a post, not a load


def test_pronouns_are_stopwords_in_both_languages() -> None:
    # "what does she do at fdd": "she" was left a content word no entry had
    assert {"he", "she", "they", "ella", "ellos", "ellas"} <= STOPWORDS


def test_a_question_word_with_d_is_did() -> None:
    # "who'd" is "who did", not "who" and a Spanish "d" ("de")
    assert fold("Who'd the mayor meet? Where’d they hold it") == \
        "who did the mayor meet where did they hold it"
    assert fold("Ed'd") == "ed d"  # (only after a question word)
