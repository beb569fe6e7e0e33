"""The map picture: a valid, deterministic PNG of the shipped knowledge, cached per content hash."""

from __future__ import annotations

import struct
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot import mapview
from bot.knowledge import KnowledgeBase
from tests.conftest import ROOT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(png: bytes) -> list[tuple[str, bytes]]:
    assert png[:8] == PNG_SIGNATURE
    found, i = [], 8
    while i < len(png):
        (length,) = struct.unpack(">I", png[i:i + 4])
        found.append((png[i + 4:i + 8].decode("ascii"), png[i + 8:i + 8 + length]))
        i += 12 + length
    return found


@pytest.fixture(scope="module")
def whole(kb: KnowledgeBase) -> bytes:
    return mapview.render_png(kb)


@pytest.fixture(scope="module")
def focused(kb: KnowledgeBase) -> bytes:
    return mapview.render_png(kb, "lopez-aliaga")


def test_whole_map_is_a_png_of_the_expected_size(whole: bytes) -> None:
    found = chunks(whole)
    assert found[0][0] == "IHDR" and found[-1][0] == "IEND"
    width, height = struct.unpack(">II", found[0][1][:8])
    assert (width, height) == (1540, 1100)
    assert 60_000 < len(whole) < 600_000  # a real picture, small enough for Discord's preview
    # No timestamp or software chunks: they would make equal pictures differ.
    assert {name for name, _ in found} == {"IHDR", "pHYs", "IDAT", "IEND"}


def test_maps_are_deterministic(kb: KnowledgeBase, whole: bytes, focused: bytes) -> None:
    assert mapview.render_png(kb) == whole
    assert mapview.render_png(kb, "lopez-aliaga") == focused


def test_focused_map_is_a_smaller_different_picture(whole: bytes, focused: bytes) -> None:
    assert focused != whole and 40_000 < len(focused) < len(whole)


def test_focus_reaches_two_links_out(kb: KnowledgeBase) -> None:
    assert mapview.neighbourhood(kb, "perurail") == {
        "perurail", "lopez-aliaga", "las-bambas",  # one link
        "lima", "california", "china", "china-minmetals"}  # two links


def test_a_tie_stated_from_both_ends_is_drawn_once(kb: KnowledgeBase) -> None:
    pairs = [frozenset((e.owner, e.link.target)) for e in mapview.edges(kb)]
    assert len(pairs) == len(set(pairs)) == 22
    owns = [e for e in mapview.edges(kb) if {e.owner, e.link.target} == {"lopez-aliaga",
                                                                          "perurail"}]
    assert [(e.owner, e.link.relation) for e in owns] == [("lopez-aliaga", "owns")]


def test_labels_are_short(kb: KnowledgeBase) -> None:
    assert mapview.label(kb.entries["fdd"]) == "FDD"  # type: ignore[arg-type]
    assert mapview.label(kb.entries["train-donation"]) == "train donation"  # type: ignore[arg-type]
    assert mapview.label(kb.entries["lopez-aliaga"]) == "Rafael López\nAliaga"  # type: ignore[arg-type]


def test_cache_is_per_content_hash(kb: KnowledgeBase, tmp_path: Path, whole: bytes,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cache = mapview.MapCache(tmp_path / "maps")
    monkeypatch.setattr(mapview, "render_png", lambda kb, focus=None: b"drawn:" +
                        kb.content_hash.encode() + (focus or "").encode())
    assert cache.get(kb) == b"drawn:" + kb.content_hash.encode()
    monkeypatch.setattr(mapview, "render_png", lambda kb, focus=None: pytest.fail("redrawn"))
    assert cache.get(kb) == b"drawn:" + kb.content_hash.encode()  # from disk
    reloaded = replace(kb, content_hash="0123456789ab")
    assert cache.path_for(reloaded, None) != cache.path_for(kb, None)
    assert cache.path_for(kb, "china") != cache.path_for(kb, None)


def test_cli_map_writes_the_same_picture(tmp_path: Path, whole: bytes) -> None:
    config = tmp_path / "config" / "storybot.yaml"
    config.parent.mkdir()
    config.write_text(f"knowledge_path: {ROOT / 'knowledge'}\ndatabase_path: "
                      f"{tmp_path / 'data' / 'db.sqlite3'}\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "map", "-o",
                          str(tmp_path / "map.png")], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"wrote {tmp_path / 'map.png'} (")
    assert (tmp_path / "map.png").read_bytes() == whole  # another process, the same bytes
    assert list((tmp_path / "data" / "maps").glob("map-*.png"))


def test_ask_does_not_import_the_plotting_libraries() -> None:
    code = ("import sys, bot.cli\nbot.cli.main(['ask', 'How is López Aliaga connected to "
            "China?'])\nprint(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'matplotlib', 'networkx', 'numpy', 'PIL'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"
