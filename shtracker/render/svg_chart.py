"""The chart of one indicator as inline SVG, and its key.

It draws the value used for each year (its marker says its quality: final, preliminary,
estimate; part-year figures apart, never joined), the required path from the baseline to
the target, and the target as a line, or for an "about" target the band of its tolerance.
Every chart has a `<title>` and a `<desc>` that gives its numbers (chart_words, which also
writes its visually hidden data table).

No plotting library: a handful of shapes built with html_text, which escapes every string.
The numbers come from core (the required path, via chart.series) and formatting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from shtracker.core.assess import Assessment
from shtracker.core.model import Quality
from shtracker.render import formatting as fmt
from shtracker.render.chart import Series, series, y_ticks
from shtracker.render.chart_words import (
    description,
    has_path,
    report_words,
    reports_shown,
    tolerance_band,
)
from shtracker.render.html_text import Html, element, join
from shtracker.render.show_view import YearRow

WIDTH = 480
HEIGHT = 210
TOP, RIGHT, BOTTOM = 12, 12, 26
#: The advance of a digit and of a bold label's character at the largest font the style sheet
#: gives chart text (16 units on a phone), to leave room for labels.
CHAR_WIDTH = 9.5
LABEL_CHAR_WIDTH = 10.0
#: Distance from every point drawn at which the target's label is clear of them.
CLEAR = 12.0
#: Room beside the first and last year, in years, so that markers clear the frame.
X_PAD = 0.4

#: The marker of each quality: a shape, so that they differ without colour.
SYMBOL = {
    Quality.FINAL: "q-final",
    Quality.PRELIMINARY: "q-preliminary",
    Quality.ESTIMATE: "q-estimate",
    Quality.PARTIAL: "q-partial",
}
TARGET_SYMBOL = "q-target"
SHAPES = {
    "q-final": '<circle r="4.5" fill="currentColor" stroke="currentColor" stroke-width="1.5"/>',
    "q-preliminary": '<rect x="-4" y="-4" width="8" height="8" stroke="currentColor" '
    'stroke-width="2"/>',
    "q-estimate": '<circle r="4" stroke="currentColor" stroke-width="2"/>',
    "q-partial": '<path d="M-4-4L4 4M-4 4L4-4" stroke="currentColor" stroke-width="2"/>',
    TARGET_SYMBOL: '<path d="M0-6L6 0 0 6-6 0Z" stroke="currentColor" stroke-width="1.5"/>',
    # The key's samples of the lines.
    "k-path": '<path d="M-7 0H7" stroke="currentColor" stroke-width="2" stroke-dasharray="2 2"/>',
    "k-target": '<path d="M-7 0H7" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>',
    "k-band": '<rect x="-7" y="-4" width="14" height="8" fill="currentColor" opacity=".3"/>'
    '<path d="M-7 0H7" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>',
}
QUALITY_KEY = {
    Quality.FINAL: "final",
    Quality.PRELIMINARY: "preliminary",
    Quality.ESTIMATE: "estimate",
    Quality.PARTIAL: "part-year (not used)",
}


@dataclass(frozen=True, slots=True)
class TargetMark:
    """Another target of the indicator (another period's), marked at its year and value."""

    year: int
    value: float
    label: str


@dataclass(frozen=True, slots=True)
class Frame:
    """Where years and values land in the chart's coordinates."""

    first_year: int
    last_year: int
    low: float
    high: float
    left: float

    def x(self, year: float) -> float:
        """Return the horizontal position of a year."""
        span = self.last_year - self.first_year + 2 * X_PAD
        return self.left + (year - self.first_year + X_PAD) / span * (WIDTH - RIGHT - self.left)

    def y(self, value: float) -> float:
        """Return the vertical position of a value."""
        return TOP + (self.high - value) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)


def symbols() -> Html:
    """Return the markers every chart and key uses, defined once for the page."""
    shapes = "".join(f'<g id="{name}">{shape}</g>' for name, shape in SHAPES.items())
    return Html(
        '<svg class="sprite" width="0" height="0" aria-hidden="true" focusable="false">'
        f"<defs>{shapes}</defs></svg>"
    )


