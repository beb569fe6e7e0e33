"""StoryBot benchmark: accuracy vs a naive FAQ bot, latency, memory, scale. Prints figures.

    python bench/run.py            # everything (a few minutes: the 100,000-entry index)
    python bench/run.py --quick    # skip the 100,000-entry knowledge base
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bench.generate import grow, write_yaml  # noqa: E402
from bot.engine.answerer import Engine  # noqa: E402
from bot.engine.evaluate import evaluate, load_cases, noise_survival, report  # noqa: E402
from bot.engine.render import Answer  # noqa: E402
from bot.knowledge import KnowledgeBase, load_knowledge  # noqa: E402

EVAL = ROOT / "tests" / "eval" / "questions.yaml"
HOLDOUT = ROOT / "tests" / "eval" / "holdout.yaml"
BLIND = ROOT / "tests" / "eval" / "blind.yaml"
DEV = ROOT / "tests" / "eval" / "dev.yaml"
BLIND2 = ROOT / "tests" / "eval" / "blind2.yaml"
BLIND3 = ROOT / "tests" / "eval" / "blind3.yaml"
BLIND4 = ROOT / "tests" / "eval" / "blind4.yaml"
BLIND5 = ROOT / "tests" / "eval" / "blind5.yaml"
BLIND6 = ROOT / "tests" / "eval" / "blind6.yaml"
BLIND7 = ROOT / "tests" / "eval" / "blind7.yaml"
BLIND8 = ROOT / "tests" / "eval" / "blind8.yaml"
BLIND9 = ROOT / "tests" / "eval" / "blind9.yaml"
BLIND10 = ROOT / "tests" / "eval" / "blind10.yaml"
BLIND11 = ROOT / "tests" / "eval" / "blind11.yaml"
BLIND12 = ROOT / "tests" / "eval" / "blind12.yaml"
BLIND13 = ROOT / "tests" / "eval" / "blind13.yaml"
BLIND14 = ROOT / "tests" / "eval" / "blind14.yaml"
BLIND15 = ROOT / "tests" / "eval" / "blind15.yaml"
BLIND16 = ROOT / "tests" / "eval" / "blind16.yaml"
BLIND17 = ROOT / "tests" / "eval" / "blind17.yaml"
BLIND18 = ROOT / "tests" / "eval" / "blind18.yaml"
BLIND19 = ROOT / "tests" / "eval" / "blind19.yaml"
BLIND20 = ROOT / "tests" / "eval" / "blind20.yaml"
BLIND21 = ROOT / "tests" / "eval" / "blind21.yaml"
BLIND22 = ROOT / "tests" / "eval" / "blind22.yaml"
BLIND23 = ROOT / "tests" / "eval" / "blind23.yaml"
BLIND24 = ROOT / "tests" / "eval" / "blind24.yaml"
BLIND25 = ROOT / "tests" / "eval" / "blind25.yaml"
BLIND26 = ROOT / "tests" / "eval" / "blind26.yaml"
BLIND27 = ROOT / "tests" / "eval" / "blind27.yaml"
BLIND28 = ROOT / "tests" / "eval" / "blind28.yaml"
BLIND29 = ROOT / "tests" / "eval" / "blind29.yaml"
BLIND30 = ROOT / "tests" / "eval" / "blind30.yaml"
BLIND31 = ROOT / "tests" / "eval" / "blind31.yaml"
BLIND32 = ROOT / "tests" / "eval" / "blind32.yaml"
BLIND33 = ROOT / "tests" / "eval" / "blind33.yaml"
BLIND34 = ROOT / "tests" / "eval" / "blind34.yaml"
BLIND35 = ROOT / "tests" / "eval" / "blind35.yaml"
BLIND36 = ROOT / "tests" / "eval" / "blind36.yaml"
BLIND37 = ROOT / "tests" / "eval" / "blind37.yaml"
BLIND38 = ROOT / "tests" / "eval" / "blind38.yaml"
BLIND39 = ROOT / "tests" / "eval" / "blind39.yaml"
BLIND40 = ROOT / "tests" / "eval" / "blind40.yaml"
BLIND41 = ROOT / "tests" / "eval" / "blind41.yaml"
BLIND42 = ROOT / "tests" / "eval" / "blind42.yaml"
BLIND43 = ROOT / "tests" / "eval" / "blind43.yaml"
BLIND44 = ROOT / "tests" / "eval" / "blind44.yaml"
BLIND45 = ROOT / "tests" / "eval" / "blind45.yaml"
BLIND46 = ROOT / "tests" / "eval" / "blind46.yaml"
BLIND47 = ROOT / "tests" / "eval" / "blind47.yaml"
BLIND48 = ROOT / "tests" / "eval" / "blind48.yaml"
BLIND49 = ROOT / "tests" / "eval" / "blind49.yaml"
BLIND50 = ROOT / "tests" / "eval" / "blind50.yaml"
BLIND51 = ROOT / "tests" / "eval" / "blind51.yaml"
BLIND52 = ROOT / "tests" / "eval" / "blind52.yaml"
BLIND53 = ROOT / "tests" / "eval" / "blind53.yaml"
BLIND54 = ROOT / "tests" / "eval" / "blind54.yaml"
BLIND55 = ROOT / "tests" / "eval" / "blind55.yaml"
BLIND56 = ROOT / "tests" / "eval" / "blind56.yaml"
BLIND57 = ROOT / "tests" / "eval" / "blind57.yaml"
BLIND58 = ROOT / "tests" / "eval" / "blind58.yaml"
BLIND59 = ROOT / "tests" / "eval" / "blind59.yaml"
BLIND60 = ROOT / "tests" / "eval" / "blind60.yaml"
BLIND61 = ROOT / "tests" / "eval" / "blind61.yaml"
BLIND62 = ROOT / "tests" / "eval" / "blind62.yaml"
BLIND63 = ROOT / "tests" / "eval" / "blind63.yaml"
BLIND64 = ROOT / "tests" / "eval" / "blind64.yaml"
BLIND65 = ROOT / "tests" / "eval" / "blind65.yaml"
BLIND66 = ROOT / "tests" / "eval" / "blind66.yaml"
BLIND67 = ROOT / "tests" / "eval" / "blind67.yaml"
BLIND68 = ROOT / "tests" / "eval" / "blind68.yaml"
BLIND69 = ROOT / "tests" / "eval" / "blind69.yaml"
BLIND70 = ROOT / "tests" / "eval" / "blind70.yaml"
BLIND71 = ROOT / "tests" / "eval" / "blind71.yaml"
BLIND72 = ROOT / "tests" / "eval" / "blind72.yaml"
BLIND73 = ROOT / "tests" / "eval" / "blind73.yaml"
BLIND74 = ROOT / "tests" / "eval" / "blind74.yaml"
BLIND75 = ROOT / "tests" / "eval" / "blind75.yaml"
BLIND76 = ROOT / "tests" / "eval" / "blind76.yaml"
BLIND77 = ROOT / "tests" / "eval" / "blind77.yaml"
BLIND78 = ROOT / "tests" / "eval" / "blind78.yaml"
BLIND79 = ROOT / "tests" / "eval" / "blind79.yaml"
BLIND80 = ROOT / "tests" / "eval" / "blind80.yaml"
BLIND81 = ROOT / "tests" / "eval" / "blind81.yaml"
BLIND82 = ROOT / "tests" / "eval" / "blind82.yaml"
BLIND83 = ROOT / "tests" / "eval" / "blind83.yaml"
BLIND84 = ROOT / "tests" / "eval" / "blind84.yaml"
BLIND85 = ROOT / "tests" / "eval" / "blind85.yaml"
BLIND86 = ROOT / "tests" / "eval" / "blind86.yaml"
BLIND87 = ROOT / "tests" / "eval" / "blind87.yaml"
BLIND88 = ROOT / "tests" / "eval" / "blind88.yaml"
BLIND89 = ROOT / "tests" / "eval" / "blind89.yaml"
BLIND90 = ROOT / "tests" / "eval" / "blind90.yaml"
CHAT = ROOT / "tests" / "eval" / "chat.txt"
# Chat in a channel about this story (reactions, banter, the bot, other topics, some naming the
# story's trains and ports), 400 lines by four helpers in session 22: its answered lines were
# read once, and the one rule tried on them dropped; nothing is tuned to it
STORY_CHAT = ROOT / "tests" / "eval" / "chat_story.txt"


def blind(n: int) -> Path:
    return ROOT / "tests" / "eval" / f"blind{n}.yaml"


BASELINE_CUTOFF = 70.0  # WRatio 0..100: below this the naive bot says it does not know


class NaiveFaq:
    """The usual FAQ bot: WRatio over every example question, best one wins."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.questions: list[str] = []
        self.ids: list[str] = []
        for entry in kb.entries.values():
            for q in (*entry.questions.en, *entry.questions.es):
                self.questions.append(q)
                self.ids.append(entry.id)

    def ask(self, question: str) -> Answer:
        found = process.extractOne(question, self.questions, scorer=fuzz.WRatio,
                                   processor=utils.default_process,
                                   score_cutoff=BASELINE_CUTOFF)
        entry_id = self.ids[found[2]] if found else None
        return Answer(question=question, answered=entry_id is not None, kind=None, id=entry_id,
                      lang="en", answer="", attribution=None, quote=None, sources=(),
                      status=None, confidence=(found[1] / 100) if found else 0.0)


