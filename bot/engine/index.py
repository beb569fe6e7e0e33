"""The search index: built once per knowledge base, in small pure steps, and never changed after.

Text becomes canonical terms in one pipeline, the same for questions and for the knowledge:
fold -> stem (the knowledge's proper nouns kept whole) -> drop stopwords -> entity mentions
(names, aliases and curated descriptions become one "@entity-id" term) -> synonym groups.
An inverted index of those terms with IDF weights finds candidates without scanning every entry.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from bot import vocabulary
from bot.engine.asked import MEASURE_UNITS, NUMBER_MEASURES, REPLY_VERBS, entry_gives
from bot.engine.memory import Memory
from bot.knowledge.model import AskedBefore, Entity, Entry, KnowledgeBase, Quote
from bot.text import (
    DROPPED,
    FRAMING_WORDS,
    QUESTION_WORDS,
    SPEECH_NOUNS,
    SPEECH_WORDS,
    STOPWORDS,
    english_stem,
    fold,
    stem,
)

# Field weights (0..1): how strongly a word in this field says "this entry is about that".
ASKED_WEIGHT = 1.0  # titles, keywords, an entity's own names
EXAMPLE_WEIGHT = 1.0  # the words of example questions (curated and taught ways of asking);
ONE_EXAMPLE_SHARE = 0.6  # ... of that, for a word only one of them uses
LINKED_WEIGHT = 0.85  # entities an entry is about, and the sources that report it
TEXT_WEIGHT = 0.6  # the answer, description or quote text itself
LINKED_COMMON_WEIGHT = 0.4  # common words of linked names ("mayor" in "the mayor of Lima")
ENTITY_PREFIX = "@"  # canonical term of an entity mention: "@perurail"

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
# Who can say something: a person, an organisation, a document, a country's government.
SPEAKING_TYPES = ("person", "organisation", "document", "place")
# Relations through which a source's entity stands for another ("the think tank's study").
SOURCE_RELATIONS = ("published_by", "authored_by")


@dataclass(frozen=True)
class Terms:
    """How text becomes canonical terms for one knowledge base."""

    proper: frozenset[str]  # proper nouns, kept unstemmed (Biden would stem like "bid")
    mentions: PhraseTable  # stemmed names and descriptions -> "@id"
    phrases: PhraseTable  # multi-word synonyms -> canonical term
    synonyms: Mapping[str, str]  # stemmed word -> canonical term
    soft: frozenset[str]  # canonical terms of question words ("who", "how_much")
    framing: frozenset[str]  # terms that point at the story itself ("article")
    speech: frozenset[str]  # terms of "said", "call", "describe"
    # Mention phrases written as a name (capitalised: "China", "Las Bambas"), not a common
    # noun ("trains", "the study", "the mayor")
    named: frozenset[tuple[str, ...]] = frozenset()
    # Folded words the knowledge states (names, answers, descriptions, synonyms), as opposed to
    # words only its example questions use
    stated: frozenset[str] = frozenset()
    # Folded words the knowledge's names write capitalised ("Justo Medio"): typed even in lower
    # case, they say nothing of the asker's language
    name_words: frozenset[str] = frozenset()

    def asking(self, question: str) -> str:
        """An example question without its chat filler ("tl;dr pls", "resumen plis"), unless
        the knowledge itself uses the word ("China's man"): so "pls" stays filler."""
        return " ".join(w for w in fold(question).split()
                        if w not in vocabulary.FILLER or w in self.stated)

    def stem(self, word: str) -> str:
        if word in self.proper:
            return word
        if word[-1:] == "s" and word[:-1] in self.proper:
            return word[:-1]  # a name's plural: "Americans", "Peruvians"
        return bilingual_stem(word)

    def of_words(self, words: Iterable[str]) -> list[str]:
        """Canonical terms of folded words, in order.

        An entity named twice ("when did López Aliaga become mayor of Lima") is a mention only
        the first time: the second is a predicate, whose words count ("mayor").
        """
        return [term for term, _ in self.parse(words)]

    def parse(self, words: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
        """(canonical term, the stems it stands for) of folded words, in order."""
        # A verb ends a noun phrase: "what think tank did that study ..." names no "think
        # tank's study", though the dropped words between would make it one.
        stems = [_BREAK if w in VERB_BREAKS else self.stem(w) for w in words
                 if w not in DROPPED or w in VERB_BREAKS]
        return [(self.synonyms.get(s, s), phrase)
                for s, phrase in _replace(stems, self.mentions, self.phrases, self.synonyms,
                                          self.named) if s != _BREAK]

    def of_text(self, text: str) -> list[str]:
        return self.of_words(fold(text).split())

    def names_in(self, text: str) -> frozenset[str]:
        """The entities named in `text` by a name, wherever it stands: also inside a
        description of another ("PeruRail, López Aliaga's company", which the parse takes as
        PeruRail named again, in other words)."""
        stems = [self.stem(w) for w in fold(text).split() if w not in DROPPED]
        return frozenset(term for i, stem in enumerate(stems)
                         for phrase, term, _ in self.mentions.get(stem, ())
                         if phrase in self.named and tuple(stems[i:i + len(phrase)]) == phrase)


_BREAK = "\x00"  # stands for a verb inside the words: no phrase matches across it
# Auxiliaries and copulas: dropped as stopwords, but no name or description spans one
VERB_BREAKS = frozenset("""
    did does do is was are were has have had will would can could should
    es fue son era eran fueron
    be been being ser sido estar
    """.split()) & DROPPED

# first stem -> ((stemmed phrase, term, forms), ...) longest first: a lookup per word, not a
# scan. `forms` holds, per word of the phrase, the canonical terms that word may be written as
# (worked out once here: matching runs for every word of every question).
PhraseTable = Mapping[str, tuple[tuple[tuple[str, ...], str, tuple[frozenset[str], ...]], ...]]


def _replace(stems: list[str], mentions: PhraseTable, phrases: PhraseTable,
             synonyms: Mapping[str, str] | None = None,
             named: frozenset[tuple[str, ...]] = frozenset()
             ) -> list[tuple[str, tuple[str, ...]]]:
    """Replace, left to right, the longest phrase starting at each word: an entity mention or a
    multi-word synonym ("South America" is not a mention of "America"). An entity mentioned
    again is left as its words: the second time it is a predicate ("... became mayor of Lima");
    but a name is never a predicate: named after a description of it ("el candidato ...
    López Aliaga"), the name is the mention and the description its words.
    """
    out: list[tuple[str, tuple[str, ...]]] = []
    given: dict[str, int] = {}  # term -> where in `out` it was given
    # Words after a phrase's first may be any synonym or inflection of the phrase's own
    # ("Foundation for Defence of Democracy"; a name's words are not stemmed otherwise).
    canon = [synonyms.get(s, s) for s in stems] if synonyms else stems
    i = 0
    while i < len(stems):
        best: tuple[tuple[str, ...], str, bool] | None = None
        for table, is_mention in ((mentions, True), (phrases, False)):
            for phrase, term, forms in table.get(stems[i], ()):
                if tuple(stems[i:i + len(phrase)]) == phrase or (
                        synonyms and len(phrase) > 1 and i + len(phrase) <= len(stems)
                        # (the second word first: most phrases fail there, and cheaply)
                        and canon[i + 1] in forms[1]
                        and all(canon[i + k] in form for k, form in enumerate(forms))):
                    if best is None or len(phrase) > len(best[0]):
                        best = (phrase, term, is_mention)
                    break  # longest first within a table
        if best is None:
            out.append((stems[i], (stems[i],)))
            i += 1
            continue
        phrase, term, is_mention = best
        if is_mention and term in given:
            at = given[term]
            if phrase in named and out[at][1] not in named:
                out[at:at + 1] = [(stem, (stem,)) for stem in out[at][1]]
                given[term] = len(out)
                out.append((term, phrase))
            else:
                out.extend((stem, (stem,)) for stem in phrase)
        else:
            given[term] = len(out)
            out.append((term, phrase))
        i += len(phrase)
    return out


@dataclass(frozen=True)
class Doc:
    """What the index knows of one entry."""

    entry: Entry
    weights: Mapping[str, float]  # canonical term -> field weight
    questions: tuple[str, ...]  # canonical strings of its example questions and titles
    sorted_questions: tuple[str, ...]  # the same with their terms sorted (token_sort_ratio)
    names: frozenset[frozenset[str]]  # canonical terms of each of an entity's own names
    speaker: frozenset[str]  # canonical terms of a quote's speaker
    about: frozenset[str]  # "@id" terms of the entities it is about (and its sources')
    speakers: frozenset[str]  # "@id" terms of those whose words it carries
    gives: frozenset[str]  # the asked-for things its answer gives (see asked.THINGS)
    stated: frozenset[str] = frozenset()  # terms its answer itself states (not its examples):
    # "how old" needs an answer that says how old, not an example question with "old" in it
    literal: frozenset[str] = frozenset()  # a quote's own words, stemmed, before synonyms
    said: tuple[str, ...] = ()  # the words it reports as someone's own, folded


@dataclass(frozen=True)
class Index:
    docs: tuple[Doc, ...]
    postings: Mapping[str, tuple[tuple[int, float], ...]]  # asked-field hits first
    idf: Mapping[str, float]
    max_idf: float
    terms: Terms
    words: frozenset[str]  # every folded word the knowledge uses: what typos are fixed to
    # Capitals-only names that are also everyday words ("US" / "us", "USA" / Spanish "usa"):
    # they name the entity only when written in capitals.
    acronyms: frozenset[str] = frozenset()
    # "@id" -> the "@id"s it has a link with, either way ("the mayor's company")
    linked: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # "@id" of people, organisations and documents: who can say something
    speaking: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # "@id" of the entities that are persons
    pronouns: Mapping[str, str] = field(default_factory=dict)  # person "@id" -> "she" / "he"
    quoted: frozenset[str] = frozenset()  # "@id" of those whose words some entry carries
    # the person most entries are about: whom a "he" with no one named stands for
    protagonist: str | None = None
    # "@id" of people the story names by a post they no longer hold ("former Secretary of
    # State"): "the current secretary of state" is someone else
    former: frozenset[str] = frozenset()
    # A word entities are described by ("company", "port", "empresa") -> the "@id"s it
    # describes: what "which company ..." can be answered with
    kinds: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # "@id" of a person -> the terms of the words they are named and described by ("former",
    # "state", "top", "gringo" for Blinken): next to a mention of them, part of the mention
    own_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # the questions people asked before, with what answered them (taught ones among them)
    memory: Memory = field(default_factory=lambda: Memory((), list))

    def known(self, word: str) -> bool:
        """Whether a folded word means something to this knowledge base."""
        stemmed = self.terms.stem(word)
        return word in self.words or stemmed in self.idf or stemmed in self.terms.synonyms


CROSS_STEM_ZIPF = 4.0  # a Spanish stem this common as an English word is a collision


@lru_cache(maxsize=200_000)
def bilingual_stem(word: str) -> str:
    """Snowball English then Spanish, unless the Spanish pass lands on an everyday English word
    ("partido" -> "part", "china" -> "chin"): then the English stem alone."""
    both = stem(word)
    english = english_stem(word)
    if both != english and vocabulary.english_zipf(both) >= CROSS_STEM_ZIPF:
        return english
    return both


# -- the steps ------------------------------------------------------------------------------

def capitalised_words(kb: KnowledgeBase) -> frozenset[str]:
    """Folded words written capitalised in entity and source names."""
    names = [n for e in kb.entities for n in e.names()]
    names += [n for src in kb.sources.values() for n in (src.name, *src.aliases)]
    return frozenset(w for name in names for raw in name.split() if raw[:1].isupper()
                     for w in fold(raw).split() if w not in STOPWORDS)


def lower_case_words(kb: KnowledgeBase) -> frozenset[str]:
    """Folded words the knowledge's prose writes in lower case somewhere ("state-owned")."""
    return frozenset(w for entry in kb.entries.values() for text in entry.prose()
                     for raw in text.split() if raw[:1].islower() for w in fold(raw).split())


def _first_names(kb: KnowledgeBase) -> list[tuple[Entity, str]]:
    """Each person with the first word of their name, when no other person's name starts so:
    people call someone by it alone ("this Rafael fellow", "Nate")."""
    people = [(e, e.name.split()[0]) for e in kb.entities if e.type == "person"
              and len(e.name.split()) > 1]
    firsts = [fold(first) for _, first in people]
    return [(e, first) for e, first in people if firsts.count(fold(first)) == 1
            and fold(first) not in STOPWORDS]


def build_terms(kb: KnowledgeBase) -> Terms:
    capitalised = capitalised_words(kb)
    proper = capitalised - lower_case_words(kb)

    def stems(text: str) -> tuple[str, ...]:
        return tuple(w if w in proper else bilingual_stem(w) for w in fold(text).split()
                     if w not in DROPPED)

    mentions: dict[tuple[str, ...], str] = {}
    named: set[tuple[str, ...]] = set()
    for entity in kb.entities:
        for text in (*entity.names(), *entity.described_as.all()):
            phrase = stems(text)
            if phrase:
                mentions.setdefault(phrase, ENTITY_PREFIX + entity.id)
                if any(w[:1].isupper() for w in text.split()):
                    named.add(phrase)
    for entity, first in _first_names(kb):  # "who is this Rafael guy": him
        mentions.setdefault(stems(first), ENTITY_PREFIX + entity.id)
        named.add(stems(first))
    synonyms: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in kb.synonyms:
        canon = "_".join(stems(group[0])) or fold(group[0])
        synonyms.setdefault(canon, canon)
        for member in group:
            phrase = stems(member)
            if len(phrase) > 1:
                phrases.setdefault(phrase, canon)
            elif phrase:
                synonyms.setdefault(phrase[0], canon)
    partial = Terms(proper, _longest_first(mentions, synonyms), _longest_first(phrases, synonyms),
                    MappingProxyType(synonyms), frozenset(), frozenset(), frozenset(),
                    frozenset(named))

    def canonical(words: Iterable[str]) -> frozenset[str]:
        return frozenset(t for w in words for t in partial.of_text(w))

    return Terms(proper, partial.mentions, partial.phrases, partial.synonyms,
                 soft=canonical(QUESTION_WORDS), framing=canonical(FRAMING_WORDS),
                 speech=canonical(SPEECH_WORDS), named=frozenset(named),
                 stated=stated_words(kb), name_words=capitalised)


def synonym_clashes(kb: KnowledgeBase) -> list[str]:
    """Words of two synonym groups that stem alike: the first group takes both, so the second
    one's word silently means the first's ("financió" stems like "financial")."""
    terms = build_terms(kb)
    owner: dict[str, tuple[str, str]] = {}
    clashes = []
    for group in kb.synonyms:
        for member in group:
            if " " in member.strip():
                continue
            stemmed = terms.stem(fold(member))
            first = owner.setdefault(stemmed, (group[0], member))
            if first[0] != group[0]:
                clashes.append(f"synonyms.yaml: '{member}' (group '{group[0]}') reads like "
                               f"'{first[1]}' (group '{first[0]}'): both mean '{first[0]}'")
    return clashes


def _longest_first(table: dict[tuple[str, ...], str],
                   synonyms: Mapping[str, str]) -> PhraseTable:
    by_first: dict[str, list[tuple[tuple[str, ...], str, tuple[frozenset[str], ...]]]] = \
        defaultdict(list)
    for phrase, term in sorted(table.items(), key=lambda item: (-len(item[0]), item[0])):
        forms = tuple(frozenset((synonyms.get(p, p), bilingual_stem(p))) for p in phrase)
        by_first[phrase[0]].append((phrase, term, forms))
        if len(phrase) > 1 and phrase[0][-1:] == "s" \
                and (stemmed := bilingual_stem(phrase[0])) != phrase[0]:
            # a name's words, kept whole, written another way that stems alike: "Estado Unido",
            # the final s dropped as in Andalusian and Caribbean speech ("Estados Unidos")
            by_first[stemmed].append((phrase, term, forms))
    return MappingProxyType({k: tuple(v) for k, v in by_first.items()})


def entry_speakers(kb: KnowledgeBase, entry: Entry) -> frozenset[str]:
    """Whose words an entry carries: a quote's speaker, the entities behind its sources (and
    whoever wrote or published them: the FDD behind the FDD study)."""
    ids = {entry.speaker} if isinstance(entry, Quote) and entry.speaker else set()
    if isinstance(entry, Entity) and entry.says_who(kb):
        ids.add(entry.id)  # a news outlet's profile: what it reported
    for sid in entry.source_ids():
        source = kb.sources.get(sid)
        behind = kb.entries.get(source.entity) if source and source.entity else None
        if isinstance(behind, Entity):
            ids.add(behind.id)
            ids.update(link.target for link in behind.links if link.relation in SOURCE_RELATIONS)
    return frozenset(ENTITY_PREFIX + i for i in ids)


def entry_about(kb: KnowledgeBase, entry: Entry) -> frozenset[str]:
    """The entities an entry is about, and those whose words it carries; a profile is also
    about what its links name ("is Minmetals owned by the Chinese state": its profile says)."""
    linked = {link.target for link in entry.links} if isinstance(entry, Entity) else set()
    return frozenset(ENTITY_PREFIX + i for i in (*entry.about(), *linked)) \
        | entry_speakers(kb, entry)


def _named_texts(entry: Entry) -> list[str]:
    """What an entry is asked as besides its example questions: titles, keywords."""
    examples = set(entry.questions.all())
    return [t for t in entry.asked_texts() if t not in examples]


def entry_fields(kb: KnowledgeBase, entry: Entry) -> dict[str, list[str]]:
    """The texts of an entry by field: what it is asked as, what it names, what it says."""
    examples = list(entry.questions.all())
    asked = [*_named_texts(entry), *entry.names()]
    body = list(entry.prose())
    linked: list[str] = []
    if isinstance(entry, Entity):
        asked.append(TYPE_WORDS.get(entry.type, ""))
        said = kb.quotes_by_speaker.get(entry.id, [])
        if said:  # "what did X say" is answered by X's profile, which lists the quotes
            asked.append("said")
            body += [q.text for q in said]
        reported = kb.facts_reported_by.get(entry.id, [])
        if reported:  # "what did Justo Medio report": the facts it is cited for
            asked += ["report", "reported"]
            body += [t for f in reported for t in (f.titles.en, f.titles.es)]
    for sid in entry.source_ids():
        source = kb.sources.get(sid)
        if source is not None and not isinstance(entry, Entity):
            linked += [source.name, source.name_es, *source.aliases]
    return {"asked": asked, "examples": examples, "linked": linked, "text": body}


def doc_weights(terms: Terms, fields: dict[str, list[str]], about: frozenset[str],
                own: str | None) -> dict[str, float]:
    """Canonical term -> the strongest field weight it has in the entry."""
    weights: dict[str, float] = {}

    def put(term: str, weight: float) -> None:
        weights[term] = max(weights.get(term, 0.0), weight)

    for term in about:
        put(term, ASKED_WEIGHT if term == own else LINKED_WEIGHT)
    # A word in one example question only is one way of asking ("wait, who owns it?"); the
    # words several examples share are what the entry is asked about.
    used = Counter(t for text in fields["examples"] for t in set(terms.of_text(text)))
    for term, count in used.items():
        if not term.startswith(ENTITY_PREFIX) or term in about:
            put(term, EXAMPLE_WEIGHT * (ONE_EXAMPLE_SHARE if count == 1 else 1.0))
    for field_name, weight in (("asked", ASKED_WEIGHT),
                               ("linked", LINKED_WEIGHT), ("text", TEXT_WEIGHT)):
        for text in fields[field_name]:
            if field_name == "text" and own is None:  # (a profile's other names are links)
                for term in terms.names_in(text):
                    put(term, weight)
            for term in terms.of_text(text):
                if field_name == "text" and term in terms.speech:
                    continue  # answers say "X says ..." to attribute: not an answer to "say"
                if field_name == "linked" and not term.startswith(ENTITY_PREFIX) \
                        and term not in terms.proper:
                    put(term, LINKED_COMMON_WEIGHT)
                else:
                    put(term, weight)
    return weights


def _people(kb: KnowledgeBase, ids: frozenset[str]) -> frozenset[str]:
    return frozenset(i for i in ids if isinstance(e := kb.entries.get(i[1:]), Entity)
                     and e.type == "person")


def _is_speech(terms: Terms, word: str) -> bool:
    """Whether a folded word is a speech word of the knowledge's ("said", "dijo", "quote")."""
    stemmed = terms.stem(word)
    return terms.synonyms.get(stemmed, stemmed) in terms.speech


def _spans(terms: Terms, words: list[str],
           parsed: list[tuple[str, tuple[str, ...]]] | None = None) -> list[tuple[int, int, str]]:
    """(first word, last word, term) of each term of folded `words`, in order (`parsed`: their
    parse, if already made)."""
    kept = [i for i, w in enumerate(words) if w not in DROPPED]
    spans, j = [], 0
    for term, phrase in parsed if parsed is not None else terms.parse(words):
        width = max(len(phrase), 1)
        spans.append((kept[j], kept[min(j + width, len(kept)) - 1], term))
        j += width
    return spans


_PASSIVE = frozenset("is are was were be been being get gets got".split())


_INTENDING = frozenset("piensa piensan pensaba pensando pensandolo".split())
# "the mayor (is) reckoned to run": what others think of him, not his words ("responded to" is his)
_THOUGHT_TO = frozenset("reckoned thought believed said rumoured rumored expected".split())


def _intends(word: str, following: list[str]) -> bool:
    """'Piensa candidatear', 'piensa en lanzarse': an intention, not a view."""
    return word in _INTENDING and bool(following) and (
        following[0] == "en" or following[0].endswith(("ar", "er", "ir", "arse", "erse", "irse")))
# Spanish pronouns before the verb ("quién le pagó", "a RLA le dicen", "quién se reunió")
CLITICS = frozenset("le les lo la los las me te nos".split())


def speakers_named(terms: Terms, words: list[str],
                   parsed: list[tuple[str, tuple[str, ...]]] | None = None) -> frozenset[str]:
    """The entities a question names as speakers (folded words in): before an English speech
    word ("what did Xi say", "Blinken said what"), after a Spanish one ("qué dijo Xi"); what
    follows "says" or "dice que" is what was said, not who said it."""
    found: set[str] = set()
    spoke: int | None = None
    spans: list[tuple[int, int, str]] | None = None  # a name of several words read whole
    for k, word in enumerate(words):
        if (k and words[k - 1] == "se") or _intends(word, words[k + 1:k + 2]) \
                or (word == "dicen" and words[k + 1:k + 2] == ["que"]) \
                or (word in _THOUGHT_TO and words[k + 1:k + 2] == ["to"]):
            continue  # "cómo se llama el alcalde": his name; "piensa candidatear": he intends;
            # "el alcalde dicen que ...": they say; "the mayor reckoned to ...": he is thought
        speech = _is_speech(terms, word)
        if not speech and (word not in OPINION_VERBS or words[k + 1:k + 2] == ["tank"]):
            continue  # ("what does Caltrain think": its view, which is its words; a think
            # tank thinks nothing)
        if spoke is not None and ("what" in words[max(k - 4, spoke + 1):k]
                                  or words[k - 2:k] == ["lo", "que"]):
            continue  # "how did X respond to what Y said": Y's words are what X answered
        spoke = k
        spans = _spans(terms, words, parsed) if spans is None else spans  # (only for a
        # speech word)
        if not speech:  # a view: "does X think", X just before the verb
            if AUXILIARIES.intersection(words[max(k - 5, 0):k]):
                found.update(t for start, end, t in spans
                             if end == k - 1 and t.startswith(ENTITY_PREFIX))
            continue
        window = [i for i in range(max(k - 5, 0), k) if words[i] not in _INSERTED][-4:]
        # (from the start of a name the window would cut: "el ex secretario de estado gringo")
        first = next((start for start, end, _ in spans if window and start < window[0] <= end),
                     window[0] if window else k)
        before = terms.of_words([words[i] for i in range(first, k) if words[i] not in _INSERTED])
        after = terms.of_words(words[k + 1:k + 6]) if words[k + 1:k + 2] \
            and words[k + 1] not in _NOT_A_SPEAKER_NEXT else []
        if word in SPEECH_NOUNS:  # "Xi quote", "la frase de Xi": either side
            if words[k + 1:k + 2] and words[k + 1] in _OF:  # "the words of Xi": the one after
                after = terms.of_words(words[k + 2:k + 7])[:1]
            else:  # only up to a speech verb after it: "con qué palabra le dice el
                # investigador al alcalde", "qué verbo usan pa decir que China ...": the verb
                # tells who speaks, and who is spoken of ("qué palabra usó Picarsic pa decir")
                verb = next((i for i in range(k + 1, min(k + 4, len(words)))
                             if _is_speech(terms, words[i])), None)
                if verb is not None:
                    after = terms.of_words(words[k + 1:verb])
            near = [*before[-2:], *after[:2]]
        elif bilingual_stem(word) in _SPANISH_SPEECH_STEMS \
                or (k and words[k - 1] in _SPANISH_HOW):  # "qué dijo Xi", "Xi qué dijo",
            # "cómo describe el ex secretario ..." (a verb English shares, in Spanish order)
            # "qué dice la nota": the story itself; "Xi dijo algo": the speaker comes first
            # ("qué dijo el alcalde López Aliaga": a title, then the name; not "le dicen el
            # hombre de China", what he is called)
            titled = words[k + 1:k + 2] in (["el"], ["la"]) and bool(after[:1]) \
                and not after[0].startswith(ENTITY_PREFIX) and after[0] not in terms.framing \
                and not (k and words[k - 1] in CLITICS)
            reach = 2 if titled else 1
            told = next((i for i in range(k + 1, min(k + 6, len(words)))
                         if words[i] in ("a", "al")), k + 6)
            # ("le dicen a López Aliaga el hombre de China", "le dice el investigador al
            # alcalde": he is told of, not speaking)
            named_after = [t for t in terms.of_words(words[k + 1:told])[:reach]
                           if t.startswith(ENTITY_PREFIX)][:1] if after else []
            story = bool(after[:1]) and after[0] in terms.framing
            near = [] if story else named_after or before[-1:]
        elif k and words[k - 1] in _INVERTING:  # "what says the Chinese government": after it
            near = [t for t in after[:1] if t.startswith(ENTITY_PREFIX)]
        elif _PASSIVE.intersection(words[max(k - 4, 0):k]) and word.endswith("ed"):
            near = []  # "why is López Aliaga called China's man": he is named, not naming
        else:
            near = before[-1:]
        if k and words[k - 1] in CLITICS:  # "a RLA le dicen ...": he is told of
            near = [t for t in near if t not in before]
        found.update(t for t in near if t.startswith(ENTITY_PREFIX))
    return frozenset(found)


# English question words after which a verb may come before its subject ("what says X")
_INVERTING = frozenset("what how".split())


OPINION_VERBS = frozenset("think thinks thought feel feels believe believes react reacted "
                           "respond responded reply replied reckon reckons reckoned opina "
                           "opinan piensa piensan".split())
# Verbs of a view: "did Picarsic think the gift was enough to counter China?" asks his view
VIEW_VERBS = (OPINION_VERBS - REPLY_VERBS) | frozenset("""felt believed reckon reckons reckoned
    consider considers considered piensa pensaba penso cree creia creyo opina opinaba opino gusto
    parecio considera consideraba""".split())
AUXILIARIES = frozenset("did does do has have had would will".split())
_DETERMINERS = frozenset("the a an el la los las un una".split())


def subject_of_speech(terms: Terms, words: list[str]) -> frozenset[str]:
    """The words that are the subject of a speech verb asked about (folded words in): "what
    does trump think", "how did the ambassador react", "qué opina trump", "trump qué dijo"."""
    # (judged once per word: the scan below asks of each word up to four times)
    speech = frozenset(w for w in set(words) if w in OPINION_VERBS or _is_speech(terms, w)
                       ).__contains__

    found: set[str] = set()  # words
    named: set[str] = set()  # terms
    for i, word in enumerate(words[:-2]):
        rest = [w for w in words[i + 2:i + 6] if w not in _DETERMINERS]
        verb = next((k for k in (1, 2, 3) if k < len(rest) and speech(rest[k])), None)
        if word in ("what", "how") and words[i + 1] in AUXILIARIES and verb is not None:
            found.add(rest[verb - 1])  # "what does trump think", "... the chinese embassy say"
        elif word == "what" and words[i + 1] not in AUXILIARIES \
                and words[i + 1] not in ("s", "that", "this"):
            # chat with no "did" (not "what's that bit say": "what does that bit say")
            said = [w for w in words[i + 1:i + 5] if w not in _DETERMINERS]
            verb = next((k for k in (1, 2, 3) if k < len(said) and said[k] in _BARE_SPEECH), None)
            if verb is not None:
                found.add(said[verb - 1])  # "what peru's president say"
        if word in ("que", "q", "como") and speech(words[i + 1]) and words[i + 2:i + 3] \
                and words[i + 2] not in _NOT_A_SPEAKER_NEXT:
            # "qué opina trump", "qué dijo el embajador"; "cómo describe el ex secretario ...":
            # an entity named in several words
            first = terms.of_words(rest[:4])[:1]
            if first and first[0].startswith(ENTITY_PREFIX):
                named.update(first)
            else:
                found.add(next(iter(rest), words[i + 2]))
    if words[:1] and words[0] in AUXILIARIES:  # "has the Peruvian government responded to ..."
        verb = next((k for k in range(2, min(len(words), 7)) if speech(words[k])), None)
        if verb is not None:
            found.update(w for w in words[1:verb] if w not in _DETERMINERS)
    if len(words) >= 3 and words[1] in ("que", "q") and speech(words[2]):
        found.add(words[0])  # "trump qué opina"
    found.update(words[i - 1] for i, word in enumerate(words[:-1])
                 if i and speech(word) and words[i + 1] == "what"
                 and words[i - 1] not in AUXILIARIES)  # "peru president say what about this"
    return frozenset(named).union(t for w in found
                                  for t in terms.of_words([w]) or [terms.stem(w)])


# Speech verbs a chat question puts right after its subject, with no "did" ("what X say")
_BARE_SPEECH = frozenset("say think reckon mean".split())
# Between a speaker and the speech word, these leave the speaker the speaker ("what did Biden
# himself say", "what has Xi actually said").
_INSERTED = frozenset("himself herself itself themselves actually really ever even also "
                      "personally publicly officially exactly mismo misma realmente".split())
# After a speech word, these start what was said or where, not who said it.
_NOT_A_SPEAKER_NEXT = frozenset("que q en de del sobre a al about on in of to that at algo "
                                 "nada eso esto something anything".split())
_OF = frozenset("of de del from".split())  # "the words of Xi", "la frase de Xi"
_SPANISH_HOW = frozenset("como que q".split())
_SPANISH_SPEECH_STEMS = frozenset(bilingual_stem(w) for w in
                                  "dijo dice dicen decir dicho llama llaman llamo describio "
                                  "declaro hablo menciono opina opinan opino piensa piensan "
                                  "penso cree creen respondio respondieron respondido contesto "
                                  "contestaron contestado reacciono reaccionado".split())


def _quoted_people(terms: Terms, entry: Entry, people: frozenset[str]) -> frozenset[str]:
    """The people an entry carries the words of: those its text has speak ("Blinken said it was
    a chance to ...") and those its example questions ask the words of ("what did Xi say ...";
    "what does Justo Medio say" or "my uncle says" name no one). Not everyone a quoted claim is
    about: "China's man in Peru" is the study's words about the mayor, not his. A quote
    carries its speaker's words only, not those of the people it is about."""
    if isinstance(entry, Quote):
        return frozenset()
    said: set[str] = set()
    for text in entry.prose():
        said |= speakers_named(terms, fold(text).split()) & people
    for question in entry.questions.all():
        said |= speakers_named(terms, fold(question).split()) & people
    return frozenset(said)


def build_doc(kb: KnowledgeBase, terms: Terms, entry: Entry, taught: list[str]) -> Doc:
    fields = entry_fields(kb, entry)
    fields["examples"] = [terms.asking(q) for q in (*fields["examples"], *taught)]
    questions = list(fields["examples"])  # without chat filler, as questions are read
    about = entry_about(kb, entry)
    own = ENTITY_PREFIX + entry.id if isinstance(entry, Entity) else None
    if not isinstance(entry, Entity):
        questions += [entry.title("en"), entry.title("es")]
    speaker = kb.entries.get(entry.speaker) if isinstance(entry, Quote) and entry.speaker \
        else None
    canonical = tuple(dict.fromkeys(" ".join(terms.of_text(q)) for q in questions if q))
    return Doc(
        entry=entry,
        # found by the names of those it concerns, but not about them (nor their words)
        weights=MappingProxyType(doc_weights(
            terms, fields, about | {ENTITY_PREFIX + i for i in entry.concerns}, own)),
        # one of each token set and each sorted form: the same words score the same (fewer
        # rapidfuzz comparisons per question)
        questions=tuple({frozenset(q.split()): q for q in canonical}.values()),
        sorted_questions=tuple(dict.fromkeys(" ".join(sorted(q.split())) for q in canonical)),
        names=frozenset(frozenset(terms.of_text(n)) for n in entry.names()),
        speaker=frozenset(terms.of_text(speaker.name)) if isinstance(speaker, Entity)
        else frozenset(),
        about=about,
        speakers=entry_speakers(kb, entry) | _quoted_people(terms, entry, _people(kb, about)),
        gives=entry_gives(kb, entry, fold(" ".join(entry.prose()))),
        stated=frozenset(t for text in (*fields["text"], *entry.names())
                         for t in terms.of_text(text)),
        literal=frozenset(terms.stem(w) for w in fold(entry.text).split())
        if isinstance(entry, Quote) else frozenset(),
        said=tuple(dict.fromkeys(fold(words) for words in entry.said_words())),
    )


def build_postings(docs: tuple[Doc, ...]) -> dict[str, tuple[tuple[int, float], ...]]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for term, weight in doc.weights.items():
            postings[term].append((number, weight))
    # Asked-field hits first, so a capped scan of a very common word sees the best ones.
    return {t: tuple(sorted(p, key=lambda hit: -hit[1])) for t, p in postings.items()}


def linked_entities(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = defaultdict(set)
    for entity in kb.entities:
        for link in entity.links:
            a, b = ENTITY_PREFIX + entity.id, ENTITY_PREFIX + link.target
            pairs[a].add(b)
            pairs[b].add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


def acronyms(kb: KnowledgeBase) -> frozenset[str]:
    """Folded all-capitals words of entity names that are everyday words too ("US")."""
    raw = {w for e in kb.entities for name in e.names() for w in re.findall(r"[^\W_]+", name)
           if len(w) >= 2 and w.isupper()}
    return frozenset(f for w in raw for f in fold(w).split()) & vocabulary.EVERYDAY_ACRONYMS


def stated_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every folded word the knowledge states, as written (example questions aside)."""
    texts = [t for entry in kb.entries.values()
             for t in (*_named_texts(entry), *entry.names(), *entry.prose())]
    texts += [d for e in kb.entities for d in e.described_as.all()]
    texts += [m for group in kb.synonyms for m in group]
    texts += [n for s in kb.sources.values() for n in (s.name, s.name_es, *s.aliases)]
    return frozenset(w for t in texts for w in fold(t).split())


def knowledge_words(kb: KnowledgeBase, terms: Terms) -> frozenset[str]:
    """Every folded word the knowledge uses, as written; an example question's chat filler
    is not one."""
    asked = [terms.asking(q) for entry in kb.entries.values() for q in entry.questions.all()]
    return terms.stated | frozenset(w for t in asked for w in t.split())


# Where an English description's noun phrase ends ("the company that owns ...": company)
_PHRASE_ENDS = frozenset("""
    of who that which from with in behind at for whose on to by and or near
    """.split())
_ARTICLES = frozenset("el la los las un una unos unas lo the a an".split())


def description_head(text: str, lang: str) -> str | None:
    """The noun a description names its entity by: "the railway company" -> company, "the
    head of the FDD" -> head, "la empresa ferroviaria" -> empresa."""
    words = [w for w in fold(text).split() if w not in _ARTICLES]
    if lang == "es":
        return words[0] if words else None
    ends = next((i for i, w in enumerate(words) if w in _PHRASE_ENDS), len(words))
    return words[ends - 1] if ends else None


def entity_kinds(kb: KnowledgeBase, terms: Terms) -> dict[str, frozenset[str]]:
    """The terms of the nouns entities are called by (the heads of their descriptions, not their
    names) -> the entities each is said of."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity in kb.entities:
        heads = [description_head(t, "en") for t in entity.described_as.en]
        heads += [description_head(t, "es") for t in entity.described_as.es]
        for word in filter(None, heads):
            for term in terms.of_words([word]):
                if not term.startswith(ENTITY_PREFIX):
                    found[term].add(ENTITY_PREFIX + entity.id)
    return {term: frozenset(ids) for term, ids in found.items()}


def description_words(kb: KnowledgeBase, terms: Terms) -> dict[str, frozenset[str]]:
    """"@id" of each person -> the canonical terms of the words of their names and descriptions,
    bar speech and question words (what is asked, even when a description has them) and the
    words that are a mention of another entity by themselves ("US" in "the former US
    secretary")."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity in kb.entities:
        if entity.type != "person":
            continue
        for text in (*entity.names(), *entity.described_as.all()):
            for word in fold(text).split():
                found[ENTITY_PREFIX + entity.id].update(
                    t for t in terms.of_words([word]) if not t.startswith(ENTITY_PREFIX))
    return {key: frozenset(words - terms.speech - terms.soft) for key, words in found.items()}


def build_index(kb: KnowledgeBase) -> Index:
    """Index every entry of `kb`."""
    terms = build_terms(kb)
    taught: dict[str, list[str]] = defaultdict(list)
    for item in kb.taught:
        taught[item.entry].append(item.question)
    docs = tuple(build_doc(kb, terms, entry, taught.get(entry.id, []))
                 for entry in kb.entries.values())
    postings = build_postings(docs)
    total = max(len(docs), 1)
    return Index(
        docs=docs,
        quoted=frozenset().union(*(doc.speakers for doc in docs)),
        postings=MappingProxyType(postings),
        idf=MappingProxyType({t: math.log(1 + total / len(p)) for t, p in postings.items()}),
        max_idf=math.log(1 + total),
        terms=terms,
        words=knowledge_words(kb, terms),
        acronyms=acronyms(kb),
        linked=MappingProxyType(linked_entities(kb)),
        speaking=frozenset(ENTITY_PREFIX + e.id for e in kb.entities
                           if e.type in SPEAKING_TYPES),
        people=frozenset(ENTITY_PREFIX + e.id for e in kb.entities if e.type == "person"),
        pronouns=MappingProxyType({ENTITY_PREFIX + e.id: e.pronoun for e in kb.entities
                                   if e.pronoun}),
        kinds=MappingProxyType(entity_kinds(kb, terms)),
        own_words=MappingProxyType(description_words(kb, terms)),
        protagonist=protagonist(kb),
        former=former_holders(kb),
        memory=Memory(answered_questions(kb), terms.of_words, kb.content_hash),
    )


def answered_questions(kb: KnowledgeBase) -> tuple[AskedBefore, ...]:
    """The questions whose answers are known: those people asked before, those moderators
    taught, and every entry's own example questions."""
    return (*kb.asked_before, *(AskedBefore((t.entry,), t.question) for t in kb.taught),
            *(AskedBefore((e.id,), "\n".join(e.questions.all())) for e in kb.entries.values()
              if e.questions.all()))


_UNIT_TERMS = frozenset(bilingual_stem(u) for u in MEASURE_UNITS)
_FORMER = re.compile(r"\b(former|ex-|ex )", re.IGNORECASE)


def gives_measure(measure: str | None, doc: Doc) -> bool:
    """Whether an entry can give the measure asked: a size in words will do ("a huge port"),
    but one asked in numbers ("how deep", "how old") needs an amount in a unit it states;
    how far may be told in words ("not far from Lima")."""
    if measure not in NUMBER_MEASURES:
        return True
    return "amount" in doc.gives and (measure == "far" or bool(doc.stated & _UNIT_TERMS))


def is_former(entry: Entry) -> bool:
    """Whether an entry is the profile of a person it calls a former holder of their post."""
    return isinstance(entry, Entity) and entry.type == "person" \
        and bool(_FORMER.search(entry.description.en))


def former_holders(kb: KnowledgeBase) -> frozenset[str]:
    """"@id" of the people whose profile calls them a former holder of their post."""
    return frozenset(ENTITY_PREFIX + e.id for e in kb.entities if is_former(e))


def protagonist(kb: KnowledgeBase) -> str | None:
    """"@id" of the person the most entries are about (the story's subject), or None."""
    persons = {e.id for e in kb.entities if e.type == "person"}
    counts = Counter(i for entry in kb.entries.values() for i in entry.about() if i in persons)
    return ENTITY_PREFIX + counts.most_common(1)[0][0] if counts else None
