"""The words for the forms of target-kinds.md: what a series is, where it starts, what a
growth, total or every-year target asks, and which years an every-year target met (no Rich).
"""

from __future__ import annotations

from shtracker.core.assess import Assessment
from shtracker.core.model import Series
from shtracker.render import formatting as fmt

#: What the reports of a rate or flow series are, and what they add up to.
SERIES_WORDS = {
    Series.RATE: "yearly growth rates in percent, chained into an index",
    Series.FLOW: "the amount of each year alone, summed into a running total",
}
#: The name of the level a chain is assessed on.
LEVEL_NAME = {Series.RATE: "Index", Series.FLOW: "Total"}


def chain_start(a: Assessment) -> str:
    """Return where a rate or flow series starts: 'index 100 in 2020'."""
    b = a.baseline
    if b is None:
        return "-"
    if a.indicator.series is Series.RATE:
        return f"index 100 in {b.year}: the rates are chained from here"
    return f"0 in {b.year}: the running total counts from {b.year + 1}"


def target_detail(a: Assessment) -> str:
    """Return the level a growth or total target is assessed as, or how an every-year one is."""
    i, t = a.indicator, a.indicator.target
    b = a.baseline
    if t.each_year:
        first = f"{i.start_year + 1}" if i.start_year is not None else "every year"
        return f"each year {first}-{t.year} judged on its own"
    if b is None:
        return ""
    if t.growth is not None:
        factor = f"{fmt.number(1 + t.growth / 100)}^{t.year - b.year}"
        if i.series is Series.RATE:
            return f"the index must reach {fmt.number(t.value)} (100 × {factor})"
        return f"that is {fmt.number(t.value)} ({fmt.number(b.value)} × {factor})"
    if i.series is Series.FLOW:
        return f"summed over {b.year + 1}-{t.year}"
    return ""


def years_met(a: Assessment) -> str:
    """Return an every-year target's years: '2 of 2: 2021 (6.53), 2024 (6.58)'."""
    judged = a.judged or ()
    if not judged:
        return "no year judged yet"
    listed = ", ".join(
        f"{j.year} ({fmt.number(j.value)}{'' if j.met else ', not met'})" for j in judged
    )
    return f"{sum(j.met for j in judged)} of {len(judged)}: {listed}"


def each_year_sentences(a: Assessment) -> list[str]:
    t, label = a.indicator.target, fmt.STATUS_LABEL[a.status]
    judged = a.judged or ()
    out = [
        f"Every year up to {t.year} is judged on its own against "
        f"{fmt.target_value(t, a.indicator.series)}; there is no distance to cover, so no "
        "progress, pace or required path."
    ]
    if judged:
        out.append(f"Years met: {years_met(a)}.")
    else:
        out.append("No year has a usable figure yet.")
    out.append(f"Status as of {a.as_of}: {label}.")
    return out


def chain_sentence(a: Assessment, n: int) -> list[str]:
    i, latest = a.indicator, a.latest
    if i.series is Series.STOCK or latest is None or a.baseline is None:
        return []
    if latest.year <= a.baseline.year:
        return []  # nothing chained yet: the start alone
    if i.series is Series.RATE:
        return [
            f"The yearly rates are chained into an index, 100 in {a.baseline.year}: "
            f"{latest.value:,.{n}f} in {latest.year}."
        ]
    return [
        f"The yearly figures add up to {fmt.number(latest.value)} over "
        f"{a.baseline.year + 1}-{latest.year}."
    ]
