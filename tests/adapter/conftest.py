from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import discord
import pytest

from bot.adapter.client import StoryBot, build, point_at_local_discord
from bot.settings import Settings, load_settings
from tests.adapter.fake_discord import HELP_CHANNEL_ID, FakeDiscord
from tests.conftest import KNOWLEDGE, ROOT


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord) -> Settings:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    base = load_settings(ROOT / "config" / "storybot.yaml", env={})
    return replace(base, knowledge_path=knowledge, database_path=tmp_path / "db.sqlite3",
                   answer_channels=(HELP_CHANNEL_ID,), token=fake.token,
                   api_base=fake.api_base, gateway=fake.gateway)


@pytest.fixture
async def bot(settings: Settings, fake: FakeDiscord) -> AsyncIterator[StoryBot]:
    route_base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    point_at_local_discord(settings)
    client = build(settings, guild_ready_timeout=0.1)
    task = asyncio.create_task(client.start(settings.token or ""))
    try:
        await asyncio.wait_for(fake.identified.wait(), 10)
        await asyncio.wait_for(client.wait_until_ready(), 10)
        yield client
        assert not task.done(), f"the client died: {task.exception()}"
    finally:
        await client.close()
        task.cancel()
        client.journal.close()
        discord.http.Route.BASE = route_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway
