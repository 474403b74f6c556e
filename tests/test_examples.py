"""The shipped examples: real plans in the forms of target-kinds.md, statuses worked by hand.

Thresholds: R >= 0.95 on track, 0.60 <= R < 0.95 behind, 0 <= R < 0.60 far behind.
"""

from __future__ import annotations

import os

import pytest

from shtracker.core.assess import assess
from shtracker.core.model import Plan, Status
from shtracker.datafile.reader import load_plan
from tests.conftest import EXAMPLES, ROOT, run_process

NATIONAL = EXAMPLES / "cn-national-14fyp.yaml"
EU = EXAMPLES / "eu-digital-decade.yaml"
BEIJING = EXAMPLES / "beijing-sci-tech-2025.yaml"
SHANGHAI_15 = EXAMPLES / "shanghai-15fyp-kinds.yaml"


def plan(path: os.PathLike[str]) -> Plan:
    return load_plan(os.fspath(path))


NATIONAL_2025 = {
    # Real (constant-price) rates 9.4 (2021) and 8.0 (2022) chain to 109.4 and 118.152;
    # 2023-2025 have none. X = 100 * 1.07**5 = 140.2552. g_obs = 1.18152**(1/2) - 1 = 8.70%,
    # g_req = 7%: R = 1.2425.
    "rd_spending_real_growth": (Status.ON_TRACK, 1.2425),
    # 6.01 (2020) -> 6.88 (2024; 2023's preliminary 6.65 beats the estimate 6.77).
    # g_obs = (6.88/6.01)**(1/4) - 1 = 3.438%, g_req = (8/6.01)**(1/5) - 1 = 5.887%: R = 0.5839.
    "basic_research_share": (Status.FAR_BEHIND, 0.5839),
    # 2025: 16 (the partial 15.3 never counts) >= 12.
    "high_value_patents": (Status.MET, None),
    # 2025: 10 (estimate) >= 10.
    "digital_core_share": (Status.MET, None),
}

EU_2025 = {
    # 9.0 (2021) -> 10.0 (2024): g_obs = (10/9)**(1/3) - 1 = 3.574%,
    # g_req = (20/9)**(1/9) - 1 = 9.278%: R = 0.3853.
    "ict_specialists": (Status.FAR_BEHIND, 0.3853),
    # Break in 2021: the comparable series starts at 54 (2021) -> 55.6 (2023):
    # g_obs = (55.6/54)**(1/2) - 1 = 1.471%, g_req = (80/54)**(1/9) - 1 = 4.464%: R = 0.3295.
    "basic_digital_skills": (Status.FAR_BEHIND, 0.3295),
    # Only 2020's 60, before the 2021 baseline: nothing after the baseline.
    "gigabit_coverage": (Status.INSUFFICIENT_DATA, None),
    # 7.6 (2021) -> 13.5 (2024): g_obs = (13.5/7.6)**(1/3) - 1 = 21.108%,
    # g_req = (75/7.6)**(1/9) - 1 = 28.965%: R = 0.7287.
    "enterprises_ai": (Status.BEHIND, 0.7287),
    # No baseline: 2024's 1,186 is the only point.
    "edge_nodes": (Status.INSUFFICIENT_DATA, None),
    # A 2022 baseline of 10 and no report.
    "semiconductor_share": (Status.INSUFFICIENT_DATA, None),
}

BEIJING_2025 = {
    # About 6 every year (from 5.88): 6.53 (2021) and 6.58 (2024) both meet it; 2025 pending.
    "rd_intensity": (Status.ACHIEVED, None),
    # No baseline: 16.1 (2021) serves -> 16 (2023, estimate), below 17 - 0.34.
    # g_obs = (16/16.1)**(1/2) - 1 = -0.311%, g_req = (17/16.1)**(1/4) - 1 = 1.369%: R = -0.2272.
    "basic_research_share": (Status.REGRESSING, -0.2272),
    # No full-year rate for 2021 (2022 and 2024 are part-year): the index stays at 100 (2020).
    "digital_economy_growth": (Status.INSUFFICIENT_DATA, None),
    # 2023: 8,536.9 >= 8,000.
    "tech_contract_turnover": (Status.ACHIEVED, None),
}

