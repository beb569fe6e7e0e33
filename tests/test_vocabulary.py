"""The word-frequency vocabulary: our reader of wordfreq's data agrees with wordfreq itself."""

from __future__ import annotations

import pytest
import wordfreq

from bot import vocabulary
from bot.text import QUESTION_WORDS


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
    assert vocabulary.common_word_fix("wich") == "with"
    assert vocabulary.common_word_fix("wich", QUESTION_WORDS | {"which"}) == "which"


def test_a_file_that_is_not_wordfreq_data_is_refused(tmp_path: pytest.TempPathFactory) -> None:
    import gzip

    import msgpack

    bad = tmp_path / "bad.msgpack.gz"  # type: ignore[operator]
    with gzip.open(bad, "wb") as stream:
        stream.write(msgpack.packb([{"format": "other"}, ["x"]]))
    with pytest.raises(ValueError, match="not a wordfreq cBpack file"):
        vocabulary.read_cbpack(bad)
