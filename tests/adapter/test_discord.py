"""The real discord.py client against a local Discord: what the bot actually sends."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.adapter.client import StoryBot
from bot.engine.answerer import Engine
from tests.adapter.fake_discord import (
    APP_ID,
    BOT_ID,
    CHANNEL_ID,
    HELP_CHANNEL_ID,
    MEMBER_ID,
    FakeDiscord,
    user,
)

DM_ID = 4_000_000_000_000_099

CALLBACK = "/interactions/"


def to_channel(channel_id: int) -> Any:
    return lambda r: r.method == "POST" and r.path == f"/channels/{channel_id}/messages"


def callback_of(payload: dict[str, Any]) -> Any:
    return lambda r: r.path == f"/interactions/{payload['id']}/{payload['token']}/callback"


def followup_of(payload: dict[str, Any]) -> Any:
    """The message sent after a deferred response."""
    return lambda r: r.method == "POST" and r.path.startswith(
        f"/webhooks/{APP_ID}/{payload['token']}")


async def deferred_reply(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """A moderator command's reply: deferred first (Discord's 3 s), then followed up."""
    first = (await fake.wait_for(callback_of(payload))).body
    assert first["type"] == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    body: dict[str, Any] = (await fake.wait_for(followup_of(payload))).body
    return body


async def nothing_sent(fake: FakeDiscord, start: int, wait: float = 0.5) -> bool:
    await asyncio.sleep(wait)
    return not [r for r in fake.requests[start:] if r.method == "POST"]


async def test_identify_asks_for_message_content(bot: StoryBot, fake: FakeDiscord) -> None:
    assert fake.identify["token"] == "fake-token"
    assert fake.identify["intents"] & (1 << 15)  # MESSAGE_CONTENT, to read questions


async def test_mention_gets_a_reply_with_attribution(bot: StoryBot, fake: FakeDiscord,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    sent = await fake.post_message("who owns PeruRail?", mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    body = reply.body
    assert body["message_reference"]["message_id"] == int(sent["id"])
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    embed = body["embeds"][0]
    assert embed["description"] == ("According to the FDD study by Nate Picarsic and Emily de La "
                                    "Bruyère, PeruRail is López Aliaga's company.")
    assert embed["fields"][0] == {"name": "Who says so", "inline": False, "value":
                                  "Reported by the FDD study by Nate Picarsic and Emily de La "
                                  "Bruyère"}
    assert embed["footer"]["text"] == ("Source: the FDD study by Nate Picarsic and Emily de La "
                                       "Bruyère · reported")
    buttons = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert buttons == ["sb:f:1:en:perurail-owner", "sb:f:0:en:perurail-owner"]
    assert reply.headers["Authorization"] == "Bot fake-token"
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


async def test_direct_message_is_answered_without_a_mention(bot: StoryBot,
                                                            fake: FakeDiscord) -> None:
    dm = fake.message(user(MEMBER_ID, "member"), "¿Quién es Xi Jinping?", channel_id=DM_ID)
    del dm["guild_id"]
    await fake.send("MESSAGE_CREATE", dm)
    reply = await fake.wait_for(to_channel(DM_ID))
    assert reply.body["embeds"][0]["description"].startswith("Xi Jinping es el presidente")


async def test_everyone_in_a_question_pings_nobody(bot: StoryBot, fake: FakeDiscord) -> None:
    await fake.post_message("@everyone who is Picarsic?", mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["allowed_mentions"]["parse"] == []
    assert reply.body["embeds"][0]["title"] == "@\u200beveryone who is Picarsic?"


async def test_other_bots_are_ignored(bot: StoryBot, fake: FakeDiscord) -> None:
    start = len(fake.requests)
    await fake.post_message("who owns PeruRail?", mention_bot=True, bot=True, author_id=999)
    assert await nothing_sent(fake, start)


async def test_help_channel_answers_only_when_confident(bot: StoryBot, fake: FakeDiscord) -> None:
    start = len(fake.requests)
    await fake.post_message("how fast are the locomotives?", channel_id=HELP_CHANNEL_ID)
    await fake.post_message("lol nice", channel_id=HELP_CHANNEL_ID)
    assert await nothing_sent(fake, start)
    await fake.post_message("how much did china invest in chancay?", channel_id=HELP_CHANNEL_ID)
    reply = await fake.wait_for(to_channel(HELP_CHANNEL_ID), start=start)
    assert reply.body["embeds"][0]["description"].startswith("According to NBC News")


async def test_mention_without_confidence_replies_honestly(bot: StoryBot,
                                                           fake: FakeDiscord) -> None:
    await fake.post_message("which party does Lopez Aliaga belong to?", mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["embeds"][0]["description"].startswith("The story doesn't say which party")
    buttons = [c for row in reply.body["components"] for c in row["components"]]
    assert 1 <= len(buttons) <= 3
    assert all(b["custom_id"].startswith("sb:s:en:") for b in buttons)


async def test_discord_markup_is_not_part_of_the_question(bot: StoryBot,
                                                          fake: FakeDiscord) -> None:
    await fake.post_message("<@555> <:pepe:123> who said too little too late <#777>",
                            mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["embeds"][0]["description"] == \
        bot.store.engine.ask("who said too little too late").answer


async def test_unsure_asks_did_you_mean_with_the_answer_one_click_away(
        bot: StoryBot, fake: FakeDiscord) -> None:
    await fake.post_message("is caltrain involved in the mine", mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["embeds"][0]["description"].startswith(
        "I'm not sure I understood — did you mean “Caltrain”?")
    buttons = [c for row in reply.body["components"] for c in row["components"]]
    assert buttons[0]["custom_id"] == "sb:s:en:caltrain"
    message = fake.message({"id": str(BOT_ID), "username": "StoryBot", "discriminator": "0",
                            "avatar": None, "bot": True}, "", embeds=reply.body["embeds"])
    message["components"] = reply.body["components"]
    click = await fake.click(buttons[0]["custom_id"], message)
    answer = (await fake.wait_for(callback_of(click))).body
    assert answer["data"]["embeds"][0]["description"] == \
        bot.store.engine.answer_entry("caltrain", "q").answer  # type: ignore[union-attr]


async def test_chat_gets_a_friendly_line_without_buttons(bot: StoryBot, fake: FakeDiscord) -> None:
    await fake.post_message("hola bot!", mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["embeds"][0]["description"].startswith("¡Hola! Respondo preguntas")
    assert not reply.body.get("components")


async def test_long_question_and_cooldown_are_polite(bot: StoryBot, fake: FakeDiscord) -> None:
    await fake.post_message("why " * 200, mention_bot=True)
    reply = await fake.wait_for(to_channel(CHANNEL_ID))
    assert reply.body["content"].startswith("That question is too long for me (")
    for _ in range(bot.settings.cooldown_questions):
        await fake.post_message("who is Blinken?", mention_bot=True)
    start = len(fake.requests)
    await fake.post_message("who is Blinken?", mention_bot=True)
    limited = await fake.wait_for(
        lambda r: to_channel(CHANNEL_ID)(r) and (r.body.get("content") or "").startswith(
            "You're asking quickly!"), start=0)
    assert limited.body["allowed_mentions"]["parse"] == []
    assert start > 0


async def test_slash_ask_matches_the_cli_engine(bot: StoryBot, fake: FakeDiscord) -> None:
    question = "¿Cuánto invirtió China en el puerto de Chancay?"
    payload = await fake.slash("ask", [{"name": "question", "type": 3, "value": question}])
    request = await fake.wait_for(callback_of(payload))
    assert "Authorization" not in request.headers
    assert request.body["type"] == 4
    data = request.body["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert data.get("flags", 0) & 64 == 0  # public by default
    expected = Engine(bot.store.kb).ask(question)  # the same engine the CLI builds
    assert data["embeds"][0]["description"] == expected.answer
    assert data["embeds"][0]["fields"][0]["value"] == "Informado por NBC News"


async def test_slash_ask_private_and_language(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("ask", [
        {"name": "question", "type": 3, "value": "who owns PeruRail"},
        {"name": "public", "type": 5, "value": False},
        {"name": "language", "type": 3, "value": "es"}])
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    assert data["flags"] & 64
    assert data["embeds"][0]["description"].startswith("Según el estudio de la FDD")


async def test_suggestion_and_feedback_buttons(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("ask", [{"name": "question", "type": 3,
                                        "value": "Lopez Aliaga China"}])
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    buttons = [c for row in data["components"] for c in row["components"]]
    assert data["embeds"][0]["description"].startswith("Your question fits more than one thing")
    message = fake.message({"id": str(BOT_ID), "username": "StoryBot", "discriminator": "0",
                            "avatar": None, "bot": True}, "", embeds=data["embeds"])
    message["components"] = data["components"]
    click = await fake.click(buttons[0]["custom_id"], message)
    answer = (await fake.wait_for(callback_of(click))).body
    assert answer["type"] == 4
    entry_id = buttons[0]["custom_id"].rsplit(":", 1)[1]
    assert answer["data"]["embeds"][0]["description"] == \
        bot.store.engine.answer_entry(entry_id, "q").answer  # type: ignore[union-attr]
    feedback_id = [c["custom_id"] for row in answer["data"]["components"]
                   for c in row["components"]][1]
    assert feedback_id == f"sb:f:0:en:{entry_id}"
    message["embeds"], message["components"] = answer["data"]["embeds"], \
        answer["data"]["components"]
    thanks = await fake.click(feedback_id, message)
    assert (await fake.wait_for(callback_of(thanks))).body["data"]["content"] == \
        "Thanks for the feedback!"
    assert bot.journal.flush()
    assert bot.journal.not_helpful() == [(entry_id, "Lopez Aliaga China", 1)]
    assert bot.journal.chosen() == [(entry_id, "suggestion", 1)]  # which suggestion was taken


async def test_context_menu_answers_the_selected_message(bot: StoryBot,
                                                          fake: FakeDiscord) -> None:
    target = fake.message({"id": "77", "username": "someone", "discriminator": "0",
                           "avatar": None}, "who is the mayor of Lima?")
    payload = await fake.context_menu(target)
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    assert data["embeds"][0]["title"] == "who is the mayor of Lima?"
    assert "Rafael López Aliaga" in data["embeds"][0]["description"]


@pytest.mark.parametrize(("command", "typed", "first"), [
    ("quote", "blinken",
     "Antony Blinken: “strengthen the ties between Peru and the United States.”"),
    ("quote", "unattributed", "Unattributed: “We’re bringing a bunch of old train cars that have "
                              "been donated. However, this indiv…"),
    ("who", "lopez", "Rafael López Aliaga"),
    ("who", "bruyere", "Emily de La Bruyère"),
])
async def test_autocomplete_is_fuzzy_and_within_limits(bot: StoryBot, fake: FakeDiscord,
                                                       command: str, typed: str,
                                                       first: str) -> None:
    option = "query" if command == "quote" else "name"
    payload = await fake.slash(command, [{"name": option, "type": 3, "value": typed,
                                          "focused": True}], autocomplete=True)
    request = await fake.wait_for(callback_of(payload))
    assert request.body["type"] == 8
    choices = request.body["data"]["choices"]
    assert 1 <= len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)
    assert choices[0]["name"] == first


async def test_who_shows_profile_links_and_quotes(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("who", [{"name": "name", "type": 3, "value": "blinken"}])
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["description"].startswith("Antony Blinken is a former US Secretary of State")
    assert "“I am so proud to have Caltrain be a member" in embed["description"]
    assert bot.journal.flush() and bot.journal.chosen() == [("blinken", "entity", 1)]


async def test_unattributed_quote_has_no_speaker(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("quote", [{"name": "query", "type": 3,
                                          "value": "quote-old-train-cars"}])
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["fields"][0]["value"] == "Unattributed: the article does not say who said this"
    assert embed["fields"][1]["value"].endswith("— no speaker named")


async def test_sources_and_story(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("sources")
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert [f["name"] for f in embed["fields"]][:3] == [
        "the news article", "Peruvian news reports", "Justo Medio"]
    payload = await fake.slash("story")
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["description"].startswith("The news article reports on Lima mayor")


def kb_command(sub: str, options: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    return [{"name": sub, "type": 1, "options": options or []}]


async def test_kb_refused_to_members(bot: StoryBot, fake: FakeDiscord) -> None:
    payload = await fake.slash("kb", kb_command("reload"))
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    assert data["flags"] & 64
    assert data["content"].startswith("Only moderators can use /kb")


async def test_failed_reload_keeps_the_last_good_knowledge(bot: StoryBot,
                                                           fake: FakeDiscord) -> None:
    facts = bot.settings.knowledge_path / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("    status: claim",
                                                               "    status: rumour", 1))
    payload = await fake.slash("kb", kb_command("reload"), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content.startswith("❌ Not reloaded (1 problem(s)); still serving the last good")
    assert "facts.yaml:" in content and "status: must be one of reported, claim" in content
    payload = await fake.slash("ask", [{"name": "question", "type": 3,
                                        "value": "Is López Aliaga a Chinese ally?"}])
    embed = (await fake.wait_for(callback_of(payload))).body["data"]["embeds"][0]
    assert embed["footer"]["text"] == "Source: Peruvian news reports · claim"
    facts.write_text(facts.read_text(encoding="utf-8").replace("status: rumour",
                                                               "status: claim"))
    payload = await fake.slash("kb", kb_command("reload"), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content == f"✅ Reloaded: {bot.store.kb.summary()}"
    assert "22 facts, 13 quotes" in content


async def test_reload_names_an_unreadable_file_and_keeps_the_last_good_knowledge(
        bot: StoryBot, fake: FakeDiscord) -> None:
    kdir = bot.settings.knowledge_path
    (kdir / "extra.yaml").symlink_to("gone.yaml")
    payload = await fake.slash("kb", kb_command("reload"), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content.startswith("❌ Not reloaded (1 problem(s)); still serving the last good")
    assert f"{kdir}/extra.yaml:1: cannot read file: it is a symbolic link to 'gone.yaml', " \
           "which does not exist" in content
    assert bot.store.kb.counts()["facts"] == 22


async def test_kb_teach_status_and_unanswered(bot: StoryBot, fake: FakeDiscord) -> None:
    question = "Who sits in the big chair at Lima's municipal palace?"
    await fake.post_message(question, mention_bot=True)
    await fake.wait_for(to_channel(CHANNEL_ID))
    assert bot.journal.flush()
    payload = await fake.slash("kb", kb_command("unanswered"), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content == f"**1×** {question}"
    payload = await fake.slash("kb", kb_command("teach", [
        {"name": "question", "type": 3, "value": question},
        {"name": "entry", "type": 3, "value": "lima-mayor"}]), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content.startswith(f"✅ Taught: “{question}” → `lima-mayor`.")
    assert bot.store.engine.ask(question).id == "lima-mayor"
    payload = await fake.slash("kb", kb_command("teach", [
        {"name": "question", "type": 3, "value": question.upper()},
        {"name": "entry", "type": 3, "value": "lima-mayor"}]), moderator=True)
    content = (await deferred_reply(fake, payload))["content"]
    assert content.startswith("❌ Not taught; nothing changed.")
    assert "is already taught, as an example of 'lima-mayor'" in content
    payload = await fake.slash("kb", kb_command("status"), moderator=True)
    embed = (await deferred_reply(fake, payload))["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["taught"] == "1" and fields["content hash"] == f"`{bot.store.kb.content_hash}`"


async def test_unexpected_error_gets_an_apology(bot: StoryBot, fake: FakeDiscord,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")
    monkeypatch.setattr(bot.store.engine, "ask", broken)
    payload = await fake.slash("ask", [{"name": "question", "type": 3, "value": "anything"}])
    data = (await fake.wait_for(callback_of(payload))).body["data"]
    assert data["content"].startswith("Sorry, something went wrong on my side.")
    assert data["flags"] & 64




async def test_auto_reload_picks_up_an_edit(settings: Any, fake: FakeDiscord) -> None:
    from dataclasses import replace

    from bot.adapter.client import build, point_at_local_discord

    point_at_local_discord(settings)
    client = build(replace(settings, auto_reload=True), guild_ready_timeout=0.1)
    task = asyncio.create_task(client.start(settings.token or ""))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        before = client.store.kb.content_hash
        facts = settings.knowledge_path / "facts.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace(
            "According to Justo Medio, the mayor of Lima is Rafael López Aliaga.",
            "According to Justo Medio, Lima's mayor is Rafael López Aliaga."), encoding="utf-8")
        for _ in range(50):
            if client.store.kb.content_hash != before:
                break
            await asyncio.sleep(0.1)
        assert client.store.engine.ask("Who leads the city of Lima?").answer == (
            "According to Justo Medio, Lima's mayor is Rafael López Aliaga.")
    finally:
        await client.close()
        task.cancel()
        client.journal.close()


async def test_failing_button_apologises(bot: StoryBot, fake: FakeDiscord,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")
    monkeypatch.setattr(bot.store.engine, "answer_entry", broken)
    message = fake.message({"id": str(BOT_ID), "username": "StoryBot", "discriminator": "0",
                            "avatar": None, "bot": True}, "")
    message["components"] = [{"type": 1, "components": [
        {"type": 2, "style": 2, "label": "x", "custom_id": "sb:s:en:perurail-owner"}]}]
    click = await fake.click("sb:s:en:perurail-owner", message)
    data = (await fake.wait_for(callback_of(click))).body["data"]
    assert data["content"].startswith("Sorry, something went wrong on my side.")
