"""The terminal line chart of `show`: reported values, the required path and the target level.

plotext is imported only inside `plot`, so no other command pays for it at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from shtracker.core.assess import Assessment
from shtracker.core.model import Series as SeriesKind
from shtracker.core.progress import Path, expected_value
from shtracker.render import formatting as fmt
from shtracker.render.kind_words import LEVEL_NAME
from shtracker.render.show_view import YearRow, derived, year_rows

#: Below this many columns the chart is unreadable: a plain table is printed instead.
MIN_WIDTH = 60
#: Widest and tallest chart drawn, in terminal cells.
MAX_WIDTH = 100
HEIGHT = 18
#: Required-path samples per year: enough for the compound curve to look like a curve.
STEPS = 4

REPORTED_MARKER = "●"
PATH_MARKER = "·"
TARGET_MARKER = "─"
#: Fine dots join the reported points without hiding them.
LINE_MARKER = "braille"


@dataclass(frozen=True, slots=True)
class Series:
    """The three lines of the chart, as numbers."""

    reported: tuple[tuple[int, float], ...]
    path: tuple[tuple[float, float], ...]
    target: float
    first_year: int
    last_year: int
    label: str = "reported"  # what the points are: the reports, an index, a running total
    target_label: str = ""
    column: str = "Reported"  # the plain table's heading for the points
    other_paths: tuple[tuple[tuple[float, float], ...], ...] = ()  # the other periods'


def assessed_label(a: Assessment) -> str:
    """Return what the chart's points are: the reports, or the index or total assessed."""
    b = a.baseline
    if a.indicator.series is SeriesKind.RATE and b is not None:
        return f"index, 100 = {b.year}"
    if a.indicator.series is SeriesKind.FLOW and b is not None:
        return f"running total since {b.year + 1}"
    return "reported"


def title(a: Assessment) -> str:
    """Return the chart's heading: what is drawn against what."""
    drawn = {SeriesKind.RATE: "Index", SeriesKind.FLOW: "Running total"}.get(
        a.indicator.series, "Reported"
    )
    against = "the target" if a.judged is not None or a.maintain else "the required path"
    return f"{drawn} against {against}"


def _path_points(p: Path | None) -> tuple[tuple[float, float], ...]:
    """Return the required path sampled `STEPS` times a year, baseline to target."""
    points: list[tuple[float, float]] = []
    if p is not None:
        for k in range((p.target_year - p.base_year) * STEPS + 1):
            x = p.base_year + k / STEPS
            y = expected_value(p, x)
            if y is not None:
                points.append((x, y))
    return tuple(points)


def series(
    a: Assessment, rows: list[YearRow] | None = None, others: Sequence[Assessment] = ()
) -> Series:
    """Return the chart's lines: the values assessed, required path from start to target,
    target; and the required path of each other period given in `others`.

    A rate series draws its chained index and a flow series its running total, since
    those are what is assessed; an every-year target has no path.
    """
    rows = year_rows(a) if rows is None else rows
    if a.indicator.series is SeriesKind.STOCK:
        reported = tuple((r.year, r.used.value) for r in rows if r.used is not None)
    else:
        reported = tuple((r.year, r.level) for r in rows if r.level is not None)
    other_paths = tuple(p for p in (_path_points(o.path) for o in others) if p)
    years = [r.year for r in rows] + [round(x) for p in other_paths for x, _ in p]
    t = a.indicator.target
    words = " every year" if t.each_year else ""
    return Series(
        reported,
        _path_points(a.path),
        t.value,
        min(years),
        max(years),
        assessed_label(a),
        f"target {fmt.number(t.value)}{words}",
        LEVEL_NAME.get(a.indicator.series, "Reported"),
        other_paths,
    )


def _limits(s: Series) -> tuple[float, float]:
    """Return y limits with a margin, so that no line sits on the frame."""
    values = [v for _, v in s.reported] + [v for _, v in s.path] + [s.target]
    values += [v for path in s.other_paths for _, v in path]
    low, high = min(values), max(values)
    margin = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    return low - margin, high + margin


