"""Text folding, stemming and word lists, below both the knowledge loader and the engine.

rapidfuzz's `utils.default_process` keeps accents ("López" != "Lopez"), so folding is ours:
Unicode compatibility decomposition, accents dropped, case folded, punctuation to spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers, compiled

MAX_QUESTION_CHARS = 2000  # longer input is cut before any work is done on it

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(\w)'s\b")
# "who'd", "where'd": "who did" (or "would"; an auxiliary either way), not "who d"
_WH_D = re.compile(r"\b(who|what|where|when|why|how)'d\b")
_NUMBER_SEPARATOR = re.compile(r"(\d)[.,](\d)")  # "1.3" and "65,000" stay one token
_NON_WORD = re.compile(r"[\W_]+")
# Chat shorthand for amounts: "$65m", "1.3B", "2bn", "10k" (after the separator is dropped).
_MAGNITUDES = {"k": "thousand", "m": "million", "mm": "million", "mn": "million",
               "b": "billion", "bn": "billion"}
_NUMBER_SUFFIX = re.compile(r"\b(\d+)(k|m|mm|mn|b|bn)\b")

STOPWORDS = frozenset(
    """
    a about according per actually after again all also am an and any anything are as at be been
    being both but by can could did do does doing done during each else even ever for from
    get give gives go going got had has have having he she her here hers him his how i if in
    into is it its just know let like me might more most much my need no nor not of off
    on once one only or other our out over please really said say says saying should so some
    such tell than that the their them then there these they thing things this those through
    to too up very was way we were what whats when where which while who whom whose why
    will with would you your yours s t re ve ll d m hey hi hello ok okay thanks thank bot
    storybot el la los las un una unos unas y e o u de del al a en con por para sobre que
    quien quienes cual cuales cuanto cuanta cuantos cuantas como cuando donde porque es son
    fue fueron era eran ser sido esta estan estaba este esto estos estas ese esa esos esas
    lo le les se su sus mi mis me te tu tus nos ella ellos ellas hay ha han haber habia dijo
    dice decir sabe sabes saber puedes puede podria me nos segun tambien muy mas menos ya si no
    pero sino ni hola gracias favor dime decime explica explicame cuentame mean means meaning
    meant
    significa significan significado
    estar estoy estamos estaban estuvo estuvieron estaria estarian estara estaran sea sean seria
    serian sera seran siendo soy eres somos habian habra habria habrian hubo hubiera haya hayan
    podria podrian pueden pudo iba iban da dan dio dieron dar
    """.split()
) | frozenset(
    # Words that frame a question without saying what it is about ("I was reading ... and I
    # wonder"): treated as stopwords so a long, chatty question is judged on its content.
    """
    reason purpose proposito motivo considered consider plan plans planning happen happened
    happening want wants wanted role play played use used uses make makes made exactly
    simple terms seen see saw people someone somebody everybody everyone talk talks talked
    talking mention mentioned told tell tells friend friends curious wonder wondering hablan
    mencionados mencionadas usaron usan utilizaron utilizan emplearon
    wondered reading read keep whole trying try tried understand explain explained lot lots
    big chat stuff recently heard hear thought believe mean means meant info
    information detail details basically kind sort guess question questions answer regarding
    concerning involved inform somewhere anyone ask asked asking able find found quick
    quickly short briefly overall real true correct right wrong confused deal main mainly
    compared compare bring brings brought conclude concluded conclusion figure figures new
    actual generally quiere quieren queria querer andar andaria andarian llegado mucho mucha
    muchos muchas estuve estaba
    leyendo lei leer entiendo entender bien va van vamos opinas piensas crees alguien
    todos gente pregunta preguntas respuesta informacion detalles realmente
    exactamente hizo hace hacen hicieron hacer hecho haces hacis principal principalmente between
    entre
    plays playing under roughly approximately approx aproximadamente cosa cosas entendi
    exact exacta exactas exacto exactos menciona mencionan menciono mencionado mencionada
    seeing hearing habria habrian habra hubiera
    queda quedan encuentra
    """.split()
) | frozenset(
    # Hedges, intensifiers and discourse markers of chat ("is that legit tho", "q onda con eso"):
    # they colour a question, they never say what it asks or about what.
    """
    eso esto algo gonna wanna gotta tho though kinda sorta tbh imo imho idk something somehow
    maybe perhaps probably legit specifically currently basically literally seriously honestly
    apparently supposedly supposed anyway btw verdad aca aqui osea onda nomas harto harta hartos
    hartas supuestamente presuntamente aparentemente allegedly reportedly
    bastante lately ultimamente rumor rumors rumores rumour rumours alla ahi alli textual
    textualmente literal literalmente verbatim ahora ahorita actualmente now clase
    clases type types held excuse kindly disculpe disculpa perdon perdone amable vaina rollo
    movida
    """.split()
)
# Question words are stopwords for meaning, but kept for the matcher: "how much" and "when"
# say what kind of answer is wanted (see matcher.ANSWER_TYPE_WORDS).
QUESTION_WORDS = frozenset(
    "who whom whose when where why how much many quien quienes cuando donde porque cuanto cuanta "
    "cuantos cuantas".split())
# Likewise "said": it turns a question into "who said ...", which quotes answer.
SPEECH_WORDS = frozenset("said say says saying dijo dice decir call called calls describe "
                         "described describes llama llamo llaman describio opina opinan opino "
                         "piensa piensan penso cree creen respond responded responds "
                         "respondio respondieron respondido reply replied answered contesto "
                         "contestaron contestado react reacted reacciono reaccionado solto "
                         "soltaron reckon reckons reckoned".split())
# (what X thinks or answered; "soltó": let out, said; "reckon": think)
# Nouns for someone's words, or the word they used ("Xi's quote", "what word did he use")
SPEECH_NOUNS = frozenset("""quote quotes quoted cita citas frase frases phrase phrases words
    palabras word palabra statement declaracion adjective adjetivo verb verbo expression
    expresion""".split())
# A passage in quotation marks (straight, curly or angle quotes): someone's own words
IN_QUOTES = re.compile(r'["“”«»]([^"“”«»]+)["“”«»]')
# Words that point at the story itself ("according to the story"): they count, but little.
FRAMING_WORDS = frozenset("story stories historia historias article articles news nota notas "
                          "noticia noticias articulo articulos piece pieces paragraph "
                          "paragraphs parrafo parrafos text texto".split())
# What the matcher drops from a question and from the knowledge's words: stopwords, but not the
# words that say what is asked ("when", "who said").
DROPPED = STOPWORDS - QUESTION_WORDS - SPEECH_WORDS


@lru_cache(maxsize=16_384)  # the knowledge folds the same names and texts many times
def fold(text: str) -> str:
    """Lowercase, accent-free, punctuation-free text with single spaces."""
    text = text[:MAX_QUESTION_CHARS].translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = _WH_D.sub(r"\1 did", text)
    text = _POSSESSIVE.sub(r"\1", text)
    text = _NUMBER_SEPARATOR.sub(r"\1\2", text)
    text = _NUMBER_SUFFIX.sub(lambda m: f"{m[1]} {_MAGNITUDES[m[2]]}", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


# Words the two passes would bring down to an unrelated word's stem: "mineral" to "min" (mine),
# "meters" to "meter" (Spanish: to put money in), a researcher to the research
_OWN_STEMS = {**{w: "mineral" for w in ("mineral", "minerals", "minerales")},
              **{w: "metre" for w in ("meters", "metres", "metre")},
              # (one of the two authors; "the researchers" are the study's)
              "researcher": "researcher", "investigador": "investigador",
              "investigadora": "investigador",
              # a report, not "informó" / "informa" (reported)
              **{w: "informe" for w in ("informe", "informes", "reporte", "reportes")},
              # a post ("qué cargo tiene"), not a load ("carga")
              **{w: "cargo" for w in ("cargo", "cargos")}}
_ENGLISH_STEMMER = Stemmer.Stemmer("english")
_SPANISH_STEMMER = Stemmer.Stemmer("spanish")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Snowball English, then Spanish: one stem for both languages' inflections.

    Questions mix languages, so the word's language is unknown; applying both conflates
    "praising/praised", "invested/investment" and "escribieron/escribió" alike, and the
    Spanish pass barely touches an English stem.
    """
    if token.isdigit() or len(token) < 3:
        return token
    if token in _OWN_STEMS:
        return _OWN_STEMS[token]
    if token.endswith("mente") and len(token) > 9:  # Spanish adverbs: "mayoritariamente" is
        token = token[:-5]  # "mayoritaria" (Snowball Spanish keeps the -mente stem apart)
    return str(_SPANISH_STEMMER.stemWord(_ENGLISH_STEMMER.stemWord(token)))


@lru_cache(maxsize=200_000)
def english_stem(token: str) -> str:
    """Snowball English alone."""
    if token.isdigit() or len(token) < 3:
        return token
    if token in _OWN_STEMS:
        return _OWN_STEMS[token]
    return str(_ENGLISH_STEMMER.stemWord(token))


def tokens(text: str) -> list[str]:
    """Folded, stemmed words of `text`, stopwords included."""
    return [stem(t) for t in fold(text).split()]
