"""Measure: a question -> what it asks and about whom, and per candidate entry how well it fits.

The matcher decides nothing; `policy.decide` does, from these measurements alone.

Per question word, a kind (spelling.KINDS) and a weight:
  known       its IDF in the knowledge (question words and "article" count a quarter)
  entity      an "@id" mention (name, alias, typo of one, or curated description)
  vocabulary  a real word the story does not use: weighs by how rare it is in everyday language
              ("pier" more than "thing"); such a word may be a paraphrase or the asked-for thing
  unknown     not a word and not a typo of one: as much as the rarest word of the knowledge
  filler      chat around the question ("pls", "lol", "2"): weighs nothing
Per candidate: coverage (weighted share of the question's terms it has), fuzzy similarity to its
example questions, the named entities it covers, and whether it gives the asked-for thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from heapq import nlargest
from itertools import pairwise
from types import MappingProxyType

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot import vocabulary
from bot.engine.asked import (
    COUNTRY_NOUNS,
    DAY_MEASURES,
    DOING,
    GENERIC_PLACE_NOUNS,
    GIST_WORDS,
    MEASURES,
    MEASURING,
    MONTH_MEASURES,
    NAMING_WORDS,
    NOT_HEADS,
    OPENING_WINDOW,
    PLACE_NOUNS,
    QUESTIONING,
    TOWN_NOUNS,
    Asked,
    asked_thing,
)
from bot.engine.index import (
    AUXILIARIES,
    ENTITY_PREFIX,
    OPINION_VERBS,
    VERB_BREAKS,
    VIEW_VERBS,
    Doc,
    Index,
    bilingual_stem,
    gives_measure,
    speakers_named,
    subject_of_speech,
)
from bot.engine.memory import Memory, Otherwise
from bot.engine.spelling import Speller, Verdict
from bot.knowledge.model import Entity, Quote
from bot.text import DROPPED, IN_QUOTES, MAX_QUESTION_CHARS, QUESTION_WORDS, STOPWORDS, fold

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?¿¡:]\s*$")
_POLAR = frozenset("did does do is are was were will has have can could would".split())
_QUESTION_WORDS = frozenset("""
    who whom whose what which when where why how quien quienes que cual cuales cuando donde
    porque como cuanto cuanta cuantos cuantas
    """.split())
_WHICH_WORDS = frozenset("which what que cual cuales".split())
_ARTICLES_ES = frozenset("el la los las un una unos unas".split())  # "qué" never precedes one
_PLACE_KIND_NOUNS = PLACE_NOUNS | COUNTRY_NOUNS  # nouns a place question may name it by
# Verbs after "qué <noun>" that make the noun the thing asked ("qué partido tiene")
_HAVING = frozenset("tiene tienen tenia tenian tuvo es son era eran fue gana ganaba cobra "
                    "cobraba hay habia".split())
KIND_WORD_WEIGHT = 0.5  # a noun several entities are called by, in an entry about one of them
STAND_IN_WEIGHT = 0.85  # "the think tank guy" in an entry about a person it links
# Person nouns that say which: "the think tank lady" is only a person the knowledge calls "she"
# (Spanish "investigador", "autor" also stand for anyone, as the plural does)
_PERSON_NOUN_PRONOUNS = {
    **dict.fromkeys("""lady ladies gal woman women girl madam mujer senora tipa investigadora
                       autora experta morra jerma patoja piba chava chica dona muchacha""".split(),
                     "she"),
    **dict.fromkeys("""guy dude man bloke chap gentleman fella tipo senor caballero vato chabon
                       pata hombre muchacho""".split(), "he"),
}
_PERSON_NOUNS = frozenset("""
    guy guys dude man woman person people expert experts analyst analysts researcher
    researchers author authors fellow fella fellas bloke chap lady gal gentleman pata tipo tipa
    oke okes
    senor senora caballero experto expertos analista
    analistas investigador investigadora investigadores autor autora autores
    """.split()) | frozenset(_PERSON_NOUN_PRONOUNS)
# ... those that say nothing but "someone"
# Doing in general: "qué andaba haciendo allá", "lo que China le está haciendo" ask what
# happened, in words no entry needs to have (the other forms, "doing", "hizo", "hacer", are
# stopwords already; folded "hacía" is also "hacia", toward)
_DOING = frozenset("haciendo hacia".split())
_ONE_FROM = frozenset("el la los las".split())
_HE = frozenset("he him his himself".split())  # (not Spanish "él": folded, it is "el")
_THAT = frozenset("ese este yer".split())  # "el tipo ese", "este señor", Irish "yer man"
_THAT_BEFORE = _THAT | {"this", "that"}  # ... and "this guy" (not "thanks man, that helped")
# The present, said of a post: whoever holds it now ("the current secretary of state")
PRESENT = frozenset("current currently now new present today todays actual actualmente ahora "
                     "ahorita nuevo nueva hoy".split())
_NOW_REACH = 3  # words between such a word and the post ("the new US secretary of state")
_PLAIN_PERSON_NOUNS = frozenset("""
    guy guys dude fellow fella fellas bloke chap lady gal gentleman pata tipo tipa senor senora
    caballero oke okes loco man morra jerma patoja piba chava chica madam vato chabon
    mujer muchacho muchacha bigwig
    """.split())  # ("China's man" is the story's own phrase)
# ... and, after "ese" / "este", a man of any variety of Spanish ("ese hombre", "el tiguere
# ese", "este vato"): the phrase points at someone, as "he" does
_THAT_GUY_NOUNS = _PLAIN_PERSON_NOUNS | frozenset("""
    hombre senor senora tiguere pana chamo vato mae compa man manito mano pata chabon flaco
    gallo sujeto individuo personaje politico fulano
    """.split())
# English adjective endings: "which political party", "what chinese company" (a named word so
# ending is more likely to describe the next word than to be the thing asked)
_ADJECTIVE_ENDINGS = ("ical", "al", "ic", "ive", "ous", "ese", "ish", "ian", "an", "ful")
_CITING = frozenset("segun according per".split())
# The words that set something aside ("besides the think tank lady, who else wrote it",
# "aparte del puerto, en qué más invierten"): what follows them is not what is asked
SETTING_ASIDE = frozenset({("besides",), ("apart", "from"), ("aside", "from"), ("other", "than"),
                           ("except",), ("except", "for"), ("excepto",), ("salvo",),
                           ("aparte", "de"), ("aparte", "del"), ("ademas", "de"),
                           ("ademas", "del")})
_ASIDE_BY_FIRST = {first: tuple(sorted((p for p in SETTING_ASIDE if p[0] == first), key=len,
                                        reverse=True))  # ("except for": both words)
                   for first, *_ in SETTING_ASIDE}
_ASIDE_REACH = 6  # words after it that may name what is set aside
_ASIDE_OPENERS = frozenset("if as si".split())
MIN_PART = 3  # letters of each word in a phrase typed as one word ("thinktank")
# Little words typed onto a name ("delima", "enlima", "thefdd"), longest first
_GLUED = ("del", "the", "de", "en", "al", "el", "la", "of", "in")
_TRAILING_ARTICLES = ("the", "los", "las", "la", "el")  # typed onto the word before
MIN_NAME_PART = 3  # letters of the name left after one
GLUED_NAME_ZIPF = 5.2  # ... if no commoner than this ("inhouse" is no "in" + the White House)
# Things asked of someone named that only an entry about them gives (not one they wrote)
_OF_WHOM_NAMED = frozenset("role person amount date day month place".split())
# Titles of office: a speaker asked by one is someone of the story only if a name or
# description of the knowledge's has it
_TITLES = frozenset("""president presidente presidenta minister ministro ministra ambassador
    embajador embajadora governor gobernador gobernadora senator senador senadora congressman
    congresista premier chancellor canciller government gobierno authorities autoridades
    ministry ministerio congress congreso embassy embajada""".split())  # (and institutions)
# Words that ask, as a question word or a request does ("give me the gist", "resúmeme la nota")
ASKING = QUESTIONING | frozenset("""whats give tell explain summarize summarise describe
    dame dime explica explicame resume resumeme cuentame resumemela resumime resumimela
    explicamelo explicame contame decime""".split()) | vocabulary.REQUESTING
# Nouns that only say what kind of thing a description already names
_GENERIC_HEADS = frozenset("system systems sistema network red operator operador company "
                           "compania empresa firm firma outfit service servicio "
                           # a name's people: "which White House crew" is the administration
                           "crew team gang folks people lot bunch squad camp side guys "
                           "gente equipo grupo".split())
# Acronyms written with dots: "U.S." is "US" (not the pronoun "u"), "EE. UU." is "EEUU"
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}|\bEE\.\s?UU\.?")
_PERCENT = re.compile(r"(\d?)\s*%")
# "US$1.3 billion", "U$S 65 millones": a currency, not the United States named
_US_DOLLARS = re.compile(r"\b(?:US\s?\$|U\$S)", re.IGNORECASE)
# Irish "your man", "yer one": someone both know of, not anyone of the bot's ("who called your
# man a linchpin")
_YOUR_MAN = re.compile(r"\b(?:your|yer)\s+(man|one|woman|wan|fella)\b", re.IGNORECASE)
_YOUR_ONES = {"man": "guy", "fella": "guy", "one": "one", "woman": "lady", "wan": "lady"}
_LEADING = frozenset("and but y pero entonces then".split())
_NOT_TAGS = frozenset("not no naw nah nope".split())  # "... or not", "... or naw", "o no"
_IS = frozenset("is es was era".split())
_DEFINITE = frozenset("the el la".split())
# between a name and "the ..." in "is Blinken still the Secretary of State?"
_IDENTITY_ADVERBS = frozenset("still really actually ever now currently truly already todavia "
                              "aun realmente actualmente ahora ya".split())
# A statement put for confirmation: "..., right?", "... verdad?", "... no?"
_ALTERNATIVE_SKIP = frozenset("el la los las de del the that of one".split())
_ERA_NOUNS = frozenset("time times era days years administration government tiempo tiempos "
                       "epoca gobierno administracion".split())
_THE_OTHER = frozenset("other otro otra else".split())  # "... o el otro", "or someone else"
# ... or anyone at all: "fue CNN o quién", "was it Amtrak or what": a guess, the answer names
_OR_WHOEVER = _THE_OTHER | frozenset("who quien what que which cual something algo".split())
_CONFIRMING = re.compile(r"\b(right|verdad|no|cierto|correct|true|yeah|si o no|am i wrong"
                         r"( on that| about that)?|me equivoco|no es asi)\W*$")
# The bot's own likes or travels asked ("do you like trains, bot?", "¿te gustan los trenes?",
# "you ever ridden a train?", "¿has ido a Lima?"): it has none
_LIKES_OF_THE_BOT = re.compile(
    r"\b(do|did) (you|u|ya) (like|love|enjoy|hate|prefer)\b|"
    r"(^| )(te|a ti te) (gusta|gustan|gustaria|encanta|encantan)\b|"
    r"\b(you|u|ya) (ever )?(ridden|rode|been to|been on|been in|visited|travell?ed|sailed|"
    r"flown)\b|\b(did|do|have) (you|u|ya) ever (ride|go|visit|travel|take|sail|fly)\b|"
    r"(^| )(has|haz|alguna vez has) (viajado|ido|estado|montado|subido|visitado)\b")
# How the bot itself works: what it reads, where it gets its answers ("do you use", "your
# sources", "de dónde sacas la info")
_HOW_THE_BOT_WORKS = re.compile(
    r"\b(do|did|does|can|could) (you|u) (actually |really |even |just )?(use|read|get|cover|"
    r"learn|search|browse|pull)\b|\b(your|ur) (sources|source|data|info|information|"
    r"knowledge)\b|\b(usas|lees|sacas|consultas|buscas) (tu |tus |la |las )?(info|informacion|"
    r"fuentes|datos|respuestas)\b|"
    # what the bot can be asked: "what can I ask you", "qué cosas puedo preguntarte"
    r"\b(what|que|q)( \w+){0,3} (can|could) (i|we) ask( (you|u))?( about)?$|"
    r"\b(what|que|q)( \w+){0,3} (can|could) (you|u) answer( about)?$|"
    r"\b(que|q)( \w+){0,2} (puedo|podemos|podria) (preguntar|preguntarte|consultar|consultarte)"
    r"( sobre algo| de| sobre)?$|"
    # what the bot can do: "what can you do, only about this article?", "qué sabes hacer"
    r"\b(what|que|q)( \w+){0,2} (can|could) (you|u) (actually |really |even )?do\b|"
    r"\b(que|q) (puedes|sabes) hacer\b|"
    # how to use it: "¿cómo le escribo al bot?", "how do I talk to the bot"
    r"\b(como|how)( do i| can i| should i| le| se)? (escribo|hablo|pregunto|uso|usa|write|"
    r"talk|ask|use|message)( \w+){0,2} (al|el|the|this|to the|a este) bot\b")
# The bot asked what it is: "are you ...", "eres ...", "r u ..."
_TO_THE_BOT = re.compile(r"(^| )(are (you|u)|r u|you are|u are|eres|tu eres|"
                         r"(que|q|what a|such a) (\w+ )?bot)( |$)")  # "que bot tan juicioso"
# Requests that address the bot only to ask the question
_REQUEST = re.compile(
    r"\b(can|could|would|will|do|did) (you|u) (please )?(tell|explain|give|help|say|let|show|"
    r"summari[sz]e|remind|clarify|confirm|describe|walk|break)\b|\b(you|u) know\b|"
    r"\b(me )?(puedes|podrias|podria|puede|pueden) (decir|explicar|contar|dar|ayudar|resumir|"
    r"aclarar|confirmar)|\bsabes (si|que|quien|cuando|donde|cuanto|como|algo)\b")
# Words of the asker about themselves ("yo" is also "hey", so only in a clause, not alone)
FIRST_PERSON = frozenset("i im ive my me we our mi mis nosotros".split())
_ABOUT_ME = FIRST_PERSON | frozenset('''id mine us yo nos tengo entiendo necesito estoy quiero
    lei vi creo pienso recuerdo'''.split())
# Who says so, in words that name no one source ("according to the researchers").
_CITED_NOUNS = frozenset('''
    researchers researcher authors author experts expert analysts analyst writers writer
    investigators reporters reports sources media press piece paper papers findings
    investigadores investigador autores autor expertos experto analistas analista fuentes medios
    prensa reportes informes hallazgos
    '''.split())
_ANY_NAMING = frozenset(w for words in NAMING_WORDS.values() for w in words
                        if not w.startswith("exact"))  # "what exact day": the day is named
_WHO = frozenset("who whom whose quien quienes".split())


@dataclass(frozen=True)
class Thresholds:
    """Every tunable number of matching and deciding; overridable from config (`thresholds:`).

    Calibrated on tests/eval/dev.yaml (see bench/calibrate.py); checked on the blind sets.
    """

    min_coverage: float = 0.7  # 0..1 weighted share of the question the entry must cover
    long_question_terms: int = 7  # a question with this many content terms or more ...
    long_min_coverage: float = 0.45  # ... needs only this coverage (0.55 until session 9:
    # 0.45 answers 57 more right and 5 more wrong or false over 9,300 studied questions)
    min_score: float = 0.55  # 0..1 combined score to answer without asking
    agreed_coverage: float = 0.5  # 0..1 coverage enough when the best-covering entry also has
    agreed_fuzzy: float = 0.7  # 0..1 ... the closest example questions, at least this close
    # (0.8 until session 9: 0.7 answers 7 more right, none wrong, over the studied questions)
    clarify_score: float = 0.3  # 0..1 combined score to offer "did you mean" instead
    clarify_margin: float = 0.06  # 0..1 an entry giving what is asked is offered first if its
    # score is this close to the best one's
    clarify_named_margin: float = 0.15  # 0..1 ... or this close, when the best one leaves out
    # something the question names
    not_said_margin: float = 0.15  # 0..1 "the story doesn't say" only if every entry giving
    # what is asked scores this much below the best fitting one
    wording_lead: float = 0.1  # 0..1 between two related entries tied on score, the one whose
    # example questions are this much closer to the question's wording is the answer
    tie_margin: float = 0.02  # 0..1 lead the best entry needs over a different runner-up
    exact_wording: float = 0.99  # 0..1 fuzzy at which a question is one of an entry's own
    # examples, bar stopwords: tied on score, it is that entry's
    offer_wording_lead: float = 0.05  # 0..1 of two suggestions tied on score, the one whose
    # example questions are this much closer to the question's wording is offered first
    overview_margin: float = 0.05  # 0..1 when one speaker's quotes tie, a fact reporting their
    # words this close to the best is the answer ("what did Blinken say")
    coverage_share: float = 0.7  # 0..1 weight of coverage in the score (the rest is fuzzy)
    soft_factor: float = 0.25  # 0..1 weight of question words and "article" vs content words
    vocabulary_factor: float = 1.0  # 0..1 weight of a real word the story does not use
    chat_evidence: float = 0.3  # 0..1 story-specific weight below which a line is just chat
    story_specific: float = 0.5  # 0..1 how rare in everyday language a word must be to tie a
    # question to the story by itself; an answer needs one such word or an entity
    one_word_specific: float = 0.75  # 0..1 a one-word line needs a word this rare (or a name)
    sure_fuzzy: float = 0.85  # 0..1 similarity to an example question that ties a line of
    # everyday words to the story ("too little too late")
    sure_coverage: float = 0.95  # 0..1 ... or an entry covering 2+ of its words this fully
    max_missing_specific: float = 1.0  # 0..1 a missing real word this story-specific (rare in
    # everyday language) may be the very thing asked: ask "did you mean" instead of answering
    quote_bonus: float = 0.08  # 0..1 added to quotes when the question asks who said something
    # 0..1 added to a quote that has one of the question's words as written, where synonyms
    # would make another fit alike ("connect to each other", not "strengthen the ties")
    literal_bonus: float = 0.15
    # 0..1: how much a word known only from example questions is weighed by its rarity in the
    # language (1: fully, like a word the story never uses; 0: like a word the story states)
    example_word_commonness: float = 0.5
    entity_bonus: float = 0.1  # 0..1 added to an entity when the question is only its name
    fuzzy_reach: float = 0.12  # 0..1 example questions are compared for entries that could
    # still come this close to the best score (further back they cannot matter; 0.15 until
    # session 11: an entry that far behind whose examples read closer kept the best from
    # answering; 0.12 answers 7 more right, none wrong, over 12,085 studied questions)
    candidates: int = 20  # entries scored in full after the index lookup ...
    rough_share: float = 0.3  # 0..1 ... if their rough index score is this share of the best
    max_scan: int = 2000  # postings read per word; a very common word is capped
    excluded_penalty: float = 0.3  # 0..1 taken from an entry about what the question sets
    # aside ("apart from the port, what else is China funding in Lima": not the port's)
    quoted_match: float = 90.0  # 0..100 rapidfuzz partial ratio at which words the question
    # puts in quotation marks are the words an entry reports ("who called him 'China's man'")
    # 0..1 a question asked before this near (Dice of the terms) to an unsure one, and this much
    # nearer than any answered otherwise (by another entry or none), settles it: its entry is
    # the answer; and one answered otherwise as near, by the lead, unsettles a sure answer
    # (calibrated with dev-blind90 asked before, on blind91-110: lead 0.15 answered 23 fewer
    # right and as many wrong or false; 0.1, 10 more right and 1 more wrong or false; nearness
    # 0.6 until session 22, see policy.asked_before)
    asked_before_near: float = 0.5
    asked_before_lead: float = 0.12
    # 0..1 ... or this slimmer lead, when the entry has every word the question asks beyond
    # the one asked before (0.08 to 0.02 answer alike on blind91-146)
    asked_before_slim_lead: float = 0.04
    # 0..1 one asked before less near than this needs the entry to have each rare real word
    # asked beyond it ("anyone ever taken the train from Paris to London" is 0.57 near one
    # about the trains)
    asked_before_sure_near: float = 0.6
    # 0..1 the entry offered first by `asked_of_another` answers when the question asked
    # before is this near (each read set judged with the memory of the others, blind91-150:
    # 0.75 answered 32 more right, 1 wrong, 1 false; 0.7: 38 right, 2 wrong, 2 false)
    asked_of_another_sure: float = 0.75
    # A long line not answered whole ("Oiga, estoy leyendo la noticia con mi marido y no nos
    # ponemos de acuerdo: ¿la mina es solo de los chinos?") is judged by its question sentence
    # alone: from this many words, when that answers one of the line's first
    # `question_part_rivals` candidates (session 23, each read set judged with the memory of
    # the others, blind91-150: 19 more right, 1 more false, none wrong; its last question
    # instead of its first: 2 wrong, 3 false)
    question_part_words: int = 12
    question_part_rivals: int = 3


@dataclass(frozen=True)
class Term:
    term: str
    kind: str  # known | entity | vocabulary | unknown
    weight: float
    specific: float  # 0..1 how story-specific (rare in everyday language) the word is
    word: str  # the folded word it came from, for telling people what the story lacks
    framing: bool = False  # a word for the story itself ("article", "noticia")
    soft: bool = False  # a question word ("who", "how much"): says what is asked, not about what


@dataclass(frozen=True)
class Question:
    """What the matcher understood of a question."""

    text: str
    words: tuple[str, ...]  # folded words, typos corrected, filler removed
    filler: tuple[str, ...]
    terms: tuple[Term, ...]
    corrections: tuple[tuple[str, str], ...]
    mentions: frozenset[str]  # "@id" of every entity named or described
    asked: Asked
    evidence: float  # 0..1 how much of the question is story-specific vocabulary
    social: bool  # only greetings, thanks, reactions or words about the bot
    measure_term: str | None = None  # canonical term of the measured word ("long", "employees")
    # Entity pairs named as one noun phrase ("the mayor's railway company", "la empresa del
    # alcalde") that the knowledge links: an entry about one of them is about the phrase.
    compounds: tuple[tuple[str, str], ...] = ()
    asks_who: bool = False  # opens with who / whose / quién: the speaker is what is asked
    polar: bool = False  # a yes/no question ("did he win ...?"): its verb is what is asked
    chat_kind: str = "chat"  # if it is chat: thanks | greeting | bot | chat
    # Entities named next to a speech word ("what did Blinken say", "q dijo Picarsic"): whose
    # words are asked for
    speakers: frozenset[str] = frozenset()
    # Entities named as the source ("según Picarsic", "according to the FDD", "per the study"):
    # who says it, not what is asked about
    cited: frozenset[str] = frozenset()
    # A place asked for inside a named one ("which city in California"): the knowledge does not
    # say which places lie inside which, so naming the outer place is no answer
    within: str | None = None
    # Organisations named with a person noun ("the think tank guy", "el pata de la FDD"): a
    # person linked to them is meant (the knowledge says who): org -> those people
    stand_ins: Mapping[str, frozenset[str]] = field(default_factory=dict)
    with_person: bool = False  # "... with López Aliaga", "con el alcalde": someone beside him
    # Names offered as alternatives ("Biden or Trump", "¿en Lima o en California?"): the answer
    # names one of them, so an entry needs only one
    alternatives: tuple[tuple[str, str], ...] = ()
    lang: str = "en"  # the asker's language ("en" / "es"): of typos and of the reply
    # A kind asked by a description more than one entity answers to ("qué empresa de trenes"):
    # the term of its noun; the answer is about one of that kind
    kind: str | None = None
    # Folded words the asker wrote with a capital (none when the whole line is in capitals)
    capitalised: frozenset[str] = frozenset()
    # Words the story never uses or kind nouns next to a speech verb ("what does trump think",
    # "qué opina el gobierno"): a speaker too
    speaker_words: frozenset[str] = frozenset()
    # Terms of nouns several entities are called by ("the company"): an entry about any of them
    # has what they say
    kind_words: frozenset[str] = frozenset()
    # The person a yes/no question asks to be someone ("is Picarsic the mayor of Lima?"): who
    # they are is the answer, whether or not they are that
    identity: str | None = None
    # A speaker named by a title the story gives no one of that description ("what did the
    # Peruvian president say", "qué opina la presidenta del Perú"): the title, folded
    untitled_speaker: str | None = None
    speech: frozenset[str] = frozenset()  # terms of its speech words ("say", "dice", "quote")
    # The one entity a line asks who or what it is before going on ("quién es el alcalde de
    # Lima y qué tiene que ver con China"): "@id", or None
    asked_first: str | None = None
    # Passages the asker puts in quotation marks, folded (2 words or more): the story's words
    quoted: tuple[str, ...] = ()
    # Someone beside those named is asked for ("who did he travel with", "¿con quién fue?")
    companion: bool = False
    # Each stemmed word to the term it is read as: "pago" and "gasto" are one term, whose word
    # is one of them
    term_of: Mapping[str, str] = field(default_factory=dict)
    # Entities the question sets aside ("besides Picarsic, who wrote it"): not what is asked
    excluded: frozenset[str] = frozenset()

    def term_of_word(self, word: str) -> str:
        """The term a folded word of the question is read as (the word itself if none)."""
        return self.term_of.get(bilingual_stem(word), word)

    @property
    def content(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.weight > 0)

    def people_meant(self, speakers: frozenset[str]) -> frozenset[str]:
        """`speakers` with each organisation named with a person noun ("what did the think
        tank guy say") read as its people."""
        for org, people in self.stand_ins.items():
            if org in speakers:
                speakers = (speakers - {org}) | people
        return speakers


@dataclass(frozen=True)
class Candidate:
    """One entry's fit to a question."""

    doc: Doc
    score: float
    coverage: float
    fuzzy: float
    covered: tuple[str, ...]
    missing: tuple[Term, ...]
    entities_missing: tuple[str, ...]  # named entities the entry is not about
    gives_asked: bool
    quotes_it: bool = False  # it reports, as someone's words, what the question quotes

    @property
    def id(self) -> str:
        return self.doc.entry.id

    def is_about(self, entities: frozenset[str]) -> bool:
        """Whether the entry itself is about one of these "@id"s (not merely sourced from
        them: a trip Justo Medio reported is no entry about Justo Medio)."""
        return any(ENTITY_PREFIX + e in entities for e in self.doc.entry.about())


@dataclass(frozen=True)
class Measured:
    question: Question
    ranked: tuple[Candidate, ...]  # best first
    memory: Memory = field(default_factory=lambda: Memory((), list), repr=False)
    # those a view or words are asked of whose words no entry carries ("what does Caltrain think")
    unquoted: frozenset[str] = frozenset()

    def asked_before(self, entry: str) -> float:
        """How near the question is to the nearest question asked before that `entry` answers
        (measured only when the policy asks, as the next: they compare many questions)."""
        return self.memory.same(self.question.text, entry)

    def asked_beyond(self, entry: str) -> tuple[float, frozenset[str]]:
        """... and the terms it has beyond that nearest question."""
        return self.memory.nearest(self.question.text, entry)

    def asked_before_otherwise(self, entry: str, floor: float) -> Otherwise:
        """... and the nearest one that `entry` does not answer, if at least `floor` near."""
        return self.memory.other(self.question.text, entry, floor)

    @property
    def margin(self) -> float:
        """The best entry's lead over the runner-up."""
        if len(self.ranked) < 2:
            return 1.0
        return self.ranked[0].score - self.ranked[1].score


_RUNNING = frozenset("run runs running runnin".split())


def asks_an_act(question: Question) -> bool:
    """Why, when or what something was done ("pq fue a California", "qué fue a hacer allá"):
    told by the fact of the act, not by the profile of the place it was done in."""
    asked = question.asked.thing
    return asked in ("reason", "date") or (asked == "description"
                                           and bool(DOING.intersection(question.words)))


_MY = frozenset("my mi mis our nuestro nuestra nuestros nuestras".split())


def _acquaintances(kept: list[str]) -> frozenset[str]:
    """The word after "my <someone>" ("mi compadre Manolo", "my cousin Dave"): the name of
    someone the asker knows, which the story need not mention."""
    return frozenset(w for i, w in enumerate(kept) if i > 1 and kept[i - 2] in _MY)


def _fuzzy(shared: _Shared, doc: Doc) -> float:
    """Similarity to the entry's closest example questions: the best token-sort and the best
    token-set ratio, each found in one rapidfuzz call over the list (C loops, not Python)."""
    if not doc.questions:
        return 0.0
    by_order = process.extractOne(shared.sorted_query, doc.sorted_questions, scorer=fuzz.ratio,
                                  processor=None)
    by_set = process.extractOne(shared.query, doc.questions, scorer=fuzz.token_set_ratio,
                                processor=None)
    return (by_order[1] + by_set[1]) / 200


class _Shared:
    """What every candidate's fit needs from the question, worked out once."""

    def __init__(self, question: Question, soft: frozenset[str],
                 stem: Callable[[str], str]) -> None:
        self.total = sum(t.weight for t in question.terms) or 1.0
        self.query = " ".join(t.term for t in question.terms)
        self.sorted_query = " ".join(sorted(self.query.split()))  # token_sort_ratio, half done
        self.content = frozenset(t.term for t in question.content if not t.soft
                                 and (t.kind != "known" or t.term not in soft))
        # words read as a synonym's term: a quote that has the word itself says it so
        self.literal = frozenset(stem(t.word) for t in question.terms
                                 if t.kind == "known" and not t.soft and stem(t.word) != t.term)


def _evidence(terms: list[Term]) -> float:
    """0..1: how much of the question's weight is story-specific words and entities."""
    content = [t for t in terms if t.weight > 0]
    specific = sum(t.weight * t.specific for t in content if t.kind in ("known", "entity"))
    return specific / (sum(t.weight for t in content) or 1.0)


def _polar(kept: list[str], text: str, lang: str) -> bool:
    """A yes/no question: "did he win ...?", or in Spanish a '?' with no question word ("¿ya
    respondió RLA?"); in English such a line is a fragment ("FDD meaning?", "chancay cost?")."""
    said = [fold(w) for w in _WORD.findall(text)[-2:]]
    if (len(said) == 2 and said[0] in ("or", "o") and said[1] in _NOT_TAGS) \
            or (said[-1:] == ["or"] and kept[-1:] == ["or"]):
        return True  # "so he win the election or not", "ganó o no": yes or no, however asked;
        # "did he win in 2026 or": the "not" left unsaid
    if "or" in kept or "o" in kept:
        return False  # "Biden or Trump?": an alternative, which the answer names, not yes/no
    opening = next((w for w in kept if w not in vocabulary.FILLER and w not in _LEADING), None)
    if opening in _POLAR:  # (also after "so", "and", "pero": "so did he ...")
        return True
    return lang != "en" and "?" in text and not _QUESTION_WORDS.intersection(kept)


_SAID = frozenset("said says say words quote quoted wrote dijo dice escribio palabras".split())


@dataclass(frozen=True)
class _Case:
    """What a question's capitals say, read once: nothing when the line is shouted ("IS THE
    MAYOR CORRUPT")."""

    upper: frozenset[str] = frozenset()  # folded words written all in capitals ("US", "FFD")
    inside: frozenset[str] = frozenset()  # capitalised inside a sentence: names ("Bay Area")
    anywhere: frozenset[str] = frozenset()  # written with a capital at all


def _asks_companion(kept: list[str]) -> bool:
    """'With whom' is asked: "con quién", "with whom", "who did he go with"."""
    pairs = set(pairwise(kept))
    return bool(pairs & _WITH_WHOM) or (  # (not "who is she with": where she works)
        len(kept) > 2 and kept[0] in ("who", "whom") and kept[-1] == "with"
        and kept[1] in AUXILIARIES)


_WITH_WHOM = frozenset({("con", "quien"), ("con", "quienes"), ("with", "whom"), ("with", "who")})


def _emphasised(token: str) -> bool:
    """A common word in capitals for emphasis ("raking in EVERY YEAR"), not a name."""
    return len(token) > 3 and token.isupper() \
        and vocabulary.zipf(fold(token)) >= vocabulary.COMMON_ZIPF


def _case_of(text: str) -> _Case:
    tokens = _WORD.findall(text)
    letters = [w for w in tokens if w.isalpha() and len(w) > 1]
    if len(letters) >= 3 and sum(w.isupper() for w in letters) >= 0.8 * len(letters):
        return _Case()  # shouted
    return _Case(
        upper=frozenset(fold(w) for w in tokens if w.isupper()),
        inside=frozenset(fold(w) for i, w in enumerate(tokens) if i and w[:1].isupper()
                         and not _SENTENCE_END.search(text[:text.find(w)][-3:])
                         and not _emphasised(w)),
        anywhere=frozenset(fold(w) for w in tokens if w != w.lower()))


def _asks_who(kept: list[str]) -> bool:
    """Who is asked for: "who ..." at the start, or "whose words" / "who said" anywhere ("'A
    powerful beachhead' - whose words are those?")."""
    return bool(_WHO.intersection(kept[:OPENING_WINDOW])) or any(
        w in _WHO and kept[i + 1:i + 2] and kept[i + 1] in _SAID for i, w in enumerate(kept))


def chat_kind(words: list[str]) -> str:
    """What kind of chat a line is, for the friendly reply: thanks, a goodbye, a greeting, words
    to the bot, or other chat."""
    present = set(words)
    if present & vocabulary.THANKS:
        return "thanks"
    if present & vocabulary.FAREWELLS:
        return "farewell"
    if present & vocabulary.GREETINGS:
        return "greeting"
    if present & (vocabulary.YOU | vocabulary.ABOUT_BOT):
        return "bot"
    return "chat"


def _weights(question: Question, doc: Doc,
             kinds: Mapping[str, frozenset[str]]) -> Mapping[str, float]:
    """The entry's term weights, with "the think tank guy" standing for a person it links, and
    the kind asked for ("which company") for an entry about one of that kind (PeruRail)."""
    extra = {org: STAND_IN_WEIGHT for org, people in question.stand_ins.items()
             if org not in doc.weights and any(p in doc.weights for p in people)}
    kind = question.kind or (question.measure_term if question.asked.thing == "description"
                             else None)
    if kind is not None and kind not in doc.weights and kind in kinds \
            and _of_kind(doc, kinds[kind]):
        extra[kind] = STAND_IN_WEIGHT
    for term in question.kind_words:  # "the company" in an entry about PeruRail
        if term not in doc.weights and (doc.speakers & kinds[term] if term in
                                        question.speaker_words else _of_kind(doc, kinds[term])):
            extra[term] = KIND_WORD_WEIGHT  # ("what did the government say": its words)
    return {**doc.weights, **extra} if extra else doc.weights


def _of_kind(doc: Doc, entities: frozenset[str]) -> bool:
    """Whether the entry is, or is about, one of these entities (those a kind noun names)."""
    return ENTITY_PREFIX + doc.entry.id in entities or bool(doc.about & entities)


def _entities_missing(question: Question, doc: Doc,
                      weights: Mapping[str, float]) -> tuple[str, ...]:
    """Named entities the entry does not cover (one of a linked pair named together will do).
    In "who said the mayor is working with China" they are what was said, in the asker's words:
    the passage may say "this individual"; what it covers still counts."""
    if question.asked.thing == "words" and question.asks_who and doc.entry.kind != "entity":
        return ()
    missing = {m for m in question.mentions if m not in weights}
    for a, b in (*question.compounds, *question.alternatives):
        if a in weights or b in weights:
            missing -= {a, b}
    return tuple(sorted(missing))


def _compounds(names: list[str], mentions: frozenset[str],
               linked: Mapping[str, frozenset[str]]) -> tuple[tuple[str, str], ...]:
    """Names that qualify the one before them, which the knowledge links to it: "the mayor of
    Lima", "el megapuerto chino en Perú" (the port, China's, in Peru)."""
    pairs = []
    for i, a in enumerate(names):
        if a not in mentions:
            continue
        for b in names[i + 1:]:
            if b not in linked.get(a, ()):
                break
            pairs.append((a, b))
    return tuple(pairs)


def only_concerned(mentions: frozenset[str], doc: Doc) -> frozenset[str]:
    """The entities named that an entry only concerns (see Fact.concerns), not is about."""
    if not doc.entry.concerns:
        return frozenset()
    return frozenset(m for m in mentions
                     if m[len(ENTITY_PREFIX):] in doc.entry.concerns and m not in doc.about)


def specificity(word: str, stemmed: str = "") -> float:
    """1 for a word nobody uses outside the story ("Chancay"), ~0.1 for "the"; a rare form of
    a common word ("serás" of "ser") is as common as the word."""
    common = max(vocabulary.zipf(word), vocabulary.zipf(stemmed) if stemmed else 0.0)
    return min(1.0, max(0.1, (7.0 - common) / 4.0))


# "what is the <thing> of / in / like": the thing is what is asked.
_WHAT_THE = tuple(tuple(o.split()) for o in (
    "what the", "what is the", "what was the", "what are the", "what were the", "cual es el",
    "cual es la", "cual era el", "cual era la", "cuales son los", "cuales son las", "como es el",
    "como es la", "como esta el", "como esta la"))
# "who is", "quién es" ("who's" is read as "who" or "whos"): asking who, or for a post
_WHO_IS = tuple(tuple(o.split()) for o in (
    "who is", "who s", "whos", "who", "who was", "who are", "quien es", "quien era",
    "quienes son"))
_WHAT_IS = tuple(tuple(o.split()) for o in ("what is", "what s", "whats", "que es", "que son",
                                            "que era"))
# What may follow the one named: more asked ("and", "y") or said of it ("that", "esa que")
_JOINTS = frozenset("and y that which who que".split())
_WHO_THE = tuple((*w, d) for w in _WHO_IS for d in ("the", "el", "la", "los", "las"))
_AFTER_HEAD = frozenset("of in like for at to de del en para".split())
# Nouns that ask about what the story says rather than name a thing it may lack.
_ASKING_NOUNS = frozenset('''
    evidence proof basis reason point idea deal story gist context background mood tone meaning
    significance purpose goal impact situation relationship connection link view take opinion
    argument claim case problem issue concern worry fuss controversy scandal summary status
    trend evolution picture outlook tendencia evolucion panorama
    evidencia prueba base razon punto idea historia contexto fondo tono significado proposito
    objetivo impacto situacion relacion conexion vinculo opinion argumento problema tema lio
    escandalo resumen estado
    '''.split())


_THIS = frozenset("the this that a el la ese esa este esta un una".split())


def _asked_who_is(before: list[str]) -> bool:
    """'Who is this (fella)', 'quién es el (pata)': the person noun that follows only asks who."""
    return bool(before) and before[-1] in _THIS \
        and any(tuple(before[-1 - len(w):-1]) == w for w in _WHO_IS)


# A passage in quotation marks, or in single quotes around words (not an apostrophe's "s")
_QUOTED = re.compile(IN_QUOTES.pattern + r"|(?<!\w)['‘’]([^'‘’]+)['‘’](?!\w)")
QUOTED_WORDS = 2  # fewer words in quotation marks are a word's mention, not a passage


def quoted_passages(text: str) -> tuple[str, ...]:
    """The folded passages a question puts in quotation marks."""
    found = (fold(a or b) for a, b in _QUOTED.findall(text))
    return tuple(p for p in found if len(p.split()) >= QUOTED_WORDS)


def _reports(doc: Doc, quoted: tuple[str, ...], cutoff: float) -> bool:
    """Whether the entry reports, as someone's words, a passage the question quotes (the
    passage within those words; a longer passage is not found in a shorter one)."""
    if not quoted or not doc.said:
        return False
    return any(len(p) <= len(said) and fuzz.partial_ratio(p, said) >= cutoff
               for p in quoted for said in doc.said)


def _specifies(words: list[str]) -> bool:
    """A clause saying how the answer is wanted: "salary-wise", "día y mes", "in short"."""
    return any(w.endswith("wise") or w in MEASURING or w in GIST_WORDS or w in DAY_MEASURES
               for w in words)


# Spanish chat's "like" ("tipo quién tiene la mayoría"), a noun only after a determiner
_LIKE = frozenset(("tipo",))
_DETERMINERS = frozenset("el un ese este aquel otro al del cada mismo".split())
# Words that open a relative clause after a noun ("the mine that ...", "la mina que ...")
# ("which" is left out: "... going to Lima, which Bay Area operator?" asks, commas being lost)
_RELATIVES = frozenset("that whose que cuyo cuya cuyos cuyas".split())
_DEMONSTRATIVES = frozenset("ese esa este esta aquel aquella".split())
_UNSTRESSED_QUE = re.compile(r"\b(que|q|k)\b", re.IGNORECASE)  # not "qué": that one asks
_ACCORDING = frozenset("segun according per".split())
_OF = frozenset("of from de del desde".split())
RELATIVE_REACH = 6  # words a relative clause runs to at most (bar articles and prepositions),
# without punctuation to end it
# A nickname written in lower case is this long at least: shorter ones are too often some other
# slang ("bruk", broke, is no "Bruyère"); written as a name, "Rafa" is one
NICKNAME_LOWER_LEN = 5


class Matcher:
    """Built once per knowledge base; `measure` is the per-question path."""

    def __init__(self, index: Index, thresholds: Thresholds) -> None:
        self.index = index
        self.t = thresholds
        self.speller = Speller(index)
        self._stated = frozenset(t for d in index.docs for t in d.stated)  # words not only asked
        self._short_names = {n: tuple(sorted(a for a in index.terms.proper
                                             if len(a) == n and a.isalpha()))
                             for n in (3, 4)}  # what a short word in capitals may be
        terms = index.terms
        self.quote_terms = terms.speech
        # each entity's own profile, by its term: one named is always a candidate
        self._profiles = {ENTITY_PREFIX + d.entry.id: n for n, d in enumerate(index.docs)
                          if d.entry.kind == "entity"}
        # organisations and documents: whose people a person noun beside them can be
        self._bodies = frozenset(ENTITY_PREFIX + d.entry.id for d in index.docs
                                 if isinstance(d.entry, Entity)
                                 and d.entry.type in ("organisation", "document"))

        # (a place, a person noun) a quote's own words put together: "China's man", and its
        # keywords, its words in other languages ("el hombre de China")
        self._quoted_nouns = frozenset(
            (place, word) for d in index.docs if isinstance(d.entry, Quote)
            for word in fold(" ".join((d.entry.text, d.entry.context.en, d.entry.context.es,
                                       *d.entry.keywords))).split()
            if word in _PERSON_NOUNS
            for place in d.weights if place.startswith(ENTITY_PREFIX)
            and place not in self._bodies and place not in index.people)

    def understand(self, text: str) -> Question:
        """What a question asks and about whom: its words judged, its terms weighed."""
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", "").replace(" ", ""), text)
        # "what % of Las Bambas" asks a share; "100 %" gives one
        text = _PERCENT.sub(lambda m: m.group(0) if m.group(1) else " percent ", text)
        text = _US_DOLLARS.sub("$", text)
        text = _YOUR_MAN.sub(lambda m: f"that {_YOUR_ONES[m.group(1).lower()]}", text)
        folded = fold(text[:MAX_QUESTION_CHARS])
        words = folded.split()
        asking, about_me = vocabulary.drop_introductions(text[:MAX_QUESTION_CHARS])
        asking, asides = vocabulary.drop_asides(asking, self._tells)
        asking, remarks = vocabulary.drop_remarks(asking, self.remark, ASKING, _specifies)
        about_me += asides + remarks
        meant, idioms = vocabulary.drop_idioms(fold(asking).split())
        meant = vocabulary.read_phrasal(meant)
        lang = vocabulary.detect_language(text[:MAX_QUESTION_CHARS], self.index.terms.name_words)
        case = _case_of(text[:MAX_QUESTION_CHARS])
        kept, filler, corrections, verdicts = self._read(case, meant, lang)
        filler = about_me + idioms + filler
        parsed = self._governing(self.index.terms.parse(kept), kept)
        terms = self._terms(parsed, verdicts)
        # a first name the story does not use, right before a person's name ("Emilia de la
        # Bruyère", "Antonio Blinken"): the name written another way, not a stranger
        first_names = {a for (a, _), (b, said) in pairwise(parsed) if b in self.index.people
                       and set(said) <= self.index.terms.name_words}  # (not "the mayor")
        terms = self._soften(terms, lambda t: t.kind == "unknown" and t.term in first_names)
        terms = self._soften(terms, lambda t: t.word in _DOING)
        term_of = {said: term for term, phrase in parsed for said in phrase}  # stem -> term
        # each kept word's term (None for a word the matcher drops), worked out once
        at_word = [term_of.get(self.index.terms.stem(w)) for w in kept]
        beside = self._beside_mentions(kept, at_word, lang)
        terms = self._soften(terms, lambda t: t.kind != "entity" and t.term in beside)
        describing, clause = self._relative_clause(kept, at_word,
                                                   bool(_UNSTRESSED_QUE.search(text)))
        terms = self._soften(terms, lambda t: t.term in describing)
        terms = self._present_holders(terms, parsed, words)
        strange_names = frozenset(w for w in case.inside - case.upper
                                  if not self.index.known(w))
        # (what the asker picks out by a clause is not what they ask: "la mina que le paga a
        # PeruRail, quién la controla" asks no amount)
        asked = asked_thing([w for k, w in enumerate(kept) if k not in clause],
                            self._in_names(kept, parsed), strange_names)
        if asked.thing == "words" and self._which_is_named(kept):
            asked = Asked("description")  # "which outlet is Justo Medio": what it is
        if asked.thing != "words":  # "what's the railway company called": a name, not words
            terms = [replace(t, weight=0.0) if t.term in self.index.terms.speech else t
                     for t in terms]
        # ... and, anywhere, one asked with "which" ("is he running, and for which year?")
        naming = NAMING_WORDS.get(asked.thing, frozenset()) | {
            b for a, b in pairwise(kept) if a in _WHICH_WORDS and b in _ANY_NAMING}
        if asked.thing == "place":
            naming |= self._place_named(kept)
        kind_asked, kind = self._kind_asked(kept, parsed)
        if kind_asked:  # "qué empresa de trenes": a kind asked, not PeruRail named
            terms = self._soften(terms, lambda t: t.term in kind_asked)
        mentions = frozenset(t.term for t in terms if t.kind == "entity" and not t.soft)
        that_guy = self._that_guy(words)
        if that_guy:  # "el tipo este se quiere largar de candidato": the story's subject
            terms = self._soften(terms, lambda t: t.word in that_guy)
        if (he := self._unnamed_he(kept, terms, mentions, asked, bool(that_guy))) is not None:
            terms.append(he)  # "is he officially running": the story's subject
        stand_ins, picked = self._stand_ins(words, mentions)
        if picked:  # "the think tank lady": of the FDD's two people, the one called "she"
            terms = [replace(t, term=picked[t.term]) if t.term in picked else t for t in terms]
            mentions = frozenset(t.term for t in terms if t.kind == "entity" and not t.soft)
        excluded = self._set_aside(kept, picked)
        if excluded:  # "besides the think tank lady": someone else is asked, not her
            terms = self._soften(terms, lambda t: t.term in excluded)
            mentions -= excluded
        # an analyst or an author is a role, maybe the one asked ("who are the study's authors")
        nouns = _PLAIN_PERSON_NOUNS if asked.thing in ("person", "role") else _PERSON_NOUNS
        restating = self._restating(kept, frozenset(stand_ins), nouns)
        naming |= restating | self._cited_nouns(kept)
        terms = self._soften(terms, lambda t: t.word in naming and t.kind != "entity")
        known_to_me = _acquaintances(kept)
        if known_to_me:  # "mi vecina Marta me contó que ...": someone the asker knows
            terms = self._soften(terms, lambda t: t.kind == "unknown" and t.word in known_to_me)
        if asked.thing == "link" and (len(mentions) < 2 or self._which_entity(kept)):
            # "what does the FDD have to do with this": its role; "qué think tank está detrás
            # de los lazos con China": which one, not how two are linked
            asked = Asked("description")
        measure = self._measure_term(kept, asked.measure) if asked.measure else []
        head = self._head_after(kept, asked, terms, self.index.kinds) \
            or self._head_after_what_the(kept, asked, terms) \
            or self._kind_after_que(kept, asked, terms, self.index.kinds) \
            or self._head_before_tiene(kept, asked, terms) \
            or self._head_after_name(kept, asked, terms, measure)
        if head is not None:  # "which political party": the party, not "political"
            measure = [head.term]
            who = next((o for o in _WHO_THE if tuple(kept[:len(o)]) == o), None)
            if who and asked.thing == "person":  # "who's the CEO": "who is the CEO"
                asked = replace(asked, opener=" ".join(who) if who[0] != "who"
                                else f"who {'was' if 'was' in who else 'is'} the")
            asked = replace(asked, measure=head.word)
        alternatives = self._alternatives(kept)
        # a name the story lacks offered beside one it has ("Biden or Trump") is not a veto
        offered = {w for pair in alternatives for w in pair}
        if _CONFIRMING.search(folded) and not QUESTIONING.intersection(kept[:1]):
            # "the trains were Amtrak's, right?": a premise to check; the entry that tells
            # whose they were answers it, whatever name the asker offers
            offered |= {t.word for t in terms if t.kind == "unknown"}
        # ... nor is one told of beside the question ("I once rode a train in San Francisco")
        if any(t.kind == "unknown" for t in terms):
            offered |= vocabulary.words_outside_questions(text[:MAX_QUESTION_CHARS], QUESTIONING)
        terms = self._soften(terms, lambda t: t.kind == "unknown" and t.word in offered)
        names = [t.term for t in terms]
        strangers = {t.term for t in terms if t.kind in ("vocabulary", "unknown")}
        kind_words = frozenset(t.term for t in terms if t.kind == "known" and not t.soft
                               and len(self.index.kinds.get(t.term, ())) > 1)
        compounds = _compounds(names, mentions, self.index.linked)
        # who is asked to have said or thought something (only words and views have speakers)
        subject = subject_of_speech(self.index.terms, kept) \
            if asked.thing == "words" or OPINION_VERBS.intersection(kept) else frozenset()
        speakers = speakers_named(self.index.terms, [w for w in kept if w not in restating],
                                  None if restating else parsed) & self.index.speaking
        if speakers:  # "qué piensa Picarsic de ...": his view is in his words, not in "piensa"
            terms = self._soften(terms, lambda t: t.word in VIEW_VERBS and not t.soft)
        return Question(text, tuple(kept), tuple(filler), tuple(terms), tuple(corrections),
                        mentions, asked, _evidence(terms), self._social(kept, words, terms),
                        measure[0] if measure else None, compounds,
                        _asks_who(kept), _polar(kept, text, lang),
                        chat_kind(words), speakers,
                        self._cited(kept), self._within(kept),
                        stand_ins, self._with_person(kept), alternatives, lang,
                        kind if asked.thing == "description" else None, case.anywhere,
                        subject & (strangers | kind_words), kind_words, self._identity(kept),
                        self._untitled_speaker(kept, parsed, subject),
                        frozenset(t.term for t in terms if t.term in self.index.terms.speech),
                        self._asked_first(kept), quoted_passages(text[:MAX_QUESTION_CHARS]),
                        _asks_companion(kept),
                        MappingProxyType(term_of), excluded)

    def _governing(self, parsed: list[tuple[str, tuple[str, ...]]], kept: list[str]
                   ) -> list[tuple[str, tuple[str, ...]]]:
        """'Run' with a place or a company right after it ("the fella running Lima [as
        mayor]", "who runs the railway company") is governing or managing it, not running for
        office ("running for Lima mayor", "running again")."""
        terms = self.index.terms
        governed = False
        for i, word in enumerate(kept[:-1]):
            if word in _RUNNING:
                rest = kept[i + 2:] if kept[i + 1] in _DEFINITE else kept[i + 1:]
                # (the first word alone may name it: "Lima", though "Lima as mayor" is him)
                governed |= any(
                    named[:1] and named[0][1][:1] == (terms.stem(rest[0]),)
                    and named[0][0].startswith(ENTITY_PREFIX)
                    and named[0][0] not in self.index.people
                    for named in (terms.parse(rest[:1]), terms.parse(rest[:4])))
        if not governed:
            return parsed
        run, governs = terms.stem("run"), terms.synonyms.get(terms.stem("governs"), "govern")
        return [(governs, said) if said == (run,) else (term, said) for term, said in parsed]

    def _present_holders(self, terms: list[Term], parsed: list[tuple[str, tuple[str, ...]]],
                         words: list[str]) -> list[Term]:
        """Terms with each former post-holder named by the post, with "current" or "now" ("the
        current secretary of state", "el secretario de Estado de ahora"), read as the stranger
        it is: whoever holds the post now, whom the story does not know."""
        if not PRESENT.intersection(words):
            return terms
        stems = [self.index.terms.stem(w) for w in words]

        def now(said: tuple[str, ...]) -> str | None:
            """The post as written with its present word ("current secretary of state"), if
            one is next to it."""
            at = [j for j, stem in enumerate(stems) if stem in said]
            if not at:
                return None
            before = [j for j in range(max(at[0] - _NOW_REACH, 0), at[0]) if words[j] in PRESENT]
            after = [j for j in range(at[-1] + 1, min(at[-1] + 1 + _NOW_REACH, len(words)))
                     if words[j] in PRESENT]
            if not before and not after:
                return None
            return " ".join(words[(before or at)[0]:(after or at)[-1] + 1])
        by_post = {term: post for term, said in parsed if term in self.index.former
                   and not set(said) <= self.index.terms.name_words  # (not "Blinken now")
                   and (post := now(said))}  # (not "was it something new, said the ex-...")
        if not by_post:
            return terms
        # the present word is part of the post now named, not a word of its own
        return [Term(t.term[1:] + "_now", "unknown", self.index.max_idf, 1.0, by_post[t.term])
                if t.term in by_post else t for t in terms if t.word not in PRESENT]

    @staticmethod
    def _that_guy(words: list[str]) -> frozenset[str]:
        """The plain person noun of a Spanish "el tipo este", "el loco ese", "este señor" (the
        Spanish "he": a subject is seldom a pronoun there), or nothing. It is read in all the
        words, since "señor" or "tiguere" alone is a vocative filler; and it is no word of the
        story's even when someone is named ("ese hombre ya es candidato": not "el hombre de
        China")."""
        return frozenset(w for i, w in enumerate(words) if w in _THAT_GUY_NOUNS
                         and (_THAT_BEFORE.intersection(words[max(i - 1, 0):i])
                              or _THAT.intersection(words[i + 1:i + 2])))

    def _unnamed_he(self, kept: list[str], terms: list[Term], mentions: frozenset[str],
                    asked: Asked, that_guy: bool = False) -> Term | None:
        """The story's subject as a soft term (it helps an entry about him, and no entry
        needs it: "his rail company" is PeruRail), when the question says "he" / "his" (or
        "el tipo ese") of someone it neither names, describes nor asks for ("when was he over
        in the US"; not "who spoke at the ceremony and what post did he hold"), or None."""
        subject = self.index.protagonist
        if subject is None or mentions & self.index.people or _asks_who(kept) \
                or asked.thing in ("person", "role"):
            return None
        if not that_guy and (not _HE.intersection(kept) or _PERSON_NOUNS.intersection(kept)):
            return None
        if any(subject not in self.index.kinds[t.term] and self.index.kinds[t.term]
               & self.index.people for t in terms if t.term in self.index.kinds and not t.soft):
            return None  # "what did the former top diplomat say he was proud of"
        return self._softened(self._term(subject, None))

    def _beside_mentions(self, kept: list[str], at_word: list[str | None],
                         lang: str) -> frozenset[str]:
        """Terms written right beside a mention of a person that they are themselves named or
        described by ("the former state secretary"; in Spanish after it too: "el canciller
        gringo"): the asker's own way of describing them, part of the mention, not something
        asked of them. Articles and prepositions between do not part them, a verb does ("which
        city does Lopez Aliaga run", "el alcalde quiere ser presidente"). Not of things: "the
        think tank behind the study" asks which one, though "think tank" describes it too."""
        line: list[str | None] = []  # per word: its term; None for a verb
        for word, term in zip(kept, at_word, strict=True):
            if word in VERB_BREAKS:
                line.append(None)
            elif word not in DROPPED and term is not None and (not line or line[-1] != term):
                line.append(term)  # (a mention's several words once)
        found: set[str] = set()
        steps = (-1, 1) if lang == "es" else (-1,)
        for i, term in enumerate(line):
            own = self.index.own_words.get(term or "", frozenset())
            for step in steps if own else ():
                j = i + step
                while 0 <= j < len(line) and (other := line[j]) is not None and other in own:
                    found.add(other)
                    j += step
        return frozenset(found)

    def _relative_clause(self, kept: list[str], at_word: list[str | None],
                         unstressed_que: bool = True) -> tuple[frozenset[str], frozenset[int]]:
        """Terms of a relative clause right after a mention of a thing ("the mine that feeds the
        mayor's trains", "la mina que le manda carga al ferrocarril del alcalde"): how the asker
        picks out what they mean, not what they ask of it. (Not of a person: "the US official
        who spoke at the train handover" is asked of that, the ceremony.) The clause ends at a
        copula or a question word, or after RELATIVE_REACH words ("the report saying ...": all
        that is said); terms also written outside it stay asked, and so do speech and question
        words. A "qué" written with its accent asks: when the question has no "que" without
        one, no "que" opens a clause."""
        speech = self.index.terms.speech
        inside: set[str] = set()
        outside: set[str] = set()
        at: set[int] = set()  # where the clause's words are
        i = 0
        while i < len(kept):
            word = kept[i]
            end = i - 2 if i >= 2 and kept[i - 1] in _DEMONSTRATIVES else i - 1  # "el informe
            before = at_word[end] if end >= 0 else None  # ese q"
            # "the report sayin the mayor's rail biz is tangled up w china": what it says, all
            reporting = word.endswith("ing") and at_word[i] in speech
            if (reporting or (word in _RELATIVES and (word != "que" or unstressed_que))) \
                    and before is not None and before.startswith(ENTITY_PREFIX) \
                    and before not in self.index.people \
                    and not self._reported(kept, at_word, end):
                j, reach = i + 1, 0
                while j < len(kept) and (reporting or (
                        reach < RELATIVE_REACH and kept[j] not in VERB_BREAKS
                        and kept[j] not in QUESTION_WORDS)):
                    reach += kept[j] not in DROPPED
                    j += 1
                # (a clause that is all the rest is the question itself, unless a question word
                # came before: "who owns the mine that feeds the mayor's trains")
                if j < len(kept) or QUESTION_WORDS.intersection(kept[:i]):
                    at.update(range(i, j))
                    inside.update(t for t in at_word[i + 1:j] if t is not None)
                i = j
                continue
            if (term := at_word[i]) is not None:
                outside.add(term)
            i += 1
        return frozenset(inside - outside - speech - self.index.terms.soft), frozenset(at)

    def _reported(self, kept: list[str], at_word: list[str | None], end: int) -> bool:
        """Whether a "que" / "that" after the mention ending at word `end` opens no clause of
        its own: the mention's words are reported ("dice el estudio que ...", "según el estudio,
        qué ..."), or it is the complement of another noun."""
        start = end
        while start > 0 and (at_word[start - 1] == at_word[end] or (
                start > 1 and kept[start - 1] in _OF and at_word[start - 2] == at_word[end])):
            start -= 1  # ("la empresa de trenes que ...": one mention, "de" inside it)
        if start and (kept[start - 1] in _OF or kept[start - 1].endswith(("ing", "in"))):
            return True  # "el pesado de China que estuvo", "the fella running Lima that
            # went": the clause is the fella's, whose mention comes first
        return any(w in _ACCORDING or term in self.index.terms.speech
                   for w, term in zip(kept[max(start - 3, 0):start],
                                      at_word[max(start - 3, 0):start], strict=True))

    def _soften(self, terms: list[Term], softened: Callable[[Term], bool]) -> list[Term]:
        """The terms `softened` picks are part of asking, not what is asked: they weigh little
        and an entry need not have them."""
        return [self._softened(t) if softened(t) else t for t in terms]

    def _softened(self, term: Term) -> Term:
        return replace(term, weight=term.weight * self.t.soft_factor, soft=True)

    def _place_named(self, kept: list[str]) -> frozenset[str]:
        """The nouns a place question names its place by ("a qué ciudad", "which country"):
        part of asking, not something the entry must call so, when the story has places of
        that kind (it calls Lima a city); "which region" stays asked, as no place of the story
        is called a region, and "Peru" is no answer to it."""
        return frozenset(w for w in kept if w in GENERIC_PLACE_NOUNS or (
            w in _PLACE_KIND_NOUNS
            and any(term in self.index.kinds for term in self.index.terms.of_words([w]))))

    def _untitled_speaker(self, kept: list[str], parsed: list[tuple[str, tuple[str, ...]]],
                          subject: frozenset[str]) -> str | None:
        """The title a speaker (`subject`, the terms of who is asked to speak) is asked by ("the
        Peruvian president"), when it is no part of a name or description of the knowledge's
        ("the Chinese president" is Xi's)."""
        if not subject or not _TITLES.intersection(kept):
            return None
        names = self._in_names(kept, parsed)
        return next((w for w in kept if w in _TITLES and w not in names
                     and subject.intersection(self.index.terms.of_words([w]))), None)

    def _in_names(self, kept: list[str],
                  parsed: list[tuple[str, tuple[str, ...]]]) -> frozenset[str]:
        """The words that are part of a name of several words ("Justo Medio")."""
        stems = {s for term, phrase in parsed
                 if term.startswith(ENTITY_PREFIX) and len(phrase) > 1 for s in phrase}
        return frozenset(w for w in kept if self.index.terms.stem(w) in stems)

    def _entity_first(self, words: list[str]) -> str | None:
        """The entity these words open with ("the think tank ...": the FDD), or None."""
        terms = self.index.terms.of_words(words)
        return terms[0] if terms and terms[0].startswith(ENTITY_PREFIX) else None

    def _which_entity(self, kept: list[str]) -> bool:
        """'Which think tank ...', 'qué medio ...': an entity description is what is asked."""
        return len(kept) >= 2 and kept[0] in _WHICH_WORDS \
            and self._entity_first(kept[1:3]) is not None

    def _which_is_named(self, kept: list[str]) -> bool:
        """'Which outlet is Justo Medio': "which <noun> is" and nothing after but one entity."""
        rest = self.index.terms.parse(kept[3:])
        return len(kept) >= 4 and kept[0] in _WHICH_WORDS and kept[2] in _IS \
            and len(rest) == 1 and rest[0][0].startswith(ENTITY_PREFIX)

    def _tells(self, words: list[str]) -> bool:
        """Whether a clause is part of the question. An aside is about the asker or hedges
        ("if I may ask", "as I understand it", "I'm trying to follow the money"): it speaks of
        "I" or opens with "if" / "as", and has no question word, no name or description, no
        word of the story's own that everyday talk seldom uses, and no word that may be a name
        ("is it Cosco?" is kept)."""
        if not words or not (_ASIDE_OPENERS.intersection(words[:1])
                             or _ABOUT_ME.intersection(words)):
            return True
        return self._has_substance(words)

    def remark(self, words: list[str]) -> bool:
        """Whether a clause trailing a question is a remark ("on break and got 5 min", "proper
        need it for homework"): not a question of its own ("did he like it"), not a measure
        asked ("salary-wise", "like in meters"), not the gist asked ("in short")."""
        return bool(words) and words[0] not in _POLAR and not ASKING.intersection(words) \
            and not _specifies(words) and not self._has_substance(words)

    def _has_substance(self, words: list[str]) -> bool:
        """A question word, a name or description, a word of the story's own that everyday talk
        seldom uses, or a word that may be a name ("is it Cosco?")."""
        if QUESTIONING.intersection(words):
            return True
        if any(t.startswith(ENTITY_PREFIX) for t, _ in self.index.terms.parse(words)):
            return True
        return any(w not in STOPWORDS and (
            not vocabulary.is_real_word(w) or (
                self.index.known(w)
                and specificity(w, self.index.terms.stem(w)) >= self.t.story_specific))
            for w in words)

    def _kind_asked(self, kept: list[str], parsed: list[tuple[str, tuple[str, ...]]]
                    ) -> tuple[frozenset[str], str | None]:
        """(entities named by a description right after "which" / "qué" that more than one
        entity answers to, the kind's term): in "which train company", "qué empresa de
        trenes" (PeruRail or Caltrain) a company is asked, none is named."""
        terms = self.index.terms
        found: set[str] = set()
        kind = None
        for i, word in enumerate(kept[:-1]):
            if word not in _WHICH_WORDS:
                continue
            following = kept[i + 1:i + 5]
            if word == "que" and following[:1] and following[0] in _ARTICLES_ES:
                continue  # "dice que la empresa ferroviaria ...": "that", not "which"
            kinds = [k for k in (terms.synonyms.get(s, s) for s in map(terms.stem, following[:2]))
                     if len(self.index.kinds.get(k, ())) > 1]
            first = self._entity_first(following)
            phrase = next((p for t, p in parsed if t == first), None)
            if kinds and first is not None and phrase is not None \
                    and phrase not in terms.named:
                found.add(first)
                kind = kinds[0]
        return frozenset(found), kind

    def _asked_first(self, kept: list[str]) -> str | None:
        """"Who is X and ...", "quién es X y ...", "qué es la FDD esa que hizo el estudio": X,
        when nothing but X comes between (what follows says more of X, or asks on)."""
        opener = next((len(o) for o in _WHO_IS + _WHAT_IS
                       if len(o) > 1 and tuple(kept[:len(o)]) == o), 0)
        joint = next((i for i, w in enumerate(kept) if w in _JOINTS and i > opener), None)
        if not opener or joint is None:
            return None
        named = self.index.terms.of_words(kept[opener:joint])
        return named[0] if len(named) == 1 and named[0].startswith(ENTITY_PREFIX) else None

    def _identity(self, kept: list[str]) -> str | None:
        """The person named in "is <person> the ...?", "¿es <persona> el ...?", or None."""
        start = next((i for i, w in enumerate(kept[:3]) if w in _IS), None)
        if start is None or any(w not in vocabulary.FILLER and w not in _LEADING
                                for w in kept[:start]):
            return None
        for end in range(start + 2, min(start + 5, len(kept))):
            # the name and nothing else before the article: "was Blinken pleased about the
            # operator" asks no identity
            named = self.index.terms.of_words(w for w in kept[start + 1:end]
                                              if w not in _IDENTITY_ADVERBS)
            person = named[0] if len(named) == 1 else None
            if person in self.index.people and kept[end] in _DEFINITE \
                    and len(self.index.terms.of_words(kept[start + 1:end + 2])) >= 2:
                return person  # (the article after the whole name: not "de la Bruyère")
        return None

    def _with_person(self, kept: list[str]) -> bool:
        """A person named right after "with" / "con" ("who went with López Aliaga")."""
        for i, word in enumerate(kept):
            if word not in ("with", "con"):
                continue
            for end in range(i + 2, min(i + 5, len(kept)) + 1):
                if self._entity_first(kept[i + 1:end]) in self.index.people:
                    # "with the mayor's railway": his company, not him
                    return end == len(kept) or kept[end] in STOPWORDS
        return False

    def _neighbours(self, words: list[str], i: int) -> tuple[str | None, str | None]:
        """The terms right before and right after word i (a name of several words is one)."""
        before = self.index.terms.of_words(words[max(i - 3, 0):i])[-1:]
        after = self.index.terms.of_words(words[i + 1:i + 5])[:1]  # "guy from the think tank"
        return (before[0] if before else None), (after[0] if after else None)

    def _stand_ins(self, words: list[str], mentions: frozenset[str]
                   ) -> tuple[Mapping[str, frozenset[str]], dict[str, str]]:
        """Organisations named next to a person noun ("the think tank guy", "the FDD analyst",
        "el pata del think tank", "the guy from the study"), each with the people the knowledge
        links to it, directly or through one thing (the FDD's study's authors), those the noun
        can be ("the FDD lady"); and, of an organisation or document, the one person a noun
        picks out of several by "she" or "he": that person is named, in effect."""
        found, everyone = {}, {}
        for i, word in enumerate(words):
            # "el de la FDD", "los de la fundación": the one(s) from it, a person
            one_from = word in _ONE_FROM and words[i + 1:i + 2] in (["de"], ["del"])
            if (word in _PERSON_NOUNS or one_from) and not (i and words[i - 1] in _WHICH_WORDS):
                # ("qué tipo de trenes" is what kind of trains, not a guy)
                for org in self._neighbours(words, i):
                    if org in mentions and org not in self.index.people \
                            and not self._its_own_phrase(word, org):
                        everyone[org] = self._people_of(org)
                        found[org] = self._fitting(word, everyone[org])
        picked = {org: next(iter(people)) for org, people in found.items()
                  if len(people) == 1 < len(everyone[org]) and org in self._bodies}
        return MappingProxyType({k: v for k, v in found.items() if v}), picked

    def _its_own_phrase(self, noun: str, place: str) -> bool:
        """A person noun beside a place that a quote itself puts with it ("China's man",
        "el hombre de China"): the story's phrase, not someone of that place."""
        return (place, noun) in self._quoted_nouns

    def _people_of(self, org: str) -> frozenset[str]:
        """The people the knowledge links to an organisation, directly or through one thing."""
        linked = self.index.linked
        near = linked.get(org, frozenset())
        return frozenset((near | {p for n in near for p in linked.get(n, ())}) & self.index.people)

    def _fitting(self, noun: str, people: frozenset[str]) -> frozenset[str]:
        """Those of `people` a person noun can be ("the FDD lady": the one called "she"), or all
        of them when it says nothing of which, or the knowledge nothing of theirs."""
        pronoun = _PERSON_NOUN_PRONOUNS.get(noun)
        if pronoun is None:
            return people
        return frozenset(p for p in people if self.index.pronouns.get(p) == pronoun) or people

    def _restating(self, kept: list[str], stand_ins: frozenset[str],
                   nouns: frozenset[str]) -> frozenset[str]:
        """Person nouns that only restate who is named ("the mayor guy", "el tipo Picarsic",
        "the guy from the think tank"): they say no more than the name does."""
        people = self.index.people | stand_ins
        return frozenset(word for i, word in enumerate(kept) if word in nouns
                         and (set(near := self._neighbours(kept, i)) & people
                              or _asked_who_is(kept[:i]))
                         and not any(self._its_own_phrase(word, n) for n in near if n))

    def _alternatives(self, kept: list[str]) -> tuple[tuple[str, str], ...]:
        """The two names around each "or" / "o" ("Biden or Trump"): entity terms, or the word
        itself when the story does not know it."""
        pairs = []
        for i, word in enumerate(kept):
            if word in ("or", "o") and 0 < i < len(kept) - 1:
                before, after = self._neighbours(kept, i)
                a = before if before and before.startswith(ENTITY_PREFIX) else next(
                    (w for w in reversed(kept[max(i - 3, 0):i]) if w not in _ERA_NOUNS),
                    kept[i - 1])  # ("from Trump's time or Biden's": Trump)
                b = after if after and after.startswith(ENTITY_PREFIX) else next(
                    (w for w in kept[i + 1:i + 4] if w not in _ALTERNATIVE_SKIP), kept[i + 1])
                # ("el gobierno de Biden o el de Trump": Trump)
                if a.startswith(ENTITY_PREFIX) or b.startswith(ENTITY_PREFIX) \
                        or _OR_WHOEVER.intersection(kept[i + 1:i + 3]):
                    pairs.append((a, b))  # ("el de Trump o el otro": either will do)
        return tuple(pairs)

    def _within(self, kept: list[str]) -> str | None:
        """The place entity in "which city in California" / "en qué ciudad de California" /
        "where in Peru" ("which part of Lima's infrastructure" asks no place)."""
        for i, word in enumerate(kept[:OPENING_WINDOW + 1]):
            asked = word in PLACE_NOUNS and i and kept[i - 1] in _WHICH_WORDS
            if (asked or word in ("where", "donde")) \
                    and kept[i + 1:i + 2] and kept[i + 1] in ("in", "en", "de", "of", "del", "for"):
                # ("which city for California": Nigerian and Caribbean English "in")
                place = self._entity_first(kept[i + 2:i + 5])
                if place is not None:
                    return place
            if word in TOWN_NOUNS and i >= 2:  # "which California city": the name before it
                # (not "which US state": that California is one the story does tell)
                start = next((j + 1 for j in range(i - 1, max(i - 4, -1), -1)
                              if kept[j] in _WHICH_WORDS), None)
                named = self.index.terms.of_words(kept[start:i]) if start else []
                if len(named) == 1 and named[0].startswith(ENTITY_PREFIX):
                    return named[0]
        return None

    def _set_aside(self, kept: list[str], picked: Mapping[str, str]) -> frozenset[str]:
        """The entities a question sets aside ("besides Picarsic", "aparte del puerto", "other
        than the port"), a stand-in read as the one it picks ("the think tank lady")."""
        aside = set()
        for i, word in enumerate(kept):
            setting = next((p for p in _ASIDE_BY_FIRST.get(word, ())
                            if tuple(kept[i:i + len(p)]) == p), None)
            if setting is None:
                continue
            start = i + len(setting)
            span = list(kept[start:start + _ASIDE_REACH])
            stop = next((k for k, w in enumerate(span) if w in QUESTIONING), len(span))
            # (the first one named: "the lady from the think tank" is the FDD's lady)
            first = next((t for t in self.index.terms.of_words(span[:stop])
                          if t.startswith(ENTITY_PREFIX)), None)
            if first is not None:
                aside.add(picked.get(first, first))
        return frozenset(aside)

    def _cited(self, kept: list[str]) -> frozenset[str]:
        """The entity right after "según" / "according to" / "per"."""
        cited = (self._entity_first(kept[i + 1:i + 6]) for i, word in enumerate(kept)
                 if word in _CITING)
        return frozenset(c for c in cited if c is not None)

    @staticmethod
    def _cited_nouns(kept: list[str]) -> frozenset[str]:
        """'According to the researchers', 'según los expertos', 'per the piece': who says so,
        in words any source answers to; every answer names its source."""
        return frozenset(w for i, word in enumerate(kept) if word in _CITING
                         for w in kept[i + 1:i + 4] if w in _CITED_NOUNS)

    @staticmethod
    def _head_after(kept: list[str], asked: Asked, terms: list[Term],
                    kinds: Mapping[str, frozenset[str]]) -> Term | None:
        """In "which political party", the word named after "which" may be an adjective: the
        next word, if the story never uses it or calls entities so ("which Chinese
        companies"), is the thing asked for."""
        if asked.thing == "amount" or asked.measure not in kept \
                or not asked.measure.endswith(_ADJECTIVE_ENDINGS):
            return None
        at = kept.index(asked.measure)
        for after in kept[at + 1:at + 3]:  # ("which Chinese power company": the company)
            if after in NOT_HEADS:
                return None  # "which Peruvian news crowd": some outfit, no kind of its own
            head = next((t for t in terms if t.word == after
                         and (t.kind in ("vocabulary", "unknown") or t.term in kinds)), None)
            if head is not None:
                return head
        return None

    def _head_after_name(self, kept: list[str], asked: Asked, terms: list[Term],
                         measure: list[str]) -> Term | None:
        """"Which NBC News reporter": a name used as an adjective; the word after it, if the
        story never uses it, is the thing asked for (the story names no reporter)."""
        if asked.thing != "description" or not measure \
                or not measure[0].startswith(ENTITY_PREFIX) or asked.measure not in kept:
            return None
        at = kept.index(asked.measure)
        parsed = self.index.terms.parse(kept[at:at + 6])
        if not parsed or parsed[0][0] != measure[0] or parsed[0][1] not in self.index.terms.named:
            return None  # (a description goes on: "de qué empresa minera provienen")
        after = kept[at + len(parsed[0][1])] if at + len(parsed[0][1]) < len(kept) else ""
        if after in _GENERIC_HEADS or after.endswith("ing") \
                or (len(after) > 4 and after.endswith("ed")):
            return None  # "which California commuter rail system": still Caltrain; "what's
            # China chasing", "which former US foreign minister fronted ...": a verb (the "is"
            # of "what's" is gone), not a kind of thing of theirs
        return next((t for t in terms if t.word == after
                     and t.kind in ("vocabulary", "unknown")), None)

    @staticmethod
    def _head_after_what_the(kept: list[str], asked: Asked, terms: list[Term]) -> Term | None:
        """"What's the weather like in California", "cuál es el clima de Lima", "who is the CEO
        of Minmetals": the noun after "what is the" / "who is the", if the story never uses it,
        is the thing asked (which it does not say)."""
        if asked.thing not in ("description", "person") or asked.measure:
            return None
        openings = _WHAT_THE if asked.thing == "description" else _WHO_THE
        opening = next((len(o) for o in openings if tuple(kept[:len(o)]) == o), 0)
        if not opening or len(kept) <= opening:
            return None
        if kept[opening].endswith(_ADJECTIVE_ENDINGS) and len(kept) > opening + 1 and any(
                t.word == kept[opening + 1] and t.kind == "vocabulary" for t in terms):
            opening += 1  # "who was the American ambassador to Peru": the noun after it
        after = kept[opening + 1] if opening + 1 < len(kept) else None
        if after is not None and after not in _AFTER_HEAD:
            return None  # "what's the Chinese rail line": an adjective, maybe
        if kept[opening] in _ASKING_NOUNS or (asked.thing == "person"
                                              and kept[opening] in _PLAIN_PERSON_NOUNS):
            return None  # "what's the evidence for ...": a way of asking, not a thing; "who
            # was the American bigwig there": who, as "who was the guy" asks
        return next((t for t in terms if t.word == kept[opening] and t.kind == "vocabulary"),
                    None)

    @staticmethod
    def _kind_after_que(kept: list[str], asked: Asked, terms: list[Term],
                        kinds: Mapping[str, frozenset[str]]) -> Term | None:
        """"Qué empresas invierten ...": a bare "qué" is as often followed by a verb ("qué
        reportó"), but a word entities are called by is the kind asked for."""
        if asked.thing != "description" or asked.measure or len(kept) < 2 or kept[0] != "que" \
                or kept[1] in NOT_HEADS:  # "qué tipo de trenes": not "el tipo" (the guy)
            return None
        return next((t for t in terms if t.word == kept[1] and t.term in kinds), None)

    @staticmethod
    def _head_before_tiene(kept: list[str], asked: Asked, terms: list[Term]) -> Term | None:
        """"Qué partido político tiene el alcalde", "qué sueldo gana", "qué encuestas hay": the
        noun after "qué", before the verb of having or being, is the thing asked; if the story
        never uses it, it does not say it."""
        if asked.thing != "description" or asked.measure or len(kept) < 3 \
                or kept[0] not in ("que", "cual") or kept[1] in NOT_HEADS \
                or not _HAVING.intersection(kept[2:4]):
            return None
        return next((t for t in terms if t.word == kept[1] and t.kind == "vocabulary"), None)

    def _measure_term(self, kept: list[str], measure: str) -> list[str]:
        """The term of the measured or named word, as part of the phrase it is in ("which think
        tank": the FDD, not "think"). A word the matcher ignores ("how many people") stays
        itself: no entry has it."""
        stemmed = self.index.terms.stem(measure)
        in_phrase = [term for term, phrase in self.index.terms.parse(kept)
                     if stemmed in phrase and len(phrase) > 1]
        return in_phrase[:1] or self.index.terms.of_words([measure]) or [measure]

    def _read(self, case: _Case, words: list[str], lang: str) -> tuple[
            list[str], list[str], list[tuple[str, str]], dict[str, Verdict]]:
        """(words kept, filler, corrections, verdict per kept word), typos corrected."""
        capitals = case.upper
        named = case.inside  # a name ("mines in Chile"), even when also a word
        typed_as_names = capitals | named  # corrected only into a name ("COSCO": not "costo")
        kept: list[str] = []
        filler: list[str] = []
        corrections: list[tuple[str, str]] = []
        verdicts: dict[str, Verdict] = {}
        words = self._joined(self._split_ex(words), corrections)
        for n, word in enumerate(words):
            if word in self.index.acronyms and word not in capitals \
                    and (n == 0 or words[n - 1] != "the") \
                    and word not in self._in_names(near := words[max(n - 3, 0):n + 3],
                                                   self.index.terms.parse(near)):
                # (but "the former top us diplomat": inside a description, it is the US)
                filler.append(word)  # "help us", "alguien usa": not the United States
                continue
            verdict = self.speller.judge(word, first=not kept, lang=lang)
            if not kept and verdict.kind == "known" and word in vocabulary.FILLER \
                    and word not in vocabulary.THANKS \
                    and words[n + 1:n + 2] not in (["del"], ["de"], ["of"]):
                # "oe pata, qué fue a hacer ...": a greeting's vocative, though the knowledge
                # knows "el pata del estudio"
                verdict = Verdict("filler", word)
            if word in capitals and verdict.kind in ("common", "vocabulary") \
                    and (name := self._acronym_fix(word)) is not None:
                verdict = Verdict("name", name)  # "FFD": an acronym typed wrong, not "fed"
            if verdict.kind == "name" and verdict.word != word and word in typed_as_names \
                    and verdict.word not in self.index.terms.proper \
                    and verdict.word not in self.index.terms.name_words:
                verdict = Verdict("unknown", word)  # "COSCO", "Cosco's": a name, not "costo"
            if word in _LIKE and (n == 0 or words[n - 1] not in _DETERMINERS):
                verdict = Verdict("filler", word)  # "tipo quién tiene la mayoría": "like", no
                # guy ("el tipo este" is one)
            if verdict.kind == "filler":
                filler.append(word)
                continue
            if verdict.kind == "vocabulary" and word not in named and word not in case.anywhere \
                    and (fixed := self.speller.rare_fix(word, lang)) is not None:
                verdict = Verdict("common", fixed)  # "the mayer", never written "Mayer"
            if verdict.word != word:
                corrections.append((word, verdict.word))
            if verdict.kind == "vocabulary" and word in named:
                verdict = Verdict("unknown", word)  # a name the story does not know
            if verdict.kind == "unknown" and (word in named or (
                    len(word) >= NICKNAME_LOWER_LEN and not vocabulary.is_real_word(word))) \
                    and not self._in_full_name(words, n, named) \
                    and (nick := self.speller.nickname(word)) is not None:
                verdict = Verdict("name", nick)  # "Blinky", "Raffa", "Picky" (not "picky")
                corrections.append((word, nick))
            verdicts[verdict.word] = verdict
            kept.append(verdict.word)
        return kept, filler, corrections, verdicts

    def _in_full_name(self, words: list[str], n: int, named: frozenset[str]) -> bool:
        """Whether the n-th word is written beside another name the story does not know: part
        of someone's full name ("Bruno Mars"), no nickname of one it knows."""
        return any(w in named and w not in self.index.words
                   for w in words[max(n - 1, 0):n] + words[n + 1:n + 2])

    def _split_ex(self, words: list[str]) -> list[str]:
        """"exsecretario", "expresidente": "ex" and the word, as the descriptions write it; and
        a phrase of the knowledge's typed as one word ("thinktank": think tank)."""
        out: list[str] = []
        for word in words:
            rest = word[2:]
            if word.startswith("ex") and len(rest) >= 4 \
                    and self.index.terms.stem(word) not in self.index.idf \
                    and not vocabulary.is_real_word(word) and self.index.known(rest):
                out += ["ex", rest]
            elif self.index.known(word) or vocabulary.is_real_word(word):
                out.append(word)
            else:
                out += self._unglued(word) or self._article_typed_on(word) \
                    or self._unjoined(word)
        return out

    def _article_typed_on(self, word: str) -> list[str] | None:
        """A word the knowledge does not know, no real word, that is a common or known word
        with "the" / "la" typed onto its end ("givethe": give the), or None."""
        for article in _TRAILING_ARTICLES:
            head = word[:-len(article)]
            if word.endswith(article) and len(head) >= MIN_NAME_PART and (
                    self.index.known(head) or vocabulary.zipf(head) >= vocabulary.COMMON_ZIPF):
                return [head, article]
        return None

    def _unglued(self, word: str) -> list[str] | None:
        """A word the knowledge does not know that is a name with a little word typed onto
        it ("delima": de Lima, "thefdd"), or None."""
        return next(([little, word[len(little):]] for little in _GLUED
                     if word.startswith(little) and len(word) - len(little) >= MIN_NAME_PART
                     and self._a_name(word[len(little):])), None)

    def _a_name(self, word: str) -> bool:
        """A word of a name that is no everyday word ("lima", "fdd"; not "house", "news")."""
        return word in self.index.terms.name_words and vocabulary.zipf(word) < GLUED_NAME_ZIPF \
            and any(t.startswith(ENTITY_PREFIX) for t in self.index.terms.of_words([word]))

    def _unjoined(self, word: str) -> list[str]:
        """A word the knowledge does not know that is two of its words making one of its
        phrases ("thinktank": think tank, the FDD), else the word."""
        if len(word) < 2 * MIN_PART or not word.isalpha():
            return [word]
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            pair = [word[:cut], word[cut:]]
            parsed = self.index.terms.parse(pair)
            if len(parsed) == 1 and len(parsed[0][1]) == 2:
                return pair
        return [word]

    def _acronym_fix(self, word: str) -> str | None:
        """The story's short name one edit (a swap counts as one) from a word typed in
        capitals ("FFD": FDD), too short for the speller's name check."""
        return next((a for a in self._short_names.get(len(word), ())
                     if a != word and OSA.distance(a, word, score_cutoff=1) <= 1), None)

    def _joined(self, words: list[str], corrections: list[tuple[str, str]]) -> list[str]:
        """A name typed in two pieces ("peru rial", "cal train"): two words, one of which the
        knowledge does not use, that together are (a typo of) one of its names; or typed in
        three with a letter alone between ("per u rail", where "u" is Spanish "or")."""
        out: list[str] = []
        i = 0
        while i < len(words):
            pieces = words[i:i + 3]
            if len(pieces) == 3 and len(pieces[1]) == 1 and all(p.isalpha() for p in pieces) \
                    and (name := self._name_of_pieces(pieces, exactly=True)) is not None:
                corrections.append((" ".join(pieces), name))
                out.append(name)
                i += 3
                continue
            if i + 1 < len(words) and words[i + 1] not in STOPWORDS \
                    and words[i + 1].isalpha() and words[i].isalpha() \
                    and (name := self._name_of_pieces(words[i:i + 2])) is not None:
                corrections.append((f"{words[i]} {words[i + 1]}", name))
                out.append(name)
                i += 2
                continue
            out.append(words[i])
            i += 1
        return out

    def _name_of_pieces(self, pieces: list[str], exactly: bool = False) -> str | None:
        """The story's one-word name that these words, not all the knowledge's own, spell
        together (or within the speller's reach of it); or spell exactly (a letter alone
        between two words is no word of a question: "per u rail"; but "Aliaga y q" is no typo
        of "Aliaga")."""
        joined = "".join(pieces)
        if exactly:
            return joined if joined in self.index.terms.proper else None
        if all(self.index.known(p) for p in pieces):
            return None
        name = joined if joined in self.index.terms.proper else self.speller.name_fix(joined)
        return name if name in self.index.terms.proper else None

    def _terms(self, parsed: list[tuple[str, tuple[str, ...]]],
               verdicts: dict[str, Verdict]) -> list[Term]:
        """Each canonical term once, weighed by the kind of word it came from."""
        synonyms = self.index.terms.synonyms
        origins: dict[str, tuple[str, str]] = {}
        for word, verdict in verdicts.items():
            stemmed = self.index.terms.stem(word)
            origins[stemmed] = origins[synonyms.get(stemmed, stemmed)] = (verdict.kind, word)
        terms: list[Term] = []
        seen: set[str] = set()
        for term, phrase in parsed:
            if term in self.index.terms.proper and term not in self.index.idf:
                continue  # a name's word left over by naming its entity twice: not unknown
            if term not in seen:
                seen.add(term)
                # An entity named by one everyday word keeps that word, to weigh it.
                single = origins.get(phrase[0]) if len(phrase) == 1 \
                    and phrase not in self.index.terms.named else None
                terms.append(self._term(term, origins.get(term) or single))
        return terms

    def _social(self, kept: list[str], words: list[str], terms: list[Term]) -> bool:
        """Greetings, thanks, reactions, talk to the bot: nothing that names the story; or
        the bot itself asked what it is ("eres chino o qué", "are you Chinese?")."""
        content = [t for t in terms if t.weight > 0 and not t.soft]
        if len(content) <= 1 and _TO_THE_BOT.search(" ".join(words)):
            return True
        if _LIKES_OF_THE_BOT.search(" ".join(words)):
            return True  # "¿te gustan los trenes, bot?": the bot's taste, not the story's
        if any(t.kind == "entity" and t.specific >= self.t.story_specific for t in terms):
            return False
        if _HOW_THE_BOT_WORKS.search(" ".join(words)):
            return True  # "what sources do you use, just the one article?": the bot's workings
        if " ".join(kept) in vocabulary.SOCIAL_PHRASES:
            return True
        if kept[:1] and kept[0] in vocabulary.THANKS and not ASKING.intersection(kept) \
                and not any(t.kind == "entity" for t in terms):
            return True  # "gracias hermano, bien explicado": thanks and praise, nothing asked
        if any(all(w in vocabulary.SOCIAL or w in vocabulary.ABOUT_BOT or w in STOPWORDS
                   or w in vocabulary.FILLER for w in said) for said in (kept, words)):
            return True  # (as written too: "vale, pillado" is "got it", not "pillar")
        framing = any(t.term in self.index.terms.framing for t in terms)
        # "could you tell me ...", "me puedes decir ...": a request, not talk about the bot
        addressed = _REQUEST.sub(" ", " ".join(words)).split()
        return not framing and any(w in vocabulary.YOU for w in addressed)

    def _term(self, term: str, origin: tuple[str, str] | None) -> Term:
        index = self.index
        if term.startswith(ENTITY_PREFIX):
            # Named by one everyday word ("trains", "the study"): a mention, but not by itself
            # proof that a line is about the story ("I love trains").
            word = origin[1] if origin else term
            spec = 1.0 if origin is None else specificity(word)
            return Term(term, "entity", index.idf.get(term, index.max_idf), spec, word)
        # (a noun the knowledge describes an entity by is its word too: "el canal gringo")
        if term in index.idf or term in index.terms.synonyms or term in index.kinds:
            weight = index.idf.get(term, index.max_idf)
            if term in index.terms.soft or term in index.terms.framing:
                weight *= self.t.soft_factor
            word = origin[1] if origin else term
            spec = 1.0 if word.isdigit() else specificity(word, index.terms.stem(word))
            if term not in self._stated:
                # a word only example questions use ("recibió", "solo") is an everyday word the
                # story never states: weigh it, in part, by how rare it is in the language
                share = self.t.example_word_commonness
                weight *= 1 - share + share * spec
            return Term(term, "known", weight, spec, word, term in index.terms.framing,
                        term in index.terms.soft)
        kind, word = origin if origin else ("unknown", term)
        if kind == "vocabulary" or (kind != "unknown" and vocabulary.is_real_word(word)):
            spec = specificity(word)
            return Term(term, "vocabulary", index.max_idf * self.t.vocabulary_factor * spec, spec,
                        word)
        return Term(term, "unknown", index.max_idf, 1.0, word)

    def measure(self, text: str) -> Measured:
        question = self.understand(text)
        content = question.content
        if not content:
            return Measured(question, (), self.index.memory)
        rough: dict[int, float] = {}
        # Rarest words first; a very common word adds no candidates once rarer words found
        # some (it still counts in every candidate's coverage), so no question scans everything.
        postings = sorted(((self.index.postings[t.term], t) for t in question.terms
                           if t.term in self.index.postings), key=lambda p: len(p[0]))
        if any(not t.soft for t in content) and all(t.soft for _, t in postings):
            # Only question words in common ("who is the best footballer"): nothing can fit,
            # and fitting every entry with a "who" in it would cost the most of any question
            postings = []
        for posting, term in postings:
            if rough and len(posting) > self.t.max_scan:
                break
            for number, field_weight in posting[:self.t.max_scan]:
                rough[number] = rough.get(number, 0.0) + term.weight * field_weight
        top = nlargest(self.t.candidates, rough.items(), key=lambda kv: kv[1])
        # Entries far behind the best rough match cannot win; scoring them in full is waste.
        floor = top[0][1] * self.t.rough_share if top else 0.0
        shared = _Shared(question, self.index.terms.soft, self.index.terms.stem)
        chosen = [n for n, r in top if r >= floor]
        # a named entity's profile, however many entries tell of it with more of the question's
        # words ("which think tank did the digging on ...": the FDD, below twenty others)
        chosen += [n for n in (self._profiles.get(m) for m in question.mentions)
                   if n is not None and n in rough and n not in chosen]
        weighed = [(doc, _weights(question, doc, self.index.kinds))
                   for doc in (self.index.docs[n] for n in chosen)]
        coverages = sorted(((self._coverage(weights, question, shared), doc, weights)
                            for doc, weights in weighed), key=lambda cdw: cdw[0], reverse=True)
        fitted: list[Candidate] = []
        best = 0.0
        for coverage, doc, weights in coverages:
            # Its example questions are compared only if they could bring it near the best: the
            # rapidfuzz calls are most of the matching time.
            reach = self.t.coverage_share * coverage + (1 - self.t.coverage_share) \
                + self.t.entity_bonus
            candidate = self._fit(doc, weights, question, shared, coverage,
                                  reach >= best - self.t.fuzzy_reach)
            best = max(best, candidate.score)
            fitted.append(candidate)
        if question.excluded:
            fitted = self._setting_aside(fitted, question.excluded)
        ranked = sorted(fitted, key=lambda c: c.score, reverse=True)
        unquoted = question.people_meant(question.speakers) - self.index.quoted
        return Measured(question, tuple(ranked), self.index.memory, unquoted)

    def _setting_aside(self, fitted: list[Candidate], excluded: frozenset[str]
                       ) -> list[Candidate]:
        """What is set aside is not the answer: its profile goes, an entry about it drops."""
        return [replace(c, score=c.score - self.t.excluded_penalty) if c.is_about(excluded)
                else c for c in fitted
                if not (c.doc.entry.kind == "entity" and ENTITY_PREFIX + c.id in excluded)]

    @staticmethod
    def _coverage(weights: Mapping[str, float], question: Question, shared: _Shared) -> float:
        return sum(t.weight * weights[t.term] for t in question.terms
                   if t.term in weights) / shared.total

    def _fit(self, doc: Doc, weights: Mapping[str, float], question: Question,
             shared: _Shared, coverage: float, compare: bool = True) -> Candidate:
        terms = question.terms
        covered = [t for t in terms if t.term in weights]
        fuzzy = _fuzzy(shared, doc) if compare else 0.0
        score = self.t.coverage_share * coverage + (1 - self.t.coverage_share) * fuzzy
        entry = doc.entry
        asks_words = question.asked.thing == "words"
        covered_terms = {t.term for t in covered}
        if asks_words and entry.kind == "quote" \
                and covered_terms - doc.speaker - self.quote_terms:
            score += self.t.quote_bonus  # "who said <these words>", not "what did X say"
        if entry.kind == "quote" and shared.literal & doc.literal:
            score += self.t.literal_bonus
        if isinstance(entry, Entity) and question.kind is None \
                and not (entry.type == "place" and asks_an_act(question)) \
                and (shared.content in doc.names or shared.content == {f"@{entry.id}"}):
            score += self.t.entity_bonus  # (not "why did he go to California": a reason is
            # told of what was done there, not by the place's profile)
        return Candidate(
            doc=doc, score=score, coverage=coverage, fuzzy=fuzzy,
            covered=tuple(t.term for t in covered),
            missing=tuple(t for t in terms if t.term not in weights and t.weight > 0),
            entities_missing=_entities_missing(question, doc, weights),
            gives_asked=self._gives(doc, question),
            quotes_it=_reports(doc, question.quoted, self.t.quoted_match),
        )

    def _stood_in(self, question: Question) -> frozenset[str]:
        """The people an organisation or document named with a person noun stands in for ("the
        study's authors"), and what they or it are linked with (the FDD, which published it)."""
        people = frozenset(p for ps in question.stand_ins.values() for p in ps)
        return people | frozenset(o for p in (*people, *question.stand_ins)
                                  for o in self.index.linked.get(p, ()))

    def _gives(self, doc: Doc, question: Question) -> bool:
        """Whether the entry gives what is asked; "what did X say" needs X's own words."""
        if question.asked.measure in MEASURES and question.measure_term in doc.stated \
                and gives_measure(question.asked.measure, doc):
            return True  # "how big is the port": "a huge port" says how big; "how old are the
            # train cars" needs an age, not "old train cars"
        wanted = "day" if question.asked.measure in DAY_MEASURES else \
            "month" if question.asked.measure in MONTH_MEASURES else question.asked.thing
        if wanted not in doc.gives:
            return False
        concerned = only_concerned(question.mentions, doc)
        if concerned and wanted != "description" and not (
                wanted == "words" and (question.asks_who or not concerned & question.speakers)):
            return False  # "how old is the mayor", "did the mayor respond": not a passage that
            # only readers take to be about him; "who says the mayor ...", "what's the
            # allegation", "qué dicen que el alcalde quiere hacer" (him the topic) are
        kinds = self.index.kinds.get(question.kind or question.measure_term or "") \
            if wanted == "description" else None
        if kinds and not _of_kind(doc, kinds):
            return False  # "which companies invest in Lima": an entry about a company

        # "los del estudio pa qué organización curran": the study's people are asked of, and
        # the organisation they work for is theirs
        named = question.mentions | self._stood_in(question) \
            if wanted == "role" and question.stand_ins else question.mentions
        if wanted in _OF_WHOM_NAMED and question.mentions and not any(
                m[1:] in doc.entry.about() for m in named):
            # "her position at the FDD", "who funds the FDD", "how much does Picarsic make a
            # year": an entry about her, the FDD or him, not one they wrote or published
            return False
        if wanted == "person" and question.companion and doc.entry.kind != "entity" \
                and not (doc.about & self.index.people) - question.mentions:
            return False  # "who did the mayor travel with": someone beside him, not him
        first = next((t.term for t in question.terms if t.kind == "entity"), None)
        if wanted == "person" and first in doc.speaker:
            return False  # "who wrote the study on ...": not a passage of the study
        if doc.entry.kind == "entity" and ENTITY_PREFIX + doc.entry.id not in (
                named - question.cited):
            return False  # a profile answers about its entity: "who owns NBC?" is not NBC's,
            # nor is "what role does the mayor play, according to Picarsic" Picarsic's
        if question.asked.thing == "words" and not question.asks_who:
            speakers = question.people_meant(question.speakers)  # (only those who speak)
            return not speakers or bool(speakers & doc.speakers)
        return True  # "who said ...": the names in it are what was said about, not the speaker
