"""A small local Discord for tests: the REST routes StoryBot uses and a JSON gateway.

The real, unpatched discord.py client talks to it over HTTP and a websocket on 127.0.0.1; only
its two base URLs change (STORYBOT_DISCORD_API_BASE / STORYBOT_DISCORD_GATEWAY).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

APP_ID = 4_000_000_000_000_001
BOT_ID = 4_000_000_000_000_002
GUILD_ID = 4_000_000_000_000_003
CHANNEL_ID = 4_000_000_000_000_004
HELP_CHANNEL_ID = 4_000_000_000_000_005
MEMBER_ID = 4_000_000_000_000_006
MOD_ID = 4_000_000_000_000_007
OTHER_BOT_ID = 4_000_000_000_000_008
TIMESTAMP = "2026-11-26T12:00:00.000000+00:00"
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11)  # view channel, send messages

BOT_USER = {"id": str(BOT_ID), "username": "StoryBot", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True, "flags": 0}


def user(uid: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": str(uid), "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": bot}


def member(uid: int, name: str, permissions: int) -> dict[str, Any]:
    return {"user": user(uid, name), "roles": [], "joined_at": TIMESTAMP, "deaf": False,
            "mute": False, "flags": 0, "permissions": str(permissions)}


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose Content-Type is exactly application/json.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        content_type="application/json")


@dataclass
class Upload:
    field: str  # "files[0]"
    filename: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str
    body: Any
    headers: dict[str, str]
    files: list[Upload] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class FakeDiscord:
    token: str = "fake-token"
    requests: list[Request] = field(default_factory=list)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    identify: dict[str, Any] = field(default_factory=dict)
    ids: itertools.count[int] = field(
        default_factory=lambda: itertools.count(5_000_000_000_000_000))
    _ws: web.WebSocketResponse | None = None
    _seq: int = 0
    _new_request: asyncio.Condition = field(default_factory=asyncio.Condition)
    port: int = 0
    reply_delay: float = 0.0  # seconds before answering a POST: a slow Discord

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway_handler)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest_handler)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        await self._runner.cleanup()

    # --- REST -------------------------------------------------------------------------------
    async def rest_handler(self, request: web.Request) -> web.Response:
        body: Any = None
        files: list[Upload] = []
        if request.can_read_body and request.content_type == "application/json":
            body = await request.json()
        elif request.can_read_body and request.content_type == "multipart/form-data":
            # Messages with attachments: the JSON in payload_json, each file in files[n].
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                else:
                    files.append(Upload(part.name or "", part.filename or "",
                                        bytes(await part.read())))
        path = "/" + request.match_info["tail"]
        recorded = Request(request.method, path, body, dict(request.headers), files)
        async with self._new_request:
            self.requests.append(recorded)
            self._new_request.notify_all()
        # Interaction callbacks and follow-ups authenticate with the interaction token.
        is_callback = path.startswith("/interactions/")
        if self.reply_delay and request.method == "POST":
            await asyncio.sleep(self.reply_delay)
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        if not is_callback and not path.startswith("/webhooks/") and not authorized:
            return json_response({"message": "401: Unauthorized", "code": 0}, 401)
        if path == "/users/@me":
            return json_response(BOT_USER)
        if path == "/oauth2/applications/@me":
            return json_response({"id": str(APP_ID), "name": "StoryBot", "description": "",
                                  "icon": None, "bot_public": True,
                                  "bot_require_code_grant": False, "owner": user(MOD_ID, "mod"),
                                  "verify_key": "0" * 64, "flags": 0})
        if path.startswith("/channels/") and path.endswith("/messages") and \
                request.method == "POST":
            channel_id = int(path.split("/")[2])
            return json_response(self.message(BOT_USER, (body or {}).get("content") or "",
                                              channel_id=channel_id,
                                              embeds=(body or {}).get("embeds", [])))
        if path.startswith("/webhooks/") and request.method == "POST":
            return json_response({**self.message(BOT_USER, (body or {}).get("content") or "",
                                                 embeds=(body or {}).get("embeds", [])),
                                  "webhook_id": path.split("/")[2]})
        if is_callback:
            interaction_id = path.split("/")[2]
            return json_response({"interaction": {"id": interaction_id, "type": 2}})
        if path.startswith(f"/applications/{APP_ID}/") and request.method == "PUT":
            return json_response([{"description": "", **cmd, "id": str(next(self.ids)),
                                   "application_id":
                                   str(APP_ID), "version": "1", "default_member_permissions":
                                   cmd.get("default_member_permissions")} for cmd in body or []])
        return json_response({"message": "Unknown route", "code": 0}, 404)

    async def wait_for(self, predicate: Callable[[Request], bool], timeout: float = 5.0,
                       start: int = 0) -> Request:
        """The first request (from index `start`) matching `predicate`, waiting if needed."""
        async def find() -> Request:
            async with self._new_request:
                while True:
                    for req in self.requests[start:]:
                        if predicate(req):
                            return req
                    await self._new_request.wait()
        return await asyncio.wait_for(find(), timeout)

    # --- gateway ----------------------------------------------------------------------------
    async def gateway_handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}}))
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            if payload["op"] == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif payload["op"] == 2:
                self.identify = payload["d"]
                await self.send("READY", {
                    "v": 10, "user": BOT_USER, "session_id": "session",
                    "resume_gateway_url": self.gateway, "guilds": [
                        {"id": str(GUILD_ID), "unavailable": True}],
                    "application": {"id": str(APP_ID), "flags": 0}})
                await self.send("GUILD_CREATE", self.guild())
                self.identified.set()
        return ws

    async def send(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "the bot has not connected"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    def guild(self) -> dict[str, Any]:
        def channel(cid: int, name: str) -> dict[str, Any]:
            return {"id": str(cid), "type": 0, "name": name, "position": 0,
                    "permission_overwrites": [], "guild_id": str(GUILD_ID), "nsfw": False}
        return {
            "id": str(GUILD_ID), "name": "News", "owner_id": str(MOD_ID), "unavailable": False,
            "roles": [{"id": str(GUILD_ID), "name": "@everyone", "permissions":
                       str(MEMBER_PERMISSIONS), "position": 0, "color": 0, "hoist": False,
                       "managed": False, "mentionable": False, "flags": 0}],
            "channels": [channel(CHANNEL_ID, "general"), channel(HELP_CHANNEL_ID, "help")],
            "members": [{"user": BOT_USER, "roles": [], "joined_at": TIMESTAMP, "deaf": False,
                         "mute": False, "flags": 0}],
            "member_count": 3, "large": False, "features": [], "emojis": [], "stickers": [],
            "threads": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "premium_tier": 0, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "system_channel_flags": 0, "nsfw_level": 0, "preferred_locale": "en-US",
            "joined_at": TIMESTAMP, "afk_timeout": 300}

    # --- payloads ---------------------------------------------------------------------------
    def message(self, author: dict[str, Any], content: str, channel_id: int = CHANNEL_ID,
                mentions: list[dict[str, Any]] | None = None,
                embeds: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return {"id": str(next(self.ids)), "channel_id": str(channel_id),
                "guild_id": str(GUILD_ID), "author": author, "content": content,
                "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": mentions or [], "mention_roles": [],
                "attachments": [], "embeds": embeds or [], "pinned": False, "type": 0,
                "flags": 0, "components": []}

    async def post_message(self, content: str, *, mention_bot: bool = False,
                           channel_id: int = CHANNEL_ID, author_id: int = MEMBER_ID,
                           bot: bool = False) -> dict[str, Any]:
        text = f"<@{BOT_ID}> {content}" if mention_bot else content
        data = self.message(user(author_id, "member", bot=bot), text, channel_id,
                            mentions=[BOT_USER] if mention_bot else [])
        await self.send("MESSAGE_CREATE", data)
        return data

    def _interaction(self, itype: int, data: dict[str, Any], permissions: int,
                     user_id: int, message: dict[str, Any] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(next(self.ids)), "application_id": str(APP_ID), "type": itype,
            "token": f"itoken-{next(self.ids)}", "version": 1, "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID), "channel": {"id": str(CHANNEL_ID), "type": 0},
            "member": member(user_id, "member" if user_id == MEMBER_ID else "mod",
                             permissions),
            "data": data, "locale": "en-US", "guild_locale": "en-US",
            "app_permissions": str(MEMBER_PERMISSIONS), "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)}, "context": 0,
            "attachment_size_limit": 8_000_000}
        if message is not None:
            payload["message"] = message
        return payload

    async def slash(self, name: str, options: list[dict[str, Any]] | None = None, *,
                    moderator: bool = False, autocomplete: bool = False) -> dict[str, Any]:
        """Send a slash command (or its autocomplete) interaction; returns the payload."""
        permissions = MEMBER_PERMISSIONS | (MANAGE_GUILD if moderator else 0)
        data = {"id": str(next(self.ids)), "name": name, "type": 1, "options": options or []}
        payload = self._interaction(4 if autocomplete else 2, data, permissions,
                                    MOD_ID if moderator else MEMBER_ID)
        await self.send("INTERACTION_CREATE", payload)
        return payload

    async def context_menu(self, target: dict[str, Any]) -> dict[str, Any]:
        data = {"id": str(next(self.ids)), "name": "Ask StoryBot", "type": 3,
                "target_id": target["id"], "resolved": {"messages": {target["id"]: target}}}
        payload = self._interaction(2, data, MEMBER_PERMISSIONS, MEMBER_ID)
        await self.send("INTERACTION_CREATE", payload)
        return payload

    async def click(self, custom_id: str, message: dict[str, Any]) -> dict[str, Any]:
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self._interaction(3, data, MEMBER_PERMISSIONS, MEMBER_ID, message)
        await self.send("INTERACTION_CREATE", payload)
        return payload
