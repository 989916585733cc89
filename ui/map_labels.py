"""Where the place names go on the world map, so that they never pile up.

A scenario map spans continents (Casamance to Zhangjiagang), so places a few kilometres
apart — a port and its market, a depot and the border post beside it — fall on the same
few pixels. Writing every name there gives an unreadable smudge. Instead, working in the
map's own pixels (the Mercator projection at the chart's fixed scale):

1. places closer than a dot or two are grouped: one label, ``Port of Banjul +2``;
2. each label tries four spots around its dot (above, below, right, left) and takes the
   first that overlaps no label already placed and no other dot;
3. a label with no free spot joins the group of a placed label close by, if there is one;
   otherwise its dot stays unlabelled (its tooltip still names it).

Places on a movement are labelled first. Long names are shortened on the map; every full
name stays in the tooltips. Pure arithmetic, no Streamlit: the chart builder uses it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

FONT_SIZE = 10
MAX_CHARS = 28
MERGE_PX = 14.0  # dots closer than this share one label
JOIN_PX = 3 * MERGE_PX  # a crowded-out place may be counted in a label this close
DOT_RADIUS = 5.0
GAP = 7.0  # between a dot's centre and its label
Spots = dict[str, dict[str, float | str]]


def placements(gap: float) -> Spots:
    """Where a label may sit around a dot, ``gap`` px from its centre: Vega text mark
    properties, tried in this order."""
    return {
        "above": {"dx": 0, "dy": -gap, "align": "center", "baseline": "bottom"},
        "below": {"dx": 0, "dy": gap, "align": "center", "baseline": "top"},
        "right": {"dx": gap + 1, "dy": 0, "align": "left", "baseline": "middle"},
        "left": {"dx": -gap - 1, "dy": 0, "align": "right", "baseline": "middle"},
    }


PLACEMENTS = placements(GAP)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y downwards


@dataclass
class Label:
    """One label on the map: at the first place of its group, naming the rest by count."""

    lon: float
    lat: float
    names: list[str]
    placement: str = "above"
    box: Box = (0.0, 0.0, 0.0, 0.0)
    xy: tuple[float, float] = field(default=(0.0, 0.0), repr=False)

    @property
    def text(self) -> str:
        more = len(self.names) - 1
        return shorten(self.names[0]) + (f" +{more}" if more else "")


def shorten(name: str, limit: int = MAX_CHARS) -> str:
    """``name`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    if len(name) <= limit:
        return name
    cut = name[:limit]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–(") + "…"


def project(lon: float, lat: float, scale: float) -> tuple[float, float]:
    """Mercator pixels, as Vega draws them (up to a translation), y downwards."""
    lat = max(-85.0, min(85.0, lat))
    return (scale * math.radians(lon),
            -scale * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def text_box(x: float, y: float, text: str, placement: str, font_size: float = FONT_SIZE,
             spots: Spots = PLACEMENTS) -> Box:
    """The pixels a label of ``text`` covers when put at ``placement`` around (x, y)."""
    width = 0.6 * font_size * len(text)  # generous for a sans-serif face
    height = 1.2 * font_size
    spot = spots[placement]
    x += float(spot["dx"])
    y += float(spot["dy"])
    x0 = {"center": x - width / 2, "left": x, "right": x - width}[str(spot["align"])]
    y0 = {"bottom": y - height, "top": y, "middle": y - height / 2}[str(spot["baseline"])]
    return (x0, y0, x0 + width, y0 + height)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _dot_box(x: float, y: float) -> Box:
    return (x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS)


def place_labels(
    places: Iterable[tuple[str, float, float]], *, scale: float,
    first: Iterable[tuple[float, float]] = (),
) -> list[Label]:
    """Labels for ``places`` (name, lon, lat) on a map drawn at ``scale``.

    ``first`` holds (lon, lat) points to label before any other (movement ends). A place
    is named by one label at most (a crowded one by none: its dot's tooltip names it); no
    two labels overlap, and no two share a dot.
    """
    ranked = list(dict.fromkeys(places))  # the same place twice is one place
    wanted = {(round(lon, 6), round(lat, 6)) for lon, lat in first}
    ranked.sort(key=lambda p: (round(p[1], 6), round(p[2], 6)) not in wanted)  # stable
    groups: list[Label] = []
    for name, lon, lat in ranked:
        x, y = project(lon, lat, scale)
        near = [g for g in groups if math.dist(g.xy, (x, y)) < MERGE_PX]
        if near:
            min(near, key=lambda g: math.dist(g.xy, (x, y))).names.append(name)
        else:
            groups.append(Label(lon=lon, lat=lat, names=[name], xy=(x, y)))
    dots = [_dot_box(*g.xy) for g in groups]
    placed: list[Label] = []
    for group in groups:
        spot = _free_spot(group, placed, dots)
        if spot is None:  # crowded out: named by a label close by, or by its tooltip alone
            nearest = min(placed, key=lambda g: math.dist(g.xy, group.xy))
            if math.dist(nearest.xy, group.xy) < JOIN_PX:
                nearest.names.extend(group.names)
            continue
        group.placement, group.box = spot
        placed.append(group)
    return placed


def _free_spot(group: Label, placed: list[Label], dots: list[Box]) -> tuple[str, Box] | None:
    own = _dot_box(*group.xy)
    # room for a "+N" the label may gain later, so growing never makes it overlap
    sample = shorten(group.names[0]) + " +99"
    return first_free(group.xy, sample, [g.box for g in placed], [d for d in dots if d != own])


def first_free(xy: tuple[float, float], text: str, taken: list[Box], dots: list[Box],
               spots: Spots = PLACEMENTS, font_size: float = FONT_SIZE) -> tuple[str, Box] | None:
    """The first spot around ``xy`` where ``text`` overlaps no ``taken`` label — and no
    other dot of ``dots``, if any spot allows it (covering a dot beats no spot)."""
    for spare_dots in (True, False):
        for placement in spots:
            box = text_box(*xy, text, placement, font_size, spots)
            if any(overlaps(box, other) for other in taken):
                continue
            if spare_dots and any(overlaps(box, dot) for dot in dots):
                continue
            return placement, box
    return None


def spread(points: list[tuple[str, float, float]], spots: Spots = PLACEMENTS,
           font_size: float = FONT_SIZE, dot_radius: float = DOT_RADIUS) -> list[str]:
    """A spot for the label of each of ``points`` (text, x, y in pixels, y downwards), in
    order: the first free one, else the first of ``spots``. Unlike the map, every point
    keeps its label (a link chart must name every node); where none is free, it may
    overlap."""
    dots = [(x - dot_radius, y - dot_radius, x + dot_radius, y + dot_radius)
            for _, x, y in points]
    taken: list[Box] = []
    out = []
    for i, (text, x, y) in enumerate(points):
        others = dots[:i] + dots[i + 1:]
        first = next(iter(spots))
        placement, box = (first_free((x, y), text, taken, others, spots, font_size)
                          or (first, text_box(x, y, text, first, font_size, spots)))
        taken.append(box)
        out.append(placement)
    return out
