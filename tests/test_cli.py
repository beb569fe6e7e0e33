"""The CLI as a user runs it: real subprocesses, real knowledge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

ENV = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}


def storybot(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=cwd, env=ENV, timeout=60)


def test_ask_prints_answer_and_attribution() -> None:
    out = storybot("ask", "Who owns PeruRail?")
    assert out.returncode == 0
    assert out.stdout.splitlines() == [
        "According to the FDD study by Nate Picarsic and Emily de La Bruyère, PeruRail is López "
        "Aliaga's company.",
        "  — Reported by the FDD study by Nate Picarsic and Emily de La Bruyère"]


def test_ask_json_batch_survives_bad_lines_in_order() -> None:
    lines = ["Who owns PeruRail?", "", "@everyone " * 2000, "\u202eodd\u200b \x00 text",
             "¿Quién es Blinken?", "lol"]
    out = storybot("ask", "--json", stdin="\n".join(lines) + "\n")
    assert out.returncode == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["question"] for r in rows] == lines
    assert [(r["answered"], r["id"], r["lang"]) for r in rows] == [
        (True, "perurail-owner", "en"), (False, None, "en"), (False, None, "en"),
        (False, None, "en"), (True, "blinken", "es"), (False, None, "en")]
    assert rows[1]["suggestions"] and rows[5]["decision"] == "chat"


def test_ask_explain_and_lang_override() -> None:
    out = storybot("ask", "--lang", "es", "--explain", "chancay port cost")
    assert out.returncode == 0
    assert out.stdout.startswith("Según NBC News, China habría invertido")
    assert '"decision": "answer"' in out.stdout and '"coverage"' in out.stdout


def test_chat_answers_and_exits_on_eof() -> None:
    out = storybot("chat", stdin="who is Picarsic\n:lang es\nwho is Picarsic\n")
    assert out.returncode == 0
    assert "bot> Nate Picarsic co-wrote the FDD study" in out.stdout
    assert "bot> Nate Picarsic es coautor" in out.stdout


def test_chat_shows_a_suggestion_by_its_number() -> None:
    out = storybot("chat", stdin="is caltrain involved in the mine\n1\n")
    assert out.returncode == 0
    assert "did you mean “Caltrain”?" in out.stdout
    assert "(type 1–3 to see a suggestion)" in out.stdout
    assert "bot> Caltrain (written CalTrain in one place) is where the locomotives" in out.stdout


def test_no_command_and_no_token_starts_the_chat() -> None:
    out = storybot(stdin="")
    assert out.returncode == 0
    assert "No DISCORD_TOKEN set: starting the terminal chat." in out.stderr
    assert out.stdout.startswith("StoryBot — ")


def test_validate_reports_file_line_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("facts:\n  - id: x\n    title: 3\n", encoding="utf-8")
    out = storybot("validate", str(tmp_path / "facts.yaml"), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.splitlines()[0] == "facts.yaml:2: facts[x].answer: is missing"
    assert "facts.yaml:3: facts[x].title: must be a mapping of fields, not a number" in out.stdout


def test_validate_shipped_knowledge_passes() -> None:
    out = storybot("validate")
    assert out.returncode == 0 and out.stdout.startswith("OK ")


def test_eval_prints_figures(tmp_path: Path) -> None:
    cases = tmp_path / "q.yaml"
    cases.write_text("- {q: 'Who owns PeruRail?', expect: perurail-owner, category: a}\n"
                     "- {q: tell me a joke, expect: null, category: chat}\n", encoding="utf-8")
    out = storybot("eval", str(cases))
    assert out.returncode == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.stdout.splitlines()[1:]}
    assert rows["a"] == ["1", "100.0%", "100.0%", "-", "100.0%"]
    assert rows["chat"] == ["1", "-", "-", "100.0%", "-"]


def test_broken_knowledge_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "storybot.yaml").write_text("knowledge_path: nowhere\n")
    out = storybot("ask", "hello", cwd=tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "the knowledge base is invalid; run `storybot validate`" in out.stderr


def test_ask_json_survives_bytes_that_are_not_utf8() -> None:
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"],
                         input=b"\xff\xfe broken\nWho owns PeruRail?\n", capture_output=True,
                         cwd=ROOT, env=ENV, timeout=60)
    assert out.returncode == 0
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [(r["question"], r["answered"]) for r in rows] == [
        ("\ufffd\ufffd broken", False), ("Who owns PeruRail?", True)]


def test_eval_reports_a_bad_question_file_in_one_line(tmp_path: Path) -> None:
    cases = tmp_path / "q.yaml"
    cases.write_text("just: [a mapping\n", encoding="utf-8")
    out = storybot("eval", str(cases))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"storybot: cannot read {cases}: not valid YAML")


def test_ask_json_connection_and_timeline() -> None:
    out = storybot("ask", "--json", stdin="Is Blinken linked to PeruRail?\nWhat happened first?\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["kind"], r["answered"]) for r in rows] == [("connection", True),
                                                          ("timeline", True)]
    assert [(h["from"], h["relation"], h["to"], h["source"], h["status"])
            for h in rows[0]["hops"]] == [
        ("blinken", "spoke_at", "train-donation", "ceremony-remarks", "reported"),
        ("train-donation", "donated_to", "lima", "justo-medio", "reported"),
        ("lopez-aliaga", "mayor_of", "lima", "justo-medio", "reported"),
        ("lopez-aliaga", "owns", "perurail", "fdd-study", "reported")]
    assert [e["when"] for e in rows[1]["events"]][:2] == ["in 2024", "last November"]


def test_validate_warns_about_an_unsupported_link(tmp_path: Path) -> None:
    import shutil

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    entities = knowledge / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    anchor = "      - {relation: leader_of, target: china, source: story, status: reported}\n"
    assert anchor in text
    entities.write_text(text.replace(anchor, anchor + "      - {relation: visited, target: "
                                     "california, source: nbc-news, status: reported}\n"),
                        encoding="utf-8")
    out = storybot("validate", str(knowledge))
    assert out.returncode == 0
    warning, ok = out.stdout.splitlines()
    line = text[:text.index(anchor)].count("\n") + 2  # the added link's line
    assert warning == (
        f"warning: {entities}:{line}: entities[xi-jinping].links[1]: nothing from source "
        "'nbc-news' connects xi-jinping and california (no fact, quote or event of it is "
        "about both, and neither profile from it names the other)")
    assert ok.startswith("OK ") and ok.endswith(", 1 warning(s)")
