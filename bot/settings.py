"""Settings: loaded once from config/storybot.yaml and the environment into one frozen object.

This is the only module that reads environment variables. The token never lives in config/.
Every key is typed and range-checked with msgspec at load; a bad value is one line naming the
key, the value and what is expected.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
import yaml

from bot.engine.matcher import Thresholds
from bot.text import MAX_QUESTION_CHARS

CONFIG_NAME = Path("config") / "storybot.yaml"
PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the source checkout (editable install)
ENV_TOKEN = "DISCORD_TOKEN"
ENV_CONFIG = "STORYBOT_CONFIG"
ENV_API_BASE = "STORYBOT_DISCORD_API_BASE"
ENV_GATEWAY = "STORYBOT_DISCORD_GATEWAY"
LANGUAGES = ("auto", "en", "es")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The one question-length policy: `max_question_chars` (the polite refusal, default 500) may be
# set up to the engine's hard cap, normalize.MAX_QUESTION_CHARS, where input is cut regardless.
DEFAULT_QUESTION_CHARS = 500


class SettingsError(Exception):
    """The configuration is unusable; the message says what to fix."""


@dataclass(frozen=True)
class Settings:
    root: Path = Path(".")
    config_path: Path | None = None
    knowledge_path: Path = Path("knowledge")
    language: str = "auto"  # auto | en | es: the reply language when not overridden
    answer_channels: tuple[int, ...] = ()
    moderator_roles: tuple[str, ...] = ()
    moderator_permission: str = "manage_guild"
    auto_reload: bool = False
    cooldown_questions: int = 5
    cooldown_seconds: float = 30.0
    max_question_chars: int = DEFAULT_QUESTION_CHARS
    database_path: Path = Path("data/storybot.sqlite3")
    retention_days: int = 30
    log_level: str = "INFO"
    thresholds: Thresholds = field(default_factory=Thresholds)
    token: str | None = field(default=None, repr=False)
    api_base: str | None = None
    gateway: str | None = None


Positive = Annotated[int, msgspec.Meta(gt=0)]
PositiveNumber = Annotated[float, msgspec.Meta(gt=0)]
Share = Annotated[float, msgspec.Meta(ge=0, le=1)]
Text = Annotated[str, msgspec.Meta(min_length=1)]

# key -> (type msgspec checks, what to tell the user is expected)
_KEYS: dict[str, tuple[Any, str]] = {
    "knowledge_path": (Text, "a path to the knowledge folder or file"),
    "language": (Literal["auto", "en", "es"], "one of " + ", ".join(LANGUAGES)),
    "answer_channels": (tuple[int, ...], "a list of channel ids (numbers), e.g. [123456789]"),
    "moderator_roles": (tuple[str, ...], "a list of role names, e.g. [Moderator]"),
    "moderator_permission": (Annotated[str, msgspec.Meta(pattern=r"^[a-z_]+$")],
                             "a Discord permission name, e.g. manage_guild"),
    "auto_reload": (bool, "true or false"),
    "cooldown_questions": (Positive, "a whole number above 0"),
    "cooldown_seconds": (PositiveNumber, "a number of seconds above 0"),
    "max_question_chars": (Annotated[int, msgspec.Meta(gt=0, le=MAX_QUESTION_CHARS)],
                           f"a whole number from 1 to {MAX_QUESTION_CHARS}"),
    "database_path": (Text, "a path to the SQLite journal file"),
    "retention_days": (Positive, "a whole number of days above 0"),
    "log_level": (Literal[LOG_LEVELS], "one of " + ", ".join(LOG_LEVELS)),
    "thresholds": (dict[str, Any], "a mapping of threshold names to numbers"),
}


def _threshold_types() -> dict[str, tuple[Any, str]]:
    """Types from the fields of Thresholds: the engine owns the names, this only checks kinds."""
    types: dict[str, tuple[Any, str]] = {}
    for f in fields(Thresholds):
        kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        if kind == "int":
            types[f.name] = (Positive, "a whole number above 0")
        elif kind == "bool":
            types[f.name] = (bool, "true or false")
        else:
            types[f.name] = (Share, "a number from 0 to 1")
    return types


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else yaml.safe_dump(
        value, default_flow_style=True, width=1000).strip().removesuffix("\n...")
    return text if len(text) <= 60 else text[:57] + "..."


def _check(where: str, key: str, value: Any, kind: Any, expected: str) -> Any:
    try:
        return msgspec.convert(value, kind)
    except msgspec.ValidationError:
        raise SettingsError(f"{where}: {key}: {_shown(value)} is not valid; expected "
                            f"{expected}") from None


def _thresholds(where: str, raw: Any) -> Thresholds:
    types = _threshold_types()
    unknown = sorted(set(raw) - set(types))
    if unknown:
        raise SettingsError(f"{where}: thresholds: unknown name(s) {', '.join(map(str, unknown))};"
                            f" known: {', '.join(types)}")
    values = {k: _check(where, f"thresholds.{k}", v, *types[k]) for k, v in raw.items()}
    return Thresholds(**values)


def find_config(env: dict[str, str], cwd: Path | None = None) -> Path:
    """--config, else STORYBOT_CONFIG, else config/storybot.yaml in this folder or a parent, else
    the one of the project the package was installed from."""
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG])
    here = (cwd or Path.cwd()).resolve()
    looked = [here, *here.parents]
    for folder in looked:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    if (PROJECT_ROOT / CONFIG_NAME).is_file():
        return PROJECT_ROOT / CONFIG_NAME
    raise SettingsError(f"no {CONFIG_NAME} in {here}, its parent folders or {PROJECT_ROOT}; "
                        f"run storybot in the project folder, or point at the file with "
                        f"--config PATH or {ENV_CONFIG}=PATH")


def _read_config(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise SettingsError(f"cannot read config file {path}: {reason}; point at another with "
                            f"--config PATH or {ENV_CONFIG}=PATH") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark is not None else ""
        raise SettingsError(f"{path}{at}: not valid YAML "
                            f"({getattr(exc, 'problem', None) or 'syntax error'})") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise SettingsError(f"{path}: must be a mapping of settings (key: value lines)")
    return loaded


def _read_dotenv(path: Path) -> dict[str, str]:
    """The .env file through python-dotenv (quotes, comments, `export`); a BOM is dropped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror}") from None
    import io

    from dotenv import dotenv_values  # only when there is a .env: it costs ~15 ms to import

    text = raw.decode("utf-8-sig", errors="replace")
    values = dotenv_values(stream=io.StringIO(text))
    token = values.get(ENV_TOKEN)
    if token and "\ufffd" in token:
        raise SettingsError(f"{path}: {ENV_TOKEN} has bytes that are not UTF-8 text; copy the "
                            "token again from the Developer Portal")
    return {k: v for k, v in values.items() if v is not None}


