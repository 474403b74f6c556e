"""Which indicators `status` and `report` show (--status, --group, ids, --period), and --fail-on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shtracker.core.assess import Assessment
from shtracker.core.errors import FailOnStatusError, UnknownIdError, UsageError
from shtracker.core.model import Period, Plan, Status

STATUS_NAMES = tuple(s.value for s in Status)


def split(values: Iterable[str] | None) -> list[str]:
    """Return the names of a repeatable, comma-separated option, blanks dropped."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def _status_name(name: str) -> str:
    """Return a status name as the JSON writes it: 'On-Track' and 'on track' mean on_track."""
    return name.lower().replace("-", "_").replace(" ", "_")


def parse_statuses(values: Iterable[str] | None, option: str) -> set[Status]:
    """Return the statuses named; refuse unknown names with the valid ones (exit 2)."""
    names = split(values)
    unknown = [n for n in names if _status_name(n) not in STATUS_NAMES]
    if unknown:
        raise UsageError(
            f"{option}: unknown status {', '.join(repr(u) for u in unknown)}; "
            f"valid: {', '.join(STATUS_NAMES)}"
        )
    return {Status(_status_name(n)) for n in names}


def output_format(json_flag: bool, chosen: str | None) -> str:
    """Return the format asked for; `--json` with another `--format` is a usage error."""
    if json_flag and chosen not in (None, "json"):
        raise UsageError(f"--json and --format {chosen} ask for two formats: give one")
    return "json" if json_flag else chosen or "table"


def check_groups(groups: Sequence[str], known: Iterable[str | None]) -> None:
    """Refuse a group that no indicator belongs to, with a suggestion (exit 1, like an id).

    Groups match regardless of case, as the loader groups them.
    """
    from shtracker.core.errors import unknown as unknown_message

    names = sorted({g for g in known if g is not None})
    folded = {n.casefold() for n in names}
    unknown = [g for g in groups if g.casefold() not in folded]
    if unknown:
        hints = "; ".join(unknown_message("group", u, names) for u in unknown)
        raise UnknownIdError(f"{hints} (groups: {', '.join(names) or 'none'})")


def select(
    assessments: Sequence[Assessment], statuses: set[Status], groups: Sequence[str]
) -> list[Assessment]:
    """Return the assessments whose status and group were asked for (all when none were)."""
    wanted = {g.casefold() for g in groups}
    return [
        a
        for a in assessments
        if (not statuses or a.status in statuses)
        and (not wanted or (a.indicator.group or "").casefold() in wanted)
    ]


def check_fail_on(assessments: Sequence[Assessment], fail_on: set[Status]) -> None:
    """Raise FailOnStatusError (exit 3) when an indicator shown has a status in `fail_on`."""
    hits = [a for a in assessments if a.status in fail_on]
    if hits:
        from shtracker.render.formatting import STATUS_LABEL

        listed = ", ".join(f"{a.indicator.id} ({STATUS_LABEL[a.status]})" for a in hits)
        raise FailOnStatusError(
            f"--fail-on: {len(hits)} indicator{'s' if len(hits) > 1 else ''} "
            f"with a status asked for: {listed}"
        )


@dataclass(frozen=True, slots=True)
class Shown:
    """What `status` and `report` show: the file, the period, its assessments, the others."""

    path: str
    plan: Plan
    as_of: int
    period: Period
    assessments: list[Assessment]
    others: list[tuple[Period, list[Assessment]]]


def shown(
    file: str | None,
    ids: list[str] | None,
    period_id: str | None,
    as_of: int | None,
    only: Iterable[str] | None,
    group: Iterable[str] | None,
    with_others: bool = True,
) -> Shown:
    """Return the indicators the options choose, assessed in the period chosen, and (when
    asked: only people's formats show them) the same indicators in every other period,
    filtered by group, not by status."""
    from shtracker.cli.common import (
        as_of_year,
        assess_ids,
        chosen_period,
        open_plan,
        other_periods,
        pick,
    )

    wanted = parse_statuses(only, "--status")
    groups = split(group)
    data_file, plan = open_plan(file)
    check_groups(groups, (i.group for i in plan.indicators))
    year = as_of_year(as_of)
    period = chosen_period(plan, period_id, year)
    picked = pick(plan, ids)
    assessments = select(assess_ids(plan, picked, period, year, named=bool(ids)), wanted, groups)
    others = [
        (p, select(found, set(), groups))
        for p, found in (other_periods(plan, picked, period, year) if with_others else [])
    ]
    return Shown(data_file.path, plan, year, period, assessments, others)