def latencies(ask: Callable[[str], object], questions: list[str], rounds: int = 1) -> list[float]:
    times = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            ask(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * p), len(ordered) - 1)]


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.1%}"


def accuracy(engine: Engine, naive: NaiveFaq, path: Path, noise: bool = True) -> None:
    cases = load_cases(path)
    ours = {r["category"]: r for r in report(evaluate(cases, engine.ask))}
    theirs = {r["category"]: r for r in report(evaluate(cases, naive.ask))}
    print(f"\n## Accuracy on {path.relative_to(ROOT)} ({len(cases)} questions)")
    print(f"{'category':14} {'n':>4} | {'StoryBot P':>10} {'R':>7} {'Abst-U':>7} {'Abst-C':>7} "
          f"{'1st':>7} | {'naive P':>8} {'R':>7} {'Abst':>7}")
    for name, row in ours.items():
        other = theirs[name]
        print(f"{name:14} {row['questions']:>4} | {fmt(row['precision']):>10} "
              f"{fmt(row['recall']):>7} {fmt(row['abstention_unanswerable']):>7} "
              f"{fmt(row['abstention_chat']):>7} {fmt(row['first_right']):>7} | "
              f"{fmt(other['precision']):>8} {fmt(other['recall']):>7} "
              f"{fmt(other['abstention']):>7}")
    if ours["all"]["unsourced"]:
        print(f"!! {ours['all']['unsourced']} answers without a named source")
    print(f"'the story doesn't say' to an answerable question: {ours['all']['false_not_said']}/"
          f"{ours['all']['answerable']}")
    if noise:
        kept, tried = noise_survival(cases, engine.ask)
        print(f"noise: {kept}/{tried} variants of the rightly answered questions still right "
              f"({fmt(kept / tried if tried else None)})")


