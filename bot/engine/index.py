"""The search index, built once per knowledge base and queried many times.

An inverted index of canonical terms (folded, stemmed, synonyms merged) with IDF weights finds
candidates without scanning every entry; a character-trigram index over the vocabulary corrects
typos without comparing a word to the whole vocabulary.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from bot.engine.normalize import STOPWORDS, fold, stem
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Quote

# Field weights (0..1): how strongly a word in this field says "this entry is about that".
ASKED_WEIGHT = 1.0  # example questions, titles, keywords, an entity's own names and aliases
LINKED_WEIGHT = 0.85  # names of the entities an entry is about: related, not what defines it
TEXT_WEIGHT = 0.6  # the answer, description or quote text itself
FIELD_WEIGHTS = {"asked": ASKED_WEIGHT, "linked": LINKED_WEIGHT, "text": TEXT_WEIGHT}
MIN_TYPO_LEN = 4  # shorter words are too easily "corrected" into something else
TYPO_MIN_RATIO = 80.0  # rapidfuzz ratio (0..100) a correction must reach
TYPO_MIN_RATIO_SHORT = 90.0  # the same for words of up to 6 letters ("party" is not "part")
TYPO_CANDIDATES = 12  # vocabulary words sharing the most trigrams that get a full comparison
MAX_TRIGRAM_POSTING = 1000  # trigrams this common say little about which word was meant

_STOPWORDS = STOPWORDS | {stem(w) for w in STOPWORDS}


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

    def canonical_terms(self, text: str) -> list[str]:
        """Canonical content terms of `text` (typos left as they are)."""
        joined = f" {' '.join(stem(w) for w in fold(text).split())} "
        for phrase, canon in self.phrases:
            if phrase in joined:
                joined = joined.replace(phrase, f" {canon} ")
        terms = []
        for word in joined.split():
            synonym = self.synonyms.get(word)
            if synonym is not None:
                terms.append(synonym)
            elif word not in _STOPWORDS:
                terms.append(word)
        return terms

    def correct(self, term: str) -> str | None:
        """The vocabulary word `term` is most likely a typo of, or None."""
        return _correct(self, term)

    def __hash__(self) -> int:  # lets lru_cache key on the index object itself
        return id(self)


@lru_cache(maxsize=4096)
def _correct(index: Index, term: str) -> str | None:
    if len(term) < MIN_TYPO_LEN or term.isdigit():
        return None
    counts: Counter[str] = Counter()
    for gram in _grams(term):
        posting = index.trigrams.get(gram, ())
        if len(posting) <= MAX_TRIGRAM_POSTING:
            counts.update(posting)
    short = len(term) <= 6
    best, best_score = None, TYPO_MIN_RATIO_SHORT if short else TYPO_MIN_RATIO
    for word, _ in counts.most_common(TYPO_CANDIDATES):
        if short and sorted(word) == sorted(term):
            return word  # two letters swapped ("prot"): the commonest typo of a short word
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

    if isinstance(entry, Entity):
        names = [entry.name, *entry.aliases]
        asked += names
        body += [entry.description.en, entry.description.es]
        said = kb.quotes_by_speaker.get(entry.id, [])
        if said:  # "what did X say" is answered by X's profile, which lists the quotes
            asked += ["said"]
            body += [q.text for q in said]
    elif isinstance(entry, Fact):
        asked += [entry.titles.en, entry.titles.es, *entry.keywords]
        body += [entry.answer.en, entry.answer.es]
        for eid in entry.entities:
            linked += entity_names(eid)
    else:
        asked += [*entry.keywords]
        body += [entry.text, entry.context.en, entry.context.es]
        for eid in (*entry.entities, *([entry.speaker] if entry.speaker else [])):
            linked += entity_names(eid)
    return {"text": body, "linked": linked, "asked": asked}, names


def build_index(kb: KnowledgeBase) -> Index:
    """Index every entry of `kb`."""
    synonyms: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for group in kb.synonyms:
        canon = "_".join(stem(w) for w in fold(group[0]).split())
        synonyms.setdefault(canon, canon)
        for member in group:
            stemmed = " ".join(stem(w) for w in fold(member).split())
            if " " in stemmed:
                phrases.append((f" {stemmed} ", canon))
            else:
                synonyms.setdefault(stemmed, canon)
    phrases.sort(key=lambda p: -len(p[0]))
    soft = frozenset(c for c in synonyms.values() if all(w in _STOPWORDS for w in c.split("_")))
    index = Index(docs=[], postings=defaultdict(list), idf={}, max_idf=1.0, synonyms=synonyms,
                  phrases=phrases, soft=soft, trigrams={})
    taught: dict[str, list[str]] = defaultdict(list)
    for item in kb.taught:
        taught[item.entry].append(item.question)

    for entry in kb.entries.values():
        fields, names = _entry_fields(kb, entry)
        fields["asked"] += taught.get(entry.id, [])
        weights: dict[str, float] = {}
        for field_name, texts in fields.items():
            weight = FIELD_WEIGHTS[field_name]
            for text in texts:
                for term in index.canonical_terms(text):
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
    for term in index.postings:
        if len(term) >= MIN_TYPO_LEN - 1 and not term.isdigit():
            for gram in _grams(term):
                grams[gram].append(term)
    index.trigrams = dict(grams)
    # Asked-field hits first, so a capped scan of a very common word sees the best ones.
    index.postings = {t: sorted(p, key=lambda hit: -hit[1]) for t, p in index.postings.items()}
    return index
