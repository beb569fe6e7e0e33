"""Connection questions ("how is the mayor linked to China?") answered from the knowledge's links.

The entities and their typed, sourced links form a graph. A connection answer is the shortest
chain of links between two entities, every hop with its source and status; when that chain
goes through a claim, it is followed by the shortest chain of reported links only, and when it
does not, by a different chain of the same length if there is one. No chain: the story does not
connect them, and here is what it says about each.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from bot.engine.hops import Hop
from bot.engine.matcher import Measured, Question
from bot.engine.policy import Decision
from bot.engine.render import Answer, answer_for, entry_text
from bot.engine.render import attribution as says_who
from bot.knowledge.model import Entity, Entry, Fact, KnowledgeBase, Lang, Link, Quote
from bot.knowledge.schema import RELATIONS
from bot.text import STOPWORDS, fold

MAX_HOPS = 6  # longer chains say nothing a reader would call a connection
MAX_SHORTEST = 64  # shortest chains enumerated before choosing one (bounds a dense graph)
# Being in the same place is not a tie: these links may start or end a chain, never carry one.
PLACE_RELATIONS = frozenset({"located_in"})
STATUS_RANK = {"reported": 0, "claim": 1, "unattributed": 2}
# A word the story lacks this rare in everyday language (0..1) asks something of a link that
# the story may not tell: the matcher judges such a question, not the graph.
STRANGE_WORD_SPECIFIC = 0.5
# A role word standing for the one entity that has the link (so "the mayor" finds the mayor).
ROLE_WORDS = {"mayor": "mayor_of", "alcalde": "mayor_of", "alcaldesa": "mayor_of"}
RESOLVE_CUTOFF = 80.0  # rapidfuzz WRatio (0..100) for a typed name to stand for an entity
_UPPER_ALIAS = re.compile(r"^[A-Z.]{2,5}$")  # US, U.S., CA, BRI: matched as written

TEXTS = {
    "en": {
        "direct": "The story links {a} and {b} directly:",
        "chain": "The shortest chain from {a} to {b} in the story ({n} links):",
        "reported_only": "Through reported links only ({n} links):",
        "another": "Another chain of the same length:",
        "through_claim": "This chain goes through a claim, so it is only as solid as that claim.",
        "separate": "Each link is a separate statement with its own source.",
        "none": "The story does not connect {a} and {b}. What it says about each:",
        "reported": "according to {who}",
        "claim": "a claim by {who}, not an established fact",
        "unattributed": "the article states it without naming a source",
        "attribution": "Links reported by {who}",
        "profiles": "What it says of each: reported by {who}",
        "attribution_claim": "Through a claim by {who}; links from {all}",
        "told": "What the story says: {text} ({who})",
    },
    "es": {
        "direct": "La nota vincula directamente a {a} y {b}:",
        "chain": "La cadena más corta de {a} a {b} en la nota ({n} vínculos):",
        "reported_only": "Solo con vínculos informados ({n} vínculos):",
        "another": "Otra cadena de la misma longitud:",
        "through_claim": "Esta cadena pasa por una afirmación: solo es tan sólida como ella.",
        "separate": "Cada vínculo es una afirmación aparte, con su propia fuente.",
        "none": "La nota no vincula a {a} con {b}. Lo que dice de cada uno:",
        "reported": "según {who}",
        "claim": "una afirmación de {who}, no un hecho comprobado",
        "unattributed": "el artículo lo afirma sin nombrar su fuente",
        "attribution": "Vínculos informados por {who}",
        "profiles": "Lo que dice de cada uno: informado por {who}",
        "attribution_claim": "Pasa por una afirmación de {who}; vínculos de {all}",
        "told": "Lo que dice la nota: {text} ({who})",
    },
}


@dataclass(frozen=True)
class Step:
    """Walking one link from `node` to `other`, whichever way the knowledge states it."""

    node: str
    other: str
    owner: str  # the entity whose `links` hold it: the link reads owner -relation-> target
    link: Link


Chain = tuple[Step, ...]


class Graph:
    """The entities as nodes and their links as undirected steps, built once per knowledge."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.steps: dict[str, list[Step]] = {e.id: [] for e in kb.entities}
        for entity in kb.entities:
            for link in entity.links:
                if link.target not in self.steps or link.target == entity.id:
                    continue
                self.steps[entity.id].append(Step(entity.id, link.target, entity.id, link))
                self.steps[link.target].append(Step(link.target, entity.id, entity.id, link))

    def neighbours(self, node: str, ends: frozenset[str], reported_only: bool) -> list[Step]:
        """The best step to each neighbour: reported before claims, the stated direction first."""
        best: dict[str, Step] = {}
        for step in self.steps.get(node, ()):
            if reported_only and step.link.status != "reported":
                continue
            if step.link.relation in PLACE_RELATIONS and not {step.node, step.other} & ends:
                continue
            current = best.get(step.other)
            if current is None or _step_rank(step) < _step_rank(current):
                best[step.other] = step
        return [best[k] for k in sorted(best)]

    def shortest(self, start: str, goal: str, reported_only: bool = False) -> list[Chain]:
        """All shortest chains from start to goal (up to MAX_SHORTEST), best first."""
        if start not in self.steps or goal not in self.steps or start == goal:
            return []
        ends = frozenset((start, goal))
        depth = {start: 0}
        parents: dict[str, list[Step]] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if node == goal or depth[node] >= MAX_HOPS:
                continue
            for step in self.neighbours(node, ends, reported_only):
                if step.other not in depth:
                    depth[step.other] = depth[node] + 1
                    queue.append(step.other)
                if depth[step.other] == depth[node] + 1:
                    parents.setdefault(step.other, []).append(step)
        if goal not in depth:
            return []
        chains: list[Chain] = []

        def back(node: str, tail: Chain) -> None:
            if len(chains) >= MAX_SHORTEST:
                return
            if node == start:
                chains.append(tail)
                return
            for step in parents.get(node, ()):
                back(step.node, (step, *tail))

        back(goal, ())
        return sorted(chains, key=_chain_rank)


