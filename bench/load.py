"""Load through the local Discord: `storybot run` as a real process, questions from many members.

    python bench/load.py                 # 1,000 events in 30 s from 50 members
    python bench/load.py --lock 10       # the same, with the journal locked for 10 s mid-run

Half the events are mentions, half /ask slash commands. Prints replies, latency from the event
to the bot's reply reaching Discord (p50/p99/max), the bot's peak memory, and journal rows
against questions asked. Traffic goes to 127.0.0.1 only; the run is bounded in events and time
and stops by itself. The per-user cooldown is raised for the run, so that every event is a
question (with the shipped cooldown most would be polite "you're asking quickly" replies).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.adapter.fake_discord import (  # noqa: E402
    CHANNEL_ID,
    MEMBER_PERMISSIONS,
    FakeDiscord,
    Request,
)

MEMBER_BASE = 6_000_000_000_000_000
DEADLINE_SECONDS = 3.0  # Discord's limit for an interaction's first response
TIME_LIMIT = 120.0  # the whole run, whatever happens


def questions() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests" / "eval" / "questions.yaml").read_text("utf-8"))
    return [str(c["q"]) for c in cases]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def hold_lock(database: Path, after: float, seconds: float, log: list[str]) -> None:
    """Lock the journal as a backup or an open `sqlite3` shell would."""
    await asyncio.sleep(after)
    holder = sqlite3.connect(database, isolation_level=None, timeout=5)
    holder.execute("BEGIN EXCLUSIVE")
    log.append(f"journal locked at {after:.0f} s for {seconds:.0f} s")
    await asyncio.sleep(seconds)
    holder.execute("ROLLBACK")
    holder.close()


async def run(events: int, seconds: float, members: int, lock: float) -> dict[str, Any]:
    fake = FakeDiscord()
    await fake.start()
    folder = Path(tempfile.mkdtemp(prefix="storybot-load-"))
    database = folder / "journal.sqlite3"
    config = folder / "config" / "storybot.yaml"
    config.parent.mkdir()
    config.write_text(f"knowledge_path: {ROOT / 'knowledge'}\ndatabase_path: {database}\n"
                      f"cooldown_questions: {events}\nlog_level: WARNING\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "STORYBOT"))}
    env.update(STORYBOT_CONFIG=str(config), DISCORD_TOKEN=fake.token,
               STORYBOT_DISCORD_API_BASE=fake.api_base, STORYBOT_DISCORD_GATEWAY=fake.gateway)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    notes: list[str] = []
    try:
        await asyncio.wait_for(fake.identified.wait(), 30)
        await asyncio.sleep(0.5)
        pool = questions()
        sent: dict[str, float] = {}  # message id or interaction id -> when sent
        locker = asyncio.create_task(hold_lock(database, seconds / 3, lock, notes)) \
            if lock else None
        started = time.monotonic()
        for n in range(events):
            await asyncio.sleep(max(0.0, started + n * seconds / events - time.monotonic()))
            member = MEMBER_BASE + n % members
            question = pool[n % len(pool)]
            if n % 2:
                data = fake.message({"id": str(member), "username": f"m{n % members}",
                                     "discriminator": "0", "avatar": None, "bot": False},
                                    f"<@{4_000_000_000_000_002}> {question}",
                                    mentions=[{"id": "4000000000000002", "username": "StoryBot",
                                               "discriminator": "0", "avatar": None,
                                               "bot": True}])
                sent[data["id"]] = time.monotonic()
                await fake.send("MESSAGE_CREATE", data)
            else:
                payload = fake._interaction(
                    2, {"id": "1", "name": "ask", "type": 1, "options": [
                        {"name": "question", "type": 3, "value": question}]},
                    MEMBER_PERMISSIONS, member)
                sent[payload["id"]] = time.monotonic()
                await fake.send("INTERACTION_CREATE", payload)
        sending = time.monotonic() - started
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and len(replies(fake.requests)) < events:
            await asyncio.sleep(0.1)
        if locker is not None:
            await locker
        rss = peak_rss_mb(proc.pid)
        stop_started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
        stop_seconds = time.monotonic() - stop_started
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await fake.stop()
    got = replies(fake.requests)
    latencies = sorted((at - sent[key]) * 1000 for key, at in got.items() if key in sent)
    db = sqlite3.connect(database)
    rows = int(db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])
    db.close()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"events": events, "sent_in_s": round(sending, 1), "replies": len(got),
            "p50_ms": round(cuts[49], 1), "p99_ms": round(cuts[98], 1),
            "max_ms": round(latencies[-1], 1) if latencies else None,
            "over_3s": sum(1 for x in latencies if x > DEADLINE_SECONDS * 1000),
            "peak_rss_mb": round(rss, 1), "journal_rows": rows, "questions": events,
            "exit": proc.returncode, "shutdown_s": round(stop_seconds, 2),
            "warnings": [line for line in err.decode().splitlines()
                         if line.startswith(("WARNING", "ERROR"))][:5], "notes": notes}


def replies(requests: list[Request]) -> dict[str, float]:
    """Event id -> when the bot's reply reached Discord."""
    found: dict[str, float] = {}
    for r in list(requests):
        if r.method != "POST":
            continue
        if r.path == f"/channels/{CHANNEL_ID}/messages":
            ref = (r.body or {}).get("message_reference") or {}
            if "message_id" in ref:
                found.setdefault(str(ref["message_id"]), r.at)
        elif r.path.startswith("/interactions/"):
            found.setdefault(r.path.split("/")[2], r.at)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--lock", type=float, default=0.0,
                        help="lock the journal for this many seconds, a third into the run")
    args = parser.parse_args()
    if not 0 < args.events <= 10_000 or not 0 < args.seconds <= 60:
        parser.error("at most 10,000 events over at most 60 s")
    result = asyncio.run(asyncio.wait_for(
        run(args.events, args.seconds, args.members, args.lock), TIME_LIMIT))
    for key, value in result.items():
        print(f"{key:>13}: {value}")


if __name__ == "__main__":
    main()
