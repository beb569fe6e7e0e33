"""Discord stays out of the core: the engine, the knowledge loader and the CLI import no discord."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_discord() -> None:
    code = (
        "import sys, importlib, pkgutil, bot, bot.engine, bot.knowledge\n"
        "for pkg in (bot.engine, bot.knowledge):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "import bot.cli, bot.settings, bot.store, bot.journal, bot.text, bot.vocabulary\n"
        "import bot.wiring\n"
        "bot.cli.main(['validate'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('discord', 'aiohttp')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
