"""The search index, built once per knowledge base and queried many times.

An inverted index of canonical terms (folded, stemmed, synonyms merged) with IDF weights finds
candidates without scanning every entry; a character-trigram index over the words the knowledge
uses (as written, before stemming) corrects typos without comparing against every word.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.engine.normalize import (
    FRAMING_WORDS,
    QUESTION_WORDS,
    SPEECH_WORDS,
    STOPWORDS,
    fold,
    stem,
)
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Quote

# Field weights (0..1): how strongly a word in this field says "this entry is about that".
ASKED_WEIGHT = 1.0  # example questions, titles, keywords, an entity's own names and aliases
LINKED_WEIGHT = 0.85  # names of the entities an entry is about: related, not what defines it
TEXT_WEIGHT = 0.6  # the answer, description or quote text itself
LINKED_COMMON_WEIGHT = 0.4  # common words of those names ("mayor" in "the mayor of Lima")
FIELD_WEIGHTS = {"asked": ASKED_WEIGHT, "linked": LINKED_WEIGHT, "text": TEXT_WEIGHT}
MIN_TYPO_LEN = 4  # shorter words are too easily "corrected" into something else
TYPO_MIN_RATIO = 85.0  # rapidfuzz ratio (0..100) a correction must reach
TYPO_MIN_RATIO_SHORT = 90.0  # the same for words of up to 6 letters ("party" is not "part")
TYPO_CANDIDATES = 12  # vocabulary words sharing the most trigrams that get a full comparison
MAX_TRIGRAM_POSTING = 1000  # trigrams this common say little about which word was meant
MAX_CACHED_CORRECTIONS = 4096

_DROPPED = STOPWORDS - QUESTION_WORDS - SPEECH_WORDS
# What an entity of each type is called, so "what kind of company is X" finds X's profile.
TYPE_WORDS = {
    "person": "person persona",
    "organisation": "company organisation organization firm group institution empresa "
                    "compania organizacion institucion",
    "place": "place lugar location",
    "document": "study report document estudio informe documento",
    "event": "event evento",
    "thing": "",
}


@dataclass(frozen=True)
class Doc:
    """What the index knows of one entry."""

    entry: Entry
    weights: dict[str, float]  # canonical term -> field weight
    questions: tuple[str, ...]  # canonical content strings of its example questions and titles
    names: frozenset[frozenset[str]]  # canonical terms of each of an entity's own names
    speaker: frozenset[str]  # canonical terms of a quote's speaker's names (quotes only)


@dataclass
class Index:
    """Postings, IDF and vocabulary of one knowledge base."""

    docs: list[Doc]
    postings: dict[str, list[tuple[int, float]]]
    idf: dict[str, float]
    max_idf: float
    synonyms: dict[str, str]  # stemmed word (or canonical itself) -> canonical term
    phrases: list[tuple[str, str]]  # (" stemmed phrase ", canonical term), longest first
    soft: frozenset[str]  # canonical terms made only of question words ("who", "how_much")
    trigrams: dict[str, list[str]] = field(repr=False)
    words: frozenset[str] = field(default=frozenset(), repr=False)  # folded words, unstemmed
    anagrams: dict[str, list[str]] = field(default_factory=dict, repr=False)  # sorted -> words
    # Proper nouns of the knowledge (Biden, Lima): kept whole, so stemming cannot merge them
    # with common words ("biden" would otherwise stem like "bid").
    proper: frozenset[str] = field(default=frozenset(), repr=False)
    framing: frozenset[str] = field(default=frozenset(), repr=False)
    # Canonical terms of capitalised words in entity names ("china", "lima"): a question that
    # names one is about it, however common the name is in the knowledge.
    names: frozenset[str] = field(default=frozenset(), repr=False)
    # Corrections already worked out, kept with the index so a reload drops them with it.
    corrections: dict[str, str | None] = field(default_factory=dict, repr=False)

    def stem(self, word: str) -> str:
        return word if word in self.proper else stem(word)

    def canonical_terms(self, text: str) -> list[str]:
        """Canonical content terms of `text` (typos left as they are)."""
        return self._terms(fold(text).split())

    def analyze(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """Canonical content terms of a question, typos corrected, and the corrections made."""
        words, corrections = [], []
        for word in fold(text).split():
            if word not in self.words and not self._known(word):
                fixed = self._correct(word)
                if fixed is not None:
                    corrections.append((word, fixed))
                    word = fixed
            words.append(word)
        return self._terms(words), corrections

    def _known(self, word: str) -> bool:
        stemmed = self.stem(word)
        return word in STOPWORDS or stemmed in self.idf or stemmed in self.synonyms

    def _terms(self, words: list[str]) -> list[str]:
        joined = f" {' '.join(self.stem(w) for w in words if w not in _DROPPED)} "
        for phrase, canon in self.phrases:
            if phrase in joined:
                joined = joined.replace(phrase, f" {canon} ")
        return [self.synonyms.get(word, word) for word in joined.split()]

    def _correct(self, term: str) -> str | None:
        if term not in self.corrections:
            if len(self.corrections) >= MAX_CACHED_CORRECTIONS:
                self.corrections.clear()  # bounded: odd input cannot grow it without limit
            self.corrections[term] = _correct(self, term)
        return self.corrections[term]


def _correct(index: Index, term: str) -> str | None:
    """The word the knowledge uses that `term` is most likely a typo of, or None."""
    if len(term) < MIN_TYPO_LEN or term.isdigit():
        return None
    swapped = index.anagrams.get("".join(sorted(term)))
    if swapped and len(term) <= 6:
        return swapped[0]  # letters swapped ("prot"): the commonest typo of a short word
    counts: Counter[str] = Counter()
    for gram in _grams(term):
        posting = index.trigrams.get(gram, ())
        if len(posting) <= MAX_TRIGRAM_POSTING:
            counts.update(posting)
    best, best_score = None, TYPO_MIN_RATIO_SHORT if len(term) <= 6 else TYPO_MIN_RATIO
    for word, _ in counts.most_common(TYPO_CANDIDATES):
        if word in STOPWORDS:
            continue  # "against" is not "again": a correction must add meaning, not drop it
        score = fuzz.ratio(term, word, score_cutoff=best_score)
        if score > best_score or (score == best_score and best is None):
            best, best_score = word, score
    return best


def _grams(word: str) -> set[str]:
    padded = f"<{word}>"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _entry_fields(kb: KnowledgeBase, entry: Entry) -> tuple[dict[str, list[str]], list[str]]:
    """(texts by field weight, the entity's own names) of an entry, in both languages."""
    asked: list[str] = [*entry.questions.en, *entry.questions.es]
    linked: list[str] = []
    body: list[str] = []
    names: list[str] = []

    def entity_names(eid: str) -> list[str]:
        other = kb.entries.get(eid)
        return [other.name, *other.aliases] if isinstance(other, Entity) else []

    def source_names(sid: str) -> list[str]:
        # "What did the FDD study find about ...": who reports an entry is part of what it is.
        source = kb.sources.get(sid)
        if source is None:
            return []
        return [source.name, source.name_es, *source.aliases,
                *(entity_names(source.entity) if source.entity else [])]

    if isinstance(entry, Entity):
        names = [entry.name, *entry.aliases]
        asked += [*names, TYPE_WORDS.get(entry.type, "")]
        body += [entry.description.en, entry.description.es]
        said = kb.quotes_by_speaker.get(entry.id, [])
        if said:  # "what did X say" is answered by X's profile, which lists the quotes
            asked += ["said"]
            body += [q.text for q in said]
        reported = kb.facts_reported_by.get(entry.id, [])
        if reported:  # likewise "what did Justo Medio report" and the facts it is cited for
            asked += ["report", "reported"]
            body += [f.titles.en for f in reported] + [f.titles.es for f in reported]
    elif isinstance(entry, Fact):
        asked += [entry.titles.en, entry.titles.es, *entry.keywords]
        body += [entry.answer.en, entry.answer.es]
        for eid in entry.entities:
            linked += entity_names(eid)
        for sid in entry.sources:
            linked += source_names(sid)
    else:
        asked += [*entry.keywords]
        body += [entry.text, entry.context.en, entry.context.es]
        for eid in (*entry.entities, *([entry.speaker] if entry.speaker else [])):
            linked += entity_names(eid)
        linked += source_names(entry.source)
    return {"text": body, "linked": linked, "asked": asked}, names


def build_index(kb: KnowledgeBase) -> Index:
    """Index every entry of `kb`."""
    capitalised = _capitalised(kb)
    index = Index(docs=[], postings=defaultdict(list), idf={}, max_idf=1.0, synonyms={},
                  phrases=[], soft=frozenset(), trigrams={},
                  proper=capitalised - _lower_case_in_prose(kb))
    for group in kb.synonyms:
        canon = "_".join(index.stem(w) for w in fold(group[0]).split())
        index.synonyms.setdefault(canon, canon)
        for member in group:
            stemmed = " ".join(index.stem(w) for w in fold(member).split() if w not in _DROPPED)
            if " " in stemmed:
                index.phrases.append((f" {stemmed} ", canon))
            elif stemmed:
                index.synonyms.setdefault(stemmed, canon)
    index.phrases.sort(key=lambda p: -len(p[0]))
    index.soft = frozenset(t for w in QUESTION_WORDS for t in index.canonical_terms(w))
    index.framing = frozenset(t for w in FRAMING_WORDS for t in index.canonical_terms(w))
    index.names = frozenset(t for w in capitalised for t in index.canonical_terms(w))
    taught: dict[str, list[str]] = defaultdict(list)
    for item in kb.taught:
        taught[item.entry].append(item.question)
    # Every word the knowledge uses, as written: what a typo is corrected to.
    words: set[str] = set()
    for group in kb.synonyms:
        for member in group:
            words.update(fold(member).split())

    # Answers say "X says ..." to attribute: that makes an entry no answer to "what did X say".
    speech = frozenset(t for w in SPEECH_WORDS for t in index.canonical_terms(w))
    for entry in kb.entries.values():
        fields, names = _entry_fields(kb, entry)
        fields["asked"] += taught.get(entry.id, [])
        weights: dict[str, float] = {}
        for field_name, texts in fields.items():
            weight = FIELD_WEIGHTS[field_name]
            for text in texts:
                folded = fold(text).split()
                words.update(folded)
                if field_name == "linked":
                    # A linked name's proper nouns count fully, its common words only a little:
                    # "the mayor of Lima" makes an entry about López Aliaga match "Lima", and
                    # "mayor" only weakly.
                    common = [w for w in folded if w not in index.proper]
                    folded = [w for w in folded if w in index.proper]
                    for term in index._terms(common):
                        weights[term] = max(weights.get(term, 0.0), LINKED_COMMON_WEIGHT)
                for term in index._terms(folded):
                    if field_name == "text" and term in speech:
                        continue
                    weights[term] = max(weights.get(term, 0.0), weight)
        questions = [*entry.questions.en, *entry.questions.es, *taught.get(entry.id, [])]
        if not isinstance(entry, Entity):
            questions += [entry.title("en"), entry.title("es")]
        docs_questions = tuple(dict.fromkeys(
            " ".join(index.canonical_terms(q)) for q in questions if q))
        name_terms = frozenset(frozenset(index.canonical_terms(n)) for n in names)
        speaker = kb.entries.get(entry.speaker) if isinstance(entry, Quote) and entry.speaker \
            else None
        speaker_terms = frozenset(t for n in ([speaker.name, *speaker.aliases]
                                              if isinstance(speaker, Entity) else [])
                                  for t in index.canonical_terms(n))
        number = len(index.docs)
        index.docs.append(Doc(entry, weights, docs_questions, name_terms, speaker_terms))
        for term, weight in weights.items():
            index.postings[term].append((number, weight))

    total = max(len(index.docs), 1)
    index.idf = {t: math.log(1 + total / len(p)) for t, p in index.postings.items()}
    index.max_idf = math.log(1 + total)
    grams: dict[str, list[str]] = defaultdict(list)
    for word in words:
        if len(word) >= MIN_TYPO_LEN - 1 and not word.isdigit():
            for gram in _grams(word):
                grams[gram].append(word)
    index.trigrams = dict(grams)
    index.words = frozenset(words)
    anagrams: dict[str, list[str]] = defaultdict(list)
    for word in words:
        if MIN_TYPO_LEN <= len(word) <= 6 and word not in STOPWORDS:
            anagrams["".join(sorted(word))].append(word)
    index.anagrams = dict(anagrams)
    # Asked-field hits first, so a capped scan of a very common word sees the best ones.
    index.postings = {t: sorted(p, key=lambda hit: -hit[1]) for t, p in index.postings.items()}
    return index


def _capitalised(kb: KnowledgeBase) -> frozenset[str]:
    """Folded words written capitalised in entity and source names."""
    names = [n for e in kb.entities for n in (e.name, *e.aliases)]
    names += [n for src in kb.sources.values() for n in (src.name, *src.aliases)]
    capitalised: set[str] = set()
    for name in names:
        for raw in name.split():
            if raw[:1].isupper():
                capitalised.update(w for w in fold(raw).split() if w not in STOPWORDS)
    return frozenset(capitalised)


def _lower_case_in_prose(kb: KnowledgeBase) -> frozenset[str]:
    """Folded words the knowledge's prose writes in lower case somewhere.

    A capitalised name word never written in lower case is a proper noun (Lima, Biden); "State"
    of "Secretary of State" is not, since the prose says "state-owned".
    """
    in_lower_case: set[str] = set()
    for entry in kb.entries.values():
        prose: tuple[str, ...]
        if isinstance(entry, Fact):
            prose = (entry.answer.en, entry.answer.es)
        elif isinstance(entry, Entity):
            prose = (entry.description.en, entry.description.es)
        else:
            prose = (entry.text, entry.context.en, entry.context.es)
        for text in prose:
            in_lower_case.update(raw for raw in text.split() if raw[:1].islower())
    return frozenset(w for raw in in_lower_case for w in fold(raw).split())
