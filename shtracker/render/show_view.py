"""The story behind one number, as plain data: every year's reports, the path, the measures.

`show` draws this for people (render.show_page) or prints it as JSON
(render.documents); no Rich here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shtracker.core.assess import Assessment
from shtracker.core.model import Report, Series
from shtracker.core.progress import Measures, Method, Path, expected_value
from shtracker.core.selection import YearReports
from shtracker.render import formatting as fmt
from shtracker.render.kind_words import chain_sentence, each_year_sentences


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of the story: its reports, the required path's value and the gap to it."""

    year: int
    used: Report | None
    superseded: tuple[Report, ...]
    partial: tuple[Report, ...]
    conflicts: tuple[tuple[Report, Report], ...]
    expected_value: float | None
    gap: float | None
    baseline: bool
    level: float | None = None  # the value assessed: the index or running total of a chain
    met: bool | None = None  # whether an every-year target's year met it

    @property
    def conflicting(self) -> tuple[Report, ...]:
        """Return every report of the year that is part of a conflict."""
        return tuple(dict.fromkeys(r for pair in self.conflicts for r in pair))


def _span(a: Assessment, also: Sequence[int] = ()) -> range:
    """Return the years to show: baseline (or first report) to target year or last report,
    stretched to cover the years `also` names (other periods' baselines and targets).
    """
    years = [y.year for y in a.years] + list(also)
    if a.baseline is not None:
        years.append(a.baseline.year)
    if not years:
        return range(a.indicator.target.year, a.indicator.target.year + 1)
    return range(min(years), max(*years, a.indicator.target.year) + 1)


def _baseline_report(a: Assessment) -> Report | None:
    """Return the declared baseline as a report, to stand for a baseline year with none."""
    i = a.indicator
    return i.baseline if a.baseline is not None and not a.baseline_from_actuals else None


def year_rows(a: Assessment, also: Sequence[int] = ()) -> list[YearRow]:
    """Return one row per year from the baseline (or first report) to the last year of interest
    (or the years `also` names, when they reach further).
    """
    by_year = {y.year: y for y in a.years}
    levels = {p.year: p.value for p in a.levels}
    met = {j.year: j.met for j in a.judged or ()}
    chained = a.indicator.series is not Series.STOCK
    base_year = a.baseline.year if a.baseline is not None else None
    rows = []
    for year in _span(a, also):
        reports = by_year.get(year, YearReports(year, None, (), (), ()))
        used = reports.used
        if used is None and year == base_year and not chained:
            used = _baseline_report(a)
        expected = None
        if a.path is not None and a.path.base_year <= year <= a.path.target_year:
            expected = expected_value(a.path, year)
        compared = levels.get(year) if chained else (used.value if used else None)
        gap = None if compared is None or expected is None else compared - expected
        rows.append(
            YearRow(
                year,
                used,
                reports.superseded,
                reports.partial,
                reports.conflicts,
                expected,
                gap,
                year == base_year,
                levels.get(year),
                met.get(year),
            )
        )
    return rows


def growth(value: float | None) -> str:
    """Return a compound rate (a fraction) as a percentage, with 2 decimals below 10%."""
    if value is None:
        return "-"
    pct = value * 100
    return fmt.percent(pct, 2 if abs(pct) < 10 else 1)


def places(a: Assessment) -> int:
    """Return the decimals for computed values: as many as the figures are written with (up
    to 4), and at least 1 for figures below 100 or 2 below 1, so that 2.5 does not read as 2.
    """
    i = a.indicator
    if i.series is Series.RATE:
        return 2  # an index: 118.15
    # A growth target's level is computed, not written: its decimals say nothing.
    values = [r.value for r in i.actuals] + ([i.target.value] if i.target.growth is None else [])
    if i.baseline is not None:
        values.append(i.baseline.value)
    written = [repr(float(v)).partition(".")[2] for v in values]
    decimals = max((0 if d == "0" else len(d) for d in written if "e" not in d), default=0)
    largest = max(abs(v) for v in values)
    return min(4, max(decimals, 2 if largest < 1 else 1 if largest < 100 else 0))


def derived(value: float | None, decimals: int) -> str:
    """Return a computed value to `decimals` places; '0' when it rounds to nothing."""
    if value is None:
        return "-"
    text = f"{value:,.{decimals}f}"
    return "0" if text.lstrip("-").strip("0.,") == "" else text


def _rate(a: Assessment, value: float) -> str:
    """Return a growth rate as people read it: '10.1% a year' or '+0.05 % of GDP a year'."""
    m = a.measures
    if m is not None and m.method is Method.LINEAR:
        return f"{'+' if value >= 0 else ''}{fmt.number(value)} {a.indicator.unit} a year"
    return f"{growth(value)} a year"


def _relation(value: float, target: float) -> str:
    """Return where a value lies against the target: 'above', 'below' or 'at'."""
    return "above" if value > target else "below" if value < target else "at"


