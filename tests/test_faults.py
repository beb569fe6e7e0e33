"""Faults around the answer path, through the real `storybot` entry point (issue 8's table).

Settings, .env, the folder storybot runs from, unreadable knowledge files, teaching from several
processes at once and a damaged journal for `storybot report`. The faults that need the running
bot are in tests/adapter/test_faults.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import KNOWLEDGE, ROOT

ENV = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "STORYBOT"))}


def storybot(*args: str, cwd: Path = ROOT, config: Path | None = None,
             user: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real entry point; `user`: as an unprivileged user when the tests run as root,
    so file permissions apply."""
    env = dict(ENV)
    if config is not None:
        env["STORYBOT_CONFIG"] = str(config)
    command = [sys.executable, "-m", "bot", *args]
    if user and os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(command, text=True, capture_output=True, cwd=cwd, env=env, timeout=60)


def write_config(folder: Path, text: str) -> Path:
    config = folder / "config" / "storybot.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


# --- a wrongly typed setting ---------------------------------------------------------------
@pytest.mark.parametrize(("line", "message"), [
    ("thresholds: {min_score: high}",
     "thresholds.min_score: 'high' is not valid; expected a number from 0 to 1"),
    ("thresholds: {min_score: 1.5}",
     "thresholds.min_score: 1.5 is not valid; expected a number from 0 to 1"),
    ("thresholds: {candidates: 0}",
     "thresholds.candidates: 0 is not valid; expected a whole number above 0"),
    ("max_question_chars: lots",
     "max_question_chars: 'lots' is not valid; expected a whole number from 1 to 2000"),
    ("log_level: LOUD",
     "log_level: 'LOUD' is not valid; expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    ("answer_channels: 5",
     "answer_channels: 5 is not valid; expected a list of channel ids (numbers), e.g. "
     "[123456789]"),
    ("retention_days: forever",
     "retention_days: 'forever' is not valid; expected a whole number of days above 0"),
    ("language: fr", "language: 'fr' is not valid; expected one of auto, en, es"),
    ("cooldown_seconds: -1",
     "cooldown_seconds: -1 is not valid; expected a number of seconds above 0"),
])
def test_a_wrongly_typed_setting_is_one_line_naming_it(tmp_path: Path, line: str,
                                                       message: str) -> None:
    config = write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\n{line}\n")
    out = storybot("ask", "Who owns PeruRail?", cwd=tmp_path)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr.splitlines() == [f"storybot: {config}: {message}"]


def test_an_unknown_threshold_lists_the_known_ones(tmp_path: Path) -> None:
    write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\nthresholds: {{min_scor: 0.7}}\n")
    out = storybot("ask", "Who owns PeruRail?", cwd=tmp_path)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    assert "thresholds: unknown name(s) min_scor; known: " in out.stderr
    assert "min_score" in out.stderr.split("known: ")[1]


# --- .env --------------------------------------------------------------------------------
def test_bad_bytes_in_dotenv_do_not_stop_the_cli(tmp_path: Path) -> None:
    write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\n")
    (tmp_path / ".env").write_bytes(b"\xef\xbb\xbf# caf\xe9 \xff\nOTHER=1\n")
    out = storybot("ask", "Who owns PeruRail?", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("According to the FDD study")


def test_bad_bytes_in_the_dotenv_token_are_one_line(tmp_path: Path) -> None:
    write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\n")
    (tmp_path / ".env").write_bytes(b"DISCORD_TOKEN=abc\xff\xfedef\n")
    out = storybot("run", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"storybot: {tmp_path / '.env'}: DISCORD_TOKEN has bytes that are not UTF-8 text; copy "
        "the token again from the Developer Portal"]


# --- run from another folder ---------------------------------------------------------------
@pytest.mark.parametrize("where", ["elsewhere", "bot"])
def test_storybot_works_from_any_folder(tmp_path: Path, where: str) -> None:
    cwd = tmp_path if where == "elsewhere" else ROOT / "bot"
    out = storybot("ask", "Who owns PeruRail?", cwd=cwd)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("According to the FDD study")
    out = storybot("validate", cwd=cwd)
    assert out.returncode == 0 and out.stdout.startswith(f"OK {KNOWLEDGE}: ")


def test_a_missing_config_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    out = storybot("ask", "hello", config=tmp_path / "nowhere.yaml")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"storybot: cannot read config file {tmp_path / 'nowhere.yaml'}: No such file or "
        "directory; point at another with --config PATH or STORYBOT_CONFIG=PATH"]


# --- unreadable knowledge files ------------------------------------------------------------
def knowledge_copy(folder: Path) -> Path:
    target = folder / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.mark.parametrize(("make", "message"), [
    (lambda k: (k / "extra.yaml").symlink_to("missing.yaml"),
     "extra.yaml:1: cannot read file: it is a symbolic link to 'missing.yaml', which does not "
     "exist"),
    (lambda k: (k / "old.yaml").mkdir(),
     "old.yaml:1: not a regular file (a directory); remove it or rename it without .yaml"),
    (lambda k: (k / "null.yaml").symlink_to("/dev/null"),
     "null.yaml:1: not a regular file (a device, pipe or socket); remove it or rename it "
     "without .yaml"),
])
def test_an_unreadable_knowledge_file_is_a_located_error(tmp_path: Path, make: object,
                                                         message: str) -> None:
    kdir = knowledge_copy(tmp_path)
    make(kdir)  # type: ignore[operator]
    out = storybot("validate", str(kdir))
    assert out.returncode == 1
    assert out.stdout.splitlines() == [f"{kdir}/{message}"]
    config = write_config(tmp_path, f"knowledge_path: {kdir}\n")
    out = storybot("ask", "Who owns PeruRail?", config=config)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"{kdir}/{message}" in out.stderr


