"""Questions asked before: how near a new question is to ones people asked, and what answered them.

The knowledge keeps questions people asked (`asked_before`, and those moderators taught), each with
the entries that answer it or with none. A new question is compared with them as a bag of terms:
the knowledge's terms of its words (stemmed, names and synonyms made one, stopwords and chat
filler dropped), sorted, against theirs, by rapidfuzz's ratio. The matcher uses this as one more
measurement; the policy decides what it is worth (see `policy.asked_before`).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any

from rapidfuzz import fuzz, process

from bot import vocabulary
from bot.knowledge.model import AskedBefore
from bot.text import fold

_FORMAT = 6  # bump when the cached tables' shape changes
_FIRST_SYMBOL = 0x100  # each term of the questions asked before is one character from here on
_UNSEEN = "\ue000"  # a term no question asked before has (a private-use character)
SEP = "\n"  # between the forms of a list kept as one text (no form has one)
KEPT_VERSIONS = 4  # of the cached tables: each edit of the knowledge makes new ones
MIN_TERMS = 2  # "nevando" is "nev", as in "never heard of Justo Medio": one term tells nothing
# A question of more terms is compared with none: so long, few are near one asked before, and
# comparing costs the most (on blind91-110, 3 right answers fewer; p99 ~1.1 -> ~0.93 ms)
MAX_TERMS = 10


class Memory:
    """The questions asked before, ready to compare. Each question is kept as its bag of terms,
    one character per term, sorted: rapidfuzz's ratio of two such strings is their Dice
    coefficient (twice the terms in common over the terms of both), computed in C. The tables
    are built on first use and kept in the user's cache folder: reading tens of thousands of
    questions takes half a second."""

    def __init__(self, asked: Sequence[AskedBefore], terms: Callable[[list[str]], list[str]],
                 knowledge: str = "") -> None:
        self._asked = asked
        self._terms = terms  # folded words -> the knowledge's terms (Terms.of_words)
        self._knowledge = knowledge  # the knowledge's content hash: its terms make the forms
        self._last: tuple[str, tuple[str, ...], str] = ("", (), "")  # see _read
        self._found: dict[str, tuple[str, float, int] | None] = {}  # the last one's, by entry

    def warm(self) -> None:
        """Build (or read back) the tables now, not at the first question that needs them."""
        _ = self._tables

    def terms(self, text: str) -> list[str]:
        """The terms compared: those of the words, without chat filler and numbers ("blinken
        job?" and "job of blinken pls" are the same)."""
        return self._terms([w for w in fold(text).split()
                            if w not in vocabulary.FILLER and not w.isdigit()])

    @cached_property
    def _tables(self) -> _Tables:
        digest = hashlib.sha256(f"{_FORMAT}|{self._knowledge}|{vocabulary.code_stamp()}".encode())
        for item in self._asked:
            digest.update(f"{' '.join(item.answers)}\t{item.text}\n".encode())
        return _Tables(*vocabulary.cached("asked", digest.hexdigest(), self._build, _valid,
                                          keep=KEPT_VERSIONS))

    def _build(self) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str],
                              dict[str, int]]:
        symbols: dict[str, str] = {}
        answered: dict[str, dict[str, None]] = defaultdict(dict)  # form -> each "id id"
        for item in self._asked:
            ids = " ".join(item.answers)
            for question in item.questions:
                bag = [symbols.setdefault(t, _symbol(len(symbols))) for t in self.terms(question)]
                if bag:
                    answered["".join(sorted(bag))][ids] = None
        by_entry: dict[str, list[str]] = defaultdict(list)
        by_symbol: dict[str, list[str]] = defaultdict(list)
        for form, answer_sets in answered.items():
            for entry in {e for ids in answer_sets for e in ids.split()}:
                by_entry[entry].append(form)
            for symbol in set(form):
                by_symbol[symbol + chr(len(form))].append(form)
        sizes: dict[str, int] = defaultdict(int)
        for key, forms in by_symbol.items():
            sizes[key[0]] += len(forms)
        # Lists of forms kept as one text each: read back from the cache in a few
        # milliseconds, where tens of thousands of small objects take tens.
        return (symbols, {f: SEP.join(a) for f, a in answered.items()},
                {e: SEP.join(f) for e, f in by_entry.items()},
                {k: SEP.join(f) for k, f in by_symbol.items()}, dict(sizes))

    def _read(self, text: str) -> tuple[str, tuple[str, ...], str]:
        """`text`, its terms and its form (the last one read is kept: the policy asks of the
        same question several times)."""
        last = self._last
        if last[0] != text:
            symbols, terms = self._tables.symbols, tuple(self.terms(text))
            last = (text, terms, "".join(sorted(symbols.get(t, _UNSEEN) for t in terms)))
            self._last, self._found = last, {}
        return last

    def _form(self, text: str) -> str:
        return self._read(text)[2]

    def same(self, text: str, entry: str) -> float:
        """How near `text` is to the nearest question asked before that `entry` answers, 0..1
        (1: the same terms; 0 for a question of one term, which no likeness can tell)."""
        found = self._nearest(text, entry)
        return found[1] / 100 if found else 0.0

    def nearest(self, text: str, entry: str) -> tuple[float, frozenset[str]]:
        """`same`, and the terms `text` has that the nearest question lacks."""
        found = self._nearest(text, entry)
        if not found:
            return 0.0, frozenset()
        _, terms, query = self._read(text)
        extra, symbols = set(query) - set(found[0]), self._tables.symbols
        return found[1] / 100, frozenset(t for t in terms if symbols.get(t, _UNSEEN) in extra)

    def _nearest(self, text: str, entry: str) -> tuple[str, float, int] | None:
        if not self._asked:
            return None
        query = self._form(text)
        if entry in self._found:  # (the policy asks of an entry more than once)
            return self._found[entry]
        forms = self._tables.entry_forms(entry)
        found = process.extractOne(query, forms, scorer=fuzz.ratio, processor=None) \
            if MIN_TERMS <= len(query) <= MAX_TERMS and forms else None
        self._found[entry] = (found[0], found[1], found[2]) if found else None
        return self._found[entry]

    def other(self, text: str, entry: str, floor: float) -> Otherwise:
        """The nearest question asked before that `entry` does not answer (another entry does,
        or none), if at least `floor` near (0 < floor < 1); none for a question of one term."""
        if not self._asked:
            return NOTHING_NEAR
        tables, query = self._tables, self._form(text)
        if not MIN_TERMS <= len(query) <= MAX_TERMS:
            return NOTHING_NEAR
        # (ties broken by the term itself: which forms come first must not hang on the hash seed)
        seen = sorted({s for s in query if s != _UNSEEN}, key=lambda s: (tables.sizes[s], s))
        size, best, answers = len(query), 0.0, tuple[str, ...]()
        repeats = size - len(set(query))  # a term written twice counts twice in common
        # Only questions of a length that can be that near are compared, and of those only
        # ones having a rare enough term of its: one with `shared` different terms in common
        # has one of any len(seen) - shared + 1 of them, so the rarest suffice (never the
        # thousands a common term has).
        for length in range(math.ceil(floor * size / (2 - floor) - 1e-9),
                            math.floor((2 - floor) * size / floor + 1e-9) + 1):
            shared = max(1, math.ceil(max(floor, best) * (size + length) / 2 - 1e-9) - repeats)
            if shared > min(len(seen), length):
                continue
            # (in the order of `seen` and of each list, each form once: of forms as near, the
            # one found first is the same in every run)
            forms = list(dict.fromkeys(chain.from_iterable(
                tables.symbol_forms(s + chr(length)) for s in seen[:len(seen) - shared + 1])))
            for bag_form, score, _ in process.extract(query, forms, scorer=fuzz.ratio,
                                                      processor=None, limit=None,
                                                      score_cutoff=max(floor, best) * 100):
                others = [ids.split() for ids in tables.answers[bag_form].split(SEP)
                          if entry not in ids.split()]
                if score / 100 > best and others:
                    best, answers = score / 100, tuple(dict.fromkeys(e for ids in others
                                                                     for e in ids))
                    break  # (best first)
        return Otherwise(best, answers)


