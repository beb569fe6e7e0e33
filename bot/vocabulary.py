"""Everyday English and Spanish words with their frequencies, and the chat around questions.

The frequencies come from the `wordfreq` package's "small" lists (about 30,000 words per language,
from subtitles, Wikipedia, books, web text, Reddit and Twitter, so chat words like "lol" and "pls"
are in them). They answer two questions the engine asks of a word it does not find in the story's
knowledge: is it a real word (then it is never "corrected" into another: "nope" stays "nope"), and
is it a typo of a much commoner word ("waht" -> "what")?

`wordfreq`'s own import pulls in regex, ftfy and langcodes (~110 ms), most of the `storybot ask`
budget; its data files are read here directly, in the documented cBpack format (a msgpack list:
a header, then one bucket of words per centibel of frequency), which takes ~25 ms for both
languages. tests/test_vocabulary.py checks this reader against `wordfreq.zipf_frequency`.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.util
import marshal
import os
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import msgpack

from bot.text import IN_QUOTES, STOPWORDS, fold

LANGUAGES = ("en", "es")
REAL_WORD_ZIPF = 3.0  # at or above: a real word people write on purpose, never a typo
RARE_WORD_ZIPF = 2.0  # at or above (in the large lists): a rare real word, not a name
COMMON_ZIPF = 4.0  # a typo is only corrected to a word at least this common ...
TYPO_ZIPF_GAP = 2.0  # ... and this much commoner than the typo itself (log10 units)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CACHE_FORMAT = 2  # bump when the tables' shape changes
_CODE = Path(__file__).resolve().parent  # the package: its code builds what is cached

# Chat around a question, not part of it: greetings, politeness, laughter, addressing the bot,
# intensifiers and discourse markers, English and Spanish (incl. Peruvian and chat spellings).
# Asking someone to tell or explain, in the persons and varieties people write ("explíqueme",
# "me explicas", "contame", "dígame", "quisiera saber"): a request, nothing about the story
REQUESTING = frozenset("""
    explain tell dime decime cuentame explicame explicamelo explicanos expliqueme explique
    explicas expliquenme cuenteme contame digame decis quisiera clarify elaborate
    """.split())
FILLER = REQUESTING | frozenset("""
    pls plz plis pliss please porfa porfavor porfis porfi xfa pf thx thanks thank thankyou ty
    tysm gracias grax
    lol lmao lmfao rofl xd xdd jaja jajaja jajajaja jeje haha hahaha hehe kk lel omg wtf smh
    hey hi hello hiya yo sup oi hola buenas buenos saludos oe oye causa pata bro bruh dude man
    fam mate broski hermano amigo amiga chamo pe po ps pues bueno bien vale ok okay okey oki
    so well like um uh umm uhh hmm hm eh ah oh ya yeah yea yep yup nah nope si sip nop
    bot storybot robot quick qq question pregunta real just really actually
    anyone somebody someone alguien sabe saben know knows
    can could would you u ya tell me explain dime decime cuentame explicame sabes puedes
    plus also too again tambien
    itself themselves mismo misma mismos mismas
    anyhow anyway anyways wait basically literally honestly seriously ngl tbh idk imo imho btw
    fr rn lowkey neta wey cachai cachay viste
    hazme haz rapido rapidito rapidamente
    guey osea estimados estimado estimada estimadas mijito mijita mijo mija hijito hijita
    senor senora senorita don dona sr sra srta mr mrs ms wdym wym fyi afaik iirc
    ong deadass istg frfr bestie innit yaar bhai che boludo boluda parce parcero parcera llave
    mano manito weon weona asere chabon oiga oigan nomas orale carnal compa crikey cobber
    anda andan andaba andaban
    abeg abi oga sha na lang ba naman ako diba talaga kasi ng mga yung daw raw nya niya
    illo quillo pisha querido querida upe upei
    aye naw ken ye youse yous eejit craic wee fi nuh deh finna bouta ji arre accha acha
    lah leh lor meh sia hor liao arvo heaps
    chido pos mero chale andale pinche wepa diache klk acere pana tiguere bacano berraco hagale
    burda naguara pucha achachay fome bo posta mira dale maje chilero patojo puchica fijese
    fijate mae tuanis nde pio guay mola hostia venga xfavor
    chuta caramba ostras jolin jolines uff uy guau wow conchale atiza carambola
    plenty loads lots
    hell heck fuck fucking fuckin freaking freakin frickin effing damn bloody
    carajo carajos diablos joder verga chingados chucha
    daw grabe wahala eish lekker boet bru howzit yall ja shaa iwe sumerce mopri vos
    wagwan gwaan manyas sef pes sabi ehn jare mazo
    """.split())
# Words that are only chat when they stand alone (a greeting, thanks, an answer to someone).
SOCIAL = frozenset("""
    hi hey hello hiya yo sup gm gn morning evening night hola buenas buenos dias tardes noches
    thanks thank thx ty tysm gracias grax cool nice great awesome ok okay okey oki fine good
    nope nah yep yup yes no si sip nop sure claro vale bueno lol lmao xd jaja jajaja haha
    bye adios chau chao see later luego welcome bienvenido perfect perfecto genial bacan chevere
    help ayuda commands comandos pillado pillao entendido understood gotcha
    """.split())
# Reactions a remark opens with ("wow, these politicians", "haha so many trains"): with no
# question in it, such a line reacts, it asks nothing
REACTIONS = frozenset("""
    wow haha hahaha jaja jajaja jajajaja lol lmao omg damn dang nice cool uff uy guau vaya wtf
    bruh ay ayy oof yikes whoa woah hmm hmmm interesting crazy insane uh uhh
    chuta chucha caramba caray uta hijole orale chale puchica diantre hala ostia hostia joder
    buah buf uf uff ufff meh ugh geez jeez sheesh gosh blimey crikey strewth herh chai ehen
    yay welp smh ffs lmfao rofl pfft wepa
    """.split())
# Whole lines that are chat, though their words alone could be about the story
# ("de acuerdo" is "agreed", not the agreement Blinken praised).
SOCIAL_PHRASES = frozenset(p.strip() for p in """
    de acuerdo|me parece bien|que pasa|que tal|como estas|como estan|como va|how are you|
    how is everyone|how is everyone doing|whats up|what is up|sounds good|all good|of course|
    no problem|por supuesto|esta bien|todo bien|no pasa nada|que onda|buen dia|good job|
    well done|my bad|no worries|same here|see you|hasta luego|nos vemos|que bueno|que mal|
    que risa|que miedo|que loco|que locura|que horror|que triste|que raro|que pena|que fuerte|
    que asco|que verguenza|que lindo|que chevere|que bacan|que roche|que palta|que cague|
    what a joke|what a mess|how funny|so funny|too funny|happy new year|happy birthday|
    merry christmas|happy holidays|feliz ano nuevo|feliz ano|feliz cumpleanos|feliz navidad|
    felices fiestas|prospero ano nuevo
    """.replace("\n", "").split("|")) - {""}
# Chat idioms inside a question: they never say what is asked ("who gave the trains in the
# first place", "de quién es al final"). Tags only at the end of a line ("... or nah", "... o q").
IDIOMS = tuple(tuple(p.split()) for p in """
    in the first place|at all|by the way|kind of|sort of|a bit|right now|for real|to be honest|
    at the end of the day|and stuff|and all that|and everything|or whatever|en primer lugar|
    de todas formas|de todos modos|por cierto|al final|in the end|en fin|un poco|ahora mismo|
    de verdad|
    en serio|y todo eso|y eso|en todo esto|en todo eso|todo esto|todo eso|all of this|all this|
    this whole thing|the whole thing|take place|took place|takes place|taking place|tuvo lugar|
    tiene lugar|se llevo a cabo|was held|were held|is held|be held|thinking about|thinking of|
    pensando en|i would like to know|i d like to know|i want to know|i wanna know|i wonder|
    i was wondering|quisiera saber|
    que mas parce|que mas parcero|que mas sumerce|que mas llave|que mas mano|que mas hermano|
    que mas pues|que mas mijo|que mas mija|que mas vecino|
    me gustaria saber|quiero saber|queria saber|a poco|
    disculpa la molestia|disculpe la molestia|disculpen la molestia|perdon la molestia|
    perdone la molestia|
    si no es molestia|si no es mucha molestia|con el debido respeto|con todo respeto|
    le agradeceria que me|le agradeceria|les agradeceria|te agradeceria|quisiera consultarles|
    quisiera consultarle|quisiera consultar|quisiera preguntar|queria preguntar|me podria indicar|
    me podrias indicar|podria indicarme|if you don t mind|if it s not too much trouble|
    would you be so kind as to|would you kindly|could you kindly|i d be grateful if you could|
    i would be grateful if you could|i would be grateful to know|i d appreciate it if you could|
    i would appreciate it if you could|could you please tell me|please tell me|
    for the avoidance of doubt|just to be clear|to be clear|just to be sure|out of curiosity|
    if any|so to speak|as they say|in broad terms|in essence|by any chance|in a nutshell|
    para que quede claro|por curiosidad|por si acaso|en pocas palabras|de casualidad|
    del que habla la nota|de la que habla la nota|de los que habla la nota|de quien habla la nota|
    del que habla el articulo|de la que habla el articulo|de quien habla el articulo|
    del que habla todo esto|de la que habla todo esto|de quien habla todo esto|
    del que habla la noticia|de la que habla la noticia|de quien habla la noticia|
    del que habla esta historia|de quien habla esta historia|del que hablan|de quien hablan|
    the article talks about|the story talks about|the article is talking about|
    everyone is talking about|everybody is talking about|
    estoy haciendo un trabajo|haciendo un trabajo|hago un trabajo|tengo un trabajo|
    tengo que hacer un trabajo|para un trabajo|pal trabajo|para el trabajo|for my assignment|
    for an assignment|for a school project|for my school project|for my project|
    que sale en la nota|que aparece en la nota|que sale en el articulo|que aparece en el articulo|
    in one line|in two lines|in three lines|in a few lines|in one sentence|in two sentences|
    in three sentences|in a few sentences|in a few words|in one paragraph|in a paragraph|
    en una linea|en dos lineas|en tres lineas|en pocas lineas|en una frase|en dos frases|
    en pocas frases|en una oracion|en dos oraciones|en un parrafo|en dos palabras|para el cable|
    down in|out in|over in|down there|over there|up there|out there|down here|up here|over here|
    por alla|por aca|alla en|aca en|went and|gone and|go and|goes and|
    fill in the blank|fill in the blanks|fill the blank|fill the gap|fill in the gap|
    complete the sentence|complete the quote|completa la frase|completa la cita|
    completa la oracion|in plain words|in plain english|in simple words|in simple terms|
    en palabras simples|en palabras sencillas|que bola|q bola|que bolon|
    ir a parar|irian a parar|iria a parar|fueron a parar|van a parar|
    va a parar|in the middle of nowhere|middle of nowhere|en medio de la nada|
    por parte de|por parte del|el tal|la tal|los tales|las tales|
    en corto|en resumidas cuentas|in a couple lines|
    in a couple of lines|in a couple of sentences|in a couple of words|a grandes rasgos|
    grosso modo|mas o menos|more or less|roughly speaking
    """.replace("\n", "").split("|"))
END_TAGS = frozenset(tuple(p.split()) for p in """
    or what|or nah|or not|or something|or no|o algo asi|o algo|o que|o q|o no|o como|no
    """.replace("\n", "").split("|"))
_LONGEST_TAG = max(map(len, END_TAGS))


_CLAUSE = re.compile(r"[.,;:!?¿¡—–]+|\s-\s")
_INTRODUCTION = re.compile(r"^(i am|i m|im|i ve been|ive been|soy|me llamo|as an?) |"
                           # where the asker writes from: "aquí desde Arequipa", "hi from Perth"
                           r"^(aqui|aca|saludos|hola|hello|greetings|hi|hey)( \S+)? "
                           r"(desde|from) \S+( \S+){0,4}$|"
                           r"^\S+( \S+){0,3} here$|"
                           # hearsay from the asker's own circle: "that's what my friend said"
                           r"^(that s |thats |eso es )?(what |lo que )?(my|mi|mis) \S+ "
                           r"(said|says|told me|thinks|dijo|dice|dicen|me dijo|cree|creen)$")
_QUOTE_MARKS = ' "“”«»'
# A clause ending in one of these asks to confirm it ("the trains came from China, right?").
_CONFIRM_TAGS = frozenset("right verdad cierto correct".split())


def words_outside_questions(text: str, asking: frozenset[str]) -> frozenset[str]:
    """Folded words found only in sentences or clauses with no question word in them, when
    another has one: "Which think tank is it? My nephew works there, over Christmas" - the
    names in a story about the asker are not what is asked."""
    clauses = [fold(c).split() for c in _CLAUSE.split(text) if c.strip()]
    asked = [c for c in clauses if asking.intersection(c)]
    if not asked or len(asked) == len(clauses):
        return frozenset()
    inside = {w for c in asked for w in c}
    return frozenset(w for c in clauses if not asking.intersection(c) for w in c) - inside


def drop_introductions(text: str) -> tuple[str, list[str]]:
    """(text without the asker's clauses about themselves, the words dropped): "Good evening.
    I am a retired civil engineer. Which sector ...", "journalist here, checking sourcing: who
    ...", "soy estudiante de la San Marcos, me explicas ...". A line that is only that stays."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    # (words in quotation marks are someone's: '"I am so proud to have Caltrain ..." who said
    # this?' is no asker saying who they are)
    quoted = [f" {fold(m.group(1))} " for m in IN_QUOTES.finditer(text)]
    about_me = [c for c, f in zip(clauses, map(fold, clauses), strict=True)
                if (_INTRODUCTION.search(f) or all(w in GREETINGS or w in SOCIAL
                                                   for w in f.split()))
                and not any(f" {f.strip(_QUOTE_MARKS)} " in q for q in quoted)]
    kept, dropped = text, []
    for clause in clauses:
        words = clause.split()
        if len(words) > 2 and fold(words[-1]) in _CONFIRM_TAGS and clause not in about_me:
            kept = kept.replace(clause, " ".join(words[:-1]), 1)
            dropped.append(fold(words[-1]))
    if not about_me or len(about_me) == len(clauses):
        return kept, dropped
    kept, words = _without(kept, about_me)
    return kept, dropped + words


_SENTENCE = re.compile(r"(?<=[.!?])\s+|[¿¡]")  # (not ":": "strictly speaking: A or B?")


def question_sentence(text: str, asking: frozenset[str],
                      remark: Callable[[list[str]], bool]) -> str | None:
    """The first sentence of a line of several that asks: ends with "?", or else has a word
    of `asking` (folded); None for a line of one sentence, or of none that asks, or when a
    sentence after it is no `remark` ("... ? I remember the word 'deep' in it" tells what is
    asked; "... ? my kids at school asked me" does not)."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    at = next((i for i, s in enumerate(sentences) if s.endswith("?")), None)
    if at is None:
        at = next((i for i, s in enumerate(sentences) if asking.intersection(fold(s).split())),
                  None)
    if at is None or not all(remark(fold(s).split()) for s in sentences[at + 1:]):
        return None
    return sentences[at]


def drop_asides(text: str, keeps: Callable[[list[str]], bool]) -> tuple[str, list[str]]:
    """(text without its asides, the words dropped): the clauses `keeps` rejects ("if I may
    ask", "so to speak", "as they say"), as long as one clause is kept."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    if len(clauses) < 2:
        return text, []
    asides = [c for c in clauses if not keeps(fold(c).split())]
    if not asides or len(asides) == len(clauses):
        return text, []
    return _without(text, asides)


_CLAUSE_AND_END = re.compile(f"({_CLAUSE.pattern})")
# Words that carry a question on past its "?" ("Was he there? or did he speak remotely")
_BECAUSE = frozenset("because cause cuz coz bc porque pq xq".split())  # why one asks
_GOING_ON = frozenset("or o u and y like tipo como ie eg nor ni sino but pero".split())


def drop_remarks(text: str, remark: Callable[[list[str]], bool], asking: frozenset[str],
                 specifies: Callable[[list[str]], bool] = lambda words: False
                 ) -> tuple[str, list[str]]:
    """(text without the remarks that trail its question, the words dropped): "when was the
    ceremony, month is fine", "tldr pls, on break and got 5 min". A trailing clause is a remark
    when `remark` says so and it is not itself asked (ends in "?"); so is all that follows the
    last "?" when none of it asks (no clause opens with an `asking` word other than "because")
    nor goes on with the question ("or did he …") nor says how the answer is wanted
    (`specifies`). What is left must still ask."""
    pieces = _CLAUSE_AND_END.split(text)  # clause, its end, clause, its end, ..., clause
    clauses = [(pieces[i], pieces[i + 1] if i + 1 < len(pieces) else "")
               for i in range(0, len(pieces), 2)]
    dropped: list[str] = []
    while len(clauses) > 1:
        clause, end = clauses[-1]
        words = fold(clause).split()
        if words and ("?" in end or not remark(words)):
            break
        clauses.pop()
        dropped += words
    asked_at = max((i for i, (_, end) in enumerate(clauses[:-1]) if "?" in end), default=None)
    if asked_at is not None and not any("?" in e for _, e in clauses[asked_at + 1:]):
        # "¿Quién tiene la mayoría en Las Bambas? Pregunto porque acá ...": what follows the
        # question, asking nothing, says why one asks
        after = [said for c, _ in clauses[asked_at + 1:] if (said := fold(c).split())]
        openers = {said[0] for said in after}
        words = [w for said in after for w in said]
        if after and after[0][0] not in _GOING_ON and not (asking - _BECAUSE) & openers \
                and not specifies(words):
            dropped += words
            clauses = clauses[:asked_at + 1]
    kept = "".join(c + e for c, e in clauses)
    if not dropped or not asking.intersection(fold(kept).split()):
        return text, []
    return kept, dropped


def _without(text: str, clauses: list[str]) -> tuple[str, list[str]]:
    """(text without these clauses, their folded words)."""
    for clause in clauses:
        text = text.replace(clause, " ", 1)
    return text, [w for c in clauses for w in fold(c).split()]


_IDIOMS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(sorted((p for p in IDIOMS if p[0] == first), key=len, reverse=True))
    for first in {p[0] for p in IDIOMS}}


# Nouns after which a folded "publico" is the adjective "público" (public), not "publicó"
# (published): "cargo público", "funcionario público", "obras públicas"
_PUBLIC_AFTER = frozenset("""
    cargo cargos funcionario funcionaria funcionarios sector servicio servidor obra obras dinero
    fondos gasto inversion empresa empresas transporte espacio opinion
    """.split())
# Verbs of going after which "hasta" is "all the way to", not "until": "se fue hasta California"
_GOING = frozenset("""fue fueron fui va van vino vinieron viajo viajaron viaja viajar ir llego
    llegaron llega llegar mandaron mando enviaron envio llevaron llevo""".split())
# Words that say nothing after one of these: "cargo público" is a post, "hoy día" is today
_EMPTY_AFTER = {**dict.fromkeys("publico publica publicos publicas".split(), _PUBLIC_AFTER),
                "dia": frozenset({"hoy"}), "hasta": _GOING}


def drop_idioms(words: list[str]) -> tuple[list[str], list[str]]:
    """(words without chat idioms and end tags, the words dropped); "público" after a noun it
    describes is dropped too: the noun says what is meant ("cargo público": a post)."""
    kept: list[str] = []
    dropped: list[str] = []
    i = 0
    while i < len(words):
        if kept and kept[-1] in _EMPTY_AFTER.get(words[i], ()):
            dropped.append(words[i])
            i += 1
            continue
        idiom = next((p for p in _IDIOMS_BY_FIRST.get(words[i], ())
                      if tuple(words[i:i + len(p)]) == p), None)
        if idiom is None and i and len(words) - i <= _LONGEST_TAG \
                and tuple(words[i:]) in END_TAGS:
            idiom = tuple(words[i:])
        if idiom:
            dropped.extend(idiom)
            i += len(idiom)
        else:
            kept.append(words[i])
            i += 1
    return kept, dropped


# English phrasal verbs whose particle the matcher would drop as a stopword, leaving a verb that
# means something else ("put out the study": published it, not money put in): read as one verb.
PHRASAL_VERBS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): verb for verb, phrases in {
        "published": "put out|puts out|putting out|came out|come out|comes out|coming out",
        # "quién dio la noticia", "who broke the story": who reported it first
        "reported": "broke the story|broke the news|dio la noticia|dieron la noticia|"
                    "saco la noticia|sacaron la noticia|saco el chisme|sacaron el chisme|"
                    "destapo el chisme|soltaron la noticia|solto la noticia",
        "arrived": "turned up|turn up|turns up|showed up|show up|shows up",  # (not "came",
        # which asks a link: "how does X come in")
        "said": "spoke out|speak out|speaks out|pointed out|point out|points out|"
                "went on about|goes on about|going on about|go on about|gone on about",
        "increased": "gone up|pushed up|push up|pushes up|pushing up|driven up|drove up",
        # ("went up to California" is a trip)
        # giving a speech is speaking, not giving something away
        "spoke": "gave a speech|gave the speech|gave a talk|gives a speech|dio el discurso|"
                 "dio un discurso|dieron el discurso|dio unas palabras|hizo el discurso",
        "donated": "gave away|give away|gives away|giving away|given away",
        # "hit back at": answered; "get paid": a salary, not money paid in
        "responded": "hit back|hits back|hitting back|talk back|talks back|talked back|"
                     "talking back|come back at|comes back at|came back at|coming back at",
        "earns": "get paid|gets paid|getting paid|got paid|making bank|makin bank|make bank|"
                 "makes bank|made bank|rake in|rakes in|raking in|raked in",
        # Spanish "ha usado" is a verb (has used), not "usado" (second-hand)
        "uso": "ha usado|han usado|habia usado|habian usado",
        # "which president was in charge": governing, not charging a sum
        "governing": "in charge|a cargo",
        # chat words for a friend, which alone are a vocative ("thanks mate"): "a mate of China"
        "ally": "mate of|mates with|pal of|pals with|buddy of|buddies with|bff of|bffs with|"
                "chum of|chums with|homie of|homies with",
        "percent": "por ciento",  # ("qué por ciento de Las Bambas": a share)
        # "the short version of the article": its summary
        "summary": "short version|quick version|version corta|version resumida|few words|"
                   "pocas palabras|two words|dos palabras",
        # the article's first lines, in a journalist's word: "how is the mayor described in the
        # opening line" (not the port's opening)
        "lede": "opening line|opening lines|opening paragraph|opening sentence|first paragraph|"
                "first line|first lines|first sentence|very start|very beginning|primer parrafo|"
                "primera linea|primeras lineas|primera frase|primera oracion",
        # someone important, in chat: "which Chinese big shot was at the opening"
        "bigwig": "big shot|big shots|big boss|top dog|pez gordo|peces gordos",
        "job": "day job|day jobs",  # what he does for a living, not a day asked
        # "qué pito toca Blinken en esta historia": what part he plays (Spanish idiom)
        "papel": "pito toca|pito tocan|pito tocaba|pito toco|pito juega",
        # "how did the FDD guy size up the donation": what he thought of it
        "think": "size up|sized up|sizes up|sizing up",
        "compiled": "put together|puts together|putting together",  # a report, made
        # "cómo le dicen al alcalde": what he is called, not what anyone says to him
        "apodo": "como le dicen|como le llaman|como lo llaman|como les dicen|como les llaman",
        # Irish "giving out about": complaining of, not giving anything away
        "criticizing": "giving out about|give out about|gives out about|gave out about|"
                       "given out about",
    }.items() for phrase in phrases.split("|")}


