"""Calibrate the thresholds of the questions-asked-before rules without the memory's own help.

    python bench/memory_calibrate.py [N ...]     # default: blind91 to blind146, the read ones

Every read set is in knowledge/asked_before.yaml, so on it the memory finds each question
itself, at nearness 1: its figures say nothing of questions asked in new words. Here each set N
is judged by an engine whose memory holds every studied set but N (bench/asked_before.py makes
it), under each setting of VARIANTS; the figures summed over the sets compare the settings on
questions the memory has not seen. Session 22 set asked_before_near, asked_before_slim_lead
and asked_before_sure_near so (policy.asked_before). Takes about four seconds a set.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.answerer import Engine  # noqa: E402
from bot.engine.evaluate import load_cases  # noqa: E402
from bot.engine.matcher import Measured, Thresholds  # noqa: E402
from bot.engine.policy import decide  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402

DEFAULTS = Thresholds()
VARIANTS = {
    "defaults": DEFAULTS,
    "near 0.6": replace(DEFAULTS, asked_before_near=0.6),
    "slim lead = full lead": replace(DEFAULTS, asked_before_slim_lead=DEFAULTS.asked_before_lead),
    "slim lead 0.08": replace(DEFAULTS, asked_before_slim_lead=0.08),
    "slim lead 0": replace(DEFAULTS, asked_before_slim_lead=0.0),
    "sure near = near": replace(DEFAULTS, asked_before_sure_near=DEFAULTS.asked_before_near),
}


def _maker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("asked_before", ROOT / "bench" /
                                                  "asked_before.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def outcome(measured: Measured, expect: tuple[str, ...], t: Thresholds) -> str:
    """R right, W wrong, F answered though unanswerable, 1 first suggestion right, M missed."""
    decision = decide(measured, t)
    first = decision.best.id if decision.best else None
    if not expect:
        return "F" if decision.action == "answer" else "A"
    if decision.action == "answer":
        return "R" if first in expect else "W"
    return "1" if first in expect else "M"


def judged_without(name: str, maker, folder: Path) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Each question of set `name`, under each variant, by an engine whose memory lacks it."""
    for path in (ROOT / "knowledge").iterdir():
        if path.name != "asked_before.yaml" and path.suffix == ".yaml":
            (folder / path.name).symlink_to(path)
    others = [s for s in maker.STUDIED if s != name]
    (folder / "asked_before.yaml").write_text(maker.render(others), encoding="utf-8")
    engine = Engine(load_knowledge(folder))
    rows = []
    for case in load_cases(ROOT / "tests" / "eval" / f"{name}.yaml"):
        measured = engine.matcher.measure(case.question)
        rows.append({v: outcome(measured, tuple(case.expect or ()), t)
                     for v, t in VARIANTS.items()})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", type=int, help="blind set numbers (read ones)")
    args = parser.parse_args()
    maker = _maker()
    numbers = args.sets or [n for n in range(91, 147) if f"blind{n}" in maker.STUDIED]
    totals = {v: Counter[str]() for v in VARIANTS}
    for n in numbers:
        with tempfile.TemporaryDirectory() as tmp:
            for row in judged_without(f"blind{n}", maker, Path(tmp)):
                for variant, got in row.items():
                    totals[variant][got] += 1
        print(f"blind{n} done", file=sys.stderr)
    print(f"{len(numbers)} sets, each judged with the memory of the others")
    for variant, c in totals.items():
        answered = c["R"] + c["W"] + c["F"]
        answerable = c["R"] + c["W"] + c["1"] + c["M"]
        print(f"{variant:24} right {c['R']:5} wrong {c['W']:4} false {c['F']:4} "
              f"first right {c['1']:4} missed {c['M']:4}  "
              f"P {c['R'] / max(1, answered):.2%} R {c['R'] / max(1, answerable):.2%}")


if __name__ == "__main__":
    main()
