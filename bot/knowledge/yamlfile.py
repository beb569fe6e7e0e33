"""Read one YAML file into plain data plus the line of every key and list item.

Only plain safe YAML is accepted: no anchors or aliases (they are how "billion laughs" bombs are
built, and a knowledge file never needs them), bounded nesting, bounded size. The event stream is
checked first because PyYAML's parser is iterative, while its composer recurses and would blow the
stack on deeply nested input.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# A hand-written knowledge file is tens of KiB; the one generated file, the memory of questions
# asked before, is 2.2 MB at 33,000 lines (session 24): room for it to grow, not for a mistake
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 20  # the schema nests 5 deep; anything far deeper is a mistake or an attack
MAX_NODES = 500_000  # scalars + collections in one file

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]

_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class YamlError(Exception):
    """A problem with one file, located at a line (1-based)."""

    line: int
    message: str


@dataclass
class LoadedYaml:
    """The data of one file and where each piece of it stands."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(path: Path) -> str:
    """Read a knowledge file as UTF-8, refusing huge or non-UTF-8 files with a located error."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise YamlError(1, f"cannot read file: it is a symbolic link to "
                               f"'{os.readlink(path)}', which does not exist") from exc
        raise YamlError(1, "cannot read file: it no longer exists") from exc
    except OSError as exc:
        raise YamlError(1, f"cannot read file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise YamlError(1, f"not a regular file ({kind}); remove it or rename it without "
                           ".yaml")
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise YamlError(1, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(1, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from exc


def _check_events(text: str) -> None:
    depth = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            count += 1
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(line, "YAML anchors and aliases (&, *) are not allowed")
            tag = getattr(event, "tag", None)  # the parser sets a tag only when one is written
            if tag:
                raise YamlError(line, f"YAML tags ({tag}) are not allowed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if count > MAX_NODES:
                raise YamlError(line, f"more than {MAX_NODES} YAML nodes")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"YAML syntax error: {exc.problem or exc.context}") from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(line, f"character U+{code:04X} is not allowed in YAML") from exc


def _to_data(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        # The safe constructor types scalars (ints, bools, nulls, dates) the usual YAML way.
        try:
            return _SCALARS.construct_object(node)
        except (ValueError, OverflowError) as exc:  # e.g. a date like 0000-00-00
            raise YamlError(node.start_mark.line + 1,
                            f"invalid value {node.value!r}: {exc}") from exc
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, child in enumerate(node.value):
            lines[(*path, i)] = child.start_mark.line + 1
            items.append(_to_data(child, (*path, i), lines))
        return items
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(line, "a mapping key must be a plain word")
            key = str(key_node.value)
            if key in result:
                raise YamlError(line, f"key '{key}' appears twice in the same mapping")
            lines[(*path, key)] = line
            result[key] = _to_data(value_node, (*path, key), lines)
        return result
    raise YamlError(node.start_mark.line + 1, f"unsupported YAML node {type(node).__name__}")


def load_yaml(text: str) -> LoadedYaml:
    """Parse `text` as one safe YAML document, or raise YamlError with its line."""
    _check_events(text)
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:  # e.g. several documents in one file
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(mark.line + 1 if mark else 1, f"YAML error: {exc.problem}") from exc
    loaded = LoadedYaml(data=None, lines={(): 1})
    if node is None:
        return loaded
    try:
        loaded.data = _to_data(node, (), loaded.lines)
    except yaml.constructor.ConstructorError as exc:  # e.g. an invalid timestamp
        mark = exc.problem_mark
        raise YamlError(mark.line + 1 if mark else 1, f"YAML error: {exc.problem}") from exc
    finally:
        _SCALARS.constructed_objects = {}
    return loaded