# "What did X make of it": X's view, where no amount is asked ("how much does PeruRail make
# of the shipments" is earning)
_VIEW_PHRASES = frozenset({("make", "of"), ("makes", "of"), ("made", "of")})
_OLD = frozenset("old auld".split())
_POSTS_HELD = frozenset("secretary diplomat president minister foreign official".split())
# "Le pusieron" a name, where no amount is asked ("cuánto le puso China" is money put in)
_NAMING_PHRASES = frozenset({("le", "pusieron"), ("le", "puso"), ("le", "ponen"),
                             ("le", "pone")})
_AMOUNT_ASKED = frozenset("much many cuanto cuanta cuantos cuantas kuanto kuanta kuantos "
                          "kuantas plata dinero billete lana millones".split())


# "What's the name of the X" asks which X
_NAME_OF = (("what", "is", "the", "name", "of", "the"), ("what", "the", "name", "of", "the"),
            ("whats", "the", "name", "of", "the"))
_NAME_OF_OPENERS = frozenset(n[0] for n in _NAME_OF)


_KIND_ASKERS = frozenset("what which que cual cuales".split())
_KIND_NOUNS = frozenset("kind kinds type types sort sorts tipo tipos clase clases".split())


# "para qué sirve X", "pa qué iba a servir X": what X is for (a description, as "what was the
# project for" is), not a reason; the verb says nothing more
_SERVING = frozenset("""servir sirve sirven servia servian serviria servirian sirvio sirvieron
    serviran servira sirva sirvan""".split())
