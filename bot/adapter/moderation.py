"""Moderator tools: /kb reload | status | unanswered | feedback | teach, and auto-reload."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.adapter.client import StoryBot
from bot.adapter.views import clean
from bot.journal import Group, hash_user
from bot.store import ReloadResult
from bot.text import MAX_QUESTION_CHARS, fold
from bot.vocabulary import detect_language

log = logging.getLogger(__name__)

AUTO_RELOAD_SECONDS = 2.0  # how often file sizes and mtimes are compared when auto_reload is on
MAX_PROBLEMS_SHOWN = 15
T = TypeVar("T")


async def off_loop(call: Callable[..., T], fallback: T) -> T:
    """Run a blocking journal or file call in a thread; a journal error gives `fallback`."""
    try:
        return await asyncio.to_thread(call)
    except sqlite3.Error as exc:
        log.warning("journal read failed: %s", exc)
        return fallback


def is_moderator(interaction: discord.Interaction, permission: str, roles: tuple[str, ...]) -> bool:
    """The configured guild permission or one of the configured role names."""
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False
    if getattr(interaction.permissions, permission, False):
        return True
    return any(role.name in roles for role in member.roles)


def reload_message(result: ReloadResult) -> str:
    if result.ok:
        return f"✅ Reloaded: {result.summary}"
    shown = "\n".join(str(p) for p in result.problems[:MAX_PROBLEMS_SHOWN])
    more = len(result.problems) - MAX_PROBLEMS_SHOWN
    return (f"❌ Not reloaded ({len(result.problems)} problem(s)); still serving the last good "
            f"knowledge: {result.summary}\n```\n{shown}\n```"
            + (f"\n… and {more} more: run `storybot validate`." if more > 0 else ""))


class KnowledgeGroup(app_commands.Group):
    """The /kb commands; every call is checked here, not only hidden by Discord's UI."""

    def __init__(self, bot: StoryBot) -> None:
        super().__init__(name="kb", description="Moderate the story's knowledge",
                         default_permissions=discord.Permissions(manage_guild=True),
                         guild_only=True)
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        settings = self.bot.settings
        if is_moderator(interaction, settings.moderator_permission, settings.moderator_roles):
            return True
        await interaction.response.send_message(
            "Only moderators can use /kb (it needs the "
            f"{settings.moderator_permission.replace('_', ' ').title()} permission"
            + (f" or one of the roles {', '.join(settings.moderator_roles)}"
               if settings.moderator_roles else "") + ").", ephemeral=True)
        return False

    @app_commands.command(name="reload", description="Validate and reload the knowledge files")
    async def reload(self, interaction: discord.Interaction) -> None:
        """Load the knowledge files; on failure keep serving the last good knowledge."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.bot.in_flight():
            result = await asyncio.to_thread(self.bot.store.reload)
            log.info("knowledge reload by %s: %s", hash_user(interaction.user.id), result.ok)
            await interaction.followup.send(reload_message(result)[:2000], ephemeral=True)

    @app_commands.command(name="status", description="What knowledge is being served")
    async def status(self, interaction: discord.Interaction) -> None:
        """Counts, load time and content hash of the live knowledge."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        kb = self.bot.store.kb
        journal = self.bot.journal
        counts = await off_loop(journal.counts, {"questions": 0, "unanswered": 0})
        embed = discord.Embed(title="Knowledge status", colour=discord.Colour.blue())
        for name, value in kb.counts().items():
            embed.add_field(name=name.replace("_", " "), value=str(value))
        embed.add_field(name="loaded", value=discord.utils.format_dt(kb.loaded_at, "R"))
        embed.add_field(name="content hash", value=f"`{kb.content_hash}`")
        embed.add_field(name="questions recorded",
                        value=f"{counts['questions']} ({counts['unanswered']} unanswered)")
        embed.add_field(name="journal", value=journal.status()[:1024], inline=False)
        await interaction.followup.send(embed=embed, ephemeral=True)

    @app_commands.command(name="unanswered", description="Frequent questions with no answer")
    async def unanswered(self, interaction: discord.Interaction) -> None:
        """The most frequent recent unanswered questions, similar ones grouped."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        groups: list[Group] = await off_loop(self.bot.journal.unanswered, [])
        lines = [f"**{g.count}×** {clean(g.question, 150)}" for g in groups] or ["(none yet)"]
        await interaction.followup.send("\n".join(lines)[:2000], ephemeral=True)

    @app_commands.command(name="feedback", description="Answers people marked not helpful")
    async def feedback(self, interaction: discord.Interaction) -> None:
        """Entries most often marked not helpful, with an example question."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows: list[tuple[str, str, int]] = await off_loop(self.bot.journal.not_helpful, [])
        chosen: list[tuple[str, str, int]] = await off_loop(self.bot.journal.chosen, [])
        lines = [f"**{n}×** `{entry}` — {clean(q, 150)}" for entry, q, n in rows] \
            or ["(none yet)"]
        if chosen:
            lines += ["", "Suggestions taken and look-ups:"]
            lines += [f"**{n}×** `{entry}` ({via})" for entry, via, n in chosen]
        await interaction.followup.send("\n".join(lines)[:2000], ephemeral=True)

    @app_commands.command(name="teach", description="Add a question as an example of an entry")
    @app_commands.describe(question="The question, as people ask it",
                           entry="The entry that answers it")
    async def teach(self, interaction: discord.Interaction,
                    question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
                    entry: str) -> None:
        """Write the question to the machine-managed file, validate, reload."""
        if entry not in self.bot.store.kb.entries:
            await interaction.response.send_message(f"No entry `{clean(entry, 64)}`.",
                                                    ephemeral=True)
            return
        limit = self.bot.settings.max_question_chars
        if len(question) > limit:
            await interaction.response.send_message(
                f"That question has {len(question)} characters; questions over {limit} are "
                "refused, so it would never be asked.", ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)  # the lock may wait
        async with self.bot.in_flight():
            result = await asyncio.to_thread(self.bot.store.teach, entry, question,
                                             detect_language(question),
                                             hash_user(interaction.user.id))
            if result.ok:
                text = f"✅ Taught: “{clean(question, limit)}” → `{entry}`. {result.summary}"
            else:
                shown = "\n".join(str(p) for p in result.problems[:MAX_PROBLEMS_SHOWN])
                text = f"❌ Not taught; nothing changed.\n```\n{shown}\n```"
            await interaction.followup.send(text[:2000], ephemeral=True)

    @teach.autocomplete("entry")
    async def entry_complete(self, interaction: discord.Interaction,
                             current: str) -> list[app_commands.Choice[str]]:
        query = fold(current)
        kb = self.bot.store.kb
        return [app_commands.Choice(name=f"{e.id}: {e.title('en')}"[:100], value=e.id)
                for e in kb.entries.values()
                if not query or query in fold(f"{e.id} {e.title('en')}")][:25]


class Moderation(commands.Cog):
    """Knowledge moderation and automatic reload."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.group = KnowledgeGroup(bot)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)
        if self.bot.settings.auto_reload:
            self.watch.start()

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
        self.watch.cancel()

    @tasks.loop(seconds=AUTO_RELOAD_SECONDS)
    async def watch(self) -> None:
        if self.bot.store.changed():
            result = await asyncio.to_thread(self.bot.store.reload)
            log.info("auto-reload at %s: %s", datetime.now(UTC).isoformat(),
                     reload_message(result).splitlines()[0])


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Moderation(bot))
