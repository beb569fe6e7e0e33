"""The story's network as a PNG: entities styled by type, links as labelled arrows.

Outside the engine on purpose: matplotlib and networkx cost about 0.4 s to import, so only
`storybot map` and the Discord /map command load this module, never `storybot ask`.
The picture is deterministic (fixed layout seed, node order and PNG metadata), so the same
knowledge gives byte-identical files, and it is cached per knowledge content hash.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.model import Entity, KnowledgeBase, Link

MAP_VERSION = "1"  # bump when the drawing changes, so cached pictures are redrawn
LAYOUT_SEED = 7  # layout seed: the same knowledge always gives the same picture
FOCUS_RADIUS = 2  # a focused map shows the entity and its neighbours this many links out
WIDTH, HEIGHT, DPI = 14.0, 10.0, 110  # 1540 x 1100 px; Discord previews it ~550 px wide,
NODE_FONT, EDGE_FONT = 19, 14  # so text is large for the picture (about 9 and 7 px there)
PLOT_BOTTOM, PLOT_TOP = 0.10, 0.89  # the network between these heights: legend below, title above
MARGIN = 1.0  # inches kept clear around the outermost nodes, for their labels
MIN_GAP = 2.2  # inches between node centres: labels of neighbours never overlap
NODE_SIZE = 1500  # points²

# Okabe-Ito colours (distinguishable with colour blindness) and a distinct marker per type.
NODE_STYLE: dict[str, tuple[str, str, str]] = {  # type -> (marker, fill, legend label)
    "person": ("o", "#E69F00", "person"),
    "organisation": ("s", "#56B4E9", "organisation"),
    "place": ("^", "#009E73", "place"),
    "document": ("D", "#CC79A7", "document"),
    "event": ("h", "#F0E442", "event"),
    "thing": ("p", "#BBBBBB", "thing"),
}
EDGE_STYLE: dict[str, tuple[Any, str, str]] = {  # status -> (line style, colour, legend label)
    "reported": ("solid", "#333333", "reported link"),
    "claim": ("dashed", "#D55E00", "claim (not an established fact)"),
    "unattributed": ("dotted", "#777777", "unattributed"),
}
STATUS_RANK = {"reported": 0, "claim": 1, "unattributed": 2}
_PARENS = re.compile(r"\(([^)]+)\)\s*$")


@dataclass(frozen=True)
class Edge:
    owner: str
    link: Link


def label(entity: Entity) -> str:
    """A short node label: '(FDD)' names win, 'the ' goes, long names wrap."""
    found = _PARENS.search(entity.name)
    name = found.group(1) if found else entity.name
    name = name[4:] if name.lower().startswith("the ") else name
    return "\n".join(textwrap.wrap(name, 14)) or entity.id


def edges(kb: KnowledgeBase) -> list[Edge]:
    """One edge per linked pair: the same tie stated from both ends is drawn once."""
    known = {e.id for e in kb.entities}
    best: dict[frozenset[str], Edge] = {}
    for entity in kb.entities:
        for link in entity.links:
            if link.target not in known or link.target == entity.id:
                continue
            key = frozenset((entity.id, link.target))
            if key not in best or STATUS_RANK[link.status] < STATUS_RANK[best[key].link.status]:
                best[key] = Edge(entity.id, link)
    return list(best.values())


def neighbourhood(kb: KnowledgeBase, focus: str, radius: int = FOCUS_RADIUS) -> set[str]:
    """`focus` and every entity within `radius` links of it, either direction."""
    around: dict[str, set[str]] = {}
    for edge in edges(kb):
        around.setdefault(edge.owner, set()).add(edge.link.target)
        around.setdefault(edge.link.target, set()).add(edge.owner)
    seen, frontier = {focus}, {focus}
    for _ in range(radius):
        frontier = {n for node in frontier for n in around.get(node, ())} - seen
        seen |= frontier
    return seen


def render_png(kb: KnowledgeBase, focus: str | None = None) -> bytes:
    """The map (or the neighbourhood of `focus`, an entity id) as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    entities = {e.id: e for e in kb.entities}
    keep = neighbourhood(kb, focus) if focus else set(entities)
    shown = [edge for edge in edges(kb) if {edge.owner, edge.link.target} <= keep]
    linked = {n for edge in shown for n in (edge.owner, edge.link.target)}
    nodes = sorted(n for n in keep if n in linked or n == focus)
    graph: Any = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(sorted((e.owner, e.link.target) for e in shown))
    plot_height = (PLOT_TOP - PLOT_BOTTOM) * HEIGHT
    pos = _layout(nx, graph.to_undirected(), (WIDTH - 2 * MARGIN, plot_height - 2 * MARGIN))

    fig = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    ax = fig.add_axes((0.0, PLOT_BOTTOM, 1.0, PLOT_TOP - PLOT_BOTTOM))
    ax.set_axis_off()
    ends = [(e.owner, e.link.target) for e in shown]
    texts = {n: label(entities[n]) for n in nodes}
    sides = _label_sides(nodes, pos, ends, texts, (WIDTH - 2 * MARGIN, plot_height - 2 * MARGIN))
    names = [_name_box(pos[n], sides[n], texts[n]) for n in nodes]
    for status, (style, colour, _) in EDGE_STYLE.items():
        pairs = [(e.owner, e.link.target) for e in shown if e.link.status == status]
        if pairs:
            nx.draw_networkx_edges(graph, pos, edgelist=pairs, ax=ax, style=style,
                                   edge_color=colour, width=3.0 if status == "claim" else 2.2,
                                   arrows=True, arrowstyle="-|>", arrowsize=24,
                                   node_size=NODE_SIZE,
                                   connectionstyle="arc3,rad=0.06")
    spots: dict[tuple[str, float], dict[tuple[str, str], str]] = {}
    for edge in shown:  # each relation where names cover the least of it
        text = edge.link.relation.replace("_", " ")
        along = _free_spot(pos[edge.owner], pos[edge.link.target], text, names)
        spots.setdefault((edge.link.status, along), {})[(edge.owner, edge.link.target)] = text
    for (status, along), labels in sorted(spots.items()):
        nx.draw_networkx_edge_labels(
            graph, pos, ax=ax, font_size=EDGE_FONT, font_color=EDGE_STYLE[status][1],
            label_pos=along, edge_labels=labels, connectionstyle="arc3,rad=0.06",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    for kind, (marker, colour, _) in NODE_STYLE.items():
        group = [n for n in nodes if entities[n].type == kind]
        if group:
            nx.draw_networkx_nodes(graph, pos, nodelist=group, ax=ax, node_shape=marker,
                                   node_color=colour, node_size=NODE_SIZE,
                                   edgecolors="#222222",
                                   linewidths=[4.5 if n == focus else 1.2 for n in group])
    for n in nodes:  # the name beside its marker, so the marker's shape and colour stay visible
        x, y = pos[n]
        dx, dy, ha, va = sides[n]
        ax.text(x + dx, y + dy, texts[n], fontsize=NODE_FONT, fontweight="bold",
                ha=ha, va=va, linespacing=1.0, zorder=5,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_xlim(-MARGIN, WIDTH - MARGIN)  # layout units are inches: nothing is squashed
    ax.set_ylim(-MARGIN, plot_height - MARGIN)

    title = (f"Around {entities[focus].name} ({FOCUS_RADIUS} links out)" if focus
             else "The story's network: who is linked to whom")
    fig.text(0.012, 0.965, title, fontsize=28, fontweight="bold", va="center")
    fig.text(0.012, 0.922, "Every link has a source in the knowledge base; arrows read "
             "subject → object.", fontsize=16, va="center", color="#444444")
    handles = [Line2D([], [], marker=marker, linestyle="none", markersize=18, color=colour,
                      markeredgecolor="#222222", label=name)
               for marker, colour, name in NODE_STYLE.values()
               if any(entities[n].type == name for n in nodes)]
    handles += [Line2D([], [], linestyle=style, color=colour, linewidth=3, label=name)
                for style, colour, name in EDGE_STYLE.values()]
    fig.legend(handles=handles, loc="lower center", fontsize=16, frameon=False,
               bbox_to_anchor=(0.5, 0.005), ncols=(len(handles) + 1) // 2, columnspacing=1.4)
    out = io.BytesIO()
    # No "Software" or date chunks: the same knowledge gives byte-identical files.
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


# Where a node's name may go: direction, then offset in inches and text alignment.
_SIDES = (((0.0, -1.0), (0.0, -0.32, "center", "top")),
          ((0.0, 1.0), (0.0, 0.32, "center", "bottom")),
          ((1.0, 0.0), (0.30, 0.0, "left", "center")),
          ((-1.0, 0.0), (-0.30, 0.0, "right", "center")))
Side = tuple[float, float, str, str]


def _label_sides(nodes: list[str], pos: dict[str, tuple[float, float]],
                 ends: list[tuple[str, str]], names: dict[str, str],
                 size: tuple[float, float]) -> dict[str, Side]:
    """For each node, a side of its marker for its name: one where the name hits no other
    marker, no name already placed and no picture edge; then hiding the fewest relations;
    then the side its links leave most free."""
    placed: dict[str, Side] = {}
    boxes: list[Box] = []
    for node in nodes:
        x, y = pos[node]
        directions = []
        for a, b in ends:
            if node in (a, b):
                ox, oy = pos[b if a == node else a]
                length = max(math.hypot(ox - x, oy - y), 1e-9)
                directions.append(((ox - x) / length, (oy - y) / length))
        ranked = []
        for i, ((sx, sy), side) in enumerate(_SIDES):
            gap = min((-(sx * ux + sy * uy) for ux, uy in directions), default=1.0)
            box = _name_box(pos[node], side, names[node])
            clash = any(_overlaps(box, other) for other in boxes) or any(
                _overlaps(box, (ox - 0.3, oy - 0.3, ox + 0.3, oy + 0.3))
                for other_node, (ox, oy) in pos.items() if other_node != node) or \
                box[0] < -MARGIN + 0.05 or box[2] > size[0] + MARGIN - 0.05
            # Links whose middle (where their relation is written) would run under the name.
            hidden = sum(any(box[0] < pos[a][0] + t * (pos[b][0] - pos[a][0]) < box[2]
                             and box[1] < pos[a][1] + t * (pos[b][1] - pos[a][1]) < box[3]
                             for t in (0.25, 0.35, 0.45, 0.55, 0.65, 0.75)) for a, b in ends)
            ranked.append((clash, hidden, -round(gap, 1), i, side, box))
        *_, side, box = min(ranked)
        placed[node] = side
        boxes.append(box)
    return placed


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in inches
_CHAR_WIDTH = 0.62  # average glyph width of DejaVu Sans Bold, in ems
_ALONG = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8)  # relation spots, from subject


def _name_box(at: tuple[float, float], side: tuple[float, float, str, str], text: str) -> Box:
    """Roughly where a node's name is drawn (centred, above or below the marker)."""
    lines = text.split("\n")
    width = max(len(line) for line in lines) * NODE_FONT * _CHAR_WIDTH / 72
    height = len(lines) * NODE_FONT * 1.15 / 72
    x, y = at[0] + side[0], at[1] + side[1]
    y0 = {"top": y - height, "bottom": y}.get(side[3], y - height / 2)
    x0 = {"left": x, "right": x - width}.get(side[2], x - width / 2)
    return (x0, y0, x0 + width, y0 + height)


def _free_spot(a: tuple[float, float], b: tuple[float, float], text: str,
               boxes: list[Box]) -> float:
    """How far along a → b its relation (drawn along the link) covers the least of any name."""
    length = max(math.hypot(b[0] - a[0], b[1] - a[1]), 1e-9)
    half = len(text) * EDGE_FONT * 0.55 / 72 / 2 / length  # half the label, as a fraction
    pad = EDGE_FONT / 72 / 2

    def covered(t: float) -> int:
        hits = 0
        for k in range(7):
            u = t - half + 2 * half * k / 6
            x, y = a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])
            hits += any(x0 - pad < x < x1 + pad and y0 - pad < y < y1 + pad
                        for x0, y0, x1, y1 in boxes)
        return hits

    return min(_ALONG, key=covered)  # the first (most central) of the least covered


