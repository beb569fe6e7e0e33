"""What each word of a question is, and the word that was meant when it is a typo.

Named rules, in order (the first that applies wins):
  known      the knowledge uses the word (or its stem, or a synonym of it)
  filler     chat around the question: "pls", "lol", "hey", numbers on their own
  name       within edit distance of a word of the knowledge (swaps count as one edit):
             one edit for words of up to 6 letters, two for longer ones ("bamabs" -> bambas);
             between two as close, a word of a name, then the word of the question's language
             ("democracys" is "democracies" in English, "democracias" in Spanish)
  common     a rare spelling one edit from a much commoner word ("waht" -> what, "wen" -> when);
             at the start of a question, question words are preferred ("wich" -> which)
  vocabulary a real English or Spanish word the story does not use: kept as it is, never
             "corrected" into another word ("nope" is not "open"); a Spanish verb form the
             word list lacks is read as the word it is formed from ("transportarían"), a
             plural as its singular ("embarques"), a British spelling it lacks as the
             American one ("favourably")
  unknown    none of these: a name or a word the story does not know
The matcher then reads an unknown word, or a word written as a name, as a person's
  nickname   when it is one of their name's words cut short, perhaps with a pet ending
             ("Blinky": Blinken, "Raffa": Rafael, "Picky": Picarsic)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from heapq import nsmallest

from rapidfuzz.distance import OSA

from bot import vocabulary
from bot.engine.index import ENTITY_PREFIX, Index
from bot.text import QUESTION_WORDS, STOPWORDS, fold

MIN_NAME_TYPO_LEN = 4  # shorter words are too easily "corrected" into something else
LONG_WORD = 7  # from this length a typo may be two edits away
# A story word one edit away is meant over an everyday word one edit away unless that one is
# much commoner: "trians" is trains (4.3) not "trans" (4.4); "waht" is what (6.4), not "wait" (5.4)
STORY_WORD_GAP = 0.5  # zipf (log10) units
RARE_WORD_ZIPF = 4.0  # zipf: a real word rarer than this, never written with a capital ...
RARE_WORD_GAP = 2.0  # ... is read as the story's word one slip away that is this much commoner
TRIGRAM_CANDIDATES = 12  # knowledge words sharing the most trigrams that get a full comparison
MAX_TRIGRAM_POSTING = 1000  # trigrams this common say little about which word was meant
MAX_CACHED = 4096  # words whose verdict is remembered; bounded so odd input cannot grow it
# A nickname: a person's name word cut to at least its first NICKNAME_START letters, and to at
# least half the nickname, then at most NICKNAME_ENDING more letters ("Blink-y", "Raf-fa").
NICKNAME_START = 3
NICKNAME_ENDING = 2
NICKNAME_NAME_LEN = 4  # shorter names ("Xi", "Joe") are cut to nothing one could tell apart

# Words a question may open with: a typo at the start is most likely one of them.
OPENERS = QUESTION_WORDS | frozenset(
    "what which whats is are does did do was were can could que cual cuales como es son fue"
    .split())
KINDS = ("known", "filler", "name", "common", "vocabulary", "unknown")


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of KINDS
    word: str  # the word meant (the correction, or the word itself)


def _grams(word: str) -> set[str]:
    padded = f"<{word}>"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _likelier_slip(typed: str, story: str, common: str) -> bool:
    """Both one slip away, the story's word by a likelier one ("onws": owns, two letters
    swapped, rather than "ones", a neighbouring key struck)."""
    return OSA.distance(typed, story) == 1 == OSA.distance(typed, common) \
        and vocabulary.typo_cost(typed, story) < vocabulary.typo_cost(typed, common)


def _swaps(word: str) -> list[str]:
    """`word` with each two neighbouring letters swapped."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)
            if word[i] != word[i + 1]]


