"""Faults around the answer path with `storybot run` as a real process against the local Discord.

A locked, damaged or unwritable journal, SIGTERM with a reply in flight, and a .env written the
way people write them (issue 8's table).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tests.adapter.fake_discord import CHANNEL_ID, FakeDiscord
from tests.conftest import KNOWLEDGE, ROOT

DEADLINE = 3.0  # seconds Discord gives an interaction for its first response


def config_env(folder: Path, fake: FakeDiscord, database: Path,
               with_token: bool = True) -> dict[str, str]:
    config = folder / "config" / "storybot.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"knowledge_path: {KNOWLEDGE}\ndatabase_path: {database}\n"
                      "log_level: INFO\ncooldown_questions: 100\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "STORYBOT"))}
    env.update(STORYBOT_CONFIG=str(config), STORYBOT_DISCORD_API_BASE=fake.api_base,
               STORYBOT_DISCORD_GATEWAY=fake.gateway)
    if with_token:
        env["DISCORD_TOKEN"] = fake.token
    return env


@asynccontextmanager
async def running(fake: FakeDiscord, env: dict[str, str],
                  as_user: bool = False) -> AsyncIterator[asyncio.subprocess.Process]:
    """`storybot run`, connected; stopped with SIGTERM (if still running) on the way out."""
    command = [sys.executable, "-m", "bot", "run"]
    if as_user and os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = await asyncio.create_subprocess_exec(*command, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    try:
        await asyncio.wait_for(fake.identified.wait(), 20)
        await asyncio.sleep(0.3)  # READY and GUILD_CREATE processed
        yield proc
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 20)


async def stop(proc: asyncio.subprocess.Process) -> tuple[int, str, float]:
    """SIGTERM; returns exit code, stderr and seconds until the process was gone."""
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode is not None
    return proc.returncode, err.decode(), time.monotonic() - started


async def read_until(proc: asyncio.subprocess.Process, text: str) -> str:
    """The process's log up to the first line containing `text`."""
    assert proc.stderr is not None
    seen = []
    while True:
        line = (await asyncio.wait_for(proc.stderr.readline(), 10)).decode()
        assert line, "".join(seen)
        seen.append(line)
        if text in line:
            return "".join(seen)


def rows(database: Path) -> int:
    db = sqlite3.connect(database)
    try:
        return int(db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])
    finally:
        db.close()


def ask_payload(question: str) -> list[dict[str, Any]]:
    return [{"name": "question", "type": 3, "value": question}]


