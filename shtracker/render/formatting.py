"""Numbers and labels for people: display rounding lives here, never in the data."""

from __future__ import annotations

from collections.abc import Sequence

from shtracker.core.assess import Assessment, pending_basis
from shtracker.core.model import Kind, Plan, Quality, Series, Status, Target

KIND_SIGN = {Kind.ABOUT: "≈", Kind.AT_LEAST: "≥", Kind.AT_MOST: "≤"}
KIND_WORDS = {Kind.ABOUT: "about", Kind.AT_LEAST: "at least", Kind.AT_MOST: "at most"}
#: Eurostat's flags: e estimated, p provisional; partial figures never count.
QUALITY_FLAG = {
    Quality.FINAL: "",
    Quality.PRELIMINARY: "p",
    Quality.ESTIMATE: "e",
    Quality.PARTIAL: "part",
}
STATUS_LABEL = {s: s.value.replace("_", " ") for s in Status}
#: The footer counts from the best status to the worst, then the undecided ones.
STATUS_ORDER = (
    Status.MET,
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.BEHIND,
    Status.FAR_BEHIND,
    Status.REGRESSING,
    Status.MISSED,
    Status.INSUFFICIENT_DATA,
    Status.NO_DATA,
)


def number(value: float | None) -> str:
    """Return a value with thousands separators and only the decimals that matter."""
    if value is None:
        return "-"
    size = abs(value)
    if float(value).is_integer() and size < 1e15:
        return f"{int(value):,}"
    decimals = 4 if size < 1 else 3 if size < 1000 else 1 if size < 1e6 else 0
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar(pct: float, width: int) -> tuple[str, str]:
    """Return a progress bar as its done and its remaining part, clamped to 0-100%.

    Heavy cells for the distance covered (a half cell as '╸'), thin ones for the rest:
    '━━━━╸─────' reads as 45% in plain text too, and 0% never looks like 100%.
    """
    cells = max(0.0, min(pct, 100.0)) / 100 * width
    full = int(cells)
    half = "╸" if cells - full >= 0.5 and full < width else ""
    return "━" * full + half, "─" * (width - full - len(half))


def percent(value: float | None, decimals: int = 1) -> str:
    """Return a percentage for display, or '-' when undefined."""
    return "-" if value is None else f"{value:,.{decimals}f}%"


#: Beyond these a raw measure says more about a tiny denominator than about progress:
#: tables print a bound (">999%"); the JSON keeps the exact value.
PROGRESS_BOUND = 999
YEARS_BOUND = 99
RATIO_BOUND = 99
#: Where progress has no meaning because the baseline already met the target.
MAINTAIN_WORDS = "maintain"


def progress(value: float | None) -> str:
    """Return a progress percentage for a table: no decimals from 100% on ('270%', '88.9%')."""
    if value is not None and abs(value) > PROGRESS_BOUND:
        return f"{'>' if value > 0 else '<-'}{PROGRESS_BOUND}%"
    return percent(value, 0 if value is not None and abs(value) >= 100 else 1)


def ratio(value: float | None) -> str:
    """Return a pace ratio for a table: 'R 1.14', bounded ('R >99'), or '-' when undefined."""
    if value is None:
        return "-"
    if abs(value) > RATIO_BOUND:
        return f"R {'>' if value > 0 else '<-'}{RATIO_BOUND}"
    return f"R {value:.2f}"


def signed(value: float | None, decimals: int = 1, suffix: str = "") -> str:
    """Return a number with an explicit sign, or '-' when undefined."""
    return "-" if value is None else f"{value:+,.{decimals}f}{suffix}"


def years(value: float | None) -> str:
    """Return years ahead (+) or behind (-) for a table: one decimal below ten years, bounded."""
    if value is not None and abs(value) > YEARS_BOUND:
        return f"{'>+' if value > 0 else '<-'}{YEARS_BOUND} y"
    return signed(value, 1 if value is None or abs(value) < 10 else 0, " y")


def rate(growth: float) -> str:
    """Return a rate in percent as a plan writes it: '7.0%', '7.5%', '12.25%'."""
    return f"{growth:.1f}%" if round(growth, 1) == growth else f"{number(growth)}%"


def target_parts(target: Target, series: Series = Series.STOCK) -> tuple[str, str]:
    """Return a target's kind and value, and the words that say what kind of target it is:
    ('≥ 7.0%', 'a year'), ('≥ 300,000', 'in total'), ('≈ 6', 'every year'), ('≈ 4.5', '').
    """
    sign = KIND_SIGN[target.kind]
    if target.growth is not None:
        return f"{sign} {rate(target.growth)}", "a year"
    words = "in total" if series is Series.FLOW else "every year" if target.each_year else ""
    return f"{sign} {number(target.value)}", words


def target_value(target: Target, series: Series = Series.STOCK) -> str:
    """Return a target's kind and value in words: '≈ 4.5', '≥ 7.0% a year',
    '≥ 300,000 in total', '≈ 6 every year'.
    """
    head, words = target_parts(target, series)
    return f"{head} {words}" if words else head


def multiple(target: Target, base_year: int | None = None) -> str:
    """Return what a `multiple` target multiplies, '2x 2020' with a times sign ('' if none)."""
    if target.multiple is None:
        return ""
    return f"{number(target.multiple)}× {base_year if base_year is not None else 'baseline'}"


def target_text(target: Target, base_year: int | None = None, series: Series = Series.STOCK) -> str:
    """Return a target on one line: '≈ 4.5', '≥ 7.0% a year', '≥ 414 (2x 2020)' with a times
    sign.
    """
    times = multiple(target, base_year)
    words = target_value(target, series)
    return f"{words} ({times})" if times else words


