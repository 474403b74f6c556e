"""The shape of every machine document, as TypedDicts, and the one version of them all.

The README and docs/cli.md document these shapes; tests/render/test_documents.py pins
them. A change that is not purely additive bumps `SCHEMA_VERSION`.
"""

from __future__ import annotations

from typing import Any, TypedDict

#: 2: periods (the `period` object of status, `periods` of show).
#: 3: target forms (growth, each_year, series, start, series_break, years_met, years_judged).
SCHEMA_VERSION = 3


class PointDoc(TypedDict):
    year: int
    value: float
    quality: str
    source: str | None


class BaselineDoc(PointDoc):
    from_actuals: bool


class TargetDoc(TypedDict):
    year: int
    value: float
    kind: str
    tolerance: float | None
    multiple: float | None
    growth: float | None
    each_year: bool
    source: str | None


class WarningDoc(TypedDict):
    code: str
    year: int | None
    message: str


class MeasuresDoc(TypedDict):
    progress_pct: float | None
    attainment_pct: float | None
    expected_value: float | None
    gap: float | None
    years_ahead: float | None
    observed_growth_pct: float | None
    required_growth_pct: float | None
    pace_ratio: float | None
    remaining_growth_pct: float | None
    projected_value: float | None


class IndicatorDoc(MeasuresDoc):
    id: str
    name: str
    local_name: str | None
    unit: str
    group: str | None
    direction: str
    series: str
    baseline: BaselineDoc | None
    start: PointDoc | None
    series_break: int | None
    target: TargetDoc
    latest: PointDoc | None
    maintain: bool
    method: str | None
    years_met: int | None
    years_judged: int | None
    status: str
    warnings: list[WarningDoc]


class PlanDoc(TypedDict):
    name: str
    region: str | None
    source: str | None
    baseline_year: int | None
    target_year: int


class PeriodDoc(TypedDict):
    id: str
    name: str
    baseline_year: int | None
    target_year: int
    source: str | None
    implicit: bool


class PeriodAssessmentDoc(TypedDict):
    period: PeriodDoc
    assessment: IndicatorDoc


class StatusDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    plan: PlanDoc
    period: PeriodDoc
    indicators: list[IndicatorDoc]
    summary: dict[str, int]


class ReportDoc(TypedDict):
    value: float
    quality: str
    source: str | None
    note: str | None


class YearDoc(TypedDict):
    year: int
    baseline: bool
    used: ReportDoc | None
    superseded: list[ReportDoc]
    partial: list[ReportDoc]
    conflicts: list[list[ReportDoc]]
    level: float | None
    met: bool | None
    expected_value: float | None
    gap: float | None


class ShowDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    period: PeriodDoc
    indicator: IndicatorDoc
    periods: list[PeriodAssessmentDoc]
    years: list[YearDoc]
    sentences: list[str]


class RecordedDoc(TypedDict):
    id: str
    year: int
    value: float
    quality: str
    source: str | None
    note: str | None
    file: str
    line: int
    replaced: bool
    already_recorded: bool


class RecordDoc(TypedDict):
    schema_version: int
    as_of: int
    recorded: RecordedDoc
    before: IndicatorDoc
    after: IndicatorDoc
    dry_run: bool
    diff: str | None


class ImportedRowDoc(TypedDict):
    line: int
    id: str
    year: int
    value: float
    quality: str
    source: str | None
    note: str | None
    reported: str | None
    outcome: str  # added, replaced or present


class StatusMoveDoc(TypedDict):
    id: str
    before: IndicatorDoc
    after: IndicatorDoc


class ImportDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    csv: str
    dry_run: bool
    added: int
    replaced: int
    present: int
    rows: list[ImportedRowDoc]
    indicators: list[StatusMoveDoc]
    diff: str | None


class SideDoc(TypedDict):
    file: str
    revision: str | None
    as_of: int
    period: str | None  # the period in force on that side (None: a file without periods)


class BeforeAfterDoc(TypedDict):
    before: Any
    after: Any


class YearChangeDoc(TypedDict):
    year: int
    kind: str  # new, revised or removed
    before: list[ReportDoc]
    after: list[ReportDoc]
    used_before: ReportDoc | None
    used_after: ReportDoc | None


class IndicatorChangeDoc(TypedDict):
    id: str
    change: str  # added, removed or changed
    status: BeforeAfterDoc
    progress_pct: BeforeAfterDoc
    pace_ratio: BeforeAfterDoc
    reports: list[YearChangeDoc]
    target: BeforeAfterDoc | None  # None: unchanged
    baseline: BeforeAfterDoc | None


class DiffDoc(TypedDict):
    schema_version: int
    before: SideDoc
    after: SideDoc
    indicators: list[IndicatorChangeDoc]
    unchanged: int
    moved: dict[str, int]  # "on_track -> met": how many indicators


MEASURE_FIELDS = tuple(MeasuresDoc.__annotations__)
