"""Question -> best entry, or an honest abstention. Right or silent.

Scoring, per candidate entry (all on a 0..1 scale):
  coverage  share of the question's meaning (IDF-weighted terms) that the entry's words cover;
            an unknown word counts as the rarest word there is, so an off-topic word sinks it
  fuzzy     rapidfuzz similarity of the question to the entry's best example question
  score     coverage_share * coverage + (1 - coverage_share) * fuzzy + intent bonus
            (may pass 1 with a bonus, so a bonus can break a tie; confidence is capped at 1)
The engine answers only when coverage and score clear their floors and the best entry leads the
runner-up by TIE_MARGIN; a near tie offers both instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from heapq import nlargest

from rapidfuzz import fuzz

from bot.engine.index import Doc, Index, build_index
from bot.engine.normalize import MAX_QUESTION_CHARS
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Quote

# Question words that say what kind of answer is wanted: an entry that does not cover them
# ("how many votes" -> an entry about the election, with no number) is not an answer.
ANSWER_TYPE_WORDS = ("how much", "when", "where")
SPEAKING_SOURCES = ("statement", "study")  # source kinds whose facts say who said something


@dataclass(frozen=True)
class Thresholds:
    """Every tunable number of the matcher; overridable from config/ (`thresholds:`)."""

    min_coverage: float = 0.72  # 0..1 share of the question's weighted terms the entry covers
    min_coverage_long: float = 0.6  # 0..1 the same for questions of long_terms content words
    long_terms: int = 8  # content words from which a question counts as long
    min_score: float = 0.62  # 0..1 combined score below which the engine abstains
    tie_margin: float = 0.04  # 0..1 lead the best entry needs over a different runner-up
    coverage_share: float = 0.7  # 0..1 weight of coverage (the rest is fuzzy similarity)
    soft_factor: float = 0.25  # 0..1 weight of question words (who, when, how much) vs content
    quote_bonus: float = 0.08  # added to quotes when the question asks who said something
    entity_bonus: float = 0.1  # added to an entity when the question is only its name
    candidates: int = 25  # entries re-scored in full after the index lookup
    max_scan: int = 2000  # postings read per word; a word this common adds candidates only
    # when no rarer word found any, and then only its first max_scan (asked-field hits first)
    suggest_floor: float = 0.25  # 0..1 score an entry needs to be offered as a suggestion

    @classmethod
    def from_config(cls, overrides: dict[str, float]) -> Thresholds:
        names = {f.name for f in fields(cls)}
        unknown = set(overrides) - names
        if unknown:
            raise ValueError(f"unknown threshold(s): {', '.join(sorted(unknown))}; "
                             f"known: {', '.join(sorted(names))}")
        typed = {k: int(v) if k in ("candidates", "max_scan", "long_terms") else float(v)
                 for k, v in overrides.items()}
        return replace(cls(), **typed)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Scored:
    doc: Doc
    score: float
    coverage: float
    fuzzy: float
    covered: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """What the matcher decided, with the evidence for --explain."""

    decision: str  # "answer" | "ambiguous" | "abstain"
    best: Scored | None
    ranked: tuple[Scored, ...]
    terms: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    reason: str


class Matcher:
    """Built once per knowledge base; `match` is the per-question path."""

    def __init__(self, kb: KnowledgeBase, thresholds: Thresholds | None = None) -> None:
        self.kb = kb
        self.t = thresholds or Thresholds()
        self.index: Index = build_index(kb)
        self.answer_types = frozenset(t for w in ANSWER_TYPE_WORDS
                                      for t in self.index.canonical_terms(w))
        self.quote_term = next(iter(self.index.canonical_terms("said")), "said")
        self.who_term = next(iter(self.index.canonical_terms("who")), "who")

    def _terms(self, question: str) -> tuple[list[str], list[tuple[str, str]]]:
        terms, corrections = self.index.analyze(question[:MAX_QUESTION_CHARS])
        return list(dict.fromkeys(terms)), corrections

    def _weight(self, term: str) -> float:
        weight = self.index.idf.get(term, self.index.max_idf)
        if term in self.index.soft or term in self.index.framing:
            return weight * self.t.soft_factor
        return weight

    def match(self, question: str) -> Match:
        terms, corrections = self._terms(question)
        content = [t for t in terms if t not in self.index.soft]
        if not content:
            return Match("abstain", None, (), tuple(terms), tuple(corrections),
                         "no content words")
        weights = {t: self._weight(t) for t in terms}
        total = sum(weights.values())
        rough: dict[int, float] = {}
        # Rarest words first; a very common word adds no candidates once rarer words found
        # some (it still counts in every candidate's coverage), so no question scans everything.
        postings = sorted(((self.index.postings[t], t) for t in terms if t in self.index.postings),
                          key=lambda p: len(p[0]))
        for posting, term in postings:
            if rough and len(posting) > self.t.max_scan:
                break
            for number, field_weight in posting[:self.t.max_scan]:
                rough[number] = rough.get(number, 0.0) + weights[term] * field_weight
        top = nlargest(self.t.candidates, rough.items(), key=lambda kv: kv[1])
        query = " ".join(terms)
        asks_quote = self.quote_term in terms
        ranked = sorted((self._score(self.index.docs[n], terms, weights, total, query,
                                     asks_quote, content) for n, _ in top),
                        key=lambda s: s.score, reverse=True)
        if not ranked:
            return Match("abstain", None, (), tuple(terms), tuple(corrections),
                         "no entry shares a word with the question")
        best = ranked[0]
        floor = self._coverage_floor(len(content))
        # Only a question word that opens the question asks for that kind of answer ("where
        # is ..."), not one inside it ("the ceremony where the trains were donated").
        opening = self.index.canonical_terms(" ".join(question[:200].split()[:3]))
        if best.coverage < floor:
            decision, reason = "abstain", (f"coverage {best.coverage:.2f} < {floor:.2f}: "
                                           f"not covered {', '.join(best.missing)}")
        elif best.score < self.t.min_score:
            decision, reason = "abstain", f"score {best.score:.2f} < {self.t.min_score}"
        elif len(ranked) > 1 and ranked[1].coverage >= floor \
                and best.score - ranked[1].score < self.t.tie_margin:
            preferred = _related_preference(best, ranked[1], asks_quote)
            if preferred is None:
                decision, reason = "ambiguous", (f"{best.doc.entry.id} and "
                                                 f"{ranked[1].doc.entry.id} within "
                                                 f"{self.t.tie_margin}")
            else:
                best = preferred
                decision, reason = "answer", "near tie between related entries"
        else:
            decision, reason = "answer", "decisive"
        unmet = self._unmet(best, opening, asks_quote)
        if decision == "answer" and unmet:
            decision, reason = "abstain", f"the entry does not say {', '.join(unmet)}"
        return Match(decision, best, tuple(ranked), tuple(terms), tuple(corrections), reason)

    def _coverage_floor(self, content_terms: int) -> float:
        """Long questions carry more incidental words, so they need a little less coverage."""
        share = min(max(content_terms - 4, 0) / max(self.t.long_terms - 4, 1), 1.0)
        return self.t.min_coverage - share * (self.t.min_coverage - self.t.min_coverage_long)

    def _unmet(self, best: Scored, opening: list[str], asks_quote: bool) -> list[str]:
        """What the question asks for ("how much", "when", "who said") that the entry lacks."""
        unmet = [t for t in opening if t in self.answer_types and t in best.missing]
        unmet += [t for t in best.missing if t in self.index.names]  # "visit China" != California
        entry = best.doc.entry
        if isinstance(entry, Entity):  # a profile answers "who is X", not "who owns X"
            unmet += [t for t in best.missing if t not in self.index.soft]
        # "Who says ...?" asks for a source, which every fact and quote names; "what did X
        # say?" asks for X's words, which only some entries hold.
        asks_source = self.who_term in opening and not isinstance(entry, Entity)
        if asks_quote and not asks_source and not self._says_who(entry):
            unmet.append("who said what")  # "what did Biden say": an entry with no words of his
        return unmet

    def _says_who(self, entry: Entry) -> bool:
        """Whether an entry answers "who said ...": a quote, a speaker's profile, a fact that
        reports someone's statement or study, or one the article leaves unattributed."""
        if isinstance(entry, Quote):
            return True
        if isinstance(entry, Entity):
            return entry.id in self.kb.quotes_by_speaker
        return entry.status == "unattributed" or any(
            self.kb.sources[s].kind in SPEAKING_SOURCES for s in entry.sources)

    def _score(self, doc: Doc, terms: list[str], weights: dict[str, float], total: float,
               query: str, asks_quote: bool, content: list[str]) -> Scored:
        covered = [t for t in terms if t in doc.weights]
        coverage = sum(weights[t] * doc.weights[t] for t in covered) / total
        fuzzy = max((fuzz.token_sort_ratio(query, q) + fuzz.token_set_ratio(query, q)) / 200
                    for q in doc.questions) if doc.questions else 0.0
        score = self.t.coverage_share * coverage + (1 - self.t.coverage_share) * fuzzy
        if asks_quote and isinstance(doc.entry, Quote) \
                and set(covered) - doc.speaker - {self.quote_term}:
            score += self.t.quote_bonus  # "who said <these words>", not "what did X say"
        if isinstance(doc.entry, Entity) and frozenset(content) in doc.names:
            score += self.t.entity_bonus
        missing = tuple(t for t in terms if t not in doc.weights)
        return Scored(doc, score, coverage, fuzzy, tuple(covered), missing)


def _related_preference(a: Scored, b: Scored, asks_quote: bool) -> Scored | None:
    """In a near tie of two entries that tell the same thing, the one to give; else None.

    A fact and a quote it cites or whose source it reports: the quote if the question asks who
    said it, else the fact.
    """
    by_kind = {type(s.doc.entry): s for s in (a, b)}
    fact, quote = by_kind.get(Fact), by_kind.get(Quote)
    if fact and quote:
        f, q = fact.doc.entry, quote.doc.entry
        assert isinstance(f, Fact) and isinstance(q, Quote)
        # The fact cites the quote, or reports what the quote's source said.
        if q.text.strip("“”.,")[:40] in f.answer.en or q.source in f.sources:
            return quote if asks_quote else fact
    return None
