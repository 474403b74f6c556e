"""Reading periods and targets; each (indicator, period) assessed as a one-period file would be."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shtracker.core.assess import Assessment, assess
from shtracker.core.model import Kind, Plan, Report
from shtracker.core.periods import assess_in_period, period_baseline, target_in
from shtracker.datafile.reader import parse_plan
from shtracker.render.documents.show import year_record
from shtracker.render.documents.status import indicator_record
from shtracker.render.show_view import year_rows

TWO_PERIODS = """\
plan: {name: P, target_year: 2025}
periods:
  fyp14: {name: "14th", baseline_year: 2020, target_year: 2025}
  fyp15: {name: "15th", baseline_year: 2025, target_year: 2030}
indicators:
  ic:
    name: IC output
    unit: billion yuan
    baseline: {value: 200, year: 2020}
    targets:
      fyp14: {multiple: 2}
      fyp15: {multiple: 1.5, baseline: {value: 480, quality: estimate, source: "s"}}
"""


def test_a_multiple_uses_the_baseline_of_its_own_period() -> None:
    ind = parse_plan(TWO_PERIODS, "p.yaml").by_id["ic"]
    assert [("fyp14", 400.0), ("fyp15", 720.0)] == [(t.period, t.target.value) for t in ind.targets]


def test_the_default_kind_follows_the_inferred_direction_in_every_period() -> None:
    ind = parse_plan(TWO_PERIODS, "p.yaml").by_id["ic"]
    assert [Kind.AT_LEAST, Kind.AT_LEAST] == [t.target.kind for t in ind.targets]


def test_a_period_target_takes_the_period_target_year() -> None:
    ind = parse_plan(TWO_PERIODS, "p.yaml").by_id["ic"]
    assert [2025, 2030] == [t.target.year for t in ind.targets]


def test_a_baseline_inside_a_target_takes_the_period_baseline_year() -> None:
    ind = parse_plan(TWO_PERIODS, "p.yaml").by_id["ic"]
    assert Report(2025, 480, quality=ind.targets[1].baseline.quality, source="s") == (  # type: ignore[union-attr]
        ind.targets[1].baseline
    )


def test_a_file_without_periods_has_none_and_no_period_targets() -> None:
    text = "plan: {name: P, baseline_year: 2020, target_year: 2025}\nindicators:\n"
    text += "  a: {name: A, unit: u, baseline: 1, target: {value: 2}}\n"
    plan = parse_plan(text, "p.yaml")
    assert ((), ()) == (plan.periods, plan.by_id["a"].targets)


# --- the property: a period's assessment is a one-period file's ----------------------

YEARS = range(2018, 2033)
QUALITIES = ("final", "preliminary", "estimate", "partial")


@st.composite
def periods_files(draw: st.DrawFn) -> str:
    """Return a file with two or three periods and one indicator with random reports."""
    count = draw(st.integers(2, 3))
    lines = ["plan: {name: P, target_year: 2025}", "periods:"]
    for k in range(count):
        start = draw(st.integers(2018, 2027))
        end = start + draw(st.integers(1, 5))
        lines.append(f'  p{k}: {{name: "Period {k}", baseline_year: {start}, target_year: {end}}}')
    falls = draw(st.booleans())
    lines += ["indicators:", "  x:", "    name: X", "    unit: u"]
    lines.append(f"    direction: {'decrease' if falls else 'increase'}")
    if draw(st.booleans()):
        value, year = draw(st.integers(-50, 50)), draw(st.sampled_from(YEARS))
        lines.append(f"    baseline: {{value: {value}, year: {year}, source: declared}}")
    lines.append("    targets:")
    for k in draw(st.sets(st.integers(0, count - 1), min_size=1)):
        # Beyond every reported value, on the side the indicator moves to: a valid target.
        value = draw(st.integers(51, 100)) * (-1 if falls else 1)
        kind = draw(st.sampled_from(["about", "at_least", "at_most"]))
        own = ""
        if draw(st.booleans()):
            own = f", baseline: {{value: {draw(st.integers(-50, 50))}, source: own}}"
        lines.append(f"      p{k}: {{value: {value}, kind: {kind}{own}}}")
    years = sorted(draw(st.sets(st.sampled_from(YEARS), max_size=8)))
    lines.append("    actuals:" if years else "    actuals: {}")
    for year in years:
        lines.append(f"      {year}:")
        for _ in range(draw(st.integers(1, 2))):
            value = draw(st.integers(-50, 50)) / draw(st.sampled_from([1, 2, 10]))
            quality = draw(st.sampled_from(QUALITIES))
            lines.append(f"        - {{value: {value}, quality: {quality}, source: s{year}}}")
    return "\n".join(lines) + "\n"


def one_period_file(text: str, plan: Plan, period_id: str, as_of: int) -> str | None:
    """Return the one-period file with that period's years, baseline and target (None:
    the period's baseline year has no figure, which a one-period file cannot express).
    """
    ind = plan.by_id["x"]
    period = next(p for p in plan.periods if p.id == period_id)
    target = target_in(ind, period)
    assert target is not None
    base = period_baseline(ind, period, target.baseline, as_of)
    if base is None:
        return None
    t = target.target
    actuals = text[text.index("    actuals:") :]
    return "\n".join(
        [
            f"plan: {{name: P, baseline_year: {period.baseline_year}, "
            f"target_year: {period.target_year}}}",
            "indicators:",
            "  x:",
            "    name: X",
            "    unit: u",
            f"    direction: {ind.direction.value}",
            f"    baseline: {{value: {base.value!r}, quality: {base.quality.value}, "
            f"source: {base.source}}}",
            f"    target: {{value: {t.value!r}, kind: {t.kind.value}}}",
            actuals,
        ]
    )


def story(a: Assessment) -> tuple[Any, ...]:
    return indicator_record(a), [year_record(r) for r in year_rows(a)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(periods_files(), st.sampled_from(YEARS))
def test_each_period_is_assessed_as_a_one_period_file_would_be(text: str, as_of: int) -> None:
    plan = parse_plan(text, "p.yaml")
    for period in plan.periods:
        mine = assess_in_period(plan.by_id["x"], period, as_of)
        if mine is None:
            continue
        single = one_period_file(text, plan, period.id, as_of)
        if single is None:
            assert "baseline_pending" in [n.code for n in mine.notices]
            continue
        theirs = assess(parse_plan(single, "one.yaml").by_id["x"], as_of)
        assert story(theirs) == story(mine)
