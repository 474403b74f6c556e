"""The HTML report: one self-contained page, a card and a chart per indicator.

No network at view time: the style sheet is inline (report.css beside this module), there
is no script, and a Content-Security-Policy forbids every fetch. Every string from the
data file is escaped by html_text.

Periods plug in through `Periods`: the period in force names the page, one summary line per
other period sits under the counts, and each indicator's targets in other periods go on its
card and its chart. Until the core knows periods, `implicit_periods` gives the plan's one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from shtracker import __version__
from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Plan
from shtracker.render import formatting as fmt
from shtracker.render import svg_chart
from shtracker.render.html_card import OtherTarget, card, status_chip
from shtracker.render.html_text import Html, element, linked
from shtracker.render.period_lines import period_label, summary_line

STYLE_SHEET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.css")
#: Nothing may be fetched: no script, no font, no image, no frame; only the inline styles.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


@dataclass(frozen=True, slots=True)
class Periods:
    """What the page says about periods (periods.md)."""

    current: str  # the period in force, as the title shows it: "14th Five-Year Plan (2021-2025)"
    others: tuple[str, ...] = ()  # one summary line per other period
    other_targets: Mapping[str, Sequence[OtherTarget]] = field(default_factory=dict)  # by id


def report_periods(
    plan: Plan, shown: Period, others: Sequence[tuple[Period, Sequence[Assessment]]]
) -> Periods:
    """Return what the page says about periods: the one shown, a line for each other one,
    and each indicator's targets in the other periods with its status there."""
    if shown.implicit:
        return implicit_periods(plan)
    by_id: dict[str, list[OtherTarget]] = {}
    for period, found in others:
        for a in found:
            by_id.setdefault(a.indicator.id, []).append(
                OtherTarget(period_label(period), a.indicator.target, a.status)
            )
    lines = tuple(summary_line(p, found) for p, found in others)
    return Periods(period_label(shown), lines, by_id)


def implicit_periods(plan: Plan) -> Periods:
    """Return the one period of a file without periods: the plan's years."""
    if plan.baseline_year is None:
        return Periods(f"to {plan.target_year}")
    return Periods(f"{plan.baseline_year}–{plan.target_year}")


def _style() -> str:
    with open(STYLE_SHEET, encoding="utf-8") as handle:
        return handle.read()


def head(plan: Plan, as_of: int, periods: Periods) -> Html:
    """Return the page's head: encoding, viewport, policy, title and the style sheet."""
    return element(
        "head",
        {},
        element("meta", {"charset": "utf-8"}),
        element("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        element("meta", {"http-equiv": "Content-Security-Policy", "content": POLICY}),
        element("meta", {"name": "color-scheme", "content": "light dark"}),
        element("meta", {"name": "generator", "content": f"shtracker {__version__}"}),
        element("title", {}, f"{plan.name} · {periods.current} · as of {as_of}"),
        element("style", {}, Html(_style())),
    )


def banner(plan: Plan, as_of: int, periods: Periods) -> Html:
    """Return the page header: the plan, the period and the as-of year, and the plan's source."""
    where = f"{plan.region} · " if plan.region else ""
    return element(
        "header",
        {"class": "banner"},
        element("h1", {}, plan.name),
        element("p", {"class": "period"}, f"{where}Period {periods.current} · as of {as_of}"),
        element("p", {"class": "plan-source"}, "Source: ", linked(plan.source))
        if plan.source
        else None,
    )


def summary(assessments: Sequence[Assessment], periods: Periods) -> Html:
    """Return the counts by status as a bar and as chips, and a line per other period."""
    found = fmt.status_counts(assessments)
    segments = [
        element("span", {"class": f"s-{s.value}", "style": f"flex-grow:{k}"}) for s, k in found
    ]
    chips = [element("li", {}, status_chip(s, f"{k} {fmt.STATUS_LABEL[s]}")) for s, k in found]
    others = [element("li", {}, line) for line in periods.others]
    return element(
        "section",
        {"class": "summary", "aria-labelledby": "summary-h"},
        element("h2", {"id": "summary-h"}, "Summary"),
        element("p", {"class": "count"}, fmt.count_text(assessments)),
        element("div", {"class": "bar", "aria-hidden": "true"}, *segments) if found else None,
        element("ul", {"class": "chips"}, *chips) if chips else None,
        element("ul", {"class": "periods"}, *others) if others else None,
    )


def _groups(assessments: Sequence[Assessment]) -> dict[str | None, list[Assessment]]:
    """Return the assessments by group, groups in order of first appearance."""
    groups: dict[str | None, list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(a.indicator.group, []).append(a)
    return groups


def indicators(assessments: Sequence[Assessment], periods: Periods) -> list[Html]:
    """Return one section per group (one in all when there are no groups), a card each."""
    groups = _groups(assessments)
    named = any(g is not None for g in groups)
    out = []
    for number, (group, members) in enumerate(groups.items()):
        name = group or "other indicators"
        heading = name[:1].upper() + name[1:] if named else "Indicators"
        # Ids are [a-z][a-z0-9_]* (the reader checks): fit for HTML ids as they are.
        cards = [
            card(a, f"c-{a.indicator.id}", periods.other_targets.get(a.indicator.id, ()))
            for a in members
        ]
        out.append(
            element(
                "section",
                {"class": "group", "aria-labelledby": f"g{number}-h"},
                element("h2", {"id": f"g{number}-h"}, heading),
                *cards,
            )
        )
    return out


def warnings(assessments: Sequence[Assessment]) -> Html | None:
    """Return the warnings: conflicts, pending figures, baselines taken from the reports."""
    lines = fmt.warning_lines(assessments)
    if not lines:
        return None
    return element(
        "section",
        {"class": "warnings", "aria-labelledby": "warnings-h"},
        element("h2", {"id": "warnings-h"}, "Warnings"),
        element("ul", {}, *(element("li", {}, line) for line in lines)),
    )


def footer(file_name: str | None) -> Html:
    """Return what made the page, and from which file."""
    source = f" from {file_name}" if file_name else ""
    method = (
        "Progress is the share of the way from the baseline to the target; the pace ratio R is "
        "the observed growth over the growth required (0.95 or more is on track)."
    )
    return element(
        "footer",
        {"class": "colophon"},
        element("p", {}, method),
        element("p", {}, f"Made by shtracker {__version__}{source}."),
    )


def report_html(
    plan: Plan,
    as_of: int,
    assessments: Sequence[Assessment],
    periods: Periods | None = None,
    file_name: str | None = None,
) -> str:
    """Return the whole page."""
    periods = periods or implicit_periods(plan)
    main: list[str | None] = [summary(assessments, periods)]
    if assessments:
        main += indicators(assessments, periods)
    else:
        main.append(element("p", {"class": "empty"}, "No indicator to show."))
    main.append(warnings(assessments))
    body = element(
        "body",
        {},
        svg_chart.symbols(),
        banner(plan, as_of, periods),
        element("main", {}, *main),
        footer(file_name),
    )
    page = element("html", {"lang": "en"}, head(plan, as_of, periods), body)
    return f"<!DOCTYPE html>\n{page}\n"