def _step_rank(step: Step) -> tuple[int, int]:
    return STATUS_RANK[step.link.status], 0 if step.owner == step.node else 1


def _chain_rank(chain: Chain) -> tuple[int, int, tuple[str, ...]]:
    weak = sum(s.link.status != "reported" for s in chain)
    reversed_ = sum(s.owner != s.node for s in chain)
    return weak, reversed_, tuple(s.other for s in chain)


def chains_between(graph: Graph, start: str, goal: str) -> list[Chain]:
    """The chain(s) to show: the shortest, then a reported-only or an alternative one."""
    shortest = graph.shortest(start, goal)
    if not shortest:
        return []
    best = shortest[0]
    if any(s.link.status != "reported" for s in best):
        solid = graph.shortest(start, goal, reported_only=True)
        return [best, solid[0]] if solid else [best]
    others = [c for c in shortest[1:] if [s.other for s in c] != [s.other for s in best]]
    return [best, others[0]] if others else [best]


class Spotter:
    """Finds the entities a question names: longest alias first, accents and case folded."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        self.upper: list[tuple[re.Pattern[str], str]] = []
        ambiguous: set[tuple[str, ...]] = set()
        for entity in kb.entities:
            for name in (entity.name, *entity.aliases):
                if _UPPER_ALIAS.match(name):
                    self.upper.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"),
                                       entity.id))
                    continue
                words = tuple(fold(name).split())
                if not words or (len(words) == 1 and words[0] in STOPWORDS):
                    continue
                if self.phrases.get(words, entity.id) != entity.id:
                    ambiguous.add(words)
                self.phrases[words] = entity.id
        for words in ambiguous:
            del self.phrases[words]
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.roles: dict[str, str] = {}
        for word, relation in ROLE_WORDS.items():
            holders = {e.id for e in kb.entities for link in e.links if link.relation == relation}
            if len(holders) == 1:
                self.roles[word] = holders.pop()

    def spot(self, question: str) -> list[str]:
        """Entity ids in the order the question names them, each once."""
        words = fold(question).split()
        found: list[tuple[int, str]] = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                eid = self.phrases.get(tuple(words[i:i + size]))
                if eid is not None:
                    found.append((i, eid))
                    i += size
                    break
            else:
                if words[i] in self.roles:
                    found.append((i, self.roles[words[i]]))
                i += 1
        for pattern, eid in self.upper:
            for m in pattern.finditer(question):
                found.append((len(fold(question[:m.start()]).split()), eid))
        return list(dict.fromkeys(eid for _, eid in sorted(found)))


def _about(entry: Entry, ids: set[str]) -> bool:
    """Whether a fact or quote is about every one of `ids`."""
    if isinstance(entry, Fact):
        return ids <= set(entry.entities)
    if isinstance(entry, Quote):
        return ids <= {*entry.entities, *([entry.speaker] if entry.speaker else [])}
    return False


def _sourced_about(entry: Entry, ids: set[str]) -> bool:
    """Whether a fact is one of `ids`' claim about the others ("the FDD study states ... the
    broader Belt and Road Initiative": the study and the initiative)."""
    return isinstance(entry, Fact) and ids <= {*entry.entities, *entry.sources}