def off_topic_chat(engine: Engine) -> None:
    lines = CHAT.read_text(encoding="utf-8").splitlines()
    held_out = lines[1::2]  # the even lines calibrate the thresholds (bench/calibrate.py)
    answered = [line for line in lines if engine.ask(line).answered]
    held = [line for line in held_out if engine.ask(line).answered]
    print(f"\n## Off-topic chat ({CHAT.relative_to(ROOT)}): {len(answered)}/{len(lines)} "
          f"answered ({fmt(len(answered) / len(lines))}); held-out half "
          f"{len(held)}/{len(held_out)} ({fmt(len(held) / len(held_out))})")
    for line in answered[:10]:
        print(f"   answered: {line!r}")
    lines = STORY_CHAT.read_text(encoding="utf-8").splitlines()
    answered = [line for line in lines if engine.ask(line).answered]
    print(f"## Chat in a story channel ({STORY_CHAT.relative_to(ROOT)}): {len(answered)}/"
          f"{len(lines)} answered ({fmt(len(answered) / len(lines))})")


def story_latency(engine: Engine, naive: NaiveFaq) -> None:
    questions = [c.question for c in load_cases(EVAL)]
    ours = latencies(lambda q: engine.judge(q), questions, rounds=5)
    full = latencies(engine.ask, questions, rounds=5)
    theirs = latencies(naive.ask, questions, rounds=5)
    print(f"\n## Latency per question, story knowledge ({len(questions)} questions x 5)")
    print(f"StoryBot measure+decide p50 {pct(ours, .5):.3f} ms  p99 {pct(ours, .99):.3f} ms")
    print(f"StoryBot + render       p50 {pct(full, .5):.3f} ms  p99 {pct(full, .99):.3f} ms")
    print(f"naive FAQ baseline      p50 {pct(theirs, .5):.3f} ms  p99 {pct(theirs, .99):.3f} ms")


def scale(kb: KnowledgeBase, sizes: list[int]) -> None:
    print("\n## Scale: generated knowledge bases (story + N made-up facts)")
    print(f"{'entries':>8} {'build s':>8} {'p50 ms':>8} {'p99 ms':>8} {'naive p50 ms':>13} "
          f"{'eval recall':>12}")
    cases = load_cases(EVAL)
    for n in sizes:
        big = grow(kb, n)
        start = time.perf_counter()
        engine = Engine(big)
        built = time.perf_counter() - start
        rng = random.Random(n)
        gen = [e for e in big.entries.values() if e.id.startswith("gen-")]
        questions = [q for e in rng.sample(gen, 200) for q in e.questions.en[:1]]
        questions += [c.question for c in cases]
        times = latencies(lambda q, e=engine: e.ask(q), questions)  # type: ignore[misc]
        naive = NaiveFaq(big)
        naive_times = latencies(naive.ask, questions[:5])
        story = {r["category"]: r for r in report(evaluate(cases, engine.ask))}["all"]
        print(f"{len(big.entries):>8} {built:>8.1f} {pct(times, .5):>8.3f} {pct(times, .99):>8.3f}"
              f" {statistics.median(naive_times):>13.1f} {fmt(story['recall']):>12}")