_FOR_WHAT = (("para", "que"), ("pa", "que"), ("para", "q"), ("pa", "q"), ("pa", "k"))


def _what_for(words: list[str]) -> list[str]:
    """'Para qué sirve X' read as 'qué X': the purpose asked, with no verb to match."""
    at = next((i for i in range(len(words) - 1) if tuple(words[i:i + 2]) in _FOR_WHAT), None)
    if at is None or not _SERVING.intersection(words[at + 2:]):
        return words
    return [*words[:at], "que", *(w for w in words[at + 2:] if w not in _SERVING)]


# "cómo se llama completo", "su nombre completo", "full name": the name is asked, whole
_FULL = frozenset("completo completa".split())
_NAMED = frozenset("llama llaman nombre name".split())


def read_phrasal(words: list[str]) -> list[str]:
    """Folded words with each listed phrasal verb read as the one verb it means."""
    words = _what_for(words)
    words = [w for i, w in enumerate(words) if w not in _FULL
             or not _NAMED.intersection(words[max(i - 1, 0):i] + words[i + 1:i + 2])]
    out: list[str] = []
    i = 0
    no_sum = not _AMOUNT_ASKED.intersection(words)  # ("how much does PeruRail make of ...")
    while i < len(words):
        named = next((len(n) for n in _NAME_OF if tuple(words[i:i + len(n)]) == n), 0) \
            if words[i] in _NAME_OF_OPENERS else 0
        if named:  # "what's the name of the think tank": which think tank
            out.append("which")
            i += named
            continue
        if words[i] in _KIND_ASKERS and words[i + 1:i + 2] and words[i + 1] in _KIND_NOUNS \
                and words[i + 2:i + 3] and words[i + 2] in ("of", "de"):
            out.append(words[i])  # "qué tipo de negocio", "what kinds of supplies": which
            i += 3  # business, which supplies ("tipo" is no guy)
            continue
        if words[i] in _OLD and words[i + 1:i + 2] and words[i + 1] in _POSTS_HELD:
            out.append("former")  # "the old secretary of state": the former one (not the old
            i += 1  # train cars)
            continue
        verb = PHRASAL_VERBS.get(tuple(words[i:i + 3]))
        if verb is not None:  # "gave a speech", "dio el discurso"
            out.append(verb)
            i += 3
            continue
        verb = PHRASAL_VERBS.get(tuple(words[i:i + 2]))
        if verb is None and no_sum and tuple(words[i:i + 2]) in _VIEW_PHRASES:
            verb = "think"
        if verb is None and no_sum and tuple(words[i:i + 2]) in _NAMING_PHRASES:
            verb = "apodaron"  # "el apodo que le pusieron al alcalde"
        if verb is not None:
            out.append(verb)
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