def _c(value: float) -> Html:
    """Return a coordinate with one decimal at most: enough at any screen size, and short.

    Digits, a point and a sign only: markup as it is, with nothing to escape.
    """
    return Html(f"{value:.1f}".rstrip("0").rstrip("."))


def frame(a: Assessment, s: Series, rows: Sequence[YearRow], marks: Sequence[TargetMark]) -> Frame:
    """Return the frame that holds every value drawn, with a margin and room for the labels."""
    values = [r.value for row in rows for r in reports_shown(row)] + [v for _, v in s.path]
    values += [s.target, *(m.value for m in marks), *(tolerance_band(a) or ())]
    low, high = min(values), max(values)
    margin = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    low, high = low - margin, high + margin
    first = min([s.first_year, *(m.year for m in marks)])
    last = max([s.last_year, *(m.year for m in marks)])
    labels = y_ticks(low, high)[1]
    left = max(len(label) for label in labels) * CHAR_WIDTH + 12
    return Frame(first, last, low, high, left)


def _grid(f: Frame) -> list[str]:
    """Return the horizontal grid lines with their value labels, and the year labels."""
    out = []
    for value, label in zip(*y_ticks(f.low, f.high), strict=True):
        y = _c(f.y(value))
        out.append(f'<path class="grid" d="M{_c(f.left)} {y}H{WIDTH - RIGHT}"/>')
        out.append(element("text", {"class": "tick", "x": _c(f.left - 6), "y": y}, label))
    years = range(f.first_year, f.last_year + 1)
    step = 1 if len(years) <= 8 else 2 if len(years) <= 16 else 5
    for year in years[::step]:
        out.append(
            element("text", {"class": "year", "x": _c(f.x(year)), "y": HEIGHT - 7}, str(year))
        )
    return out


def _label_spot(
    f: Frame, y: float, width: float, points: Sequence[tuple[float, float]]
) -> dict[str, str]:
    """Return where the target's label goes: the first of left or right, above or below the
    line, that keeps clear of the points drawn, else the one furthest from them."""
    below = y + 17 if y + 17 < HEIGHT - BOTTOM else y - 7
    above = y - 7 if y - 7 > TOP + 14 else below
    spots = [(f.left + 6, above, "start"), (WIDTH - RIGHT - 4, above, "end")]
    spots += [(f.left + 6, below, "start"), (WIDTH - RIGHT - 4, below, "end")]
    near = [(px, py) for px, py in points if abs(py - y) < 2 * CLEAR + 20]

    def clearance(spot: tuple[float, float, str]) -> float:
        x, base, anchor = spot
        left = x if anchor == "start" else x - width
        gaps = (
            max(left - px, px - left - width, 0) + max(base - 16 - py, py - base - 3, 0)
            for px, py in near
        )
        return min(CLEAR, min(gaps, default=CLEAR))

    x, base, anchor = max(spots, key=clearance)
    return {"x": _c(x), "y": _c(base), "text-anchor": anchor}


def _target(a: Assessment, f: Frame, points: Sequence[tuple[float, float]]) -> list[str]:
    """Return the target line, over its tolerance band when it has one, and its label."""
    t = a.indicator.target
    out = []
    band = tolerance_band(a)
    if band is not None:
        top, bottom = f.y(band[1]), f.y(band[0])
        out.append(
            f'<rect class="band" x="{_c(f.left)}" y="{_c(top)}" '
            f'width="{_c(WIDTH - RIGHT - f.left)}" height="{_c(max(bottom - top, 1))}"/>'
        )
    y = f.y(t.value)
    out.append(f'<path class="target" d="M{_c(f.left)} {_c(y)}H{WIDTH - RIGHT}"/>')
    label = fmt.target_value(t) + (f" ± {fmt.number(t.tolerance)}" if band else "")
    spot = _label_spot(f, y, len(label) * LABEL_CHAR_WIDTH, points)
    out.append(element("text", {"class": "target-label", **spot}, label))
    return out


@dataclass(frozen=True, slots=True)
class Point:
    """A marker: where it goes, its shape, and its words."""

    x: float
    y: float
    symbol: str
    words: str


