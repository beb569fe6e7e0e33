"""Write knowledge/asked_before.yaml from labelled question sets: each question under the entries
its labellers said answer it ("answered by: nothing" for chat and what the story does not say).

    python bench/asked_before.py                  # the studied sets (see STUDIED)
    python bench/asked_before.py dev blind2 ...   # these sets (names under tests/eval)

Only sets already read belong here: a set still to be measured first must stay out of it.
Only entries (entities, facts, quotes) stay in the labels: a question asked before is matched to
the entry the matcher offers, never to an event or a source; a question labelled with those alone
is left out.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.knowledge.schema import ANSWERED_BY
from bot.text import fold

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
OUT = ROOT / "knowledge" / "asked_before.yaml"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the sets are ~5 MB
_PLAIN = str.maketrans("—–‘’“”…", "--''\"\".")  # typography, to the plain characters
STUDIED = ("dev", "holdout", "blind", *(f"blind{n}" for n in range(2, 137)),
           *(f"blind{n}" for n in range(139, 159)), *(f"blind{n}" for n in range(163, 191)))
# the measure: never in the memory (blind191-198: session 27's two rounds, each run once)
UNREAD = ("blind137", "blind138", *(f"blind{n}" for n in range(159, 163)),
          *(f"blind{n}" for n in range(191, 199)))

HEADER = """\
# Questions people asked before, each under the entries that answer it.
# Made by bench/asked_before.py from the labelled question sets the team has read
# (tests/eval: {sets}); labelled by people
# who read the article and the knowledge, not by the engine. "answered by: nothing": chat, or
# something the story does not say. A new question nearly the same as one of these, whose entry
# the matcher would offer anyway, is answered (policy rule `asked_before`).
# To add one: put it on its own line under the right "answered by:" line (or use /kb teach).
"""


def entry_ids() -> set[str]:
    """The ids of the knowledge's entries (read from its files, this one aside)."""
    ids: set[str] = set()
    for path in sorted((ROOT / "knowledge").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) if path != OUT else None
        for kind in ("entities", "facts", "quotes"):
            ids |= {r["id"] for r in (data or {}).get(kind) or () if isinstance(r, dict)}
    return ids


def grouped(sets: list[str]) -> dict[tuple[str, ...], list[str]]:
    known = entry_ids()
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    seen: set[tuple[tuple[str, ...], str]] = set()
    for name in sets:
        for case in yaml.load((EVAL / f"{name}.yaml").read_text(encoding="utf-8"), Loader=LOADER):
            expect = case.get("expect") or []
            expect = expect if isinstance(expect, list) else [expect]
            answers = tuple(sorted(set(expect) & known))
            question = " ".join(str(case["q"]).translate(_PLAIN).split())
            key = (answers, fold(question))
            if (expect and not answers) or not question or key in seen \
                    or max(map(ord, question)) > 0xFF:
                # (one character past Latin-1 makes Python keep the whole text at 2 or 4 bytes
                # a character, in every process that loads it)
                continue
            seen.add(key)
            groups[answers].append(question)
    return groups


def render(sets: list[str]) -> str:
    lines = [HEADER.format(sets=_span(sets)), "asked_before: |"]
    for answers, questions in sorted(grouped(sets).items(), key=lambda kv: (not kv[0], kv[0])):
        lines.append(f"  {ANSWERED_BY} {' '.join(answers) or 'nothing'}")
        lines += [f"  {q}" for q in questions]
    return "\n".join(lines) + "\n"


def _span(sets: list[str]) -> str:
    if tuple(sets) == STUDIED:
        return "the studied sets, dev to blind136, blind139 to blind158 and blind163 to blind190"
    return ", ".join(sets)


def main(argv: list[str]) -> None:
    sets = argv or list(STUDIED)
    OUT.write_text(render(sets), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} from {len(sets)} sets")


if __name__ == "__main__":
    main(sys.argv[1:])