# Everyday words that are also names when written in capitals: "US" the country, "us" the
# pronoun; "USA" the country, Spanish "usa" (uses); "CA" California, Spanish/Catalan "ca".
EVERYDAY_ACRONYMS = frozenset("us usa ca it am who oh or".split())
# Chat spellings of common words (Spanish chat shortens a lot): read as the word meant.
# Chat spellings only an English question means so: Spanish "locos" are madmen (or guys), and
# "di" is a form of "decir"
ENGLISH_CHAT_SPELLINGS = {"locos": "locomotives", "di": "the", "fur": "for",  # (Scots "fur")
                          "sino": "who",  # (Taglish; Spanish "sino" is "but rather")
                          # Doric ("fa's the mannie", "whaur", "atween"; "siller" is money)
                          "fa": "who", "fas": "who", "whaur": "where", "atween": "between",
                          "mannie": "man", "wifie": "woman", "siller": "money", "aff": "off",
                          # Glaswegian ("whit's it cawed", "the mayor's ain firm", "a load o
                          # trains"; Spanish "o" is "or")
                          "cawed": "called", "caw": "call", "ain": "own", "o": "of",
                          "daein": "doing", "naebody": "nobody", "efter": "after",
                          # "what Blinken figured": thought, not a figure
                          "figured": "thought",
                          "inna": "in"}  # (Jamaican "inna di story")
