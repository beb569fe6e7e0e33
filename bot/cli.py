"""Command line: chat, ask, validate, schema, eval, report, run, sync.

Discord is imported only by `run` and `sync`, so everything else works without it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import json_schema
from bot.settings import Settings, SettingsError, load_settings

SCHEMA_PATH = Path("knowledge/schema.json")


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
    print(f"OK {path}: {kb.summary()} ({elapsed:.0f} ms)")
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storybot", description=__doc__)
    parser.add_argument("--config", type=Path, help="settings file (default config/storybot.yaml)")
    sub = parser.add_subparsers(dest="command")

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
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return 0
    code: int = args.func(args, settings)
    return code