def _maintain_sentences(a: Assessment, m: Measures, p: Path) -> list[str]:
    """Say why a maintain target has no progress or path, and whether it still holds."""
    t = a.indicator.target
    words = fmt.target_text(t, series=a.indicator.series)
    out = [
        f"The baseline {fmt.number(p.base_value)} ({p.base_year}) already meets {words}: "
        "a target to maintain, with no distance to cover and no required path, so no "
        "progress, pace or years ahead."
    ]
    if p.year <= p.base_year:
        out.append("Only the baseline is known: a later figure will show whether it holds.")
    else:
        holds = t.is_met_by(p.value, a.indicator.direction)
        out.append(
            f"{fmt.number(p.value)} in {p.year} {'still meets' if holds else 'no longer meets'} "
            f"{words}."
        )
    if m.attainment_pct is not None:
        share = "target / latest" if a.indicator.direction.sign < 0 else "of the target"
        out.append(f"Attainment: {fmt.percent(m.attainment_pct)} {share}.")
    if m.observed_growth is not None:
        out.append(f"Observed {_rate(a, m.observed_growth)} since {p.base_year}.")
    return out


def _progress_sentences(a: Assessment, m: Measures, p: Path) -> list[str]:
    t = a.indicator.target
    out = []
    if m.progress_pct is None and p.year <= p.base_year:
        out.append("Progress is undefined: only the baseline is known.")
    elif m.progress_pct is None:
        out.append("Progress is undefined: the target equals the baseline.")
    else:
        out.append(
            f"Progress: {fmt.percent(m.progress_pct)} of the distance from "
            f"{fmt.number(p.base_value)} ({p.base_year}) to {fmt.number(t.value)}"
            f" ({fmt.number(p.value)} in {p.year})."
        )
    if m.attainment_pct is not None:
        share = "target / latest" if a.indicator.direction.sign < 0 else "of the target"
        out.append(f"Attainment: {fmt.percent(m.attainment_pct)} {share}.")
    return out


def _path_sentences(a: Assessment, m: Measures, p: Path) -> list[str]:
    out = []
    if m.years_ahead is not None:
        side = "ahead of" if m.years_ahead >= 0 else "behind"
        out.append(f"{abs(m.years_ahead):.1f} years {side} the required path.")
    if m.gap is not None and m.expected_value is not None:
        n = places(a)
        gap, expected = derived(abs(m.gap), n), derived(m.expected_value, n)
        side = "above" if m.gap > 0 else "below"
        where = "on" if gap == "0" else f"{gap} {side}"
        out.append(f"{fmt.number(p.value)} in {p.year} is {where} the required path ({expected}).")
    if m.observed_growth is not None and m.required_growth is not None:
        pace = "-" if m.pace_ratio is None else f"{m.pace_ratio:.2f}"
        out.append(
            f"Observed {_rate(a, m.observed_growth)} against {_rate(a, m.required_growth)} "
            f"required: pace ratio {pace} (0.95 or more is on track)."
        )
    return out


def _outlook_sentences(a: Assessment, m: Measures, p: Path) -> list[str]:
    t = a.indicator.target
    if p.year >= t.year:
        return []
    words = fmt.target_text(t, series=a.indicator.series)
    out = []
    if m.projected_value is not None and m.observed_growth is not None:
        projected = derived(m.projected_value, places(a))
        where = _relation(m.projected_value, t.value)
        meets = "meeting" if t.is_met_by(m.projected_value, a.indicator.direction) else "missing"
        out.append(
            f"At the observed {_rate(a, m.observed_growth)}, {t.year} projects to {projected}, "
            f"{where} the {fmt.number(t.value)} target ({meets} {words})."
        )
    if p.maintain:  # whether it still holds is said with the maintain sentences
        return out
    if t.is_met_by(p.value, a.indicator.direction):
        out.append(f"{fmt.number(p.value)} in {p.year} already meets {words}.")
    elif m.remaining_growth is not None:
        out.append(
            f"Reaching {fmt.number(t.value)} by {t.year} needs {_rate(a, m.remaining_growth)} "
            f"from {p.year}."
        )
    return out


def _baseline_sentence(a: Assessment) -> list[str]:
    """Say so when the declared baseline is not the value the reports give for its year."""
    b = a.baseline
    if a.indicator.series is not Series.STOCK:
        return []  # a chain starts at 100 or 0: that year's own report is never its start
    year = next((y for y in a.years if a.baseline is not None and y.year == a.baseline.year), None)
    if b is None or a.baseline_from_actuals or year is None or year.used is None:
        return []
    if year.used.value == b.value:
        return []
    return [
        f"The assessment starts from the declared baseline {fmt.number(b.value)} ({b.year}), "
        f"not from the {fmt.number(year.used.value)} the {b.year} reports give."
    ]


def sentences(a: Assessment) -> list[str]:
    """Return one plain sentence per measure that is defined, and why the others are not."""
    if a.judged is not None:
        return each_year_sentences(a)
    label = fmt.STATUS_LABEL[a.status]
    m, p = a.measures, a.path
    if m is None or p is None:
        if a.series_break is not None:
            return [
                f"No usable figure since the {a.series_break} series break.",
                f"Status as of {a.as_of}: {label}.",
            ]
        return [f"Status: {label}: no usable figure and no baseline, so nothing to measure."]
    chain = chain_sentence(a, places(a))
    if p.maintain:
        out = chain + _maintain_sentences(a, m, p)
        out.extend(_outlook_sentences(a, m, p) if p.year > p.base_year else [])
    else:
        out = chain + _progress_sentences(a, m, p)
    if p.year <= p.base_year and not p.maintain:
        out.append("Only the baseline is known: the trend measures need a later figure.")
    elif not p.maintain:
        out.extend(_path_sentences(a, m, p) + _outlook_sentences(a, m, p))
    out.extend(_baseline_sentence(a))
    out.append(f"Status as of {a.as_of}: {label}.")
    return out