_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9._-]+$")


def _token(value: str | None, where: str) -> str | None:
    token = (value or "").strip()
    if not token:
        return None
    if not _TOKEN_SHAPE.match(token):
        raise SettingsError(f"{ENV_TOKEN} from {where} has characters a Discord token never has "
                            "(spaces, quotes or symbols); copy it again from the Developer Portal")
    return token


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the config file and the environment into Settings, or raise SettingsError."""
    env = dict(os.environ if env is None else env)
    path = config if config is not None else find_config(env)
    if config is not None and not path.is_file():
        raise SettingsError(f"config file {path} does not exist")
    raw = _read_config(path)
    root = path.resolve().parent.parent
    where = str(path)
    unknown = sorted(map(str, set(raw) - set(_KEYS)))
    if unknown:
        raise SettingsError(f"{where}: unknown setting(s) {', '.join(unknown)}; known: "
                            f"{', '.join(_KEYS)}")
    values: dict[str, Any] = {"root": root, "config_path": path}
    for key, value in raw.items():
        if key == "log_level" and isinstance(value, str):
            value = value.upper()
        if key == "language" and isinstance(value, str):
            value = value.lower()
        checked = _check(where, key, value, *_KEYS[key])
        if key in ("knowledge_path", "database_path"):
            checked = Path(checked) if Path(checked).is_absolute() else root / checked
        elif key == "thresholds":
            checked = _thresholds(where, checked)
        values[key] = checked
    values.setdefault("knowledge_path", root / "knowledge")
    values.setdefault("database_path", root / "data" / "storybot.sqlite3")
    if env.get(ENV_TOKEN, "").strip():
        values["token"] = _token(env[ENV_TOKEN], "the environment")
    else:
        dotenv = root / ".env"
        values["token"] = _token(_read_dotenv(dotenv).get(ENV_TOKEN), str(dotenv))
    values["api_base"] = env.get(ENV_API_BASE) or None
    values["gateway"] = env.get(ENV_GATEWAY) or None
    return Settings(**values)

