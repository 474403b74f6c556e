"""Properties: no text makes the loader fail but with DataError; progress grows with the value."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shtracker.core.errors import DataError
from shtracker.core.model import Plan
from shtracker.core.progress import Path, measure

#: Pieces of YAML, valid and not, that the generated texts are built from.
FRAGMENTS = [
    "plan",
    "indicators",
    "name",
    "unit",
    "target",
    "baseline",
    "actuals",
    "value",
    "multiple",
    "kind",
    "about",
    "quality",
    "direction",
    "increase",
    "tolerance",
    "target_year",
    "baseline_year",
    "periods",
    "targets",
    "p1",
    "year",
    "rd",
    ":",
    ": ",
    "- ",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ",
    "!!str ",
    "! ",
    "<<: ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "    ",
    "2020",
    "2025",
    "4.5",
    "-1",
    "0",
    "1e3",
    ".nan",
    ".inf",
    "010",
    "1_000",
    "0x10",
    "1:30",
    "yes",
    "~",
    "null",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "上海",
]

VALID = (
    "plan: {name: p, baseline_year: 2020, target_year: 2025}\n"
    "indicators:\n"
    "  rd: {name: R, unit: u, baseline: 4.17, target: {value: 4.5, kind: about}}\n"
)

yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
# A valid file with a few fragments spliced in somewhere.
spliced = st.tuples(
    st.integers(0, len(VALID)), st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join)
).map(lambda cut: VALID[: cut[0]] + cut[1] + VALID[cut[0] :])


def parses_or_refuses(text: str) -> None:
    from shtracker.datafile.reader import parse_plan

    try:
        result: Plan | DataError = parse_plan(text, "f.yaml")
    except DataError as exc:
        result = exc
    if isinstance(result, DataError):
        assert result.problems
        assert [] == [line for line in result.lines() if len(line.splitlines()) != 1]
    else:
        assert isinstance(result, Plan)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_plan_or_a_data_error(text: str) -> None:
    parses_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_any_text_with_surrogates_and_controls_gives_a_plan_or_a_data_error(text: str) -> None:
    parses_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(yamlish)
@example("[" * 5000)
@example("- " * 5000)
@example("&a [*a, *a]")
@example("? ? ? ? a")
def test_yaml_like_text_gives_a_plan_or_a_data_error(text: str) -> None:
    parses_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(spliced)
@example(VALID)
def test_a_damaged_valid_file_gives_a_plan_or_a_data_error(text: str) -> None:
    parses_or_refuses(text)


VALID_PERIODS = (
    "plan: {name: p, target_year: 2025}\n"
    "periods:\n"
    "  p1: {name: One, baseline_year: 2020, target_year: 2025}\n"
    "  p2: {name: Two, baseline_year: 2025, target_year: 2030}\n"
    "indicators:\n"
    "  rd: {name: R, unit: u, baseline: {value: 4.17, year: 2020},\n"
    "       targets: {p1: {value: 4.5}, p2: {multiple: 1.2, baseline: {value: 4.5}}}}\n"
)
spliced_periods = st.tuples(
    st.integers(0, len(VALID_PERIODS)),
    st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join),
).map(lambda cut: VALID_PERIODS[: cut[0]] + cut[1] + VALID_PERIODS[cut[0] :])


@settings(max_examples=300, deadline=None)
@given(spliced_periods)
@example(VALID_PERIODS)
def test_a_damaged_file_with_periods_gives_a_plan_or_a_data_error(text: str) -> None:
    parses_or_refuses(text)


# --- progress is monotonic in the latest value ------------------------------------------

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(
    base=st.floats(min_value=0.01, max_value=1e6),
    gain=st.floats(min_value=0.01, max_value=1e6),
    low=st.floats(min_value=0.01, max_value=2e6),
    high=st.floats(min_value=0.01, max_value=2e6),
)
def test_progress_grows_with_the_latest_value_in_compound_form(
    base: float, gain: float, low: float, high: float
) -> None:
    low, high = sorted((low, high))
    target = base + gain
    a = measure(Path(1, 2020, base, 2023, low, 2025, target))
    b = measure(Path(1, 2020, base, 2023, high, 2025, target))
    assert a.progress_pct is not None
    assert b.progress_pct is not None
    assert a.progress_pct <= b.progress_pct


@settings(max_examples=300, deadline=None)
@given(base=values, gain=st.floats(min_value=0.01, max_value=1e6), low=values, high=values)
def test_progress_grows_with_the_latest_value_in_linear_form(
    base: float, gain: float, low: float, high: float
) -> None:
    low, high = sorted((min(low, 0.0), min(high, 0.0)))  # a value <= 0: the linear form
    target = base + gain
    a = measure(Path(1, 2020, base, 2023, low, 2025, target))
    b = measure(Path(1, 2020, base, 2023, high, 2025, target))
    assert a.progress_pct is not None
    assert b.progress_pct is not None
    assert a.progress_pct <= b.progress_pct


@settings(max_examples=300, deadline=None)
@given(
    base=st.floats(min_value=0.01, max_value=1e6),
    gain=st.floats(min_value=0.01, max_value=1e6),
    low=st.floats(min_value=0.01, max_value=2e6),
    high=st.floats(min_value=0.01, max_value=2e6),
)
def test_the_pace_ratio_grows_with_the_latest_value(
    base: float, gain: float, low: float, high: float
) -> None:
    low, high = sorted((low, high))
    target = base + gain
    a = measure(Path(1, 2020, base, 2023, low, 2025, target)).pace_ratio
    b = measure(Path(1, 2020, base, 2023, high, 2025, target)).pace_ratio
    assert a is not None
    assert b is not None
    assert a <= b