def test_a_knowledge_file_without_read_permission_is_a_located_error(open_dir: Path) -> None:
    kdir = knowledge_copy(open_dir)
    (kdir / "synonyms.yaml").chmod(0o000)
    out = storybot("validate", str(kdir), user=True)
    assert out.returncode == 1, out.stderr
    assert out.stdout.splitlines() == [f"{kdir}/synonyms.yaml:1: cannot read file: Permission "
                                       "denied"]
    assert "Traceback" not in out.stderr


# --- teaching from several processes -------------------------------------------------------
def test_teaching_from_four_processes_at_once_keeps_every_question(tmp_path: Path) -> None:
    kdir = knowledge_copy(tmp_path)
    config = write_config(tmp_path, f"knowledge_path: {kdir}\n")
    env = {**ENV, "STORYBOT_CONFIG": str(config)}
    script = ("import subprocess, sys\n"
              "for n in range(4):\n"
              "    q = f'Who runs Lima city hall, asks person {sys.argv[1]}-{n}?'\n"
              "    r = subprocess.run([sys.executable, '-m', 'bot', 'teach', 'lima-mayor', q],"
              " capture_output=True, text=True)\n"
              "    print(r.returncode, r.stderr.replace(chr(10), ' '), flush=True)\n")
    workers = [subprocess.Popen([sys.executable, "-c", script, str(w)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, text=True) for w in range(4)]
    results = [w.communicate(timeout=120)[0] for w in workers]
    assert [line for r in results for line in r.splitlines()] == ["0 "] * 16
    taught = yaml.safe_load((kdir / "taught.yaml").read_text(encoding="utf-8"))["taught"]
    assert sorted(t["question"] for t in taught) == sorted(
        f"Who runs Lima city hall, asks person {w}-{n}?" for w in range(4) for n in range(4))
    assert sorted(p.name for p in kdir.iterdir() if not p.name.endswith(".yaml")) == [
        ".taught.yaml.lock", "README.md", "schema.json"]
    again = storybot("teach", "lima-mayor", "who runs lima city hall, asks person 2-3",
                     config=config)
    assert again.returncode == 1
    assert again.stdout.splitlines() == [
        f"{kdir / 'taught.yaml'}:0: “who runs lima city hall, asks person 2-3” is already "
        "taught, as an example of 'lima-mayor'; nothing changed",
        "not taught; " + again.stdout.splitlines()[1].removeprefix("not taught; ")]


# --- the journal for `storybot report` ------------------------------------------------------
def test_report_on_a_damaged_journal_is_one_line(tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    database.write_bytes(b"this is not a database" * 100)
    config = write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\ndatabase_path: {database}\n")
    out = storybot("report", config=config)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"storybot: the journal {database} is damaged (file is not a database); the bot keeps "
        "it as journal.sqlite3.corrupt-TIMESTAMP and starts a fresh one when it next starts"]
    assert database.read_bytes() == b"this is not a database" * 100  # report changes nothing


def test_report_counts_suggestions_taken(tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    config = write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\ndatabase_path: {database}\n")
    from bot.journal import Journal

    journal = Journal(database)
    journal.lookup("who owns perurail", "perurail-owner", "en", 1, "suggestion")
    assert journal.close()
    out = storybot("report", config=config)
    assert out.returncode == 0, out.stderr
    assert "1 suggestions taken or look-ups." in out.stdout.splitlines()[0]
    assert "     1× perurail-owner (suggestion)" in out.stdout
    assert sqlite3.connect(database).execute("SELECT COUNT(*) FROM lookups").fetchone() == (1,)


def test_report_reads_a_journal_in_a_read_only_folder(open_dir: Path) -> None:
    data = open_dir / "data"
    data.mkdir()
    from bot.journal import Journal

    journal = Journal(data / "journal.sqlite3")
    journal.feedback("Who owns PeruRail?", "perurail-owner", helpful=False, user_id=1)
    assert journal.close()
    data.chmod(0o555)
    config = write_config(open_dir, f"knowledge_path: {KNOWLEDGE}\n"
                                    f"database_path: {data / 'journal.sqlite3'}\n")
    out = storybot("report", config=config, user=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("0 questions recorded, 0 unanswered, 1 marked")
    assert "     1× perurail-owner — e.g. Who owns PeruRail?" in out.stdout
    assert out.stdout.splitlines()[-1] == (
        f"({data} is read-only for this user: the journal is shown as it is, old rows were not "
        "purged.)")


def test_an_unknown_moderator_permission_is_one_line(tmp_path: Path) -> None:
    config = write_config(tmp_path, f"knowledge_path: {KNOWLEDGE}\n"
                                    "moderator_permission: manage_everything\n")
    out = subprocess.run([sys.executable, "-m", "bot", "run"], text=True, capture_output=True,
                         cwd=tmp_path, env={**ENV, "DISCORD_TOKEN": "x.y.z"}, timeout=60)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"storybot: {config}: moderator_permission: 'manage_everything' is not a Discord "
        "permission; expected e.g. manage_guild, manage_messages, administrator"]
