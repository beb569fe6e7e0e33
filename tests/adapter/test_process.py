"""`storybot run` and `storybot sync` as real processes against the local Discord."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.adapter.fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.conftest import KNOWLEDGE, ROOT


def environment(tmp_path: Path, fake: FakeDiscord | None, token: str | None) -> dict[str, str]:
    config = tmp_path / "config" / "storybot.yaml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(f"knowledge_path: {KNOWLEDGE}\ndatabase_path: {tmp_path / 'db.sqlite3'}\n"
                      "log_level: INFO\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "STORYBOT"))}
    env["STORYBOT_CONFIG"] = str(config)
    if token is not None:
        env["DISCORD_TOKEN"] = token
    if fake is not None:
        env["STORYBOT_DISCORD_API_BASE"] = fake.api_base
        env["STORYBOT_DISCORD_GATEWAY"] = fake.gateway
    return env


async def storybot(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_storybot_run_answers_a_mention(fake: FakeDiscord, tmp_path: Path) -> None:
    proc = await storybot(environment(tmp_path, fake, fake.token), "run")
    try:
        await asyncio.wait_for(fake.identified.wait(), 20)
        await asyncio.sleep(0.3)  # READY and GUILD_CREATE processed
        await fake.post_message("¿Quién es el dueño de PeruRail?", mention_bot=True)
        reply = await fake.wait_for(lambda r: r.path == f"/channels/{CHANNEL_ID}/messages",
                                    timeout=10)
    finally:
        proc.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    assert reply.body["embeds"][0]["description"].startswith("Según el estudio de la FDD")
    assert reply.body["allowed_mentions"]["parse"] == []
    assert b"Traceback" not in stderr


async def test_cli_and_discord_give_the_same_answer(fake: FakeDiscord, tmp_path: Path) -> None:
    question = "Who said too little, too late?"
    cli = await storybot(environment(tmp_path, None, None), "ask", "--json", question)
    out, _ = await cli.communicate()
    expected = json.loads(out)["answer"]
    proc = await storybot(environment(tmp_path, fake, fake.token), "run")
    try:
        await asyncio.wait_for(fake.identified.wait(), 20)
        await asyncio.sleep(0.3)
        payload = await fake.slash("ask", [{"name": "question", "type": 3, "value": question}])
        request = await fake.wait_for(lambda r: r.path.startswith(
            f"/interactions/{payload['id']}/"), timeout=10)
    finally:
        proc.send_signal(signal.SIGINT)
        await asyncio.wait_for(proc.communicate(), 20)
    assert request.body["data"]["embeds"][0]["description"] == expected


async def test_sync_registers_the_commands_on_a_guild(fake: FakeDiscord, tmp_path: Path) -> None:
    proc = await storybot(environment(tmp_path, fake, fake.token), "sync", "--guild",
                          str(GUILD_ID))
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    put = [r for r in fake.requests if r.method == "PUT"]
    assert [r.path for r in put] == [f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"]
    names = sorted(c["name"] for c in put[0].body)
    assert names == ["Ask StoryBot", "ask", "connect", "kb", "map", "quote", "sources", "story",
                     "timeline", "who"]
    connect = next(c for c in put[0].body if c["name"] == "connect")
    assert [(o["name"], o.get("autocomplete")) for o in connect["options"]] == [
        ("from", True), ("to", True), ("language", None)]
    kb = next(c for c in put[0].body if c["name"] == "kb")
    assert int(kb["default_member_permissions"]) == 1 << 5  # hidden from non-moderators
    assert out.decode().startswith(f"synced 10 command(s) guild {GUILD_ID}")


async def test_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    proc = await storybot(environment(tmp_path, None, None), "run")
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2
    assert err.decode().strip().splitlines() == [
        "storybot: no Discord token: set DISCORD_TOKEN in the environment or in a .env file "
        "(see README, 'Running on Discord')"]


async def test_rejected_token_is_one_clear_line(fake: FakeDiscord, tmp_path: Path) -> None:
    proc = await storybot(environment(tmp_path, fake, "wrong-token"), "run")
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2
    lines = [line for line in err.decode().splitlines() if line.startswith("storybot:")]
    assert lines == ["storybot: Discord rejected the token (401): check DISCORD_TOKEN, or reset "
                     "the token in the Developer Portal"]
    assert "Traceback" not in err.decode()


async def test_non_loopback_discord_is_refused(tmp_path: Path) -> None:
    env = environment(tmp_path, None, "secret-token")
    env["STORYBOT_DISCORD_API_BASE"] = "http://10.0.0.5:8080/api/v10"
    proc = await storybot(env, "run")
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2
    assert err.decode().strip() == (
        "storybot: STORYBOT_DISCORD_API_BASE=http://10.0.0.5:8080/api/v10 is refused: only a "
        "loopback host (127.0.0.1, localhost, ::1) may replace Discord")