def _layout(nx: Any, graph: Any, size: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """Node positions in inches: a seeded spring layout (few crossings), stretched to the
    picture, then pulled apart until every two nodes are MIN_GAP apart. Deterministic."""
    import numpy as np

    ids = sorted(graph.nodes)
    if len(ids) < 2:
        return {n: (size[0] / 2, size[1] / 2) for n in ids}
    start = nx.spring_layout(graph, seed=LAYOUT_SEED, k=1.0, iterations=500)
    points = np.array([start[n] for n in ids], dtype=float)
    scale = np.array(size)

    def fit(p: Any) -> Any:
        span = np.maximum(p.max(axis=0) - p.min(axis=0), 1e-9)
        return (p - p.min(axis=0)) / span * scale

    points = fit(points)
    for _ in range(300):
        delta = points[None, :, :] - points[:, None, :]  # delta[i, j] = p[j] - p[i]
        dist = np.hypot(delta[..., 0], delta[..., 1]) + np.eye(len(ids)) * 1e9
        close = dist < MIN_GAP
        if not close.any():
            break
        push = np.where(close, (MIN_GAP - dist) / 2 / np.maximum(dist, 1e-6), 0.0)
        points -= (push[..., None] * delta).sum(axis=1)
        points = fit(points)
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, points, strict=True)}


class MapCache:
    """Rendered maps on disk, keyed by knowledge content hash and focus: a reload redraws."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, kb: KnowledgeBase, focus: str | None) -> Path:
        key = hashlib.sha256(f"{MAP_VERSION}\0{kb.content_hash}\0{focus or ''}".encode())
        return self.directory / f"map-{key.hexdigest()[:16]}.png"

    def get(self, kb: KnowledgeBase, focus: str | None = None) -> bytes:
        """The PNG for this knowledge and focus, drawn only if not cached yet."""
        path = self.path_for(kb, focus)
        try:
            return path.read_bytes()
        except OSError:
            pass
        png = render_png(kb, focus)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(png)
            os.replace(partial, path)  # atomic: a reader never sees half a picture
        except OSError:
            pass  # a read-only disk costs a redraw next time, nothing more
        return png