def points(rows: Sequence[YearRow], f: Frame, marks: Sequence[TargetMark]) -> list[Point]:
    """Return a marker for each value used and each part-year figure, and other targets."""
    out = [
        Point(f.x(row.year), f.y(r.value), SYMBOL[r.quality], report_words(row.year, r))
        for row in rows
        for r in reports_shown(row)
    ]
    out += [
        Point(f.x(m.year), f.y(m.value), TARGET_SYMBOL, f"{m.label}: {fmt.number(m.value)}")
        for m in marks
    ]
    return out


def _lines(
    path: Sequence[tuple[float, float]], reported: Sequence[tuple[float, float]]
) -> list[str]:
    """Return the required path and the line joining the values used, both placed already."""
    out = []
    if path:
        joined = " ".join(f"{_c(x)},{_c(y)}" for x, y in path)
        out.append(f'<polyline class="path" points="{joined}"/>')
    if len(reported) > 1:
        joined = " ".join(f"{_c(x)},{_c(y)}" for x, y in reported)
        out.append(f'<polyline class="line" points="{joined}"/>')
    return out


def _along(line: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Return points every quarter of the way along each segment of a line."""
    return [
        (x0 + (x1 - x0) * k / 4, y0 + (y1 - y0) * k / 4)
        for (x0, y0), (x1, y1) in pairwise(line)
        for k in range(4)
    ]


def _marker(p: Point) -> Html:
    """Return one marker, with its words as a tooltip."""
    shape = element("use", {"href": f"#{p.symbol}", "x": _c(p.x), "y": _c(p.y)})
    return element("g", {"class": p.symbol}, shape, element("title", {}, p.words))


def chart_svg(
    a: Assessment, rows: Sequence[YearRow], key: str, marks: Sequence[TargetMark] = ()
) -> Html:
    """Return the chart; `key` makes its ids unique in the page."""
    s = series(a, list(rows))  # its path is core's: none where has_path says none
    f = frame(a, s, rows, marks)
    shown = points(rows, f, marks)
    path = [(f.x(x), f.y(y)) for x, y in s.path]  # already a point every quarter year
    reported = [(f.x(x), f.y(y)) for x, y in s.reported]
    drawn = [(p.x, p.y) for p in shown] + path + _along(reported)
    what = (
        "reported values, the required path and the target"
        if s.path
        else "reported values and the target"
    )
    title = f"{a.indicator.name}: {what}"
    body = [
        element("title", {"id": f"{key}-t"}, title),
        element("desc", {"id": f"{key}-d"}, description(a, rows, marks)),
        *_grid(f),
        *_target(a, f, drawn),
        *_lines(path, reported),
        *(_marker(p) for p in shown),
    ]
    attributes = {
        "class": "chart",
        "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "role": "img",
        "aria-labelledby": f"{key}-t",
        "aria-describedby": f"{key}-d",
    }
    return element("svg", attributes, join(Html(part) for part in body))


def key_item(symbol: str, words: str) -> Html:
    """Return one entry of a chart's key: the marker and what it means."""
    icon = element(
        "svg",
        {"class": f"icon {symbol}", "viewBox": "-7 -7 14 14", "aria-hidden": "true"},
        element("use", {"href": f"#{symbol}"}),
    )
    return element("li", {}, icon, f" {words}")


def chart_key(a: Assessment, rows: Sequence[YearRow], marks: Sequence[TargetMark]) -> Html:
    """Return the key to a chart: the markers of the qualities it shows, the path, the target."""
    shown = {r.quality for row in rows for r in reports_shown(row)}
    items = [key_item(SYMBOL[q], QUALITY_KEY[q]) for q in SYMBOL if q in shown]
    if has_path(a):
        items.append(key_item("k-path", "required path"))
    t = a.indicator.target
    if tolerance_band(a):
        items.append(key_item("k-band", f"target {fmt.target_value(t)}, within the band"))
    else:
        items.append(key_item("k-target", f"target {fmt.target_value(t)}"))
    if marks:
        items.append(key_item(TARGET_SYMBOL, "other periods' targets"))
    return element("ul", {"class": "key"}, *items)