def y_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Return round tick positions (steps of 1, 2, 2.5 or 5 times a power of ten) and labels."""
    rough = (high - low) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(k * power for k in (1, 2, 2.5, 5, 10) if k * power >= rough)
    first = math.ceil(low / step)
    positions = [k * step for k in range(first, math.floor(high / step) + 1)]
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    decimals += 1 if step / power == 2.5 and power <= 1 else 0  # 0.25, 2.5
    return positions, [f"{v:,.{decimals}f}" for v in positions]


def plot(s: Series, width: int, height: int = HEIGHT, color: bool = False) -> str:
    """Return the chart drawn in `width` x `height` cells; escape codes only when `color`."""
    import plotext  # type: ignore[import-untyped]  # no type information shipped

    figure = plotext.figure
    figure.clear()
    figure.plot_size(min(width, MAX_WIDTH), height)
    figure.theme("simple")  # the terminal's own colours for frame and canvas; lines coloured
    ends = [s.first_year, s.last_year]
    target = figure.signal(ends, [s.target, s.target], marker=TARGET_MARKER)
    figure.draw(target.label("target").lines())
    for path in (s.path, *s.other_paths):
        if path:
            xs, ys = zip(*path, strict=True)
            figure.draw(figure.signal(xs, ys, marker=PATH_MARKER).label("required path").lines())
    if s.reported:
        xs, ys = zip(*s.reported, strict=True)
        figure.draw(figure.signal(xs, ys, marker=LINE_MARKER).lines())
        figure.draw(figure.signal(xs, ys, marker=REPORTED_MARKER))
    figure.legend(active=False)  # it would hide points: `legend` is printed below instead
    low, high = _limits(s)
    figure.ruler("y").lim(low, high)
    figure.ruler("y").ticks(*y_ticks(low, high))
    years = list(range(s.first_year, s.last_year + 1))
    figure.ruler("x").lim(s.first_year - 0.25, s.last_year + 0.25)
    figure.ruler("x").ticks(years, [str(y) for y in years])
    text: str = figure.build().string(colorless=not color)
    figure.clear()
    return text.rstrip("\n")


def legend(s: Series) -> list[tuple[str, str]]:
    """Return the key to the chart's markers, each with the colour the "simple" theme gives it.

    The theme colours signals in the order drawn: target, path, reported line, reported points.
    """
    paths = "required paths (every period)" if s.other_paths else "required path"
    path = [(f"{PATH_MARKER} {paths}", "bright_green")] if s.path or s.other_paths else []
    return [
        (f"{REPORTED_MARKER} {s.label}", "bright_cyan"),
        *path,
        (f"{TARGET_MARKER} {s.target_label}", "bright_blue"),
    ]


def plain(
    s: Series,
    rows: list[YearRow],
    decimals: int,
    periods: Sequence[tuple[str, Assessment]] = (),
) -> str:
    """Return the chart's numbers as a plain text table: year, value assessed, required path.

    With `periods` (a label and an assessment each), one required-path column per period.
    A target without a required path (maintain, every year) leaves its column out.
    """
    assessed = dict(s.reported)
    exact = s.column == "Reported"  # reports as written; a chain's levels are computed

    def shown(year: int) -> str:
        value = assessed.get(year)
        return "-" if value is None else fmt.number(value) if exact else derived(value, decimals)

    if not periods:
        lines = [f"{'Year':<6}{s.column:>14}" + (f"{'Required path':>16}" if s.path else "")]
        for row in rows:
            path = f"{derived(row.expected_value, decimals):>16}" if s.path else ""
            lines.append(f"{row.year:<6}{shown(row.year):>14}{path}")
        lines.append(f"Target: {fmt.number(s.target)}")
        return "\n".join(lines)
    lines = [f"{'Year':<6}{s.column:>10}" + "".join(f"{label:>16}" for label, _ in periods)]
    for row in rows:
        cells = [derived(_on_path(a.path, row.year), decimals) for _, a in periods]
        lines.append(f"{row.year:<6}{shown(row.year):>10}" + "".join(f"{c:>16}" for c in cells))
    return "\n".join(lines)


def _on_path(p: Path | None, year: int) -> float | None:
    """Return the required path's value in a year inside its span, else None."""
    if p is None or not p.base_year <= year <= p.target_year:
        return None
    return expected_value(p, year)