def to_channel(r: Any) -> bool:
    return bool(r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages")


async def mention(fake: FakeDiscord, question: str) -> dict[str, Any]:
    start = len(fake.requests)
    await fake.post_message(question, mention_bot=True)
    body: dict[str, Any] = (await fake.wait_for(to_channel, timeout=10, start=start)).body
    return body


async def test_sigterm_finishes_the_reply_in_flight_and_exits_0(fake: FakeDiscord,
                                                                tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    async with running(fake, config_env(tmp_path, fake, database)) as proc:
        fake.reply_delay = 1.0  # Discord is slow: the reply is still in flight at SIGTERM
        start = len(fake.requests)
        await fake.post_message("Who owns PeruRail?", mention_bot=True)
        await fake.wait_for(to_channel, timeout=10, start=start)  # sent, not yet answered
        code, err, seconds = await stop(proc)
    assert code == 0, err
    assert seconds < 5
    assert "INFO bot.adapter.client: shutting down: 1 reply(ies) in flight" in err
    assert "Traceback" not in err
    assert rows(database) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "journal.sqlite3"]


async def test_a_locked_journal_never_delays_answers_and_loses_nothing(
        fake: FakeDiscord, tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    async with running(fake, config_env(tmp_path, fake, database)) as proc:
        await mention(fake, "Who owns PeruRail?")  # the journal file exists
        holder = sqlite3.connect(database, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # a backup, or `sqlite3` open in a shell
        waits = []
        for _ in range(10):
            sent = time.monotonic()
            payload = await fake.slash("ask", ask_payload("Who is Blinken?"))
            callback = await fake.wait_for(
                lambda r, p=payload: r.path.startswith(f"/interactions/{p['id']}/"), timeout=10)
            waits.append(time.monotonic() - sent)
            assert callback.body["data"]["embeds"][0]["description"].startswith("Antony Blinken")
        logged = await read_until(proc, "is locked by another process")
        status = await fake.slash("kb", [{"name": "status", "type": 1, "options": []}],
                                  moderator=True)
        followup = await fake.wait_for(lambda r: r.path.startswith("/webhooks/") and
                                       status["token"] in r.path, timeout=10)
        journal_field = next(f["value"] for f in followup.body["embeds"][0]["fields"]
                             if f["name"] == "journal")
        holder.execute("ROLLBACK")
        holder.close()
        code, err, _ = await stop(proc)
        err = logged + err
    assert max(waits) < DEADLINE, waits
    assert "is locked by another process; rows wait in memory until it is free" in journal_field
    assert code == 0
    assert err.count("is locked by another process") == 1  # logged once
    assert rows(database) == 11


async def test_a_damaged_journal_at_start_is_kept_aside(fake: FakeDiscord,
                                                        tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    database.write_bytes(b"not a database" * 100)
    async with running(fake, config_env(tmp_path, fake, database)) as proc:
        body = await mention(fake, "Who owns PeruRail?")
        code, err, _ = await stop(proc)
    assert body["embeds"][0]["description"].startswith("According to the FDD study")
    assert code == 0 and "Traceback" not in err
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("journal.sqlite3.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a database" * 100
    assert rows(database) == 1


async def test_a_journal_damaged_while_running_does_not_stop_answers(fake: FakeDiscord,
                                                                     tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    async with running(fake, config_env(tmp_path, fake, database)) as proc:
        await mention(fake, "Who owns PeruRail?")
        for _ in range(100):  # until the writer thread has stored it
            if rows(database) == 1:
                break
            await asyncio.sleep(0.05)
        database.write_bytes(b"\0garbage" * 4096)
        answers = [await mention(fake, "Who is Blinken?") for _ in range(3)]
        code, err, _ = await stop(proc)
    assert [a["embeds"][0]["description"][:14] for a in answers] == ["Antony Blinken"] * 3
    assert code == 0
    assert err.count("was damaged (file is not a database); kept as journal.sqlite3.corrupt-") == 1
    assert rows(database) == 3


async def test_a_read_only_journal_folder_means_answering_without_a_journal(
        fake: FakeDiscord, open_dir: Path) -> None:
    data = open_dir / "data"
    data.mkdir(mode=0o555)
    data.chmod(0o555)
    env = config_env(open_dir, fake, data / "journal.sqlite3")
    async with running(fake, env, as_user=True) as proc:
        body = await mention(fake, "Who owns PeruRail?")
        code, err, _ = await stop(proc)
    assert body["embeds"][0]["description"].startswith("According to the FDD study")
    assert code == 0, err
    assert err.count("answering without a journal") == 1 and "Traceback" not in err


async def test_dotenv_as_people_write_it(fake: FakeDiscord, tmp_path: Path) -> None:
    env = config_env(tmp_path, fake, tmp_path / "journal.sqlite3", with_token=False)
    (tmp_path / ".env").write_text(
        '\ufeff# secrets\nexport DISCORD_TOKEN="fake-token"  # the bot token\n',
        encoding="utf-8")
    async with running(fake, env) as proc:
        code, err, _ = await stop(proc)
    assert fake.identify["token"] == "fake-token"
    assert code == 0, err


async def test_logs_keep_one_line_per_event_and_no_tokens(fake: FakeDiscord,
                                                          tmp_path: Path) -> None:
    env = config_env(tmp_path, fake, tmp_path / "journal.sqlite3")
    config = Path(env["STORYBOT_CONFIG"])
    config.write_text(config.read_text().replace("log_level: INFO", "log_level: DEBUG"))
    async with running(fake, env) as proc:
        await mention(fake, "who owns PeruRail?\nERROR bot: forged line \x1b[31mred")
        payload = await fake.slash("ask", ask_payload("Who is Blinken?\r\nCRITICAL forged"))
        await fake.wait_for(lambda r: r.path.startswith(f"/interactions/{payload['id']}/"))
        await asyncio.sleep(0.3)
        code, err, _ = await stop(proc)
    assert code == 0
    assert "forged" not in err or all(line.startswith(("DEBUG", "INFO", "WARNING"))
                                      for line in err.splitlines() if "forged" in line)
    assert "\x1b" not in err
    assert fake.token not in err and payload["token"] not in err
    assert "/interactions/" in err and "[token]" in err  # discord.py logged the URL, redacted