CHAT_SPELLINGS = {
    "xq": "porque", "pq": "porque", "porq": "porque", "q": "que", "k": "que", "ke": "que",
    "qe": "que", "tb": "tambien", "tmb": "tambien", "d": "de", "x": "por", "xa": "para",
    "pa": "para", "dnd": "donde", "cdo": "cuando", "qn": "quien", "qien": "quien", "kien": "quien",
    "kienes": "quienes", "wat": "what",
    "wut": "what", "wht": "what", "whats": "what", "whos": "who", "wheres": "where",
    "whens": "when", "hows": "how", "thru": "through", "abt": "about",
    "bc": "because", "cuz": "because", "coz": "because", "ppl": "people", "govt": "government",
    "pres": "president", "yrs": "years", "wrt": "about",
    "fella": "guy", "fellas": "guys",  # (English chat, one edit from Spanish "ella")
    "monie": "money",  # (not "movie")
    "oy": "hoy",
    "cuate": "tipo", "cuates": "tipos",  # (Mexican: a guy, not "cute")
    "prez": "president", "yr": "year", "smth": "something", "sth": "something",
    "smthg": "something", "tryna": "trying", "b4": "before", "bout": "about", "tho": "though",
    "gov": "government", "esp": "especially", "prob": "probably", "prolly": "probably",
    "mins": "minutes", "hrs": "hours", "ala": "a", "alos": "a", "pal": "para", "dsp": "despues",
    "dps": "despues", "aki": "aqui", "kiero": "quiero", "presi": "presidente",
    "oke": "guy", "okes": "guys", "onde": "donde", "aonde": "donde", "ande": "donde",
    "ta": "esta", "tan": "estan", "namas": "nomas",
    # Jamaican, Scots, American chat; Spanish chat abbreviations
    "wah": "what", "dat": "that", "dis": "this", "ting": "thing", "seh": "say",
    "aboot": "about", "lemme": "let", "gimme": "give", "wassup": "sup", "vdd": "verdad",
    "xk": "porque", "pk": "porque",
    # Scots spellings: without them the speller "corrects" them to story words that change the
    # question ("ower" to power, "oot" to not, "tae" to the, "fae" to face)
    "wi": "with", "fae": "from", "frae": "from", "tae": "to", "intae": "into", "ontae": "onto",
    "aw": "all", "ower": "over", "auld": "old", "maist": "most", "heid": "head", "oot": "out",
    "doon": "down", "dae": "do", "daes": "does", "nae": "no", "mair": "more", "noo": "now",
    "yon": "that", "yer": "your", "toon": "town", "masel": "myself", "yersel": "yourself",
    "cannae": "can", "didnae": "did", "disnae": "does", "isnae": "is", "wisnae": "was",
    "dinnae": "do", "wouldnae": "would", "couldnae": "could", "shouldnae": "should",
    "wantae": "want", "gied": "gave",
    # spoken contractions and slang
    "outta": "out", "lotta": "lot", "aint": "is", "em": "them", "cos": "because",
    "til": "until", "ima": "going", "honcho": "boss",
    # Spanish with the "h" dropped
    "izo": "hizo", "isieron": "hicieron", "icieron": "hicieron", "ablo": "hablo",
    # Nigerian Pidgin
    "wetin": "what", "dem": "they", "dey": "is", "tok": "talk", "dash": "give",
    "ndaje": "supuestamente",  # (Guaraní in Paraguayan Spanish: "they say")
    # Taglish question words
    "kailan": "when", "bakit": "why", "saan": "where", "magkano": "cost",
    # British and Australian chat
    "wot": "what", "wots": "what", "summat": "something", "nuffin": "nothing",
    "defo": "definitely", "def": "definitely", "bein": "being", "n": "and", "w": "with",
    # texting with the vowels left out, and Caribbean spellings: without them the speller
    # "corrects" them to other words ("wid" to did, "cld" to cold, "pple" to apple, "pikin"
    # to Pekin)
    "hw": "how", "wid": "with", "wen": "when", "shd": "should", "cld": "could",
    "wld": "would", "pple": "people", "hv": "have", "gd": "good", "nd": "and", "ur": "your",
    "yuh": "you", "tek": "take", "mek": "make", "likkle": "little", "mebbe": "maybe",
    "unu": "you", "pikin": "child", "wagwan": "sup",
    "uni": "university",  # ("en q uni estudió": where he studied, no study of his)
    "vip": "bigwig", "vips": "bigwigs",  # "the VIP from China at the opening": who
    "ganji": "money",  # (Sheng)
    # where people work, in the words of Spain, Argentina, Peru and Mexico
    "curra": "trabaja", "curran": "trabajan", "currar": "trabajar", "labura": "trabaja",
    "laburan": "trabajan", "laburar": "trabajar", "chambea": "trabaja", "chambean": "trabajan",
    # contractions typed without the apostrophe
    "thats": "that", "hes": "he", "shes": "she", "theyre": "they", "theres": "there",
    "isnt": "is", "wasnt": "was", "arent": "are", "werent": "were", "doesnt": "does",
    "didnt": "did", "dont": "do", "cant": "can", "couldnt": "could", "wouldnt": "would",
    "youre": "you", "hasnt": "has", "havent": "have",
    # texting letters and the commonest real-word slip of an auxiliary ("how much dose it make")
    "r": "are", "dose": "does", "dl": "del",
    # Andalusian and Caribbean "l" said as "r" ("la empresa der arcarde", "quién contó er viaje")
    "der": "del", "er": "el",
}
# Second person: a line addressed to the bot ("what are you working on?", "¿hablas inglés?").
YOU = frozenset("""
    you your yours yourself u ur tu tus te ti usted ustedes contigo tienes eres estas puedes
    sabes hablas haces quieres piensas crees vives estudias trabajas programaron creaste
    """.split())