SHANGHAI_15_2026 = {
    # Nothing reported after the 2025 baseline yet: the index is 100, the totals 0.
    "leading_industries_mfg_growth": (Status.INSUFFICIENT_DATA, None),
    "high_skilled_talent_new": (Status.INSUFFICIENT_DATA, None),
    "advanced_smart_factories": (Status.INSUFFICIENT_DATA, None),
    "ai_plus_mfg_firms": (Status.INSUFFICIENT_DATA, None),
}

CASES = [
    (NATIONAL, NATIONAL_2025),
    (EU, EU_2025),
    (BEIJING, BEIJING_2025),
    (SHANGHAI_15, SHANGHAI_15_2026),
]


@pytest.mark.parametrize(
    ("path", "ident", "expected", "ratio"),
    [(path, i, s, r) for path, table in CASES for i, (s, r) in table.items()],
)
@pytest.mark.parametrize("as_of", [2025, 2026])
def test_example_status_as_worked_by_hand(
    path: os.PathLike[str], ident: str, expected: Status, ratio: float | None, as_of: int
) -> None:
    a = assess(plan(path).by_id[ident], as_of)
    assert expected is a.status
    if ratio is not None:
        assert a.measures is not None
        assert ratio == pytest.approx(a.measures.pace_ratio, abs=1e-4)


@pytest.mark.parametrize(("path", "table"), CASES)
def test_each_example_holds_exactly_the_indicators_worked(
    path: os.PathLike[str], table: dict[str, object]
) -> None:
    assert list(table) == [i.id for i in plan(path).indicators]


def test_the_national_r_and_d_target_is_7_percent_a_year_on_constant_prices() -> None:
    i = plan(NATIONAL).by_id["rd_spending_real_growth"]
    assert (7, "% a year, constant prices") == (i.target.growth, i.unit)


def test_as_of_2024_the_national_patents_are_achieved_and_digital_on_track() -> None:
    # Patents: 14 (2024) >= 12. Digital core: 7.8 -> 9.9 (2023): g_obs 8.271%,
    # g_req (10/7.8)**(1/5) - 1 = 5.095%: R = 1.6235.
    p = plan(NATIONAL)
    assert (Status.ACHIEVED, Status.ON_TRACK) == (
        assess(p.by_id["high_value_patents"], 2024).status,
        assess(p.by_id["digital_core_share"], 2024).status,
    )


def test_the_beijing_every_year_target_met_both_years_judged() -> None:
    a = assess(plan(BEIJING).by_id["rd_intensity"], 2025)
    assert [(2021, True), (2024, True)] == [(j.year, j.met) for j in a.judged or ()]


def test_the_beijing_rate_series_says_which_year_stopped_it() -> None:
    a = assess(plan(BEIJING).by_id["digital_economy_growth"], 2025)
    assert [("series_gap", 2021), ("target_year_pending", 2025)] == [
        (n.code, n.year) for n in a.notices
    ]


def test_the_shanghai_growth_target_is_an_index_of_161_051_by_2030() -> None:
    # 100 * 1.1**5 = 161.051, from 100 at 2025 (the declared 9.6 is 2025's own rate).
    i = plan(SHANGHAI_15).by_id["leading_industries_mfg_growth"]
    assert (161.051, 2025) == (i.target.value, i.start_year)


def test_the_shanghai_totals_are_summed_over_2026_to_2030() -> None:
    a = assess(plan(SHANGHAI_15).by_id["high_skilled_talent_new"], 2026)
    assert a.baseline is not None
    assert (2025, 0, 300000, 2030) == (
        a.baseline.year,
        a.baseline.value,
        a.indicator.target.value,
        a.indicator.target.year,
    )


@pytest.mark.parametrize("path", [NATIONAL, EU, BEIJING, SHANGHAI_15])
def test_status_works_from_a_clone_with_a_relative_path(path: os.PathLike[str]) -> None:
    relative = os.path.relpath(path, ROOT)
    done = run_process("status", "-f", relative, "--as-of", "2025", cwd=ROOT)
    assert (0, "") == (done.returncode, done.stderr)