def latest_parts(a: Assessment) -> tuple[str, str]:
    """Return the latest value and what it is: for a rate series the average growth its index
    shows so far ('8.7%', 'a year').
    """
    if a.latest is None:
        return "-", ""
    m = a.measures
    if a.indicator.series is Series.RATE:
        observed = m.growth_pct(m.observed_growth) if m is not None else None
        return ("-", "") if observed is None else (rate(round(observed, 1)), "a year")
    return number(a.latest.value), ""


def latest_value(a: Assessment) -> str:
    """Return the latest value on one line: '25,000', '8.7% a year'."""
    head, words = latest_parts(a)
    return f"{head} {words}" if words else head


def progress_words(a: Assessment) -> str:
    """Return the progress: a share of the distance, an every-year target's years met, or
    'maintain' for a target the baseline already met.
    """
    if a.judged is not None:
        return f"{sum(j.met for j in a.judged)}/{len(a.judged)} years"
    if a.maintain:
        return MAINTAIN_WORDS
    return progress(a.measures.progress_pct if a.measures else None)


def break_words(year: int) -> str:
    """Return the mark of a series break: 'series break 2021'."""
    return f"series break {year}"


def publisher(text: str | None) -> str:
    """Return the publisher part of a source: the text before its first comma or bracket."""
    if not text:
        return "no source"
    cut = min((i for i in (text.find(", "), text.find(" ("), text.find("; ")) if i > 0), default=-1)
    short = text[:cut] if cut > 0 else text
    return short if len(short) <= 48 else short[:47] + "…"


def status_counts(assessments: Sequence[Assessment]) -> list[tuple[Status, int]]:
    """Return each status present and how many indicators have it, best first."""
    found = [(s, sum(a.status is s for a in assessments)) for s in STATUS_ORDER]
    return [(s, n) for s, n in found if n]


def target_sentence(a: Assessment) -> str:
    """Return the target as `show` and the report give it: '≈ 4.5 by 2025 (about, within
    0.09)'."""
    t = a.indicator.target
    words = KIND_WORDS[t.kind]
    if t.kind is Kind.ABOUT and t.tolerance is not None:
        words += f", within {number(t.tolerance)}"
    base_year = a.baseline.year if a.baseline is not None else None
    return f"{target_text(t, base_year, a.indicator.series)} by {t.year} ({words})"


def direction_words(a: Assessment) -> str:
    """Return which way is better: a maintain target need not move at all."""
    if a.maintain:
        return "higher is better" if a.indicator.direction.sign > 0 else "lower is better"
    return "should rise" if a.indicator.direction.sign > 0 else "should fall"


def pace_sentence(a: Assessment) -> str:
    """Return the pace in words, bounded as the table bounds it: 'R 1.24, 0.5 years ahead'."""
    m = a.measures
    if m is None or m.pace_ratio is None:
        return "-"
    text = ratio(m.pace_ratio)
    if m.years_ahead is not None:
        side = "ahead" if m.years_ahead >= 0 else "behind"
        size = abs(m.years_ahead)
        amount = f"more than {YEARS_BOUND}" if size > YEARS_BOUND else f"{size:.1f}"
        text += f", {amount} years {side}"
    return text


def count_text(assessments: Sequence[Assessment]) -> str:
    """Return '11 indicators: 7 met, 2 achieved, 2 on track' ('0 indicators' for none)."""
    n = len(assessments)
    head = f"{n} indicator{'' if n == 1 else 's'}"
    counts = ", ".join(f"{k} {STATUS_LABEL[s]}" for s, k in status_counts(assessments))
    return f"{head}: {counts}" if counts else head


def check_warning_lines(plan: Plan, path: str, as_of: int) -> list[str]:
    """Return every warning `check` lists: the file's own, then each indicator's, with lines."""
    from shtracker.core.periods import assess_every_period
    from shtracker.record.duplicates import repeated_reports
    from shtracker.render.messages import repeated_sentence

    lines = [str(note) for note in plan.notes]
    for i in plan.indicators:
        where = f"{path}:{i.line}" if i.line else path
        notices = (n for a in assess_every_period(i, plan, as_of) for n in a.notices)
        messages = [*dict.fromkeys(n.message for n in notices)]
        messages += [repeated_sentence(r) for r in repeated_reports(i.actuals)]
        lines += [f"{where}: {i.id}: {m}" for m in messages]
    return lines


def warning_lines(assessments: Sequence[Assessment]) -> list[str]:
    """Return the warnings, one line each: conflicts, then the ones shared by many ids."""
    conflicts: list[str] = []
    from_actuals: list[str] = []
    pending: dict[tuple[int | None, str], list[str]] = {}
    other: list[str] = []
    for a in assessments:
        ident = a.indicator.id
        conflict_years = {n.year for n in a.notices if n.code == "conflict"}
        for year in (y for y in a.years if y.year in conflict_years):
            conflicts += [
                f"{ident}: {year.year} reports differ by more than 1%: "
                f"{number(x.value)} ({publisher(x.source)}) vs "
                f"{number(z.value)} ({publisher(z.source)})"
                for x, z in year.conflicts
            ]
        for n in a.notices:
            if n.code == "baseline_from_actuals":
                from_actuals.append(f"{ident} ({n.year})")
            elif n.code == "target_year_pending":
                basis = pending_basis(a.status, a.maintain)
                pending.setdefault((n.year, basis), []).append(ident)
            elif n.code != "conflict":
                other.append(f"{ident}: {n.message}")
    lines = conflicts
    if from_actuals:
        lines.append(
            "no baseline declared, the earliest usable report serves: " + ", ".join(from_actuals)
        )
    lines += [
        f"the {year} figure is not yet reported, the status follows {basis}: " + ", ".join(ids)
        for (year, basis), ids in pending.items()
    ]
    return lines + other
