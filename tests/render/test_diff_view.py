"""`diff` in words: the phrase for each kind of change."""

from __future__ import annotations

from shtracker.core.compare import compare
from shtracker.datafile.reader import parse_plan
from shtracker.render.diff_view import change_items, unchanged_line
from tests.conftest import SMALL_PLAN
from tests.core.test_compare import PERIODS_PLAN


def items(old_text: str, new_text: str, as_of: int = 2026) -> list[list[str]]:
    result = compare(parse_plan(old_text, "old"), as_of, parse_plan(new_text, "new"), as_of)
    return [change_items(c) for c in result.changes]


def test_new_revised_and_removed_years_come_in_that_order() -> None:
    new = SMALL_PLAN.replace('      2021: {value: 4.21, source: "communiqué"}\n', "")
    new = new.replace(
        "      2022: 4.44\n", "      2022: 4.3\n      2023: {value: 4.4, quality: estimate}\n"
    )
    assert [["new 2023: 4.4 e", "revised 2022: 4.44 → 4.3", "removed 2021: 4.21"]] == items(
        SMALL_PLAN, new
    )


def test_a_target_and_a_baseline_read_before_and_after() -> None:
    new = SMALL_PLAN.replace("{value: 4.5, kind: about}", "{value: 4.6, kind: at_least}")
    new = new.replace('{value: 4.17, source: "plan"}', '{value: 4.2, source: "plan"}')
    assert [["target ≈ 4.5 (2025) → ≥ 4.6 (2025)", "baseline 4.17 (2020) → 4.2 (2020)"]] == items(
        SMALL_PLAN, new
    )


def test_a_target_of_a_period_not_in_force_is_named_as_such() -> None:
    new = PERIODS_PLAN.replace("{value: 5, kind: at_least}", "{value: 5.2, kind: at_least}")
    assert [["a target of another period changed"]] == items(PERIODS_PLAN, new, as_of=2024)


def test_added_and_removed_indicators_say_so() -> None:
    new = SMALL_PLAN.replace("  emissions:", "  patents:")
    assert [["indicator added"], ["indicator removed"]] == items(SMALL_PLAN, new)


def test_the_unchanged_line_counts_the_rest() -> None:
    plan = parse_plan(SMALL_PLAN, "p")
    assert "No change: 2 indicators, all as before." == unchanged_line(
        compare(plan, 2026, plan, 2026)
    )
