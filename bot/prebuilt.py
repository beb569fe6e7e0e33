"""The knowledge, loaded and indexed, kept between runs.

Reading the YAML, validating it and indexing it takes about a quarter of a second, half of what a
one-off `storybot ask` may spend; reading back what was built takes under 10 ms. What was built
is kept in the user's cache folder under a key made of the knowledge files' names and bytes and
of the package's code: an edit of either builds anew (and so validates anew). A cache that cannot
be read or written is rebuilt or skipped; it is never needed.

It is a pickle (the index is made of the knowledge's own classes, which marshal cannot keep),
read only from the user's own cache folder, as their other caches are.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import logging
import pickle
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot import vocabulary
from bot.engine.index import Index, build_index
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import KnowledgeError, knowledge_files

log = logging.getLogger(__name__)

_FORMAT = 1  # bump when what is kept changes shape
KEPT_VERSIONS = 4  # each edit of the knowledge keeps a new one; older ones go
NAME = "built"


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


# The index's read-only maps: pickled as the dicts they wrap
copyreg.pickle(MappingProxyType, lambda proxy: (_proxy, (dict(proxy),)))


def stamp(root: Path) -> str | None:
    """The key of what is built from the knowledge under `root` with this code, or None when
    its files cannot all be read (loading them will say which and why)."""
    try:  # (the working folder too: the knowledge names its files relative to it)
        digest = hashlib.sha256(
            f"{_FORMAT}|{sys.version}|{Path.cwd()}|{vocabulary.code_stamp()}".encode())
        for path in knowledge_files(root):
            digest.update(f"{path.resolve()}\0".encode() + path.read_bytes() + b"\0")
    except (KnowledgeError, OSError):
        return None
    return digest.hexdigest()[:24]


def load_indexed(root: Path) -> tuple[KnowledgeBase, Index]:
    """The knowledge under `root` and its index: read back when built before from the same
    files and code, else loaded, validated (KnowledgeError) and indexed, then kept."""
    key = stamp(root)
    kept = vocabulary.cache_folder() / f"{NAME}-{key}.pickle"
    if key is not None:
        found = _read(kept)
        if found is not None:
            kb = replace(found[0], loaded_at=datetime.now(UTC))
            log.info("loaded knowledge from %s (built before): %s", root, kb.summary())
            return kb, found[1]
    kb = load_knowledge(root)
    index = build_index(kb)
    # (kept only if the files did not change while they were read: else the key is not theirs)
    if key is not None and stamp(root) == key:
        _write(kept, (kb, index))
    return kb, index


def _read(path: Path) -> tuple[KnowledgeBase, Index] | None:
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError,
                             ImportError, TypeError, ValueError, IndexError):
        data = pickle.loads(path.read_bytes())
        if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], KnowledgeBase) \
                and isinstance(data[1], Index):
            return data[0], data[1]
    return None


def _write(path: Path, data: tuple[KnowledgeBase, Index]) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        # (streamed: no second copy of it in memory)
        vocabulary.write_kept(path, lambda out: pickle.dump(
            data, out, protocol=pickle.HIGHEST_PROTOCOL), KEPT_VERSIONS)
