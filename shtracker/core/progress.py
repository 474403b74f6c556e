"""The arithmetic of docs/methodology.md: measures of progress and the status rules.

Pure Python on plain numbers: no I/O, no terminal, no YAML.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass

from shtracker.core.model import Status

#: Pace-ratio thresholds of Eurostat SDG monitoring and Open SDG; keep them identical.
ON_TRACK_RATIO = 0.95
BEHIND_RATIO = 0.60


class Method(enum.Enum):
    """Compound growth when every value is positive, straight lines otherwise."""

    COMPOUND = "compound"
    LINEAR = "linear"


@dataclass(frozen=True, slots=True)
class Path:
    """The inputs of the arithmetic: baseline, latest point and target of one indicator."""

    sign: int  # +1 rising, -1 falling
    base_year: int
    base_value: float
    year: int
    value: float
    target_year: int
    target_value: float
    #: The baseline already meets the target (model.is_maintain_target): no path to follow.
    maintain: bool = False

    @property
    def method(self) -> Method:
        """Return the form used: compound only when baseline, latest and target are positive."""
        if self.base_value > 0 and self.value > 0 and self.target_value > 0:
            return Method.COMPOUND
        return Method.LINEAR


@dataclass(frozen=True, slots=True)
class Measures:
    """Every measure of docs/methodology.md; `None` where undefined, never NaN.

    Growth rates are fractions a year in the compound form and units a year in the linear one.
    """

    method: Method
    progress_pct: float | None
    attainment_pct: float | None
    expected_value: float | None
    gap: float | None
    years_ahead: float | None
    observed_growth: float | None
    required_growth: float | None
    remaining_growth: float | None
    pace_ratio: float | None
    projected_value: float | None

    def growth_pct(self, rate: float | None) -> float | None:
        """Return a compound rate in percent; `None` in the linear form."""
        if rate is None or self.method is not Method.COMPOUND:
            return None
        return rate * 100


def _finite(compute: Callable[[], float]) -> float | None:
    """Return the computed value, or `None` when it is undefined or not finite."""
    try:
        value = compute()
    except (ZeroDivisionError, OverflowError, ValueError):
        return None
    if isinstance(value, complex) or not math.isfinite(value):
        return None
    return float(value) + 0.0  # no negative zero in the output


def progress_pct(base: float, value: float, target: float) -> float | None:
    """Return the share of the distance from baseline to target covered, in percent."""
    if target == base:
        return None
    return _finite(lambda: (value - base) / (target - base) * 100)


def attainment_pct(sign: int, value: float, target: float) -> float | None:
    """Return value/target (rising) or target/value (falling) in percent, for positive values."""
    if target <= 0 or value <= 0:
        return None
    return _finite(lambda: (value / target if sign > 0 else target / value) * 100)


def path_fraction(p: Path, value: float) -> float | None:
    """Return how far along the required path `value` lies (0 at baseline, 1 at target)."""
    if p.maintain or p.target_value == p.base_value:
        return None
    if p.method is Method.COMPOUND:
        return _finite(
            lambda: math.log(value / p.base_value) / math.log(p.target_value / p.base_value)
        )
    return _finite(lambda: (value - p.base_value) / (p.target_value - p.base_value))


def expected_value(p: Path, year: float) -> float | None:
    """Return the value the required path from baseline to target gives for `year`.

    A maintain target has no required path: `None`.
    """
    span = p.target_year - p.base_year
    if span <= 0 or p.maintain:
        return None
    share = (year - p.base_year) / span
    if p.method is Method.COMPOUND:
        return _finite(lambda: p.base_value * (p.target_value / p.base_value) ** share)
    return _finite(lambda: p.base_value + (p.target_value - p.base_value) * share)


def annual_growth(method: Method, start: float, end: float, years: float) -> float | None:
    """Return the compound rate (fraction) or the linear change per year from start to end."""
    if years <= 0:
        return None
    if method is Method.COMPOUND:
        return _finite(lambda: (end / start) ** (1 / years) - 1)
    return _finite(lambda: (end - start) / years)


def years_ahead(p: Path) -> float | None:
    """Return t* - t, where the required path reaches the latest value at t*."""
    fraction = path_fraction(p, p.value)
    span = p.target_year - p.base_year
    if fraction is None or span <= 0:
        return None
    return _finite(lambda: p.base_year + span * fraction - p.year)


def projected_value(p: Path, observed: float | None) -> float | None:
    """Return the latest value carried to the target year at the observed growth."""
    if observed is None or p.year > p.target_year:
        return None
    years = p.target_year - p.year
    if p.method is Method.COMPOUND:
        return _finite(lambda: p.value * (1 + observed) ** years)
    return _finite(lambda: p.value + observed * years)


def pace_ratio(sign: int, observed: float | None, required: float | None) -> float | None:
    """Return R = d * observed / |required| (Eurostat); undefined when required is 0."""
    if observed is None or required is None or required == 0:
        return None
    return _finite(lambda: sign * observed / abs(required))


def measure(p: Path) -> Measures:
    """Return every measure for one path (methodology.md, second edition).

    At the baseline (`t = b`) only attainment is defined. For a maintain target the
    observed growth, the projection and attainment are; nothing that needs a path is.
    """
    method = p.method
    attainment = attainment_pct(p.sign, p.value, p.target_value)
    if p.year <= p.base_year:
        return Measures(method, None, attainment, *(None,) * 8)
    observed = annual_growth(method, p.base_value, p.value, p.year - p.base_year)
    projected = projected_value(p, observed)
    if p.maintain:
        return Measures(
            method=method,
            progress_pct=None,
            attainment_pct=attainment,
            expected_value=None,
            gap=None,
            years_ahead=None,
            observed_growth=observed,
            required_growth=None,
            remaining_growth=None,
            pace_ratio=None,
            projected_value=projected,
        )
    required = annual_growth(method, p.base_value, p.target_value, p.target_year - p.base_year)
    expected = expected_value(p, p.year)
    gap = None if expected is None else _finite(lambda: p.value - expected)
    return Measures(
        method=method,
        progress_pct=progress_pct(p.base_value, p.value, p.target_value),
        attainment_pct=attainment,
        expected_value=expected,
        gap=gap,
        years_ahead=years_ahead(p),
        observed_growth=observed,
        required_growth=required,
        remaining_growth=annual_growth(method, p.value, p.target_value, p.target_year - p.year),
        pace_ratio=pace_ratio(p.sign, observed, required),
        projected_value=projected,
    )


def trend_status(ratio: float | None) -> Status:
    """Return the status a pace ratio earns; no ratio means too little data."""
    if ratio is None:
        return Status.INSUFFICIENT_DATA
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= BEHIND_RATIO:
        return Status.BEHIND
    if ratio >= 0:
        return Status.FAR_BEHIND
    return Status.REGRESSING
