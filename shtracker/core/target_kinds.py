"""Targets as plans write them, reduced to the level target of methodology.md.

target-kinds.md: an average annual growth `g` from the baseline year `b` to the target
year `T` is the level `base * (1 + g/100) ** (T - b)`; a rate series is assessed as an
index that is 100 at `b`; a flow series as a running total that is 0 at `b`.
Pure arithmetic, in decimal as the numbers were written (so that 10% a year for five
years is exactly 161.051, and a chained index that matches it meets it).
"""

from __future__ import annotations

from decimal import Decimal

from shtracker.core.model import Direction, Series, exact

#: The level a rate series' index starts from, and a flow series' running total.
SERIES_START = {Series.RATE: 100.0, Series.FLOW: 0.0}


def growth_factor(growth: float) -> Decimal:
    """Return 1 + growth/100 for a rate in percent, exactly."""
    return 1 + exact(growth) / 100


def growth_target(base: float, growth: float, years: int) -> float:
    """Return the level `base * (1 + growth/100) ** years` that an average growth reaches."""
    return float(exact(base) * growth_factor(growth) ** years)


def chain(index: Decimal, rate: float) -> Decimal:
    """Return the next index of a rate series: I(y) = I(y-1) * (1 + r_y/100)."""
    return index * growth_factor(rate)


def accumulate(total: Decimal, flow: float) -> Decimal:
    """Return the next running total of a flow series."""
    return total + exact(flow)


def growth_direction(growth: float) -> Direction | None:
    """Return the direction a growth target implies; none for zero growth."""
    if growth == 0:
        return None
    return Direction.INCREASE if growth > 0 else Direction.DECREASE