@dataclass(frozen=True)
class Otherwise:
    """The nearest question asked before that an entry does not answer."""

    near: float  # 0..1 how near (0: none is near enough to tell)
    answers: tuple[str, ...]  # the entries that answer it (none: the story does not)


NOTHING_NEAR = Otherwise(0.0, ())


@dataclass(frozen=True)
class _Tables:
    symbols: dict[str, str]  # term -> its character
    answers: dict[str, str]  # form -> the entries answering a question of that form ("id id",
    # one line for each set of entries; an empty line: none)
    by_entry: dict[str, str]  # entry -> the forms of the questions it answers, one a line
    by_symbol: dict[str, str]  # a term's character and a length (as a character) -> the forms
    # of that length having it, one a line
    sizes: dict[str, int]  # a term's character -> how many forms have it: how rare it is
    # the lists split from those texts as questions need them (an entry's are read by every
    # sure answer: splitting thousands of forms each time would cost more than comparing them)
    split: dict[str, list[str]] = field(default_factory=dict)

    def entry_forms(self, entry: str) -> list[str]:
        return self._list("e" + entry, self.by_entry.get(entry, ""))

    def symbol_forms(self, key: str) -> list[str]:
        return self._list("s" + key, self.by_symbol.get(key, ""))

    def _list(self, key: str, text: str) -> list[str]:
        found = self.split.get(key)
        if found is None:
            found = self.split[key] = text.split(SEP) if text else []
        return found


def _symbol(number: int) -> str:
    """The character of the number-th term: past the surrogates (no text can hold them) and
    _UNSEEN, so over a million terms have one."""
    point = _FIRST_SYMBOL + number
    return chr(point if point < 0xD800 else point + 0x801)


def _valid(data: Any) -> bool:
    return isinstance(data, tuple) and len(data) == 5 and all(isinstance(d, dict) for d in data)