def whole_process() -> None:
    exe = Path(sys.executable).parent / "storybot"
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        proc = subprocess.Popen([str(exe), "ask", "How much did China invest in Chancay?"],
                                cwd=ROOT, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        runs.append((time.perf_counter() - start, usage.ru_maxrss / 1024))
        assert status == 0
    wall = statistics.median(r[0] for r in runs)
    rss = max(r[1] for r in runs)
    print(f"\n## `storybot ask` whole process: median {wall * 1000:.0f} ms, peak RSS {rss:.0f} MB")


def validate_timing() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_yaml(Path(tmp), 10_000)
        start = time.perf_counter()
        kb = load_knowledge(Path(tmp))
        took = time.perf_counter() - start
    print(f"\n## Validation of a generated 10,000-fact knowledge base: {took:.2f} s "
          f"({len(kb.entries)} entries)")
    start = time.perf_counter()
    load_knowledge(ROOT / "knowledge")
    print(f"## Validation of the shipped knowledge: {(time.perf_counter() - start) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-entry run")
    parser.add_argument("--no-blind", action="store_true",
                        help="leave out the unstudied blind sets 137, 138, 159-162 and 191-198 "
                             "(while developing: a blind set is run once, when the work is done)")
    args = parser.parse_args()
    # first, while this process is small: a child's peak RSS counts the pages it shares with
    # this process until it execs, so measured later it reports this process's size
    whole_process()
    kb = load_knowledge(ROOT / "knowledge")
    engine, naive = Engine(kb), NaiveFaq(kb)
    print(f"StoryBot benchmark — knowledge: {kb.summary()}")
    # Every one of these was read after its first run (blind4's misses read, not acted on;
    # blind123-126 in session 19, blind127-132 in session 20, blind133-136 and 139-142 in
    # session 21, blind143-146 in session 22, blind147-150 in session 23, blind151-158 and
    # 163-170 in session 24, blind171-178 in session 25, blind179-186 in session 26,
    # blind187-190 in session 27) or,
    # blind111-122, put in the memory
    # unread; every one is in knowledge/asked_before.yaml: their figures are no measure of
    # anything but regressions.
    studied = (*(blind(n) for n in range(190, 162, -1)), *(blind(n) for n in range(158, 138, -1)),
               *(blind(n) for n in range(136, 90, -1)),
               BLIND90, BLIND89, BLIND88, BLIND87, BLIND86, BLIND85, BLIND84, BLIND83, BLIND82,
               BLIND81, BLIND80, BLIND79,
               BLIND78, BLIND77, BLIND76, BLIND75, BLIND74, BLIND73, BLIND72, BLIND71,
               BLIND70, BLIND69, BLIND68, BLIND67, BLIND66, BLIND65, BLIND64, BLIND63,
               BLIND62, BLIND61, BLIND60, BLIND59, BLIND58, BLIND57, BLIND56, BLIND55,
               BLIND54, BLIND53, BLIND52, BLIND51, BLIND50, BLIND49, BLIND48, BLIND47, BLIND46,
               BLIND45, BLIND44, BLIND43,
               BLIND42, BLIND41, BLIND40, BLIND39, BLIND38, BLIND37, BLIND36, BLIND35, BLIND34,
               BLIND33, BLIND32, BLIND31, BLIND30, BLIND29, BLIND28, BLIND27, BLIND26, BLIND25,
               BLIND24, BLIND23, BLIND22,
               BLIND21, BLIND20, BLIND19, BLIND18, BLIND17, BLIND16, BLIND15, BLIND14, BLIND13,
               BLIND12, BLIND11, BLIND10, BLIND9, BLIND8, BLIND7, BLIND6, BLIND5, BLIND4, BLIND3,
               BLIND2, DEV, EVAL, HOLDOUT, BLIND)
    # written in sessions 21 to 27, run once, not read
    unseen = (*(blind(n) for n in range(198, 190, -1)), *(blind(n) for n in range(162, 158, -1)),
              blind(138), blind(137))
    for path in studied if args.no_blind else (*unseen, *studied):
        accuracy(engine, naive, path)
    off_topic_chat(engine)
    story_latency(engine, naive)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process so far (story knowledge): {rss:.0f} MB")
    validate_timing()
    scale(kb, [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process after the scale runs: {rss:.0f} MB")


if __name__ == "__main__":
    main()
