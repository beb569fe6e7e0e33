"""Command line: chat, ask, validate, schema, eval, report, run, sync.

Discord is imported only by `run` and `sync`, so everything else works without it.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from bot.engine.answerer import Engine
from bot.engine.evaluate import evaluate, load_cases, report
from bot.engine.index import synonym_clashes
from bot.engine.render import Answer, Suggestion
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import json_schema
from bot.settings import Settings, SettingsError, find_config, load_settings
from bot.wiring import build_engine

SCHEMA_PATH = Path("knowledge/schema.json")
LANG_CHOICES = ("en", "es")


class CliError(Exception):
    """A failure to report in one line, with exit code 2."""


def _validate_hint(settings: Settings) -> str:
    """The validate command that checks this configuration, runnable from anywhere."""
    try:
        found = find_config(dict(os.environ))
    except SettingsError:
        found = None
    same = settings.config_path is None or found == settings.config_path
    return "`storybot validate`" if same else f"`storybot --config {settings.config_path} validate`"


def _engine(settings: Settings) -> Engine:
    try:
        return build_engine(settings)
    except KnowledgeError as exc:
        raise CliError(f"the knowledge base is invalid; run {_validate_hint(settings)}:\n"
                       + "\n".join(str(p) for p in exc.problems[:10])) from exc


def _default_lang(args: argparse.Namespace, settings: Settings) -> str | None:
    lang: str | None = getattr(args, "lang", None)
    if lang:
        return lang
    return settings.language if settings.language in LANG_CHOICES else None


def format_answer(answer: Answer, explain: bool = False) -> str:
    """An answer as terminal text: the answer, then who says so."""
    lines = [answer.answer]
    if answer.attribution:
        lines.append(f"  — {answer.attribution}")
    if explain:
        lines.append(json.dumps(answer.explain, ensure_ascii=False, indent=2))
    return "\n".join(lines)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    lang = _default_lang(args, settings)
    if not args.json:
        if not args.question:
            raise CliError("give a QUESTION (or use --json to read questions from stdin)")
        print(format_answer(engine.ask(" ".join(args.question), lang), args.explain))
        return 0
    if not args.question and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # a line of bad bytes is a question, not a crash
    questions: list[str] | TextIO = args.question or sys.stdin
    for line in questions:
        question = line.rstrip("\n")
        try:
            data = engine.ask(question, lang).to_json(args.explain)
        except Exception as exc:  # one bad line must never stop the batch
            logging.getLogger(__name__).exception("question failed")
            data = {"question": question, "answered": False, "error": str(exc)}
        print(json.dumps(data, ensure_ascii=False), flush=True)
    return 0


def _show(args: argparse.Namespace, settings: Settings) -> int:
    """What an entry says: what a suggestion click shows, with the fields of `ask --json`."""
    engine = _engine(settings)
    answer = engine.answer_entry(args.entry, "", args.lang or "en")
    if answer is None:
        close = difflib.get_close_matches(args.entry, list(engine.kb.entries), n=3)
        raise CliError(f"no entry '{args.entry}'"
                       + (f"; did you mean {', '.join(close)}?" if close else
                          "; `storybot validate` lists the knowledge's counts"))
    print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if args.json
          else format_answer(answer))
    return 0


PICK_HINT = {"en": "     (type 1–{n} to see a suggestion)",
             "es": "     (escribe 1–{n} para ver una sugerencia)"}
CHAT_HELP = """Ask anything about the story. Commands: :lang en|es|auto  :explain  :help  :quit
(Ctrl-D also exits.)"""


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history in input())
    lang = _default_lang(args, settings)
    explain = False
    offered: tuple[Suggestion, ...] = ()
    asked, last_lang = "", "en"
    print(f"StoryBot — {engine.kb.summary()}\n{CHAT_HELP}")
    while True:
        try:
            line = input("\nyou> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line in (":quit", ":q", ":exit"):
            return 0
        if line == ":help":
            print(CHAT_HELP)
        elif line == ":explain":
            explain = not explain
            print(f"explain {'on' if explain else 'off'}")
        elif line.startswith(":lang"):
            choice = line.removeprefix(":lang").strip()
            lang = choice if choice in LANG_CHOICES else None
            print(f"language: {lang or 'auto'}")
        elif line.isdigit() and 1 <= int(line) <= len(offered):
            # The terminal's suggestion buttons: a number shows that suggestion's answer.
            pick = engine.answer_entry(offered[int(line) - 1].id, asked, last_lang)
            print("bot> " + format_answer(pick, explain) if pick else "bot> (gone after a reload)")
        else:
            answer = engine.ask(line, lang)
            print("bot> " + format_answer(answer, explain))
            offered, asked, last_lang = answer.suggestions, line, answer.lang
            if offered:
                print(PICK_HINT[answer.lang].format(n=len(offered)))


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    try:
        cases = load_cases(Path(args.file))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CliError(f"cannot read {args.file}: {exc}") from exc
    tallies = evaluate(cases, lambda q: engine.ask(q))
    columns = ("precision", "recall", "abstention", "first_right")
    print(f"{'category':28} {'n':>4} {'precision':>10} {'recall':>8} {'abstention':>11} "
          f"{'1st right':>10}")
    for row in report(tallies):
        cells = [f"{row[k]:.1%}" if row[k] is not None else "-" for k in columns]
        print(f"{row['category']:28} {row['questions']:>4} {cells[0]:>10} {cells[1]:>8} "
              f"{cells[2]:>11} {cells[3]:>10}")
    if args.failures:
        print("\n".join(["", *tallies["all"].failures]))
    return 0


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.path) if args.path else settings.knowledge_path
    started = time.perf_counter()
    try:
        kb = load_knowledge(path)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    warnings = [*kb.warnings, *synonym_clashes(kb)]
    for warning in warnings:
        print(f"warning: {warning}")
    print(f"OK {path}: {kb.summary()} ({elapsed:.0f} ms)"
          + (f", {len(warnings)} warning(s)" if warnings else ""))
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.journal import JournalError, format_report, open_for_report

    if not settings.database_path.exists():
        print(f"No questions recorded yet ({settings.database_path} does not exist).")
        return 0
    try:
        journal = open_for_report(settings.database_path, settings.retention_days)
    except JournalError as exc:
        raise CliError(str(exc)) from exc
    try:
        journal.purge()
        print(format_report(journal))
    finally:
        journal.close()
    return 0


def _teach(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store import KnowledgeStore

    if len(args.question) > settings.max_question_chars:
        raise CliError(f"the question has {len(args.question)} characters; questions longer "
                       f"than max_question_chars ({settings.max_question_chars}) are refused, "
                       "so it would never be asked")
    try:
        store = KnowledgeStore(settings)
    except KnowledgeError as exc:
        raise CliError(f"the knowledge base is invalid; run {_validate_hint(settings)}") from exc
    if args.entry not in store.kb.entries:
        raise CliError(f"no entry '{args.entry}'")
    result = store.teach(args.entry, args.question, args.lang, by="cli")
    for problem in result.problems:
        print(problem)
    print(("taught; " if result.ok else "not taught; ") + result.summary)
    return 0 if result.ok else 1


def _map(args: argparse.Namespace, settings: Settings) -> int:
    from bot.engine.connections import resolve_entity
    from bot.mapview import MapCache

    try:
        kb = load_knowledge(settings.knowledge_path)
    except KnowledgeError as exc:
        raise CliError("the knowledge base is invalid; run `storybot validate`") from exc
    focus = None
    if args.focus:
        focus = resolve_entity(kb, args.focus)
        if focus is None:
            raise CliError(f"no entity in the story matches {args.focus!r}")
    png = MapCache(settings.database_path.parent / "maps").get(kb, focus)
    try:
        Path(args.output).write_bytes(png)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(f"wrote {args.output} ({len(png) // 1024} KiB" + (f", around {focus})" if focus else ")"))
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.client import StartupError, run

    try:
        run(settings)
    except StartupError as exc:
        raise CliError(str(exc)) from exc
    return 0


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.client import StartupError, sync

    try:
        print(sync(settings, args.guild))
    except StartupError as exc:
        raise CliError(str(exc)) from exc
    return 0


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7f] if c != 0x09}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r"})


# Interaction tokens travel in URLs and gateway payloads that discord.py logs at DEBUG level.
_URL_TOKEN = re.compile(r"((?:interactions/\d+|webhooks/\d+)/|['\"]token['\"]: ['\"])"
                        r"[A-Za-z0-9_.:-]+")


class OneLineFormatter(logging.Formatter):
    """Log messages on one line each: newlines and ANSI escapes in user text are shown escaped,
    so a question cannot forge or recolour log lines (tracebacks keep their lines); the bot
    token and interaction tokens are never written, whoever logs them."""

    def __init__(self, fmt: str, secret: str | None = None) -> None:
        super().__init__(fmt)
        self.secret = secret

    def _redact(self, text: str) -> str:
        text = _URL_TOKEN.sub(r"\1[token]", text)
        return text.replace(self.secret, "[token]") if self.secret else text

    def formatMessage(self, record: logging.LogRecord) -> str:
        return self._redact(super().formatMessage(record).translate(_CONTROL))

    def formatException(self, ei: Any) -> str:
        return self._redact(super().formatException(ei))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storybot", description=__doc__)
    parser.add_argument("--config", type=Path, help="settings file (default config/storybot.yaml)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("chat", help="talk to the bot in the terminal (the default)")
    p.add_argument("--lang", choices=LANG_CHOICES, help="reply language (default: the question's)")
    p.set_defaults(func=_chat)

    p = sub.add_parser("ask", help="answer one question, or --json lines from stdin")
    p.add_argument("question", nargs="*", help="the question (with --json: several)")
    p.add_argument("--lang", choices=LANG_CHOICES, help="reply language (default: the question's)")
    p.add_argument("--explain", action="store_true", help="show why: entry, scores, words")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.set_defaults(func=_ask)

    p = sub.add_parser("show", help="what an entry says (what a suggestion click shows)")
    p.add_argument("entry", help="entry id, e.g. chancay-investment")
    p.add_argument("--lang", choices=LANG_CHOICES, help="answer language (default en)")
    p.add_argument("--json", action="store_true", help="the fields of `ask --json`")
    p.set_defaults(func=_show)

    p = sub.add_parser("eval", help="score a question file (YAML: q, expect, category)")
    p.add_argument("file")
    p.add_argument("--failures", action="store_true", help="list every miss")
    p.set_defaults(func=_eval)

    p = sub.add_parser("map", help="draw the story's network as a PNG")
    p.add_argument("--focus", help="an entity (name or id): it and its neighbours two links out")
    p.add_argument("-o", "--output", default="map.png", help="PNG file to write (map.png)")
    p.set_defaults(func=_map)

    p = sub.add_parser("run", help="run the Discord bot (token from DISCORD_TOKEN)")
    p.set_defaults(func=_run)

    p = sub.add_parser("sync", help="register the slash commands with Discord")
    p.add_argument("--guild", type=int, help="a test guild id (instant); default: global")
    p.set_defaults(func=_sync)

    p = sub.add_parser("report", help="moderation report: unanswered questions, feedback")
    p.set_defaults(func=_report)

    p = sub.add_parser("teach", help="add a question as an example of an entry")
    p.add_argument("entry", help="entry id, e.g. chancay-investment")
    p.add_argument("question")
    p.add_argument("--lang", choices=LANG_CHOICES, default="en")
    p.set_defaults(func=_teach)

    p = sub.add_parser("validate", help="check the knowledge files; exit 1 with FILE:LINE errors")
    p.add_argument("path", nargs="?", help="a knowledge directory or file (default: configured)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("schema", help="print or write the JSON Schema of knowledge files")
    p.add_argument("-o", "--output", default="-", help=f"file to write (e.g. {SCHEMA_PATH})")
    p.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
    except SettingsError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        # The main job: the Discord bot when a token is configured, else the terminal chat.
        if settings.token:
            args = parser.parse_args(["run"])
        else:
            print("No DISCORD_TOKEN set: starting the terminal chat.", file=sys.stderr)
            args = parser.parse_args(["chat"])
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s", settings.token))
    logging.basicConfig(level=settings.log_level if args.command == "run" else logging.WARNING,
                        handlers=[handler])
    try:
        code: int = args.func(args, settings)
    except CliError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return code
