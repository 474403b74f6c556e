"""Warnings about a figure that may be a typo: `record` prints them and records anyway."""

from __future__ import annotations

from shtracker.core.model import Indicator, Report, Series

#: A value this many times the nearest year's, or less than its inverse, is worth a look.
JUMP = 10.0


def _shown(value: float) -> str:
    return f"{value:,}" if float(value).is_integer() else repr(float(value))


def _sign_change(indicator: Indicator, new: Report) -> str | None:
    others = [r.value for r in indicator.actuals if r.value]
    if indicator.baseline is not None and indicator.baseline.value:
        others.append(indicator.baseline.value)
    if not new.value or not others:
        return None
    if all((v > 0) != (new.value > 0) for v in others):
        side = "negative" if new.value < 0 else "positive"
        return f"{_shown(new.value)} is {side}, unlike every other value of {indicator.id}"
    return None


def _jump(indicator: Indicator, new: Report) -> str | None:
    near = [r for r in indicator.actuals if r.year != new.year]
    if not near or not new.value:
        return None
    nearest = min(near, key=lambda r: (abs(r.year - new.year), -r.year))
    if not nearest.value or (nearest.value > 0) != (new.value > 0):
        return None
    ratio = new.value / nearest.value
    if ratio > JUMP or ratio < 1 / JUMP:
        size = "more than 10 times" if ratio > JUMP else "less than a tenth of"
        return (
            f"{_shown(new.value)} is {size} {_shown(nearest.value)}, the figure for {nearest.year}"
        )
    return None


def _before_baseline(indicator: Indicator, new: Report) -> str | None:
    base = indicator.baseline
    if base is not None and new.year < base.year:
        return f"{new.year} is before the baseline year {base.year}"
    return None


#: The checks that fit each kind of series: a growth rate may well turn negative or jump
#: tenfold (0.5% to 6%), and one year's flow is no guide to the next one's size.
CHECKS = {
    Series.STOCK: (_sign_change, _jump, _before_baseline),
    Series.RATE: (_before_baseline,),
    Series.FLOW: (_sign_change, _before_baseline),
}


def plausibility_warnings(indicator: Indicator, new: Report) -> list[str]:
    """Return what looks wrong about recording `new` for `indicator` (often nothing)."""
    found = (check(indicator, new) for check in CHECKS[indicator.series])
    return [f"warning: {w}; a typo? (recorded as given)" for w in found if w is not None]
