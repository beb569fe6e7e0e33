"""Questions asked before: likeness of term bags, on hand-built questions (terms are the words)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine.memory import Memory
from bot.knowledge.model import AskedBefore

ASKED = (
    AskedBefore(("perurail-owner", "lopez-aliaga"), "who owns perurail"),
    AskedBefore(("perurail-owner",), "perurail owner name"),
    AskedBefore((), "how much does perurail earn"),
    AskedBefore(("port-cost",), "how much did the port cost"),
)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))


def memory(*asked: AskedBefore) -> Memory:
    return Memory(asked or ASKED, list)


def test_near_is_the_share_of_terms_in_common() -> None:
    mem = memory()
    assert mem.same("who owns perurail", "perurail-owner") == 1.0
    assert mem.same("perurail who owns", "lopez-aliaga") == 1.0  # a bag: order does not count
    # 2 of 3 and 3: twice 2 over 6 terms
    assert mem.same("who runs perurail", "perurail-owner") == pytest.approx(4 / 6)
    assert mem.same("who owns perurail", "port-cost") == 0.0  # no term in common


def test_chat_filler_and_numbers_are_not_compared() -> None:
    assert memory().same("who owns perurail pls 2", "perurail-owner") == 1.0


def test_one_term_tells_nothing() -> None:
    mem = memory()
    assert mem.same("perurail", "perurail-owner") == 0.0
    assert mem.other("perurail", "port-cost", 0.1).near == 0.0


def test_other_is_the_nearest_the_entry_does_not_answer() -> None:
    mem = memory()
    other = mem.other("how much does perurail make", "perurail-owner", 0.5)
    assert other.near == pytest.approx(8 / 10) and other.answers == ()  # answered by none
    other = mem.other("who owns perurail", "port-cost", 0.5)
    assert other.near == 1.0 and other.answers == ("perurail-owner", "lopez-aliaga")
    assert mem.other("who owns perurail", "lopez-aliaga", 0.5).near == 0.0  # not below floor:
    # "perurail owner name" shares only "perurail"


def test_nothing_asked_before_is_near_nothing() -> None:
    empty = Memory((), list)
    assert empty.same("who owns perurail", "perurail-owner") == 0.0
    assert empty.other("who owns perurail", "perurail-owner", 0.5).near == 0.0


def test_other_finds_what_comparing_every_question_finds() -> None:
    # The rarest-terms shortcut must miss no question near enough: against brute force.
    rng = random.Random(7)
    words = [f"w{i}" for i in range(40)]
    weights = [1 / (i + 1) for i in range(40)]  # a few common words, many rare ones
    asked = [AskedBefore((rng.choice(("a", "b", "c")),) if rng.random() < 0.7 else (),
                         " ".join(rng.choices(words, weights, k=rng.randint(2, 7))))
             for _ in range(400)]
    mem = Memory(asked, list)
    for _ in range(300):
        text = " ".join(rng.choices(words, weights, k=rng.randint(2, 6)))
        entry, floor = rng.choice(("a", "b", "c")), rng.choice((0.4, 0.55, 0.7))
        bag = sorted(text.split())
        nearest = max((_dice(bag, sorted(a.text.split())) for a in asked
                       if entry not in a.answers), default=0.0)
        expected = nearest if nearest >= floor else 0.0
        assert mem.other(text, entry, floor).near == pytest.approx(expected), text


def _dice(a: list[str], b: list[str]) -> float:
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 2 * common / (len(a) + len(b))


def test_the_tables_are_kept_between_runs(tmp_path: Path) -> None:
    memory().same("who owns perurail", "perurail-owner")
    kept = list((tmp_path / "storybot").glob("asked-*.marshal"))
    assert len(kept) == 1
    kept[0].write_bytes(b"\x00 not marshal")  # a broken cache is rebuilt, never trusted
    assert memory().same("who owns perurail", "perurail-owner") == 1.0


def test_only_the_latest_tables_are_kept(tmp_path: Path) -> None:
    for n in range(7):
        Memory((AskedBefore(("a",), f"question number w{n} here"),), list).same(
            "question here", "a")
    assert len(list((tmp_path / "storybot").glob("asked-*.marshal"))) == 4


def test_a_question_of_many_terms_is_compared_with_none() -> None:
    long = " ".join(f"w{i}" for i in range(11))
    mem = memory(AskedBefore(("a",), long), AskedBefore((), long))
    assert mem.same(long, "a") == 0.0 and mem.other(long, "b", 0.5).near == 0.0
    assert mem.same(long.rsplit(" ", 1)[0], "a") > 0.9  # ten terms: compared


def test_every_term_has_a_character_text_can_hold() -> None:
    from bot.engine import memory as module
    chars = {module._symbol(n) for n in range(0, 70_000, 7)}
    assert len(chars) == 10_000 and module._UNSEEN not in chars
    assert all(not 0xD800 <= ord(c) <= 0xDFFF for c in chars)
    assert all(c.encode("utf-8") for c in chars)  # a surrogate would not encode


def test_of_questions_as_near_the_same_is_found_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Two questions as near, answered by different entries: which one `other` reports must
    # not hang on the order of a set of strings (the bot would answer differently per run).
    script = (
        "from bot.engine.memory import Memory\n"
        "from bot.knowledge.model import AskedBefore\n"
        "asked = [AskedBefore((e,), f'w1 w2 {w}') for e, w in zip('pqrstuvw', 'abcdefgh')]\n"
        "print(Memory(asked, list).other('w1 w2 z', 'x', 0.5).answers)\n")
    found = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path / seed)}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, check=True, cwd=Path(__file__).parents[2])
        found.add(done.stdout.strip())
    assert len(found) == 1, found