THANKS = frozenset("thanks thank thx ty tysm gracias grax agradezco cheers".split())
FAREWELLS = frozenset("bye goodbye byebye bai cya adios chao chau ciao".split())
GREETINGS = frozenset("""
    hi hey hello hiya yo sup gm morning evening hola buenas buenos dias tardes noches saludos
    """.split())
# Questions about the bot itself rather than the story.
ABOUT_BOT = frozenset("""
    you your yourself u ur tu eres te bot storybot robot ai ia sentient human humano creator
    made created built hizo creo programo program programmed name nombre llamas
    """.split())


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_cbpack(path: Path) -> dict[str, float]:
    """Zipf frequency (log10 per billion words) of each word of a wordfreq cBpack file."""
    with gzip.open(path, "rb") as stream:
        data = msgpack.load(stream, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" \
            or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack file (header {header!r})")
    zipf: dict[str, float] = {}
    for centibels, bucket in enumerate(data[1:]):
        value = 9.0 - centibels / 100  # bucket i holds words of frequency 10**(-i/100)
        for word in bucket:
            zipf.setdefault(word, value)
    return zipf


def _stamp(files: list[Path]) -> str:
    """The data files' identity: a cache built from them is stale once any changes."""
    return "|".join(f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)


def cache_folder() -> Path:
    """The user's cache folder of StoryBot: what is built from data and kept between runs."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storybot"


@cache  # (the code a process runs does not change under it)
def code_stamp() -> str:
    """The package's code as it stands: data built by other code is stale."""
    files = sorted(_CODE.rglob("*.py"))
    return "|".join(f"{f.relative_to(_CODE)}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
                    for f in files)


def _cache_file(name: str, stamp: str) -> Path:
    """Where data built from something identified by `stamp` is kept between runs."""
    key = hashlib.sha256(f"{_CACHE_FORMAT}|{stamp}".encode()).hexdigest()[:16]
    return cache_folder() / f"{name}-{key}.marshal"


def _wordfreq_folder() -> Path:
    folder = _data_dir()
    if folder is None:
        raise RuntimeError("the wordfreq package is missing: pip install 'wordfreq>=3.0'")
    return folder


def cached(name: str, stamp: str, build: Callable[[], Any], valid: Callable[[Any], bool],
           keep: int | None = None) -> Any:
    """`build()`, kept in the user's cache folder under `name` and `stamp` (marshal: plain
    data, no code) so later runs read it in a few milliseconds. A cache that cannot be read or
    written is rebuilt or skipped: it is never needed. With `keep`, only that many of the
    latest under `name` are kept (data built from something edited often)."""
    kept = _cache_file(name, stamp)
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        data = marshal.loads(kept.read_bytes())
        if valid(data):
            return data
    data = build()
    with contextlib.suppress(OSError):
        write_kept(kept, lambda out: out.write(marshal.dumps(data)), keep)
    return data


def write_kept(path: Path, write: Callable[[BinaryIO], object], keep: int | None = None) -> None:
    """Write a cache file through `write`, atomically: another process reads the old file or
    the new, never half of one. With `keep`, only that many of the latest of its kind (the
    same name before the first "-", the same suffix) are kept. OSError if it cannot be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as out:
        write(out)
    os.replace(partial, path)
    if keep is not None:
        kind = f"{path.name.split('-', 1)[0]}-*{path.suffix}"
        older = sorted(path.parent.glob(kind), key=_mtime, reverse=True)
        for stale in older[keep:]:
            stale.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # (gone meanwhile: another process pruned it)


@cache
def by_language() -> dict[str, dict[str, float]]:
    """Per language: folded word -> zipf frequency (loaded once per process; folding ~65,000
    words takes most of the load, so the result is cached)."""
    folder = _wordfreq_folder()
    files = [folder / f"small_{lang}.msgpack.gz" for lang in LANGUAGES]
    tables: dict[str, dict[str, float]] = cached(
        "vocabulary", _stamp(files), lambda: _build_tables(files),
        lambda data: isinstance(data, dict) and set(data) == set(LANGUAGES))
    return tables


def _folded(path: Path, floor: float = 0.0, below: float = 100.0) -> dict[str, float]:
    """Folded word -> zipf of a cBpack file, for words with floor <= zipf < below."""
    table: dict[str, float] = {}
    for word, value in read_cbpack(path).items():
        if not floor <= value < below:
            continue
        key = word if word.isascii() and word.isalpha() else fold(word)
        if key and " " not in key and table.get(key, 0.0) < value:
            table[key] = value
    return table


def _build_tables(files: list[Path]) -> dict[str, dict[str, float]]:
    return {lang: _folded(path) for lang, path in zip(LANGUAGES, files, strict=True)}


class SortedWords:
    """A sorted word list kept as one string and the offsets of its words: membership by
    binary search, in about 2 MB where a set of the same ~130,000 words takes about 15."""

    def __init__(self, blob: str, offsets: array[int]) -> None:
        self._blob, self._offsets = blob, offsets  # offsets: each word's start, then the end

    @classmethod
    def of(cls, words: Iterable[str]) -> SortedWords:
        ordered = sorted(set(words))
        offsets, at = array("I"), 0
        for word in ordered:
            offsets.append(at)
            at += len(word) + 1
        offsets.append(at)
        return cls("\n".join(ordered) + "\n", offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _word(self, i: int) -> str:
        return self._blob[self._offsets[i]:self._offsets[i + 1] - 1]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not len(self):
            return False
        i = bisect_left(range(len(self)), word, key=self._word)
        return i < len(self) and self._word(i) == word

    def dump(self) -> tuple[str, bytes]:
        return self._blob, self._offsets.tobytes()

    @classmethod
    def load(cls, data: tuple[str, bytes]) -> SortedWords:
        offsets = array("I")
        offsets.frombytes(data[1])
        return cls(data[0], offsets)


@cache
def rare_words() -> SortedWords:
    """Folded words of wordfreq's "large" lists rarer than the small lists hold but not
    vanishingly rare ("pronouncement", "acaparar"): loaded only when a word is in neither the
    knowledge nor the small lists (~130,000 words; cached)."""
    folder = _wordfreq_folder()
    files = [folder / f"large_{lang}.msgpack.gz" for lang in LANGUAGES]
    data = cached(
        "vocabulary", _stamp(files), lambda: SortedWords.of(w for path in files for w in
                                      _folded(path, RARE_WORD_ZIPF, REAL_WORD_ZIPF)).dump(),
        lambda data: isinstance(data, tuple) and len(data) == 2
        and isinstance(data[0], str) and isinstance(data[1], bytes))
    return SortedWords.load(data)


def is_rare_word(word: str) -> bool:
    """A real word too rare for the small lists: never a name, never a typo to correct."""
    return word in rare_words()


def english_zipf(word: str) -> float:
    return by_language()["en"].get(word, 0.0)


# British spellings the word lists may lack, and their American forms (applied once, the first
# that fits): favourably -> favorably, organisation -> organization, centre -> center.
_BRITISH = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
            ("yse", "yze"), ("ysed", "yzed"), ("our", "or"), ("ourable", "orable"),
            ("ourably", "orably"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"),
            ("ourite", "orite"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"),
            ("ogue", "og"), ("lled", "led"), ("lling", "ling"), ("mme", "m"))


_BRITISH_LONGEST_FIRST = tuple(sorted(_BRITISH, key=lambda pair: -len(pair[0])))


def american_spelling(word: str) -> str | None:
    """The American spelling of a British one, or None."""
    for british, american in _BRITISH_LONGEST_FIRST:
        if word.endswith(british) and len(word) > len(british) + 2:
            return word[:-len(british)] + american
    return None


# Letters Spanish speakers write for one another, as they sound alike in Latin America
# (seseo, yeísmo, b/v): "lansaría", "desision", "cayó"/"calló", "bamos"; and chat spellings of
# the same sounds: "kiere", "komo", "xina". With the vowels that must follow, where the sound
# depends on them ("c" sounds "s" only before e / i: "casa" is no "sasa").
_FRONT, _BACK = ("e", "i"), ("a", "o", "u")
_SOUNDS_ALIKE: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("s", "z", None), ("s", "c", _FRONT), ("z", "s", None), ("c", "s", _FRONT),
    ("y", "ll", None), ("ll", "y", None), ("b", "v", None), ("v", "b", None),
    ("k", "qu", _FRONT), ("k", "c", _BACK), ("x", "ch", None),
    # "m" before "b" and "p", as it is said ("onbre", "tanbien", "conpañía"); "j" / "g" before
    # "e" and "i" ("jente", "gefe")
    ("nb", "mb", None), ("np", "mp", None), ("j", "g", _FRONT), ("g", "j", _FRONT))


def sounds_alike(word: str) -> list[str]:
    """The spellings one letter away from `word` that sound the same in Latin American
    Spanish, and each with an "h" before it ("ay" / "hay", "onbre" / "hombre")."""
    out = []
    for wrong, right, vowels in _SOUNDS_ALIKE:
        start = word.find(wrong)
        while start >= 0:
            after = word[start + len(wrong):start + len(wrong) + 1]
            if vowels is None or after in vowels:
                out.append(word[:start] + right + word[start + len(wrong):])
            start = word.find(wrong, start + 1)
    return [*out, "h" + word, *("h" + w for w in out)]


# Numbers written out, judged like digits: "the two authors", "los dos investigadores"
NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten dos tres cuatro cinco seis
    siete ocho nueve diez""".split())
