"""Plausibility warnings of `record`: hand-worked cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from shtracker.core.model import Direction, Indicator, Kind, Report, Series, Target
from shtracker.record.plausibility import plausibility_warnings
from tests.conftest import run

INDICATOR = Indicator(
    id="hte",
    name="High-tech enterprises",
    unit="enterprises",
    target=Target(2025, 26000, Kind.AT_LEAST),
    direction=Direction.INCREASE,
    baseline=Report(2020, 17012),
    actuals=(Report(2021, 20000), Report(2023, 24000), Report(2024, 25000)),
)
TAIL = "; a typo? (recorded as given)"


@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (2025, 26500, []),
        (2025, 265000, ["265,000 is more than 10 times 25,000, the figure for 2024"]),
        (2025, 250001, ["250,001 is more than 10 times 25,000, the figure for 2024"]),
        (2025, 250000, []),  # exactly 10 times: not more
        (2025, 2499, ["2,499 is less than a tenth of 25,000, the figure for 2024"]),
        (2025, 2500, []),
        # 2022 is as near to 2021 as to 2023: the later year counts
        (2022, 240, ["240 is less than a tenth of 24,000, the figure for 2023"]),
        (2025, -26500, ["-26,500 is negative, unlike every other value of hte"]),
        (2025, 0, []),
        (2019, 16000, ["2019 is before the baseline year 2020"]),
        (
            2019,
            -1.5,
            [
                "-1.5 is negative, unlike every other value of hte",
                "2019 is before the baseline year 2020",
            ],
        ),
    ],
)
def test_plausibility_warnings(year: int, value: float, expected: list[str]) -> None:
    warnings = plausibility_warnings(INDICATOR, Report(year, value))
    assert [f"warning: {w}{TAIL}" for w in expected] == warnings


def test_a_negative_value_among_negative_ones_is_plausible() -> None:
    falling = Indicator(
        id="e",
        name="E",
        unit="%",
        target=Target(2025, -10, Kind.AT_MOST),
        direction=Direction.DECREASE,
        baseline=Report(2020, -1),
        actuals=(Report(2021, -2), Report(2022, 0)),
    )
    assert [] == plausibility_warnings(falling, Report(2023, -3))
    assert ["warning: 3 is positive, unlike every other value of e" + TAIL] == (
        plausibility_warnings(falling, Report(2023, 3))
    )


def test_record_prints_the_warnings_on_stderr_and_records(plan_file: Path) -> None:
    result = run("record", "rd_intensity", "2023", "44.5", "--file", str(plan_file))
    assert 0 == result.exit_code
    warning, recorded = result.stderr.splitlines()
    assert f"shtracker: warning: 44.5 is more than 10 times 4.44, the figure for 2022{TAIL}" == (
        warning
    )
    assert recorded.startswith("shtracker: recorded rd_intensity 2023 = 44.5")
    assert "2023: 44.5" in plan_file.read_text()


def test_dry_run_prints_the_same_warnings(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    result = run("record", "rd_intensity", "2019", "4.1", "--dry-run", "--file", str(plan_file))
    assert 0 == result.exit_code
    assert (
        f"shtracker: warning: 2019 is before the baseline year 2020{TAIL}"
        == (result.stderr.splitlines()[0])
    )
    assert before == plan_file.read_bytes()


def test_a_negative_growth_rate_or_a_tenfold_one_is_no_typo() -> None:
    rates = Indicator(
        "growth",
        "Growth",
        "%",
        Target(2025, 0.0, Kind.AT_LEAST, growth=5.0),
        Direction.INCREASE,
        actuals=(Report(2021, 0.5), Report(2022, 6.0)),
        series=Series.RATE,
    )
    assert [] == plausibility_warnings(rates, Report(2023, -1.2))
    assert [] == plausibility_warnings(rates, Report(2023, 60.0))


def test_a_yearly_flow_may_jump_but_not_change_sign() -> None:
    flows = Indicator(
        "trained",
        "Trained",
        "people",
        Target(2025, 300.0, Kind.AT_LEAST),
        Direction.INCREASE,
        actuals=(Report(2021, 10.0),),
        series=Series.FLOW,
    )
    assert [] == plausibility_warnings(flows, Report(2022, 200.0))
    assert 1 == len(plausibility_warnings(flows, Report(2022, -5.0)))
