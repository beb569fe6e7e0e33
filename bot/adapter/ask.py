"""Asking: /ask, mentions, help channels and the "Ask StoryBot" message menu."""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import APOLOGY, StoryBot
from bot.adapter.views import FeedbackButton, SuggestionButton, answer_embed, answer_view
from bot.engine.render import Answer
from bot.text import MAX_QUESTION_CHARS
from bot.vocabulary import detect_language

DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>")
log = logging.getLogger(__name__)

MESSAGES = {
    "en": {"too_long": "That question is too long for me ({n} characters; the limit is {limit}). "
                       "Could you ask it in fewer words?",
           "cooldown": "You're asking quickly! Try again in {s:.0f} s.",
           "empty": "Ask me about the story, e.g. `who owns PeruRail?`"},
    "es": {"too_long": "Esa pregunta es demasiado larga ({n} caracteres; el límite es {limit}). "
                       "¿Puedes hacerla más corta?",
           "cooldown": "¡Vas muy rápido! Vuelve a intentarlo en {s:.0f} s.",
           "empty": "Pregúntame sobre la nota, por ejemplo: `¿quién es el dueño de PeruRail?`"},
}
QUESTION_START = re.compile(
    r"^\s*[¿¡]?\s*(who|whom|whose|what|when|where|why|how|which|is|are|did|does|do|can|"
    r"quien|quienes|qué|que|cuando|cuándo|donde|dónde|por ?qu[eé]|cu[aá]nto|cu[aá]l|c[oó]mo)\b",
    re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    return "?" in text or "¿" in text or bool(QUESTION_START.match(text))


def _lang_of(text: str, override: str | None) -> str:
    return override or detect_language(text)


class Ask(commands.Cog):
    """Answers questions about the story."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Ask StoryBot", callback=self.ask_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)
        self.bot.add_dynamic_items(SuggestionButton, FeedbackButton)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    def _refusal(self, question: str, user_id: int, lang: str) -> str | None:
        """A polite reason not to answer (too long, too fast), or None."""
        limit = self.bot.settings.max_question_chars
        if len(question) > limit:
            return MESSAGES[lang]["too_long"].format(n=len(question), limit=limit)
        wait = self.bot.cooldown.retry_after(user_id)
        if wait > 0:
            return MESSAGES[lang]["cooldown"].format(s=max(wait, 1))
        return None

    def answer(self, question: str, user_id: int, via: str, lang: str | None = None) -> Answer:
        answer = self.bot.store.engine.ask(question, lang)
        self.bot.journal.record(answer, user_id, via)
        return answer

    async def _respond(self, interaction: discord.Interaction, question: str, via: str,
                       language: str | None, ephemeral: bool) -> None:
        if self.bot.stopping:
            return
        async with self.bot.in_flight():
            await self._respond_now(interaction, question, via, language, ephemeral)

    async def _respond_now(self, interaction: discord.Interaction, question: str, via: str,
                           language: str | None, ephemeral: bool) -> None:
        lang = _lang_of(question, language)
        refusal = self._refusal(question, interaction.user.id, lang)
        if refusal:
            await interaction.response.send_message(refusal, ephemeral=True)
            return
        answer = self.answer(question, interaction.user.id, via, language)
        await interaction.response.send_message(embed=answer_embed(answer),
                                                view=answer_view(answer), ephemeral=ephemeral)

    @app_commands.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in English or Spanish",
                           public="Show the answer to the channel (default) or only to you",
                           language="Reply language (default: the question's)")
    @app_commands.choices(language=[app_commands.Choice(name="English", value="en"),
                                    app_commands.Choice(name="Español", value="es")])
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, MAX_QUESTION_CHARS], public: bool = True,
                  language: app_commands.Choice[str] | None = None) -> None:
        """Ask a question about the story."""
        await self._respond(interaction, question, "slash", language.value if language else None,
                            ephemeral=not public)

    async def ask_message(self, interaction: discord.Interaction,
                          message: discord.Message) -> None:
        """Answer the question in the selected message."""
        await self._respond(interaction, message.content, "menu", None, ephemeral=False)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None or self.bot.stopping:
            return
        # In a direct message every message is addressed to the bot.
        mentioned = self.bot.user in message.mentions or message.guild is None
        in_channel = message.channel.id in self.bot.settings.answer_channels
        if not mentioned and not in_channel:
            return
        # Mentions, channels and custom emoji are Discord markup, not words of the question.
        question = " ".join(DISCORD_MARKUP.sub(" ", message.content).split())
        try:
            async with self.bot.in_flight():
                if mentioned:
                    await self._reply_to_mention(message, question)
                elif looks_like_question(question):
                    await self._reply_in_channel(message, question)
        except Exception:
            log.exception("answering message %s failed", message.id)
            if mentioned:
                await message.reply(APOLOGY, mention_author=False)

    async def _reply_to_mention(self, message: discord.Message, question: str) -> None:
        lang = _lang_of(question, None)
        if not question:
            await message.reply(MESSAGES[lang]["empty"], mention_author=False)
            return
        refusal = self._refusal(question, message.author.id, lang)
        if refusal:
            await message.reply(refusal, mention_author=False)
            return
        answer = self.answer(question, message.author.id, "mention")
        await message.reply(embed=answer_embed(answer), view=answer_view(answer),
                            mention_author=False)

    async def _reply_in_channel(self, message: discord.Message, question: str) -> None:
        # Unprompted, the bot only speaks when sure: no "I don't know" spam in busy channels.
        if len(question) > self.bot.settings.max_question_chars:
            return
        if self.bot.cooldown.retry_after(message.author.id) > 0:
            return
        answer = self.answer(question, message.author.id, "channel")
        if answer.answered:
            await message.reply(embed=answer_embed(answer), view=answer_view(answer),
                                mention_author=False)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Ask(bot))