DROPPED_G_GAP = 1.0  # zipf: how much commoner "running" must be than "runnin" to be meant


def dropped_g(word: str) -> str | None:
    """The "-ing" word a chat "-in'" stands for ("runnin": running), when that is much the
    commoner; short words stay ("win", "kin")."""
    if len(word) < 4 or not word.endswith("in"):
        return None
    full = word + "g"
    return full if zipf(full) >= zipf(word) + DROPPED_G_GAP else None


def dropped_d(word: str) -> str | None:
    """The Spanish "-ado" word a spoken "-ao" stands for ("pasao": pasado, "regalaos":
    regalados), when that is a real word and the typed one is not."""
    for said, written in (("aos", "ados"), ("ao", "ado")):
        if len(word) > len(said) + 2 and word.endswith(said):
            full = word[:-len(said)] + written
            return full if is_spanish_word(full) and not is_real_word(word) else None
    return None


def spelled_as_said(word: str) -> str | None:
    """The English word a chat spelling by sound stands for ("donashun": donation,
    "foundashun": foundation), when that is a real word; None otherwise."""
    if "shun" not in word:
        return None
    written = word.replace("shun", "tion")
    return written if is_real_word(written) else None


def zipf(word: str) -> float:
    """How common a folded word is in everyday English or Spanish (0: not a known word)."""
    tables = by_language()
    return max(tables["en"].get(word, 0.0), tables["es"].get(word, 0.0))


def is_real_word(word: str) -> bool:
    return zipf(word) >= REAL_WORD_ZIPF


def verb_slip(word: str) -> str | None:
    """The Spanish verb a misspelled form of it is of: the form's ending right, its stem one
    slip off ("inaguraron", "inagurado": inaugurar), when just one everyday verb is that near."""
    for ending, infinitives in _SPANISH_TENSES:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            found = {verb for i in infinitives for verb in edits1(stem + i)
                     if verb.endswith(i) and is_spanish_word(verb)}
            if len(found) == 1:
                return found.pop()
    return None


def is_spanish_word(word: str) -> bool:
    """A word of everyday Spanish: what a Spanish form is taken back to ("refería" is no
    English "refer")."""
    return by_language()["es"].get(word, 0.0) >= REAL_WORD_ZIPF


# Spanish verb forms the frequency list may lack, by the ending added to a form it has:
# conditional on the infinitive ("transportarían" <- transportar), pronouns on an infinitive,
# gerund or imperative ("consultarles", "diciéndole", "dígame")
_SPANISH_ENDINGS = ("iamos", "ian", "ias", "ia", "les", "los", "las", "le", "lo", "la", "me",
                    "se", "nos")


def sized_base(word: str) -> str | None:
    """The plain word of a Spanish diminutive or superlative ("viajecito": viaje, "cerquita":
    cerca, "clarísima": clara, "viejitos": viejo), or None."""
    for ending, endings in _SIZED:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            stem = stem[:-2] + "c" if stem.endswith("qu") else \
                stem[:-2] + "g" if stem.endswith("gu") else stem
            plain = next((stem + e for e in endings
                          if len(stem + e) >= 3 and is_spanish_word(stem + e)), None)
            if plain is not None:
                return plain
    return None