def _nickname_of(word: str, name: str) -> bool:
    shared = next((i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
                  min(len(word), len(name)))
    return word != name and shared >= NICKNAME_START and 2 * shared >= len(word) \
        and len(word) - shared <= NICKNAME_ENDING


class Speller:
    """Judges the words of questions against one index; built with it, dropped with it."""

    def __init__(self, index: Index) -> None:
        self.index = index
        grams: dict[str, list[str]] = defaultdict(list)
        for word in index.words:
            if len(word) >= MIN_NAME_TYPO_LEN - 1 and word.isalpha() and word not in STOPWORDS:
                for gram in _grams(word):
                    grams[gram].append(word)
        self.trigrams = dict(grams)
        self._cache: dict[tuple[str, bool, str], Verdict] = {}
        self._fixes: dict[tuple[str, str], str | None] = {}  # name_fix, also of joined pairs
        # first letters -> (name word, whose) of people's own names: the words of their full
        # name and their one-word aliases ("Porky"), not descriptions ("Secretary of State")
        starts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for doc in index.docs:
            if ENTITY_PREFIX + doc.entry.id in index.people:
                names = [n for n in doc.entry.names() if n == doc.entry.names()[0] or " " not in n]
                for word in dict.fromkeys(w for n in names for w in fold(n).split()):
                    if len(word) >= NICKNAME_NAME_LEN and word in index.terms.name_words:
                        starts[word[:NICKNAME_START]].append((word, doc.entry.id))
        self._name_starts = {k: tuple(v) for k, v in starts.items()}
        vocabulary.common_words()  # built now (3 ms, once a process), not on a question

    def judge(self, word: str, first: bool = False, lang: str = "en") -> Verdict:
        key = (word, first, lang)
        verdict = self._cache.get(key)
        if verdict is None:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            verdict = self._cache[key] = self._judge(word, first, lang)
        return verdict

    def _judge(self, word: str, first: bool, lang: str) -> Verdict:
        if word.isdigit():  # a number the story gives ("2026") counts; any other is noise
            return Verdict("known" if self.index.known(word) else "filler", word)
        if word in vocabulary.NUMBER_WORDS:  # "the two authors": how many is not asked
            return Verdict("filler", word)
        if word in vocabulary.FILLER and word not in self.index.words:
            # (known only by its stem or a synonym's: "naman" is no "name", "pinche" no "pinch")
            return Verdict("filler", word)
        if word in vocabulary.CHAT_SPELLINGS:
            return Verdict("common", vocabulary.CHAT_SPELLINGS[word])
        if lang == "en" and word in vocabulary.ENGLISH_CHAT_SPELLINGS:
            return Verdict("common", vocabulary.ENGLISH_CHAT_SPELLINGS[word])
        if word in STOPWORDS or self.index.known(word):
            return Verdict("known", word)
        american = vocabulary.american_spelling(word)
        if american is not None and not vocabulary.is_real_word(word) and (
                self.index.known(american) or vocabulary.is_real_word(american)):
            return self._judge(american, first, lang)  # "favourably": "favorably"
        dropped_g = vocabulary.dropped_g(word) if lang == "en" else None
        if dropped_g is not None and self.name_fix(word, lang) not in self.index.terms.proper:
            return self._judge(dropped_g, first, lang)  # "runnin": running ("blinkin": Blinken)
        real = vocabulary.is_real_word(word)
        if lang == "es" and (full := vocabulary.dropped_d(word)) is not None:
            return self._judge(full, first, lang)  # "pasao": pasado (a real word)
        if not real and (spelled := vocabulary.spelled_as_said(word)) is not None:
            return self._judge(spelled, first, lang)  # "donashun": donation (a real word)
        base = None if real else vocabulary.word_base(word)  # always shorter: no loop below
        if lang == "es" and base is not None and self.index.known(base):
            return self._judge(base, first, lang)  # "cítame": cita (a quote), before anything
            # it might sound like ("sítame")
        if lang == "es" and not real:
            alike = next((b for w in vocabulary.sounds_alike(word)
                          if (b := w if self.index.known(w) or vocabulary.is_real_word(w)
                              else vocabulary.word_base(w))), None)
            if alike is not None:  # "lansaría": "lanzaría" (lanzar), as it sounds; a known
                return self._judge(alike, first, lang)  # or real word: no loop
        if real and lang == "es" and (form_of := self._known_base(word)) is not None:
            return self._judge(form_of, first, lang)  # "poquito": poco, as the story says it;
            # "viejitos": viejito, viejo
        common = vocabulary.common_word_fix(word, OPENERS if first else frozenset())
        if not real:
            fixed = self.name_fix(word, lang)
            if fixed is None and lang == "es":  # "vanbas": "banbas" as it sounds, a slip of
                fixed = next((f for w in vocabulary.sounds_alike(word)  # "Bambas"
                              if (f := self.name_fix(w, lang)) in self.index.terms.proper), None)
            if fixed and fixed not in self.index.terms.proper and base is not None:
                fixed = None  # "inscribió" is a form of inscribir, not the story's "escribió"
            # The knowledge has everyday words too ("wait" in an example question): "waht" is
            # the commoner "what"; a name stays a name ("bruyer" is Bruyère, not "buyer").
            if fixed and not (common and self._common_meant(word, fixed, common)):
                return Verdict("name", fixed)
        if common:
            return Verdict("common", common)
        if real:
            return Verdict("vocabulary", word)
        if base is not None:  # "transportarían" is "transportar", as the story words it
            return self._judge(base, first, lang)
        if lang == "es" and (verb := vocabulary.verb_slip(word)) is not None:
            return self._judge(verb, first, lang)  # a real word: no loop
        if vocabulary.is_rare_word(word):
            return Verdict("vocabulary", word)  # "pronouncement", "acaparar": no name
        return Verdict("unknown", word)

    def nickname(self, word: str) -> str | None:
        """The person's name word `word` is a nickname of, if it is one person's alone."""
        if len(word) < NICKNAME_START + 1 or not word.isalpha() or self.index.known(word):
            return None
        found = [(name, whose) for name, whose in self._name_starts.get(word[:NICKNAME_START], ())
                 if _nickname_of(word, name)]
        return found[0][0] if len({whose for _, whose in found}) == 1 else None

    def _known_base(self, word: str) -> str | None:
        """The form the knowledge knows that `word` is built on ("poquito": poco), or the
        plain word of a plural diminutive's ("viejitos": viejo, though "viejito" is in the
        list); None when the knowledge knows neither."""
        for form in (vocabulary.word_base(word), vocabulary.sized_base(word)):
            if form is not None and self.index.known(form):
                return form
        return None

    def _common_meant(self, typed: str, story: str, common: str) -> bool:
        """Of a story word and an everyday word both near a typo, whether the everyday one is
        meant: much the commoner, unless the story's is the likelier slip ("onws": owns, not
        "ones"); or the likelier slip itself when the story's word is no name ("doin": doing,
        a g left out, not the story's "down", a key struck), but not over a word that names
        someone ("alcande": alcalde, not "alcance")."""
        story_zipf = vocabulary.zipf(story)
        if story_zipf >= vocabulary.COMMON_ZIPF \
                and vocabulary.zipf(common) > story_zipf + STORY_WORD_GAP:
            return not _likelier_slip(typed, story, common)
        return story not in self.index.terms.proper and not self._names_one(story) \
            and _likelier_slip(typed, common, story)

    def _names_one(self, word: str) -> bool:
        """Whether a story word is by itself a name or description of an entity ("alcalde"),
        which a typo near it in a question about the story most likely means ("alcande")."""
        terms = self.index.terms.of_words([word])
        return bool(terms) and terms[0].startswith("@")

    def rare_fix(self, word: str, lang: str = "en") -> str | None:
        """The story's word a real but rare word is most likely a slip for ("the mayer": mayor),
        when the story's word is far commoner; None otherwise."""
        own = vocabulary.zipf(word)
        if lang != "en" or own >= RARE_WORD_ZIPF:
            return None  # (a Spanish word with its accents folded is often rare but meant:
            # "soltó", "inscribió")
        fixed = self.name_fix(word, lang)
        # (and a word of English: "dots" is no slip for the Spanish "dos" the knowledge uses)
        return fixed if fixed is not None and fixed not in self.index.terms.proper \
            and vocabulary.zipf(fixed) >= own + RARE_WORD_GAP \
            and vocabulary.by_language()[lang].get(fixed, 0.0) >= own else None

    def name_fix(self, word: str, lang: str = "en") -> str | None:
        """The word of the knowledge `word` is a typo of, or None; of two as close, a word of
        its names ("chancey": Chancay, not "chance"), then the one more used in `lang`, then
        the first alphabetically, so the choice is stable."""
        if len(word) < MIN_NAME_TYPO_LEN or not word.isalpha():
            return None
        key = (word, lang)
        if key not in self._fixes:
            if len(self._fixes) >= MAX_CACHED:
                self._fixes.clear()
            self._fixes[key] = self._name_fix(word, lang)
        return self._fixes[key]

    def _name_fix(self, word: str, lang: str) -> str | None:
        counts: Counter[str] = Counter()
        for gram in _grams(word):
            posting = self.trigrams.get(gram, ())
            if len(posting) <= MAX_TRIGRAM_POSTING:
                counts.update(posting)
        limit = 2 if len(word) >= LONG_WORD else 1
        table, proper = vocabulary.by_language()[lang], self.index.terms.proper
        best: tuple[int, bool, float, float, str] | None = None
        # Every word tied with the last of the best few gets compared, whatever order the
        # counting met them in (else the choice would depend on set order, i.e. hash seeds).
        ranked = nsmallest(TRIGRAM_CANDIDATES * 3, counts.items(), key=lambda kv: (-kv[1], kv[0]))
        cut = ranked[min(TRIGRAM_CANDIDATES, len(ranked)) - 1][1] if ranked else 0
        # Two letters swapped share few trigrams with the word meant ("trian": train, whose
        # trigrams it lacks, not "irian"): a swap that is a knowledge word is compared too
        swapped = [(w, cut) for w in _swaps(word) if w in self.index.words]
        for candidate, shared in ranked + swapped:
            if shared < cut:
                break
            distance = OSA.distance(word, candidate, score_cutoff=limit)
            if distance <= limit:
                # (then, of two one slip away, the likelier slip: "mayr" is mayor, not "may")
                slip = vocabulary.typo_cost(word, candidate) if distance == 1 else 0.0
                rank = (distance, candidate not in proper, slip, -table.get(candidate, 0.0),
                        candidate)
                best = rank if best is None or rank < best else best
        return best[-1] if best else None
