"""Synthetic knowledge bases (the story plus N made-up facts) for the benchmarks."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import yaml

from bot.knowledge.model import Bilingual, Fact, KnowledgeBase, Questions

COMMON = ("who what when where why how much did does is the of in to for about company port "
          "mayor city president study money trains report said").split()
SYLLABLES = ("ka lo mi ra tu pe ni so va de li mo ru ta be no si ga fe zu chi lan tor mes "
             "par vel quin dor sam bri").split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def vocabulary(size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return list(dict.fromkeys(_word(rng) for _ in range(size * 2)))[:size]


def _sentence(rng: random.Random, vocab: list[str], n: int) -> str:
    # Zipf-like: a few made-up words are common, most are rare, like names in real news.
    words = [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] if rng.random() < 0.3
             else rng.choice(vocab) for _ in range(n)]
    return " ".join(rng.sample(COMMON, 2) + words)


def generated_facts(n: int, seed: int = 11) -> list[Fact]:
    rng = random.Random(seed)
    vocab = vocabulary(max(2000, n // 2))
    facts = []
    for i in range(n):
        topic = _sentence(rng, vocab, 4)
        facts.append(Fact(
            id=f"gen-{i}", titles=Bilingual(topic, topic),
            answer=Bilingual(f"According to the news article, {_sentence(rng, vocab, 10)}.",
                             f"Según el artículo de noticias, {_sentence(rng, vocab, 10)}."),
            sources=("story",), status="reported",
            questions=Questions(en=(f"{topic}?", f"{_sentence(rng, vocab, 5)}?"),
                                es=(f"¿{_sentence(rng, vocab, 5)}?",))))
    return facts


def grow(kb: KnowledgeBase, n: int) -> KnowledgeBase:
    """`kb` plus n generated facts."""
    entries = dict(kb.entries)
    entries.update((f.id, f) for f in generated_facts(n))
    return replace(kb, entries=entries)


def write_yaml(directory: Path, n: int) -> None:
    """Write n generated facts as knowledge YAML (for timing the validator)."""
    directory.mkdir(parents=True, exist_ok=True)
    facts = [{"id": f.id, "title": {"en": f.titles.en, "es": f.titles.es},
              "answer": {"en": f.answer.en, "es": f.answer.es}, "sources": ["story"],
              "status": "reported",
              "questions": {"en": list(f.questions.en), "es": list(f.questions.es)}}
             for f in generated_facts(n)]
    sources = [{"id": "story", "name": "the news article", "name_es": "el artículo de noticias",
                "kind": "article", "description": {"en": "The article.", "es": "El artículo."}}]
    (directory / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}), "utf-8")
    per_file = 2000
    for start in range(0, n, per_file):
        chunk = {"facts": facts[start:start + per_file]}
        (directory / f"facts-{start // per_file:03}.yaml").write_text(
            yaml.safe_dump(chunk, allow_unicode=True, sort_keys=False), "utf-8")
