"""The Discord client: a thin adapter over the engine, the store and the journal.

This package is the only place that imports discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from urllib.parse import urlparse

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.journal import Journal
from bot.knowledge import KnowledgeError
from bot.settings import Settings
from bot.store import KnowledgeStore

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.adapter.ask", "bot.adapter.lookup", "bot.adapter.moderation",
              "bot.adapter.connect")
# On SIGTERM/SIGINT, all within the 5 s hosts wait before killing: the replies in flight finish,
# then the journal writes what it holds (twice this when the file is locked).
SHUTDOWN_REPLIES_SECONDS = 2.5
SHUTDOWN_JOURNAL_SECONDS = 0.8


class _NoVoiceWarning(logging.Filter):
    """A text bot never uses voice: drop discord.py's warnings about voice libraries."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in record.getMessage()


logging.getLogger("discord.client").addFilter(_NoVoiceWarning())


class StartupError(Exception):
    """A one-line, actionable reason the bot cannot start."""


class Cooldown:
    """At most `rate` questions per `per` seconds for each user (a sliding window)."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate, self.per = rate, per
        self._hits: dict[int, deque[float]] = defaultdict(deque)

    def retry_after(self, user_id: int, now: float | None = None) -> float:
        """0 if the user may ask now (and counts the question), else seconds to wait."""
        now = time.monotonic() if now is None else now
        hits = self._hits[user_id]
        while hits and now - hits[0] >= self.per:
            hits.popleft()
        if len(hits) >= self.rate:
            return self.per - (now - hits[0])
        hits.append(now)
        return 0.0


def _is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def point_at_local_discord(settings: Settings) -> None:
    """Use a local Discord for testing; refused unless loopback, so a token never leaks."""
    for name, url in (("STORYBOT_DISCORD_API_BASE", settings.api_base),
                      ("STORYBOT_DISCORD_GATEWAY", settings.gateway)):
        if url and not _is_loopback(url):
            raise StartupError(f"{name}={url} is refused: only a loopback host (127.0.0.1, "
                               "localhost, ::1) may replace Discord")
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base.rstrip("/")
    if settings.gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway)


class StoryBot(commands.Bot):
    """The bot: settings, live knowledge, journal and cooldown shared by every cog."""

    def __init__(self, settings: Settings, store: KnowledgeStore, journal: Journal,
                 guild_ready_timeout: float = 2.0) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = True  # to read questions asked by mention or in help channels
        super().__init__(command_prefix=commands.when_mentioned, intents=intents,
                         help_command=None, allowed_mentions=discord.AllowedMentions.none(),
                         guild_ready_timeout=guild_ready_timeout)
        self.settings = settings
        self.store = store
        self.journal = journal
        self.cooldown = Cooldown(settings.cooldown_questions, settings.cooldown_seconds)
        self.tree.error(self.on_app_command_error)
        self.stopping = False  # set on SIGTERM/SIGINT: new events are ignored
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.asynccontextmanager
    async def in_flight(self) -> AsyncIterator[None]:
        """Count a reply being worked on, so shutdown can wait for it."""
        self._in_flight += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    async def shutdown(self) -> None:
        """Stop taking events, let the replies in flight finish, flush the journal, close."""
        self.stopping = True
        log.info("shutting down: %d reply(ies) in flight", self._in_flight)
        try:
            await asyncio.wait_for(self._idle.wait(), SHUTDOWN_REPLIES_SECONDS)
        except TimeoutError:
            log.warning("shutting down with %d reply(ies) unfinished", self._in_flight)
        if not await asyncio.to_thread(self.journal.flush, SHUTDOWN_JOURNAL_SECONDS):
            log.warning("journal: %d row(s) not written yet (%s)", self.journal.waiting,
                        self.journal.status())
        await self.close()

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: the Ask cog reads messages, so "@StoryBot who ..." is a question,
        # not an unknown command "who".
        return

    async def on_ready(self) -> None:
        log.info("connected as %s; knowledge %s", self.user, self.store.kb.content_hash)

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CheckFailure):
            return  # the check already told the user why
        log.error("command %s failed", interaction.command and interaction.command.name,
                  exc_info=error)
        await apologise(interaction)

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        log.exception("error in %s", event_method)


APOLOGY = "Sorry, something went wrong on my side. The moderators can see it in the logs."


async def apologise(interaction: discord.Interaction) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(APOLOGY, ephemeral=True)
        else:
            await interaction.response.send_message(APOLOGY, ephemeral=True)
    except discord.HTTPException:
        log.exception("could not send the apology")


def build(settings: Settings, guild_ready_timeout: float = 2.0) -> StoryBot:
    """A bot wired to the configured knowledge and database, not yet connected."""
    if settings.moderator_permission not in discord.Permissions.VALID_FLAGS:
        raise StartupError(f"{settings.config_path}: moderator_permission: "
                           f"'{settings.moderator_permission}' is not a Discord permission; "
                           "expected e.g. manage_guild, manage_messages, administrator")
    try:
        store = KnowledgeStore(settings, warm=True)
    except KnowledgeError as exc:
        first = exc.problems[0] if exc.problems else ""
        raise StartupError(f"the knowledge base is invalid ({len(exc.problems)} problem(s), "
                           f"first: {first}); run `storybot validate`") from exc
    journal = Journal(settings.database_path, settings.retention_days)
    journal.purge()
    return StoryBot(settings, store, journal, guild_ready_timeout)


def _token(settings: Settings) -> str:
    if not settings.token:
        raise StartupError("no Discord token: set DISCORD_TOKEN in the environment or in a "
                           ".env file (see README, 'Running on Discord')")
    return settings.token


REJECTED = ("Discord rejected the token (401): check DISCORD_TOKEN, or reset the token in the "
            "Developer Portal")


def _prepare(settings: Settings) -> tuple[str, StoryBot]:
    token = _token(settings)
    point_at_local_discord(settings)
    return token, build(settings)


async def _serve(bot: StoryBot, token: str) -> None:
    """Run until the connection ends or SIGTERM/SIGINT asks for a graceful shutdown."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(bot.start(token))
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if not runner.done():
            await bot.shutdown()
        await runner  # raises what ended the connection (LoginFailure, ...)
    finally:
        stopper.cancel()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def _run(settings: Settings) -> None:
    token, bot = _prepare(settings)
    try:
        async with bot:
            await _serve(bot, token)
    except discord.LoginFailure as exc:
        raise StartupError(REJECTED) from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise StartupError("enable the Message Content intent for this bot in the Developer "
                           "Portal (Bot → Privileged Gateway Intents)") from exc
    finally:
        await asyncio.to_thread(bot.journal.close, SHUTDOWN_JOURNAL_SECONDS)
        log.info("stopped")


async def _sync(settings: Settings, guild_id: int | None) -> str:
    token, bot = _prepare(settings)
    try:
        async with bot:
            await bot.login(token)
            guild = discord.Object(id=guild_id) if guild_id else None
            if guild is not None:
                bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
    except discord.LoginFailure as exc:
        raise StartupError(REJECTED) from exc
    finally:
        bot.journal.close()
    where = f"guild {guild_id}" if guild_id else "globally (may take up to an hour to show)"
    return f"synced {len(synced)} command(s) {where}: {', '.join(c.name for c in synced)}"


def run(settings: Settings) -> None:
    """`storybot run`: connect and serve until interrupted."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(settings))


def sync(settings: Settings, guild_id: int | None) -> str:
    """`storybot sync`: register the slash commands."""
    return asyncio.run(_sync(settings, guild_id))
