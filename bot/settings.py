"""Settings: loaded once from config/storybot.yaml and the environment into one frozen object.

This is the only module that reads environment variables. The token never lives in config/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = Path("config/storybot.yaml")
ENV_TOKEN = "DISCORD_TOKEN"
ENV_CONFIG = "STORYBOT_CONFIG"
ENV_API_BASE = "STORYBOT_DISCORD_API_BASE"
ENV_GATEWAY = "STORYBOT_DISCORD_GATEWAY"


class SettingsError(Exception):
    """The configuration is unusable; the message says what to fix."""


@dataclass(frozen=True)
class Settings:
    root: Path = Path(".")
    knowledge_path: Path = Path("knowledge")
    language: str = "auto"  # auto | en | es: the reply language when not overridden
    answer_channels: tuple[int, ...] = ()
    moderator_roles: tuple[str, ...] = ()
    moderator_permission: str = "manage_guild"
    auto_reload: bool = False
    cooldown_questions: int = 5
    cooldown_seconds: float = 30.0
    max_question_chars: int = 500
    database_path: Path = Path("data/storybot.sqlite3")
    retention_days: int = 30
    log_level: str = "INFO"
    thresholds: dict[str, float] = field(default_factory=dict)
    token: str | None = field(default=None, repr=False)
    api_base: str | None = None
    gateway: str | None = None


_PATHS = {"knowledge_path", "database_path"}
_TUPLES = {"answer_channels", "moderator_roles"}


def _read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file; enough for a token, no need for a library."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the config file (if any) and the environment into Settings."""
    env = dict(os.environ if env is None else env)
    path: Path | None = None
    if config is not None:
        path = config
    elif env.get(ENV_CONFIG):
        path = Path(env[ENV_CONFIG])
    elif DEFAULT_CONFIG.is_file():
        path = DEFAULT_CONFIG
    root = path.resolve().parent.parent if path else Path.cwd()
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"cannot read config file {path}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise SettingsError(f"config file {path} is not valid YAML: {exc}") from exc
        raw = loaded or {}
        if not isinstance(raw, dict):
            raise SettingsError(f"config file {path} must be a mapping of settings")
    known = {f.name for f in fields(Settings)} - {"root", "token", "api_base", "gateway"}
    unknown = set(raw) - known
    if unknown:
        raise SettingsError(f"config file {path}: unknown setting(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {"root": root}
    for key, value in raw.items():
        if key in _PATHS:
            value = Path(value) if Path(value).is_absolute() else root / value
        elif key in _TUPLES:
            value = tuple(value or ())
        elif key == "thresholds":
            value = {str(k): float(v) for k, v in (value or {}).items()}
        values[key] = value
    values.setdefault("knowledge_path", root / "knowledge")
    values.setdefault("database_path", root / "data" / "storybot.sqlite3")
    dotenv = _read_dotenv(root / ".env")
    values["token"] = env.get(ENV_TOKEN) or dotenv.get(ENV_TOKEN) or None
    values["api_base"] = env.get(ENV_API_BASE) or None
    values["gateway"] = env.get(ENV_GATEWAY) or None
    try:
        return Settings(**values)
    except TypeError as exc:
        raise SettingsError(f"config file {path}: {exc}") from exc
