"""How answers look on Discord: embeds, suggestion buttons and feedback buttons.

Buttons are DynamicItems whose custom_id carries what they need (entry id, language), so they
keep working after a restart and need no per-message state.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.adapter.client import apologise
from bot.engine.render import STATUS_LABEL, Answer

if TYPE_CHECKING:
    from bot.adapter.client import StoryBot

log = logging.getLogger(__name__)

COLOURS = {"reported": discord.Colour.blue(), "claim": discord.Colour.orange(),
           "unattributed": discord.Colour.light_grey(), None: discord.Colour.dark_grey()}
LABELS = {
    "en": {"who": "Who says so", "quote": "Quote", "speaker_none": "no speaker named",
           "source": "Source", "helpful": "Helpful", "not_helpful": "Not helpful",
           "thanks": "Thanks for the feedback!"},
    "es": {"who": "Quién lo dice", "quote": "Cita", "speaker_none": "sin autor identificado",
           "source": "Fuente", "helpful": "Útil", "not_helpful": "No útil",
           "thanks": "¡Gracias por tu opinión!"},
}


def clean(text: str, limit: int) -> str:
    """User or knowledge text made safe to echo: no mentions, no markdown tricks, bounded."""
    text = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def answer_embed(answer: Answer) -> discord.Embed:
    """The embed for an answer (or an abstention)."""
    labels = LABELS[answer.lang]
    embed = discord.Embed(title=clean(answer.question, 256) or None,
                          description=answer.answer[:4096],
                          colour=COLOURS.get(answer.status, COLOURS[None]))
    if answer.attribution:
        embed.add_field(name=labels["who"], value=answer.attribution[:1024], inline=False)
    if answer.quote is not None:
        speaker = answer.quote.speaker or labels["speaker_none"]
        embed.add_field(name=labels["quote"],
                        value=f"“{answer.quote.text.strip('“”')}” — {speaker}"[:1024],
                        inline=False)
    if answer.sources:
        status = STATUS_LABEL[answer.lang].get(answer.status or "", "")
        embed.set_footer(text=f"{labels['source']}: {' · '.join(answer.sources)}"
                              + (f" · {status}" if status else ""))
    return embed


def asked(interaction: discord.Interaction) -> str:
    """The question a button's answer was for: the title of the message's embed."""
    message = interaction.message
    if message is not None and message.embeds and message.embeds[0].title:
        return message.embeds[0].title
    return ""


async def guarded(interaction: discord.Interaction,
                  handler: Callable[[discord.Interaction], Awaitable[None]]) -> None:
    """Run a button handler; on any error, log it and apologise instead of failing silently."""
    bot: StoryBot = interaction.client  # type: ignore[assignment]
    if bot.stopping:
        return
    try:
        async with bot.in_flight():
            await handler(interaction)
    except Exception:
        log.exception("button %s failed", interaction.data and interaction.data.get("custom_id"))
        await apologise(interaction)


class SuggestionButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=r"sb:s:(?P<lang>en|es):(?P<id>[a-z0-9-]{1,64})"):
    """Answers a suggested entry when clicked."""

    def __init__(self, entry_id: str, lang: str, label: str = "…") -> None:
        super().__init__(discord.ui.Button(label=label[:80], style=discord.ButtonStyle.secondary,
                                           custom_id=f"sb:s:{lang}:{entry_id}"))
        self.entry_id, self.lang = entry_id, lang

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> SuggestionButton:
        return cls(match["id"], match["lang"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._answer)

    async def _answer(self, interaction: discord.Interaction) -> None:
        bot: StoryBot = interaction.client  # type: ignore[assignment]
        answer = bot.store.engine.answer_entry(self.entry_id,
                                               asked(interaction) or self.entry_id, self.lang)
        if answer is None:
            await interaction.response.send_message("That entry is no longer in the knowledge.",
                                                    ephemeral=True)
            return
        bot.journal.lookup(asked(interaction), self.entry_id, self.lang, interaction.user.id,
                           "suggestion")
        await interaction.response.send_message(embed=answer_embed(answer),
                                                view=answer_view(answer), ephemeral=True)


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                     template=r"sb:f:(?P<v>[01]):(?P<lang>en|es):(?P<id>[a-z0-9-]{1,64})"):
    """Records "helpful / not helpful" for an answer."""

    def __init__(self, entry_id: str, lang: str, helpful: bool) -> None:
        labels = LABELS[lang]
        super().__init__(discord.ui.Button(
            label=labels["helpful" if helpful else "not_helpful"],
            emoji="👍" if helpful else "👎", style=discord.ButtonStyle.secondary,
            custom_id=f"sb:f:{int(helpful)}:{lang}:{entry_id}"))
        self.entry_id, self.lang, self.helpful = entry_id, lang, helpful

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> FeedbackButton:
        return cls(match["id"], match["lang"], match["v"] == "1")

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._record)

    async def _record(self, interaction: discord.Interaction) -> None:
        bot: StoryBot = interaction.client  # type: ignore[assignment]
        bot.journal.feedback(asked(interaction), self.entry_id, self.helpful,
                             interaction.user.id)
        await interaction.response.send_message(LABELS[self.lang]["thanks"], ephemeral=True)


def answer_view(answer: Answer) -> discord.ui.View:
    """Feedback buttons under an answer, or suggestion buttons under an abstention."""
    view = discord.ui.View(timeout=None)
    if answer.answered and answer.id:
        view.add_item(FeedbackButton(answer.id, answer.lang, True))
        view.add_item(FeedbackButton(answer.id, answer.lang, False))
    else:
        for suggestion in answer.suggestions[:3]:
            view.add_item(SuggestionButton(suggestion.id, answer.lang, suggestion.title))
    return view
