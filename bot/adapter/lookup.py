"""Look-ups: /quote, /who, /sources and /story."""

from __future__ import annotations

from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import StoryBot
from bot.adapter.views import answer_embed, answer_view, clean
from bot.engine.lookup import complete_entities, complete_quotes
from bot.knowledge.model import Entity, Fact, KnowledgeBase, Quote

OVERVIEW_ID = "story-overview"


def _choices(pairs: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


class Lookup(commands.Cog):
    """Quotes, people and sources of the story."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    async def _show(self, interaction: discord.Interaction, typed: str,
                    complete: Callable[[KnowledgeBase, str], list[tuple[str, str]]],
                    kind: type[Entity] | type[Quote], not_found: str) -> None:
        """Answer with the chosen entry, or the best match for text typed without choosing."""
        if self.bot.stopping:
            return
        async with self.bot.in_flight():
            await self._show_now(interaction, typed, complete, kind, not_found)

    async def _show_now(self, interaction: discord.Interaction, typed: str,
                        complete: Callable[[KnowledgeBase, str], list[tuple[str, str]]],
                        kind: type[Entity] | type[Quote], not_found: str) -> None:
        kb = self.bot.store.kb
        entry_id = typed if isinstance(kb.entries.get(typed), kind) else None
        if entry_id is None:
            found = complete(kb, typed)
            entry_id = found[0][1] if found else None
        answer = self.bot.store.engine.answer_entry(entry_id, typed) if entry_id else None
        if answer is None:
            await interaction.response.send_message(not_found.format(clean(typed, 100)),
                                                    ephemeral=True)
            return
        self.bot.journal.lookup(typed, answer.id or "", answer.lang, interaction.user.id,
                                kind.__name__.lower())
        await interaction.response.send_message(embed=answer_embed(answer),
                                                view=answer_view(answer))

    @app_commands.command(name="quote", description="Find a quote from the story")
    @app_commands.describe(query="A speaker or words from the quote")
    async def quote(self, interaction: discord.Interaction, query: str) -> None:
        """Show a quote with who said it (or that the article names nobody)."""
        await self._show(interaction, query, complete_quotes, Quote,
                         "No quote in the story matches “{}”.")

    @quote.autocomplete("query")
    async def quote_complete(self, interaction: discord.Interaction,
                             current: str) -> list[app_commands.Choice[str]]:
        return _choices(complete_quotes(self.bot.store.kb, current))

    @app_commands.command(name="who", description="A person or organisation in the story")
    @app_commands.describe(name="Who (or what organisation)")
    async def who(self, interaction: discord.Interaction, name: str) -> None:
        """Profile, links and quotes of a person or organisation."""
        await self._show(interaction, name, complete_entities, Entity,
                         "Nobody called “{}” appears in the story.")

    @who.autocomplete("name")
    async def who_complete(self, interaction: discord.Interaction,
                           current: str) -> list[app_commands.Choice[str]]:
        return _choices(complete_entities(self.bot.store.kb, current))

    @app_commands.command(name="sources", description="Where the story's knowledge comes from")
    async def sources(self, interaction: discord.Interaction) -> None:
        """The sources the story cites."""
        embed = discord.Embed(title="Sources cited in the story",
                              colour=discord.Colour.blue())
        for source in self.bot.store.kb.sources.values():
            embed.add_field(name=source.name[:256], value=source.description.en[:1024],
                            inline=False)
        embed.set_footer(text="Every answer names which of these says so.")
        await interaction.response.send_message(embed=embed)

    @app_commands.command(name="story", description="What the story is about and what to ask")
    async def story(self, interaction: discord.Interaction) -> None:
        """A short overview of the story and examples of what can be asked."""
        kb = self.bot.store.kb
        overview = kb.entries.get(OVERVIEW_ID)
        text = overview.answer.en if isinstance(overview, Fact) \
            else "A news story about Lima's mayor, China and Peru."
        embed = discord.Embed(title="The story", description=text[:4096],
                              colour=discord.Colour.blue())
        examples = [f"• {f.questions.en[0]}" for f in kb.facts if f.id != OVERVIEW_ID][:10]
        embed.add_field(name="Try asking", value="\n".join(examples)[:1024], inline=False)
        embed.set_footer(text="/ask, or mention me with a question. English or Spanish.")
        await interaction.response.send_message(embed=embed)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Lookup(bot))
