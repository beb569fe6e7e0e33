"""The story's structure: /connect (a sourced chain), /map (a picture), /timeline."""

from __future__ import annotations

import asyncio
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import StoryBot
from bot.adapter.views import answer_embed, clean
from bot.engine.connections import resolve_entity
from bot.engine.lookup import complete_entities
from bot.knowledge.model import Lang
from bot.knowledge.schema import ENTITY_TYPES
from bot.mapview import EDGE_STYLE, FOCUS_RADIUS, MapCache

log = logging.getLogger(__name__)

MAP_FILE = "storybot-map.png"
LANGUAGES = [app_commands.Choice(name="English", value="en"),
             app_commands.Choice(name="Español", value="es")]


def _choices(bot: StoryBot, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=name, value=value)
            for name, value in complete_entities(bot.store.kb, current, ENTITY_TYPES)]


class Connections(commands.Cog):
    """How the story's people, companies and places are linked, and when things happened."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.maps = MapCache(bot.settings.database_path.parent / "maps")

    @app_commands.command(name="connect", description="How the story links two of its entities")
    @app_commands.rename(start="from", goal="to")
    @app_commands.describe(start="A person, company or place", goal="Another one",
                           language="Reply language (default English)")
    @app_commands.choices(language=LANGUAGES)
    async def connect(self, interaction: discord.Interaction, start: str, goal: str,
                      language: app_commands.Choice[str] | None = None) -> None:
        """The shortest chain of sourced links between two entities, one line per link."""
        kb = self.bot.store.kb
        ids = [resolve_entity(kb, typed) for typed in (start, goal)]
        unknown = [typed for typed, eid in zip((start, goal), ids, strict=True) if eid is None]
        if unknown:
            await interaction.response.send_message(
                f"Nothing called “{clean(unknown[0], 100)}” appears in the story.",
                ephemeral=True)
            return
        lang: Lang = "es" if language is not None and language.value == "es" else "en"
        answer = self.bot.store.engine.routes.connect(ids[0] or "", ids[1] or "", lang)
        if answer is None:
            await interaction.response.send_message("Pick two different entities.",
                                                    ephemeral=True)
            return
        self.bot.journal.record(answer, interaction.user.id, "connect")
        await interaction.response.send_message(embed=answer_embed(answer))

    @connect.autocomplete("start")
    @connect.autocomplete("goal")
    async def entity_complete(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[str]]:
        return _choices(self.bot, current)

    @app_commands.command(name="map", description="A picture of who is linked to whom")
    @app_commands.describe(focus="Only this entity and its neighbours two links out")
    async def map(self, interaction: discord.Interaction, focus: str | None = None) -> None:
        """The story's network as an image; claims are dashed orange arrows."""
        kb = self.bot.store.kb
        focus_id = resolve_entity(kb, focus) if focus else None
        if focus and focus_id is None:
            await interaction.response.send_message(
                f"Nothing called “{clean(focus, 100)}” appears in the story.", ephemeral=True)
            return
        cached = self.maps.path_for(kb, focus_id).is_file()
        if not cached:  # drawing takes about half a second: acknowledge first
            await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(self.maps.get, kb, focus_id)
        name = kb.entries[focus_id].title("en") if focus_id else None
        embed = discord.Embed(
            title=f"Around {name} ({FOCUS_RADIUS} links out)" if name
            else "The story's network",
            description="Shapes and colours show the type of each entity; "
                        f"{EDGE_STYLE['claim'][2]} links are dashed orange arrows. Ask "
                        "`/connect` for a chain with its sources.",
            colour=discord.Colour.blue())
        embed.set_image(url=f"attachment://{MAP_FILE}")
        embed.set_footer(text=f"Knowledge {kb.content_hash}")
        file = discord.File(io.BytesIO(png), filename=MAP_FILE)
        if cached:
            await interaction.response.send_message(embed=embed, file=file)
        else:
            await interaction.followup.send(embed=embed, file=file)

    @map.autocomplete("focus")
    async def map_complete(self, interaction: discord.Interaction,
                           current: str) -> list[app_commands.Choice[str]]:
        return _choices(self.bot, current)

    @app_commands.command(name="timeline", description="The story's events in order")
    @app_commands.describe(language="Reply language (default English)")
    @app_commands.choices(language=LANGUAGES)
    async def timeline(self, interaction: discord.Interaction,
                       language: app_commands.Choice[str] | None = None) -> None:
        """Dated events in order, each in the article's own words, with its source."""
        lang: Lang = "es" if language is not None and language.value == "es" else "en"
        answer = self.bot.store.engine.routes.timeline(lang)
        await interaction.response.send_message(embed=answer_embed(answer))


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Connections(bot))
