"""The asked-for thing: what kind of answer a question wants, and which entries can give it.

A question asks for one thing (amount, date, place, person, role, words, reason, link, or, by
default, a description). An entry that does not give that thing is not an answer, however many
words it shares with the question: "how old is López Aliaga?" is not answered by his profile.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.knowledge.model import Entity, Entry, KnowledgeBase, Quote
from bot.text import FRAMING_WORDS, QUESTION_WORDS, SPEECH_NOUNS, STOPWORDS, fold

THINGS = ("amount", "date", "place", "person", "role", "words", "reason", "link", "description")

# Adjectives of "how ___" that ask for a measure the entry must state ("how long is the pier").
MEASURES = frozenset("""
    long old big tall far large fast deep high wide heavy large expensive many much often
    mide miden medir pesa pesan dura duro duran tarda tardo
    """.split())
# A word counted ("how many employees") has this many letters at least: "how much e dey
# collect", "how much dd china pay" count no "e" or "dd"
MIN_COUNTED_LEN = 3
# ... of which these are answered by a number only ("how old": an age, not "old train cars")
NUMBER_MEASURES = frozenset("old long tall far heavy wide high deep".split())
_ASKING = frozenset("""
    who whom whose what which quien quienes que cual cuales did does do has have will would
    """.split())
# Words that make a line a question ("what happened after the trip" is not chat).
QUESTIONING = QUESTION_WORDS | frozenset("what which que cual cuales como whether".split())
_NAMING = frozenset("called named llama llaman".split())
# "what's the railway company called that the mayor owns": the name asked, then said of whom
_RELATIVES = frozenset("that which who".split())
# "what did the president of Peru say": a long subject between the asking and the verb
_WHAT_DID = frozenset((w, a) for w in ("what", "whats") for a in ("did", "does", "do", "has",
                                                                  "have", "had", "would"))
_SUBJECT_REACH = 9  # words from the start within which such a verb is still the one asked
# People counted with a singular Spanish noun: "cuánta gente", "cuánto personal"
_PEOPLE_MASS_NOUNS = frozenset("gente personal".split())
_WHICH = frozenset("which what cual cuales".split())
_WHICH_OR_WHATS = _WHICH | {"whats", "que"}
# What may follow a question word that ends a line: "... quién es", "... who is he"
_TAIL_WORDS = frozenset("""
    is was are were es era son fue fueron he she it they him her them ella el ellos queda
    quedaba exactly exactamente
    """.split())
_DATE_NOUNS = frozenset("date dates day fecha dia momento".split())  # ("en qué momento": when)
_YEAR_NOUNS = _DATE_NOUNS | frozenset("year ano".split())
# Money in everyday words and slang: no thing counted after "how much" ("how much dosh")
_CASH = frozenset("""money dinero plata cash lana funds fondos dosh bucks quid dough moolah guita
    pasta feria varo reales billete billetes luca lucas chavos pisto biyuyo coin""".split())
# ... and money earned, whose source asked is who pays it ("where does PeruRail's revenue come
# from")
_MONEY = _CASH | frozenset("""revenue revenues income earnings funding ingresos ganancias
    facturacion factura""".split())
# A question word left at the end of what someone said is the blank of their words ("the
# diplomat said the trains were more than just a what?")
_BLANKS = frozenset("what que".split())
_CONJUNCTIONS = frozenset("and or but y o e u pero".split())  # no thing counted after "how much"
_PER = frozenset("al por per a an each every cada x".split())  # "al año", "a year": a rate
_TERSE = 3  # words (filler removed) of a line that names what it asks without a question word
# Places inside a state: "which California city" asks one inside California ("which US state"
# is answered by California)
TOWN_NOUNS = frozenset("""city cities town towns village district neighborhood neighbourhood
    ciudad ciudades pueblo distrito barrio localidad""".split())
# Nouns of places: "en qué localidad", "which city" ask a place; "which city in California" a
# place inside a named one
PLACE_NOUNS = TOWN_NOUNS | frozenset("""
    region state county place location locality spot area estado provincia departamento lugar
    sitio zona
    """.split())
# ... of which these name no kind of place: "en qué lugar" asks just a place
GENERIC_PLACE_NOUNS = frozenset("place location spot lugar sitio".split())
COUNTRY_NOUNS = frozenset("country countries nation nations pais paises nacion naciones".split())
# Adjectives that come before the noun a "which" asks for ("which local outlet")
_PLAIN_ADJECTIVES = frozenset("local main foreign national "
                              "international particular specific mega gran".split())
_COPULAS = frozenset("is are was were s es son fue era does do did".split())
_PREPOSITIONS = frozenset("de en a con por para desde".split())
# Words after "what" that do not name the thing asked ("what kind of", "what happened").
NOT_HEADS = frozenset("""
    kind type sort part exactly else happened pasa paso happen exact exacto exacta precise
    preciso precisa tipo clase entity entidad thing precisely precisamente manera forma modo
    way bigger larger broader wider biggest largest mayor bit bits piece system sistema
    outfit agency agencia organisation organization organizacion institution institucion body
    group grupo evidence evidencia proof pruebas basis reasoning argument argumento
    nature naturaleza caracter character crowd mob bunch lot
    querria querrian quiere quieren queria querian
    """.split())  # (an organisation asked by a general word is one of the story's, if any)
# Nouns for someone after "which": "which guy", "qué político", "which big shot" ask who
_PEOPLE_NAMED = frozenset("""
    guy guys man woman lady fella fellow bloke chap dude gentleman politician politicians
    bigwig bigwigs boss hombre mujer politico politicos senor senora caballero
    """.split())
# ... and, a word later, those that are no adjective there ("qué partido político")
_PEOPLE_NOUNS_AFTER = _PEOPLE_NAMED - frozenset("politico politicos".split())
_MEASURE_VERBS = frozenset("mide miden medir pesa pesan dura duro duran tarda tardo".split())
# (also in MEASURES, for "cuánto mide": the reply says how, not how many)
# Words after "how much" / "cuánto" that do not name what is counted ("how much did it cost").
_NOT_COUNTED = frozenset("""
    did does do is was are were has have had will would can could the a an of in for on to
    from at by with about over into out off up according segun
    cost costo costs cuesta costo le les lo la el los
    las se es son fue han
    ha hay de del en por para que did per each every cada al a
    bn billion billions million millions mn dollars dolares usd soles mil mill mills palos palo
    annual yearly total exact approximate estimated rough anual total aproximado exacto
    his her their its my your our su sus
    """.split()) | _CASH  # ("how much his rail firm rakes in": no "his" counted)
_MEASURE_NOUNS = frozenset("""
    age edad length longitud size tamano population poblacion salary sueldo salario height
    altura distance distancia depth profundidad speed velocidad weight peso percentage
    porcentaje porciento percent share number numero capacity capacidad area width ancho anchura
    gauge value valor wage wages paycheck
    """.split())
# Units a number is asked in ("how far ... in km"): an entry must state the unit to give it
_UNITS = frozenset("""
    km kms kilometer kilometers kilometre kilometres kilometro kilometros mile miles milla
    millas meter meters metre metres metro metros hour hours hora horas minute minutes minuto
    minutos ton tons tonne tonnes tonelada toneladas kg kilo kilos
    """.split())
# What a number of the measures asked in numbers is counted in ("how deep": metres, "how
# old": years); an entry giving such a measure states one of them (not "a deepwater port")
MEASURE_UNITS = _UNITS | frozenset("years year anos ano feet foot pies".split())
_ROLE_NOUNS = frozenset("""
    job role position title occupation profession career post cargo puesto trabajo oficio
    profesion ocupacion chamba affiliation afiliacion papel rol employer employers empleador
    office laburo curro
    """.split())
# Verbs that go with a role noun ("what position did he hold"): part of asking for the role.
_ROLE_VERBS = frozenset("""
    hold holds held holding serve serves served serving have has had occupy occupied ocupa
    ocupaba ocupo ejerce ejercia ejercio tiene tenia tuvo work works worked trabaja trabajaba
    juega jugaba jugaria cumple cumplia cumpliria desempena desempenaba play plays played
    """.split())
# Words that ask for the gist of something ("main findings", "in short", "resúmeme")
GIST_WORDS = frozenset("""
    main gist summary summarise summarize overall central principal key conclusion conclusions
    findings short brief briefly resumen resume resumir resumeme conclusiones hallazgos breve
    resumido corto
    """.split())
# Nouns that ask, alone, for the summary of something ("resumen plis", "summary pls")
SUMMARY_WORDS = frozenset("summary gist tldr recap overview resumen resumido sintesis "
                          "sinopsis".split())
# ... and the requests for one ("summarise the article", "resúmeme la noticia")
SUMMARISING = SUMMARY_WORDS | frozenset("""summarise summarize summarised summarized summarising
    summarizing resume resumeme resumime resumir resumila resumimela resumemela""".split())
# What a measure is asked in or of ("how long ..., in meters", "... salary-wise")
MEASURING = _MEASURE_NOUNS | _UNITS
# Verbs whose object is an amount of money: "what does he earn" asks how much
_EARNING_VERBS = frozenset("""earn earns earned earning cost costs pay pays paid charge charges
    cobra cobran cobraba cuesta cuestan costo costaron paga pagan
    pago pagaron""".split())
EARNING_VERBS = _EARNING_VERBS | frozenset("make makes made gana ganan ganaba".split())
_HABER = frozenset("he ha has han hemos habia habian habria habrian haya hayan".split())
_WORKS_FOR = re.compile(r"\b(works?|worked) (for|at|where)\b|\btrabaja(ba)? (en|para|donde)\b|"
                        r"\bwhere (does|did|do) (\w+ ){1,4}work\b|\bdonde trabaja\b|"
                        # "which think tank does he work with", "who does she work (4)" ("4" is
                        # chat; not "working with China", nor "how does a computer work")
                        r"\b(who|whom|which|what|where) (\w+ ){0,3}(does|did|do) (\w+ ){1,4}work"
                        r"( (with|for)\b| 4$|$)|"
                        # ("en qué organización es que trabaja")
                        r"\b(en|para|pa) (que|q|cual|quien|quienes) (\w+ ){0,3}trabaja(ba|n)?\b")
# "who does she work for", "para quién trabaja": an employer asked, not a person
_EMPLOYER = re.compile(r"\bwork(s|ed)? for$|\bpara (quien|quienes) trabaja")
# Who reports something: "which outlet reported the trip", "cuál es la fuente del dato". Every
# entry names its source, so these ask for whose words it is, not about what.
_SOURCE_NOUNS = frozenset("""
    outlet outlets source sources media newspaper newspapers paper publication publications
    channel network fuente fuentes medio medios periodico periodicos diario diarios cadena
    """.split())
# ... when they are asked about ("which outlet", "the source"), not said of one ("un medio")
_SOURCE_ASKERS = frozenset("which what whats que cual the la el los las news us".split())
# The words that name the asked thing itself, by thing: they say what kind of answer is wanted,
# like "who" or "how much", not what the question is about.
NAMING_WORDS: dict[str, frozenset[str]] = {
    "role": _ROLE_NOUNS | _ROLE_VERBS,
    "link": frozenset("have has had do tiene tienen tenia ver fit fits encaja come comes came "
                      "play plays".split()),
    "date": frozenset("day days dia dias month months mes meses year years ano anos date dates "
                      "fecha fechas exact exacta exacto".split()),
    "description": frozenset("name names named nombre nombres".split()),  # "the mine's name"
    "reason": frozenset("""purpose purposes finalidad proposito propositos objetivo objetivos
                        motivo motivos reason reasons razon razones""".split()),
    # "qué cantidad de dinero": the amount is what is asked, no thing the story lacks
    "amount": frozenset("amount amounts cantidad cantidades monto montos".split()),
    # ("man" / "hombre" stay: "China's man" is the story's own phrase)
    "person": _PEOPLE_NAMED - {"man", "hombre"},  # "which Chinese bigwig was there"
    "words": _SOURCE_NOUNS | frozenset("saco sacaron saca broke thoughts opinion opinions"
                                       .split()),  # "quién sacó", "his thoughts on"
}
# Words asking what someone or something is called ("the mayor's full name", "cómo se llama")
NAME_WORDS = NAMING_WORDS["description"] | _NAMING
# Doing, asked of someone somewhere ("what was he doing in California", "qué fue a hacer allá"):
# an act, which the fact of it tells, not the place's profile
DOING = frozenset("doing do did hacer haciendo hacia hizo".split())
_LINK_WORDS = frozenset("""
    connect connected connecting connection connections connects link linked linking links tie
    tied ties relation relations relationship relationships related relate relates associated
    association conecta conectado conectada conectados conexion conexiones relacion relaciones
    relaciona relacionado relacionada relacionados vinculo vinculos vinculado vinculada
    vinculados vincula lazo lazos nexo nexos ligado ligada ligados une unen
    """.split())
# What someone is called ("his nickname", "cómo le dicen"): a name, asked
_NICKNAMES = frozenset("""nickname nicknames apodo apodos mote motes moniker alias sobrenombre
    sobrenombres""".split())
_HIM = frozenset("le lo la les los".split())
_CALLING = frozenset("dicen llaman apodan tildan".split())
_THAT_ONE = frozenset("ese esa aquel aquella".split())
_THE_ONE = frozenset("the that this".split())
_CALLED = re.compile(rf"\b(?:le|lo|la) (?:{'|'.join(sorted(_CALLING))}|pusieron|han puesto)\b")
# Replies ("¿respondió a lo de 'el hombre de China'?", "ha contestado"): the replier's words
# are asked, and a reply to quoted words is never those words
REPLY_VERBS = frozenset("""respond responded responds reply replied replies react reacted
    answer answered respondio respondieron respondido contesto contestaron contestado reacciono
    reaccionaron reaccionado""".split())
_SPEECH = SPEECH_NOUNS | frozenset("""
    said say says saying dijo dice dicen decir dicho call
    called calls llamo llaman llama describe described describio declaro talk talked
    talks talking spoke speak speaks mention mentioned mentions hablo hablaron menciono
    report reported reports reporting reporto reportaron informo informaron conto contaron
    published publico
    publicaron revealed revelo broke saco sacaron opina opinan opino piensa piensan penso cree
    creen afirma afirman afirmo sostiene sostienen asegura aseguran claims claimed alleges
    alleged thoughts opinion opinions
    """.split()) | REPLY_VERBS

# "What does X have to do with Y", "qué tiene que ver X": a link asked in other words.
_LINK_PHRASE = re.compile(r"\b(ha(s|ve|d) to do with|tienen? (que|q) ver|tenia (que|q) ver|"
                          r"fits? in(to)?|encaja|c(o|a)mes? (in|into)|play into|plays into)\b")
# Opening words -> thing; checked on the first words of the folded question, longest first.
_OPENERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(sorted((
    (tuple(k.split()), v) for k, v in {
        "how much": "amount", "how many": "amount", "cuanto": "amount", "cuanta": "amount",
        "cuantos": "amount", "cuantas": "amount", "what amount": "amount",
        "que cantidad": "amount", "which amount": "amount", "que monto": "amount",
        "when": "date", "cuando": "date", "what year": "date", "which year": "date",
        "que ano": "date", "what date": "date", "que fecha": "date", "what day": "date",
        "que dia": "date", "what month": "date", "que mes": "date", "en que ano": "date",
        "what exact day": "date", "what exact date": "date", "which exact day": "date",
        "fecha": "date", "date": "date",  # "fecha del viaje?", "date of the ceremony?"
        "where": "place", "donde": "place", "adonde": "place", "what city": "place",
        "which city": "place", "what country": "place", "which country": "place",
        "en que ciudad": "place", "en que pais": "place", "que ciudad": "place",
        "what town": "place", "which town": "place", "en que pueblo": "place",
        "que pueblo": "place", "what region": "place", "which region": "place",
        "why": "reason", "por que": "reason", "porque": "reason", "xq": "reason",
        "pq": "reason", "how come": "reason", "para que": "reason", "what for": "reason",
        "con que finalidad": "reason", "con que proposito": "reason", "con que fin": "reason",
        "con que objetivo": "reason", "for what purpose": "reason", "what purpose": "reason",
        "para que ano": "date", "para que fecha": "date", "para que mes": "date",
        "para cuando": "date",  # "para qué año": which year, not what for
        "hace cuanto": "date", "how long ago": "date",  # when, counted back
        # ... nor "para qué elecciones / cargo": which one
        "para que eleccion": "description", "para que elecciones": "description",
        "para que proceso": "description", "para que cargo": "description",
        "para que puesto": "description", "para que medio": "description",
        "para que empresa": "description", "para que organizacion": "description",
        "who": "person", "whom": "person", "whose": "person", "quien": "person",
        "quienes": "person", "which person": "person",
    }.items()), key=lambda kv: -len(kv[0])))
_OPENERS_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(o for o in _OPENERS if o[0][0] == first) for first in {o[0][0] for o in _OPENERS}}
OPENING_WINDOW = 4  # the thing asked is said in the first few words ("ok so when did ...")

# An amount: money, a count or a share; a year alone is a date, not an amount.
_NUMBER = re.compile(r"\$\s?\d|\b(?!(?:19|20)\d\d\b)\d+\b|\b(million|billion|millones)\b")
_TIME = re.compile(r"\b(19|20)\d\d\b|\b(today|yesterday|last (month|year|week|november)|"
                   r"recent years|late last|hoy|ayer|mes pasado|noviembre pasado|"
                   r"ultimos anos|anos recientes)\b")
# A day-level date ("November 14", "14 de noviembre"): what "what day" / "exact date" asks for.
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
           "octubre|noviembre|diciembre")
_DAY = re.compile(rf"\b({_MONTHS}) \d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)? (of |de )?({_MONTHS})\b"
                  r"|\b\d{4}-\d\d-\d\d\b")
# Words that ask a date to the day: "what day", "the exact date", "qué día exactamente".
_DAY_WORDS = frozenset("day dia exact exacta exacto date precise precisa preciso".split())
# (not "when exactly")
DAY_MEASURES = frozenset(("day", "dia"))  # Asked.measure of a question asking for the day
MONTH_MEASURES = frozenset(("month", "mes"))  # ... and for the month
# A month named: "last November", "late last month" (not "may" and "march" alone: "he may run"
# names no month)
_VERB_MONTHS = ("may", "march")
_MONTH = re.compile(r"\b(" + "|".join(m for m in _MONTHS.split("|") if m not in _VERB_MONTHS)
                    + r"|last month|mes pasado)\b|\b(may|march) \d")
_CAUSE = re.compile(r"\b(because|since|so that|to attend|to discuss|in order|due to|"
                    r"porque|para asistir|para tratar|debido|ya que|por eso)\b")


@dataclass(frozen=True)
class Asked:
    thing: str  # one of THINGS
    measure: str | None = None  # the word for what is asked: "how long", "what age",
    # "which party": an entry that does not have this word does not give it
    opener: str | None = None  # the words that asked it ("how much", "cuántos"), for replies


def _opener(words: list[str], starts: range, ends: bool = False) -> str | None:
    """The thing an opener starting at one of `starts` asks ("how much", "en qué año"); with
    `ends`, only one that ends the line but for a copula or pronoun ("..., quién es")."""
    return next((thing for start in starts
                 for phrase, thing in _OPENERS_BY_FIRST.get(words[start], ())
                 if tuple(words[start:start + len(phrase)]) == phrase
                 and (not ends or all(w in _TAIL_WORDS for w in words[start + len(phrase):]))),
                None)


_DATE_MODIFIERS = frozenset("exact precise specific actual calendar exacta exacto precisa "
                            "especifica".split())


def _opens_with_a_date(words: Sequence[str]) -> bool:
    """A line that opens by naming a date of something asks it, with no question word (not
    "diay, de qué trata": a greeting read as "día", then a question)."""
    if QUESTIONING.intersection(words):
        return False
    i = 0
    while i < min(len(words), 3) and words[i] in _DATE_MODIFIERS:
        i += 1
    return i + 1 < len(words) and words[i] in _DATE_NOUNS and words[i + 1] in ("of", "de", "del")


def asked_after_which(words: Sequence[str], nouns: frozenset[str], reach: int) -> bool:
    """One of `nouns` within `reach` words after "what / which / qué" ("what's her position",
    "what was the exact date"), wherever in the line."""
    return any(w in nouns and any(_asks_which(words, j, i) for j in range(max(i - reach, 0), i))
               for i, w in enumerate(words))


def _asks_which(words: Sequence[str], j: int, noun: int) -> bool:
    """Whether word j is a "what / which / qué" asking for the noun at `noun`: not the "que" of
    "para que" with a verb between ("para que suba de cargo": so that; "para qué año" asks)."""
    return words[j] in _WHICH_OR_WHATS and not (
        words[j] == "que" and j and words[j - 1] == "para" and j + 1 < noun)


WHEN = frozenset(("when", "cuando"))  # a line opening with one asks a date
# "... when he spoke at the ceremony", "cuando habló": when the words were said, not what
_WHILE = WHEN | frozenset(("while", "mientras"))


def asked_thing(words: list[str], in_names: frozenset[str] = frozenset(),
                strange_names: frozenset[str] = frozenset()) -> Asked:
    """What a question (folded words, chat filler removed) asks for; `in_names` are its words
    that are part of a name ("Justo Medio" is no "medio" asked for), `strange_names` words
    written with a capital that the story does not know ("which Bay Area ...")."""
    # "what's the mining giant called", "cómo se llama" ask for a name; "the ally the article
    # talks about" is the story speaking: neither asks for someone's words.
    # A speech word asks for words only near the question word ("who said", "what did X say",
    # "blinken said what"), not in passing ("... that everybody is talking about").
    # A yes/no question with no question word asks for words by its verb alone ("¿López
    # Aliaga respondió a las acusaciones?", "porky dijo algo?").
    speech = [i for i, w in enumerate(words) if w in _SPEECH
              and not (w in _NAMING and (i == len(words) - 1 or words[i - 1] == "se"
                                         or words[i + 1] in _RELATIVES))
              and not FRAMING_WORDS.intersection(words[max(i - 2, 0):i])
              and not _WHILE.intersection(words[max(i - 2, 0):i])
              # ("el mae al que le dicen el hombre de los chinos", "el político ese que dicen
              # que es amigo de los chinos": who is meant, by what is said of him)
              and not (i > 1 and w in _CALLING
                       and ((words[i - 2] in ("que", "quien") and words[i - 1] in _HIM)
                            or (words[i - 2] in _THAT_ONE and words[i - 1] == "que")))
              # ("who's the mayor they say is in cahoots with China": who is meant)
              and not (i > 2 and words[i - 1] == "they" and words[i - 3] in _THE_ONE)
              and (w in SPEECH_NOUNS or _ASKING.intersection(words[max(i - 4, 0):i + 3])
                   or (tuple(words[:2]) in _WHAT_DID and i <= _SUBJECT_REACH)
                   or (words[-1] in _BLANKS and i < len(words) - 2)  # "... just a what?"
                   or ((0 < i <= OPENING_WINDOW or w in REPLY_VERBS)
                       # (not "describe X"; "... de que" is no "qué"; a reply asked after a
                       # long subject: "la empresa de trenes del alcalde respondió algo")
                       and not (QUESTIONING - {"que"}).intersection(words)
                       and "que" not in words[:i]))]
    sourced = any(w in _SOURCE_NOUNS and w not in in_names
                  and (i == 0 or words[i - 1] in _SOURCE_ASKERS)
                  for i, w in enumerate(words[:OPENING_WINDOW]))
    opened = _opener(words, range(min(OPENING_WINDOW, len(words))))
    # "why / where / when did the study say ...": the reason, place or date of the words; but
    # "de dónde saca la info", "where does that come from": whose words
    source_place = opened == "place" and ("from" in words or words[:1] == ["de"])
    if source_place and _MONEY.intersection(words):
        opened = "description"  # "where's his company's money coming from", "de dónde sale la
        # plata": who pays it (the mine's shipments), not a place
    # ("how many cars do they say he wants to steal": a count, which words may not give)
    if (speech or sourced) and (opened not in ("reason", "place", "date", "amount")
                                or source_place):
        return Asked("words")
    head = words[:OPENING_WINDOW + 2]
    unit = next((w for w in words if w in _UNITS), None)
    for i, word in enumerate(head):
        after = words[i + 1] if i + 1 < len(words) else None
        if word == "how" and after in MEASURES - {"much", "many"} \
                and words[i + 2:i + 3] != ["ago"]:  # (not "which big program"; "how long
            # ago" asks when)
            if unit is not None:  # "how far is it in km": a number of kilometres
                return Asked("amount", unit, f"{word} {after} in {unit}")
            return Asked("amount", after, f"{word} {after}")
        # "how many employees", "cuántos empleados": the word counted must be given too
        if word == "how" and after in ("much", "many") and i + 2 < len(words) \
                and words[i + 2] not in _NOT_COUNTED and words[i + 2] not in _CONJUNCTIONS \
                and len(words[i + 2]) >= MIN_COUNTED_LEN:  # ("how much n who": "and")
            return Asked("amount", words[i + 2], f"how {after}")
        if word in ("cuantos", "cuantas") and after in ("anos", "años") and i + 2 < len(words) \
                and words[i + 2] in ("tiene", "tienen", "tenia", "cumple"):
            return Asked("amount", "edad", "qué edad")  # "cuántos años tiene": an age
        if word in ("cuantos", "cuantas") and after and after not in _NOT_COUNTED:
            return Asked("amount", after, word)  # plural: a noun follows ("cuantos empleados")
        if word in ("cuanto", "cuanta") and after in _MEASURE_VERBS:
            return Asked("amount", after, word)  # "cuanto mide"; "cuanto invirtio" is no measure
        if word in ("cuanto", "cuanta") and after in _PEOPLE_MASS_NOUNS:
            return Asked("amount", after, word)  # "cuánta gente trabaja": people counted
        if word in _WHICH_OR_WHATS and opened is None \
                and _EARNING_VERBS.intersection(words[i + 1:i + 8]):
            return Asked("amount")  # "what does López Aliaga earn", "qué gana PeruRail"
    # "which party ...", "what trains ...", "de qué partido": the thing named must be there.
    # A bare Spanish "qué" is as often followed by a verb ("qué reportó"): only after a
    # preposition ("de qué partido", "en qué año") is the next word the thing named.
    # ("picarsic en qué universidad estudió": after a name, still the thing named)
    at = next((i for i, w in enumerate(words[:OPENING_WINDOW]) if (w in _WHICH and i < 2)
               or (w == "que" and i and words[i - 1] in _PREPOSITIONS - {"por"})), None)
    # ("por qué subió": why, and a verb follows)
    if at is None and opened is None:  # "the trains came off which American railway"
        at = next((i for i, w in enumerate(words) if w == "which" and i + 1 < len(words)), None)
    named = words[at + 1] if at is not None and at + 1 < len(words) else None
    if named in _PLAIN_ADJECTIVES and at is not None and at + 2 < len(words):
        named = words[at + 2]  # "which local outlet": the outlet
    if named in STOPWORDS or named in NOT_HEADS or named in strange_names \
            or (opened in ("reason", "amount") and named in NAMING_WORDS[opened]):
        named = None  # ("which Bay Area rail system": a name, not the thing asked; "con qué
        # finalidad" asks why, "what amount" how much, in other words)
    if named in PLACE_NOUNS and opened is None:
        return Asked("place")  # "en qué localidad", "which town": a place
    after_which = words[at + 1:at + 3] if at is not None else []
    if opened is None and (_PEOPLE_NAMED.intersection(after_which[:1])
                           or _PEOPLE_NOUNS_AFTER.intersection(after_which[1:])):
        return Asked("person")  # "which Chinese bigwig was at the opening": who
    if opened is None and any(a in _WHICH and b in PLACE_NOUNS for a, b in pairwise(words)):
        return Asked("place")  # "the trains went to which city": asked where it stands
    if opened is None and (asked_after_which(words, _DATE_NOUNS, 4)
                           or asked_after_which(words, _YEAR_NOUNS, 2)):  # "which election year"
        opened = "date"  # "what was the exact date of the trip", "cuál es la fecha"
    if opened is None and _opens_with_a_date(words):
        opened = "date"  # "exact calendar day of the mayor's visit", "fecha del viaje"
    terse = not QUESTIONING.intersection(words) and sum(w not in STOPWORDS for w in words) <= _TERSE
    line = " ".join(words)
    if opened is None and _IN_MONEY.search(line):
        opened = "amount"  # "total investment in the power sector in USD bn?": a sum
    if opened is None and terse and any(w in _YEAR_NOUNS and (i == 0 or words[i - 1] not in _PER)
                                        for i, w in enumerate(words)):
        opened = "date"  # "election year?", "año elecciones": a terse line naming a date asks it
        # (a rate does not: "ingresos perurail al año")
    if opened is None and terse and GENERIC_PLACE_NOUNS.intersection(words):
        opened = "place"  # "ceremony location?", "lugar de la ceremonia"
    if opened is None and len(words) > 2 \
            and not (words[0] in _WHICH_OR_WHATS and words[-2] in ("o", "or")):
        # "la coautora del estudio, quién es": at the end (but "qué empresa construyó el
        # puerto, cosco o quién" asks which company, "or who" an alternative)
        opened = _opener(words[-3:], range(3), ends=True)
    # "which news outlet had the number": the outlet is asked; a measure after it is not
    measure = None if named is not None and named not in _MEASURE_NOUNS else next(
        (w for w in head if w in _MEASURE_NOUNS and w not in in_names
         and w not in strange_names), None)
    if measure and opened in (None, "amount"):  # "who reported the number" asks a person
        return Asked("amount", measure)
    # (a long name may push "what's her position" past the opening words)
    role_asked = asked_after_which(words, _ROLE_NOUNS, 3)

    role_nouns = {w for i, w in enumerate(head) if w in _ROLE_NOUNS
                  and not (i and head[i - 1] in _HABER)}  # ("ha puesto": put, not a post)
    if (role_nouns or role_asked or _WORKS_FOR.search(line)) \
            and not _PART_IN_THE_STORY.search(line) \
            and (opened not in ("person", "amount")
                 or (opened == "person" and _EMPLOYER.search(line))) \
            and not WHEN.intersection(words[:1]):
        return Asked("role")  # "what's her job", "where does she work", "trabaja en qué",
        # "who does she work for" (an employer, not a person); "when did he leave the post"
        # asks a date
    if opened is not None:
        day = _DAY_WORDS.intersection(words) or (
            {"fecha"} & set(words) if _MONTH.search(line) else set())  # "qué fecha de noviembre"
        if opened == "date" and day:  # "last November" does not say which day
            return Asked("date", "day" if day & {"day", "exact", "date"} else "dia")
        if opened == "date" and MONTH_MEASURES.intersection(words):  # "2026" is not a month
            return Asked("date", "month" if "month" in words else "mes")
        # "en qué momento viajó": when, no exact date or time of day
        return Asked(opened, None if named == "momento" else named)  # "why are they linked"
        # asks a reason
    if len(words) > 1 and words[0] in _WHICH and words[1] not in _LINK_WORDS \
            and words[1] not in _COPULAS:
        return Asked("description", named)  # "which program is he linked to": a thing, named
    if _linked_in_a_clause(words):
        return Asked("description")  # "what is the big global project of China that the
        # mayor is linked to": the project is asked, not how the two are linked
    if at is not None and at > 0 and words[at] == "which" and named not in _LINK_WORDS \
            and _LINK_WORDS.intersection(words[:at]):
        return Asked("description", named)  # "mayor is tied to which big Chinese scheme": the
        # scheme is asked, not how the two are linked
    if _NICKNAMES.intersection(words) or _CALLED.search(line):
        return Asked("description")  # "q apodo le han puesto en relación con Pekín": the name
        # given him, not how he and China are linked
    if _LINK_WORDS.intersection(words) or _LINK_PHRASE.search(" ".join(words)):
        return Asked("link")
    return Asked("description", named)


_RELATIVE_OPENERS = _RELATIVES | {"que"}


def _linked_in_a_clause(words: list[str]) -> bool:
    """'What is the X that ... is linked to': a thing named after "what is the", with the link
    only in the clause that picks it out."""
    if len(words) < 5 or words[0] not in _WHICH_OR_WHATS or words[1] not in _COPULAS \
            or words[2] not in ("the", "el", "la"):
        return False
    clause = next((i for i in range(3, len(words)) if words[i] in _RELATIVE_OPENERS), None)
    return clause is not None and not _LINK_WORDS.intersection(words[2:clause]) \
        and bool(_LINK_WORDS.intersection(words[clause:]))


def _said_at_a_place(kb: KnowledgeBase, quote: Quote) -> bool:
    """Whether a quote's context names where it was said ("at the ceremony in Lima")."""
    context = f" {fold(f'{quote.context.en} {quote.context.es}')} "
    return any(e.type == "place" and any(f" {at} {fold(n)} " in context for n in e.names()
                                         for at in ("in", "at", "en"))
               for e in kb.entities)  # (not "... president of Peru")


