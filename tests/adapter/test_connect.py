"""/connect, /map and /timeline through the real discord.py client and the local Discord."""

from __future__ import annotations

from typing import Any

from bot.adapter.client import StoryBot
from bot.mapview import render_png
from tests.adapter.fake_discord import APP_ID, FakeDiscord
from tests.adapter.test_discord import callback_of

FDD = "the FDD study by Nate Picarsic and Emily de La Bruyère"


def followup_of(payload: dict[str, Any]) -> Any:
    return lambda r: r.method == "POST" and r.path == f"/webhooks/{APP_ID}/{payload['token']}"


def option(name: str, value: str, focused: bool = False) -> dict[str, Any]:
    return {"name": name, "type": 3, "value": value, **({"focused": True} if focused else {})}


async def test_connect_gives_the_chain_one_line_per_hop(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("connect", [option("from", "lopez-aliaga"), option("to", "china")])
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    embed = data["embeds"][0]
    assert embed["title"] == "Rafael López Aliaga → China"
    lines = embed["description"].splitlines()
    assert lines[:2] == ["The story links Rafael López Aliaga and China directly:",
                         "• Rafael López Aliaga is an ally of China — a claim by Peruvian news "
                         "reports, not an established fact"]
    assert f"• Minera Las Bambas is majority-backed by China Minmetals — according to {FDD}" \
        in lines
    assert embed["fields"][0]["value"].startswith("Through a claim by Peruvian news reports")
    assert data["allowed_mentions"] == {"parse": []}


async def test_connect_accepts_typed_names_and_spanish(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("connect", [option("from", "blinken"), option("to", "Peru Rail"),
                                           {"name": "language", "type": 3, "value": "es"}])
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["description"].splitlines()[1] == (
        "• Antony Blinken habló en la donación de trenes — según Antony Blinken en la ceremonia "
        "de donación de los trenes")
    assert embed["title"] == "Antony Blinken → PeruRail"


async def test_connect_refuses_an_unknown_name(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("connect", [option("from", "Gandalf"), option("to", "china")])
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    assert data["content"] == "Nothing called “Gandalf” appears in the story."
    assert data["flags"] & 64


async def test_connect_autocompletes_places_too(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("connect", [option("from", "chin", focused=True),
                                           option("to", "")], autocomplete=True)
    choices = (await fake.wait_for(callback_of(payload))).body["data"]["choices"]
    assert {"china-minmetals", "china"} <= {c["value"] for c in choices[:3]}  # a place too


async def test_map_is_an_attachment_shown_in_the_embed(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("map")
    deferred = await fake.wait_for(callback_of(payload))
    assert deferred.body["type"] == 5  # drawing: "thinking…" first
    sent = await fake.wait_for(followup_of(payload))
    assert sent.body["embeds"][0]["image"]["url"] == "attachment://storybot-map.png"
    assert [(f.field, f.filename) for f in sent.files] == [("files[0]", "storybot-map.png")]
    assert sent.files[0].data == render_png(bot.store.kb)
    assert sent.body["attachments"] == [{"id": 0, "filename": "storybot-map.png"}]
    again = await fake.slash("map")  # cached now: answered at once
    request = await fake.wait_for(callback_of(again))
    assert request.body["type"] == 4
    assert request.files[0].data == sent.files[0].data


async def test_map_focus(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("map", [option("focus", "perurail")])
    sent = await fake.wait_for(followup_of(payload))
    assert sent.body["embeds"][0]["title"] == "Around PeruRail (2 links out)"
    assert sent.files[0].data[:8] == b"\x89PNG\r\n\x1a\n"
    assert sent.files[0].data != render_png(bot.store.kb)


async def test_timeline(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("timeline")
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    lines = embed["description"].splitlines()
    assert [line.split(":")[0] for line in lines[1:]] == [
        "1. in 2024", "2. last November (same period as the one before; the article does not "
        "say which came first)", "3. late last month", "4. today (the article's day)",
        "5. in 2026 (possibly)"]


async def test_ask_and_mentions_answer_connection_questions(bot: StoryBot,
                                                            fake: FakeDiscord) -> None:
    question = "How is López Aliaga connected to China?"
    payload = await fake.slash("ask", [option("question", question)])
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["description"] == bot.store.engine.ask(question).answer
    assert "• China Minmetals is a state-owned company of China — according to " \
        f"{FDD}" in embed["description"]


async def test_a_mention_gets_the_chain_too(bot: StoryBot, fake: FakeDiscord) -> None:
    await fake.post_message("¿Qué relación tiene López Aliaga con China?", mention_bot=True)
    reply = await fake.wait_for(lambda r: r.method == "POST" and r.path.endswith("/messages"))
    lines = reply.body["embeds"][0]["description"].splitlines()
    assert lines[0].startswith("Lo que dice la nota: ")  # the story's own account first
    assert "La nota vincula directamente a Rafael López Aliaga y China:" in lines
    assert "Solo con vínculos informados (4 vínculos):" in lines