def word_base(word: str) -> str | None:
    """The everyday word `word` is a form of, when it is not in the list itself: a Spanish
    verb with its pronouns ("transportarían"), or a plural ("embarques", "hallmarks")."""
    for ending in _SPANISH_ENDINGS:
        base = word[:-len(ending)]
        if word.endswith(ending) and len(base) >= 4 and base.endswith(("r", "ndo")) \
                and is_spanish_word(base):
            return base
    for ending in ("es", "s"):
        base = word[:-len(ending)]
        if word.endswith(ending) and len(base) >= 4 and is_real_word(base):
            return base
    for ending in _ENCLITICS:  # "cuéntenme": cuenten; "explícamelo": explica(me)
        base = word[:-len(ending)]
        if word.endswith(ending) and len(base) >= 4:
            found = next((b for b in (base, *(base[:-len(e)] for e in _ENCLITICS
                                              if base.endswith(e))) if is_spanish_word(b)), None)
            if found is not None:
                return found
    for ending, infinitives in _SPANISH_TENSES:  # "inscribió": inscribir
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            verb = next((stem + i for i in infinitives if is_spanish_word(stem + i)), None)
            if verb is not None:
                return verb
    for ending, restore in (("ing", ("", "e")), ("ed", ("", "e"))):  # "bankrolling"
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
            verb = next((b for b in (*(stem + r for r in restore), undoubled)
                         if is_real_word(b)), None)
            if verb is not None:
                return verb
    plain = sized_base(word)
    if plain is not None:
        return plain
    if is_real_word(word):
        return None  # "carga" is no form of "cargo", "nota" none of "noto"
    for ending, masculine in (("as", "os"), ("a", "o")):  # "apurada": apurado
        if word.endswith(ending) and len(word) >= 5 \
                and is_spanish_word(plain := word[:-len(ending)] + masculine):
            return plain
    for prefix in _ENGLISH_PREFIXES:  # "overblown": blown
        if word.startswith(prefix) and len(word) - len(prefix) >= 4 \
                and is_real_word(word[len(prefix):]):
            return word[len(prefix):]
    return None


# Spanish superlatives and the endings of the plain word: "clarísima" clara, "facilísimo" fácil
_SUPERLATIVES = tuple((ending, ("o", "a", "e", "")) for ending in
                      ("isimos", "isimas", "isimo", "isima"))
# English prefixes that make a word the frequency list may lack of one it has
_ENGLISH_PREFIXES = ("over", "under", "out")


# Pronouns a Spanish imperative carries at its end ("cuéntenme", "explícamelo")
_ENCLITICS = ("nos", "los", "las", "les", "me", "te", "lo", "la", "le", "se")
# Spanish past and progressive forms (accents folded) and the infinitives they may come from
_SPANISH_TENSES = (("ieron", ("er", "ir")), ("aron", ("ar",)), ("iendo", ("er", "ir")),
                   ("ando", ("ar",)), ("aban", ("ar",)), ("aba", ("ar",)), ("ian", ("er", "ir")),
                   ("io", ("ir", "er")), ("ia", ("er", "ir")), ("ado", ("ar",)),
                   ("ido", ("er", "ir")), ("o", ("ar",)))


# Spanish diminutives and what their word may end in: "viajecito" (viaje), "cerquita" (cerca),
# "rapidito" (rapido), "cosita" (cosa)
_DIMINUTIVES = tuple((ending, ("e", "o", "a", "") if ending.startswith("ec")
                      else ("a", "e", "") if "ita" in ending else ("o", "e", ""))
                     for ending in ("ecitos", "ecitas", "ecito", "ecita", "citos", "citas",
                                    "cito", "cita", "itos", "itas", "ito", "ita", "azos", "azas",
                                    "azo", "aza", "otes", "otas", "ote", "ota"))
_SIZED = _DIMINUTIVES + _SUPERLATIVES  # endings that make a word smaller, bigger or more so


def edits1(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or adjacent swap away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts


@cache
def common_words() -> dict[str, float]:
    """Words at least COMMON_ZIPF common in either language -> their zipf: what a typo may be
    corrected to (≈ 13,500 words)."""
    found: dict[str, float] = {}
    for table in by_language().values():
        for word, value in table.items():
            if value >= COMMON_ZIPF and found.get(word, 0.0) < value:
                found[word] = value
    return found


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (row, col) for row, keys in enumerate(_KEYBOARD) for col, c in enumerate(keys)}


def _adjacent_keys(a: str, b: str) -> bool:
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1


def typo_cost(typed: str, meant: str) -> float:
    """How unlikely, in zipf units, the slip from `meant` to the one-edit `typed` is: a dropped
    or swapped letter is the commonest slip, a neighbouring key next, an extra letter, then any
    other key ("wher" is "where" with its e dropped, rather than "when" with n struck as r)."""
    if len(meant) == len(typed) + 1:
        return 0.0  # a letter left out
    if len(meant) + 1 == len(typed):
        return 0.5  # a letter too many
    diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(diff) == 2:
        return 0.0  # two letters swapped
    i = diff[0]
    return 0.25 if _adjacent_keys(typed[i], meant[i]) else 1.0


def common_word_fix(word: str, prefer: frozenset[str] = frozenset()) -> str | None:
    """The common word `word` is a typo of ("waht" -> "what", "wen" -> "when"), or None.

    The correction must be one edit away and much commoner. A word that is itself in the
    vocabulary is only corrected to a function word ("wen", "wat" and "teh" are frequent chat
    misspellings; "nope" is a word and stays one). Words in `prefer` win over commoner ones
    (question words at the start of a question: "wich" -> which, not with).
    """
    if not word.isalpha() or len(word) < 3:
        return None
    own = zipf(word)
    if own >= COMMON_ZIPF:
        return None  # a common word ("tall") is meant as written
    common = common_words()
    best: tuple[bool, float, str] | None = None
    for candidate in edits1(word):
        value = common.get(candidate, 0.0)  # one lookup: most of the ~500 edits are no word
        if not value and candidate in prefer:
            value = zipf(candidate)  # a question word just under the common list ("cuanta")
        if value < own + TYPO_ZIPF_GAP:
            continue
        if own >= REAL_WORD_ZIPF and candidate not in prefer and candidate not in STOPWORDS:
            continue
        rank = (candidate in prefer, value - typo_cost(word, candidate), candidate)
        if best is None or rank > best:
            best = rank
    return best[2] if best else None


COMMON_FIRST_ZIPF = 5.0  # a capitalised first word this common is a word, not a name
MAX_WORD_EVIDENCE = 3.0  # zipf difference one word can add: no single word decides alone


def detect_language(text: str, names: frozenset[str] = frozenset()) -> str:
    """'es' or 'en' for a question, by which language uses its words more (word frequencies);
    English when there is no evidence either way. `names`: folded words of names, which say
    nothing of the asker's language however they are written ("whats justo medio")."""
    if "¿" in text or "¡" in text or "ñ" in text.lower():
        return "es"
    tables = by_language()
    evidence = 0.0
    # Names say nothing of the asker's language ("Justo Medio", "López Aliaga"): capitalised
    # words are left out, but for a very common first word ("Who", "Quién").
    raw = text.split()
    words = [w for i, token in enumerate(raw) for w in fold(token).split()
             if (not token[:1].isupper() or (i == 0 and zipf(w) >= COMMON_FIRST_ZIPF))
             and w not in names]
    for word in words:
        difference = tables["es"].get(word, 0.0) - tables["en"].get(word, 0.0)
        evidence += max(-MAX_WORD_EVIDENCE, min(MAX_WORD_EVIDENCE, difference))
    if evidence == 0.0:
        return "es" if any(c in text.lower() for c in "áéíóú") else "en"
    return "es" if evidence > 0 else "en"