def resolve_entity(kb: KnowledgeBase, text: str) -> str | None:
    """The entity an id, a name or an alias (or a close misspelling of a name) stands for."""
    from rapidfuzz import fuzz, process

    if isinstance(kb.entries.get(text), Entity):
        return text
    found = Spotter(kb).spot(text)
    if found:
        return found[0]
    names = {f"{e.id}\0{i}": fold(n) for e in kb.entities for i, n in
             enumerate((e.name, *e.aliases))}
    best = process.extractOne(fold(text), names, scorer=fuzz.WRatio, processor=None,
                              score_cutoff=RESOLVE_CUTOFF)
    return best[2].split("\0")[0] if best else None


class Connections:
    """Answers connection questions from one knowledge base (the graph is built on first use)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._graph: Graph | None = None
        self._named: dict[str, frozenset[str]] | None = None  # fact id -> entities it names

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = Graph(self.kb)
        return self._graph

    def pair(self, understood: Question) -> tuple[str, str] | None:
        """The two entities a connection question asks about, or None if it is not one.

        The engine's reading (entities by name, typo or description; the asked thing "link").
        Exactly two: a question naming three things ("what did the FDD study find about the
        ties between PeruRail and China?") asks about something else, and "who said ... ties"
        asks for a quote.
        """
        if understood.asked.thing != "link":
            return None
        if any(t.kind in ("vocabulary", "unknown") and not t.soft
               and t.specific >= STRANGE_WORD_SPECIFIC for t in understood.terms):
            return None  # "has anyone filed a complaint over his China ties": something the
            # story never tells is asked of the link; the matcher judges that
        # ("according to the study": who says so, not one end of the link; nor is "how does
        # the ex-secretary describe the relationship between ...": his words are asked)
        found = list(dict.fromkeys(t.term[1:] for t in understood.terms if t.kind == "entity"
                                   and t.term not in understood.cited
                                   and t.term not in understood.speakers))
        return (found[0], found[1]) if len(found) == 2 else None

    def answer(self, question: str, lang: Lang,
               judged: tuple[Measured, Decision]) -> Answer | None:
        """The connection answer; None when it is not a connection question or the matcher is
        sure of the one curated fact about both entities."""
        measured, decision = judged
        pair = self.pair(measured.question)
        cited = measured.question.cited
        if pair is None or (cited and decision.action == "answer"):
            return None  # ("how is the mayor tied to China according to the study": what the
            # study says of it, which the matcher is sure of)
        covering = self._covering(*pair)
        facts = [e for e in covering if isinstance(e, Fact)]
        if decision.action == "answer" and decision.best is not None \
                and decision.best.doc.entry in covering \
                and (len(facts) == 1 or isinstance(decision.best.doc.entry, Quote)):
            return None  # the matcher is sure of the one fact about both, or of someone's own
            # words on how they are linked ("how did Blinken describe the relationship")
        if len(facts) == 1:  # the story's own account of how these two are connected
            return answer_for(self.kb, facts[0], question, lang, 1.0)
        if cited and decision.best is not None and cited & decision.best.doc.speakers:
            return None  # "según Blinken cómo es la relación entre Perú y USA": his words on
            # it (offered when not sure), not a chain of others' claims
        if covering and not chains_between(self.graph, *pair):
            return None  # the story does tell of both together, in no link of the graph: not
            # "the story does not connect them"; the matcher judges
        # Several claims about the two (the mayor and China): the chain shows how, hop by hop,
        # after the story's own account that fits the question best (the policy's choice, else
        # the matcher's ranking), when one tells of both.
        chosen = [decision.best] if decision.best is not None else []
        lead = next((c.doc.entry for c in (*chosen, *measured.ranked) if c.doc.entry in facts),
                    None)
        return self.connect(pair[0], pair[1], question, lang, lead)

    def _covering(self, start: str, goal: str) -> list[Entry]:
        """The entries that tell of both: about both, else naming both in their own account,
        else one's claim about the other."""
        ids = {start, goal}
        entries = self.kb.entries.values()
        return [e for e in entries if _about(e, ids)] \
            or [e for e in entries if self._names_both(e, ids)] \
            or [e for e in entries if _sourced_about(e, ids)]

    def _names_both(self, entry: Entry, ids: set[str]) -> bool:
        """A fact whose own account names both (its text, not its entity list: "PeruRail ...
        Minera Las Bambas, majority-backed by China Minmetals") states how they are linked; a
        fact about no entity (the overview) names everyone and links no one."""
        if self._named is None:  # once per knowledge, on the first connection question
            spotter = Spotter(self.kb)
            self._named = {e.id: frozenset(spotter.spot(e.answer.en))
                           for e in self.kb.entries.values() if isinstance(e, Fact) and e.about()}
        return ids <= self._named.get(entry.id, frozenset())

    def connect(self, start: str, goal: str, question: str, lang: Lang,
                lead: Entry | None = None) -> Answer:
        """How the story connects two entities (ids), in `lang`; after `lead`'s account, when
        given: an entry telling of both, which the answer is then an answer of (its id)."""
        t = TEXTS[lang]
        a, b = self.kb.entries[start], self.kb.entries[goal]
        assert isinstance(a, Entity) and isinstance(b, Entity)
        chains = chains_between(self.graph, start, goal)
        told = next((e for e in self._covering(start, goal) if isinstance(e, Fact)), None)
        if not chains and told is not None:
            return answer_for(self.kb, told, question, lang, 1.0)  # no link of the graph, but
            # the story tells of both together ("Justo Medio reported the trip"): its account
        if not chains:
            about = [t["none"].format(a=a.called(lang), b=b.called(lang)),
                     f"• {a.called(lang)}: {a.description.get(lang)}",
                     f"• {b.called(lang)}: {b.description.get(lang)}"]
            names = tuple(dict.fromkeys(self.kb.sources[e.source].label(lang) for e in (a, b)))
            return Answer(question=question, answered=True, kind="connection", id=None,
                          lang=lang, answer="\n".join(about),
                          attribution=t["profiles"].format(who=" · ".join(names)), quote=None,
                          sources=names, status=None, confidence=1.0, decision="answer")
        lines: list[str] = []
        told_by: tuple[str, ...] = ()
        if lead is not None:
            who, told_by = says_who(self.kb, lead, lang)
            lines += [t["told"].format(text=entry_text(self.kb, lead, lang), who=who), ""]
        hops: list[Hop] = []
        for n, chain in enumerate(chains, start=1):
            if n == 1:
                key = "direct" if len(chain) == 1 else "chain"
            else:
                key = "another" if all(s.link.status == "reported" for s in chains[0]) \
                    else "reported_only"
            if n > 1:
                lines.append("")
            lines.append(t[key].format(a=a.called(lang), b=b.called(lang), n=len(chain)))
            lines += [self.hop_line(step, lang) for step in chain]
            if any(s.link.status == "claim" for s in chain):
                lines.append(t["through_claim"])
            hops += [Hop(n, s.owner, s.link.relation, s.link.target, s.link.source,
                         s.link.status) for s in chain]
        if any(len(c) > 1 for c in chains):
            lines += ["", t["separate"]]
        first = chains[0]
        status = max((s.link.status for s in first), key=STATUS_RANK.__getitem__)
        all_ids = list(dict.fromkeys(h.source for h in hops))
        names = tuple(dict.fromkeys(told_by + tuple(self.kb.sources[s].label(lang)
                                                    for s in all_ids)))
        claims = list(dict.fromkeys(self.kb.sources[s.link.source].label(lang) for s in first
                                    if s.link.status == "claim"))
        if claims:
            attribution = t["attribution_claim"].format(who=" · ".join(claims),
                                                        all=" · ".join(names))
        else:
            attribution = t["attribution"].format(who=" · ".join(names))
        return Answer(question=question, answered=True, kind="connection",
                      id=lead.id if lead is not None else None, lang=lang,
                      answer="\n".join(lines),
                      attribution=attribution, quote=None, sources=names, status=status,
                      confidence=1.0, decision="answer", hops=tuple(hops))

    def hop_line(self, step: Step, lang: Lang) -> str:
        """'• PeruRail carries shipments for Minera Las Bambas — according to the FDD study'."""
        owner = self.kb.entries[step.owner]
        target = self.kb.entries[step.link.target]
        assert isinstance(owner, Entity) and isinstance(target, Entity)
        verb = RELATIONS[step.link.relation][1 if lang == "es" else 0]
        who = self.kb.sources[step.link.source].label(lang)
        said = TEXTS[lang][step.link.status].format(who=who)
        subject = owner.called(lang)
        return f"• {subject[:1].upper()}{subject[1:]} {verb} {target.called(lang)} — {said}"