_NAMES_NONE = re.compile(r"\b(names no|no nombra)\b")  # what the story itself leaves out
# "what's Lima's role in the story", "qué papel tiene China en la nota": its part in the story
# (its profile), not a post
_PART_IN_THE_STORY = re.compile(r"\b(role|papel|rol|part)\b( \w+){0,4} (in|en) "
                                r"(the |this |la |esta |el |este )?"
                                r"(story|article|piece|news|nota|noticia|historia|articulo)\b")
# A sum asked by the unit it is wanted in ("... in USD bn?", "en dólares")
_IN_MONEY = re.compile(r"\b(in|en) (usd|us dollars|dollars|dolares|soles|euros|bn|billions|"
                       r"millions|millones|mn)\b")
_WHERE_RELATIONS = frozenset(("located_in", "from"))  # links that say where an entity is


def entry_gives(kb: KnowledgeBase, entry: Entry, folded_prose: str) -> frozenset[str]:
    """The things an entry's answer gives (description always)."""
    gives = {"description"}
    about = [kb.entries.get(i) for i in entry.about()]
    types = {e.type for e in about if isinstance(e, Entity)}
    if isinstance(entry, Entity):
        types.add(entry.type)
        if entry.links:
            gives.add("link")
        if any(link.relation in _WHERE_RELATIONS for link in entry.links):
            gives.add("place")  # "where is Justo Medio from": a Peruvian outlet
    elif len(entry.about()) >= 2:
        gives.add("link")
    if _NUMBER.search(folded_prose):
        gives.add("amount")
    if _TIME.search(folded_prose) or (isinstance(entry, Quote) and entry.when):
        gives.add("date")
    if _DAY.search(folded_prose):
        gives.add("day")  # a date to the day, for "what day" and "the exact date"
    if _MONTH.search(folded_prose):
        gives.add("month")  # "last November", "late last month": a month, not just a year
    if "place" in types and (not isinstance(entry, Quote) or _said_at_a_place(kb, entry)):
        gives.add("place")  # a quote about China does not say where it was said
    if types & {"person", "organisation", "document"} or isinstance(entry, Quote) \
            or entry.status == "unattributed" or (
                "place" in types and not isinstance(entry, Entity)):
        # "who ...?": "the article does not say"; "who paid for the port": China did
        gives.add("person")
    if types & {"person", "organisation"}:
        gives.add("role")
    if entry.says_who(kb):
        gives.add("words")
    if _NAMES_NONE.search(folded_prose):
        # "the article names no author, no outlet and no publication date": the honest answer
        # to who wrote it, where and when
        gives |= {"person", "words", "date", "day", "month", "place"}
    if _CAUSE.search(folded_prose) or any(q.lower().startswith(("why", "¿por qué", "por qué"))
                                          for q in entry.questions.all()):
        gives.add("reason")
    return frozenset(gives)
