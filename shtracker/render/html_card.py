"""One indicator of the HTML report: its facts, the measures in words, the chart, its sources.

The words come from formatting and show_view (as in `status` and `show`); every string
from the data file goes through html_text, which escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shtracker.core.assess import Assessment
from shtracker.core.model import Report, Series, Status, Target
from shtracker.render import formatting as fmt
from shtracker.render import kind_words as kinds
from shtracker.render import show_view as story
from shtracker.render import svg_chart
from shtracker.render.chart_words import assessed_rows, data_table
from shtracker.render.html_text import Html, element, escape, join, linked
from shtracker.render.show_view import YearRow


@dataclass(frozen=True, slots=True)
class OtherTarget:
    """A target the indicator has in another period, and its status there (periods.md)."""

    period: str
    target: Target
    status: Status | None = None


def status_chip(status: Status, text: str | None = None) -> Html:
    """Return a status as a coloured label; the words carry it, the colour only repeats it."""
    words = text or fmt.STATUS_LABEL[status]
    return element("span", {"class": f"chip s-{status.value}"}, words)


def _latest(a: Assessment) -> str:
    if a.latest is None:
        return "none yet"
    where = f"in {a.latest.year} ({a.latest.quality.value})"
    if a.indicator.series is Series.RATE:  # the index's average growth, as the table says
        value, unit = fmt.latest_parts(a)
        return f"{value} {unit} to {a.latest.year}" if value != "-" else "no rate yet"
    if a.indicator.series is Series.FLOW:
        return f"{fmt.number(a.latest.value)} in total to {a.latest.year}"
    return f"{fmt.number(a.latest.value)} {where}"


def _baseline(a: Assessment) -> str:
    b = a.baseline
    if b is None:
        return "none declared and no usable report"
    if a.indicator.series is not Series.STOCK:
        return kinds.chain_start(a)
    taken = "; none declared, the earliest report serves" if a.baseline_from_actuals else ""
    return f"{fmt.number(b.value)} in {b.year}{taken}"


def _progress(a: Assessment) -> Html:
    m = a.measures
    pct = m.progress_pct if m is not None else None
    if pct is None:  # words, as the table has them: "maintain", "2/2 years", "-"
        return escape(fmt.progress_words(a))
    width = f"width:{max(0.0, min(pct, 100.0)):.1f}%"
    bar = element(
        "span", {"class": "meter", "aria-hidden": "true"}, element("span", {"style": width})
    )
    return join([fmt.progress(pct), " ", bar])


def facts(a: Assessment) -> Html:
    """Return the indicator's key figures as a description list."""
    pairs: list[tuple[str, str | Html]] = [
        ("Latest", _latest(a)),
        ("Target", fmt.target_sentence(a)),
        ("Status", join([status_chip(a.status), f" as of {a.as_of}"])),
        ("Progress", _progress(a)),
        ("Pace", fmt.pace_sentence(a)),
        ("Baseline", _baseline(a)),
    ]
    items = [element("div", {}, element("dt", {}, k), element("dd", {}, v)) for k, v in pairs]
    return element("dl", {"class": "facts"}, *items)


def other_targets(others: Sequence[OtherTarget], series: Series = Series.STOCK) -> Html | None:
    """Return the indicator's targets in other periods, with their status there."""
    if not others:
        return None
    items = []
    for other in others:
        t = other.target
        status = [" ", status_chip(other.status)] if other.status is not None else []
        items.append(
            element(
                "li",
                {},
                f"{other.period}: {fmt.target_text(t, series=series)} by {t.year}",
                *status,
            )
        )
    return element(
        "div", {"class": "others"}, element("h4", {}, "Other periods"), element("ul", {}, *items)
    )


def _report_label(row: YearRow, report: Report, role: str) -> str:
    note = f" (note: {report.note})" if report.note else ""
    flag = f", {role}" if role else ""
    return f"{row.year}: {fmt.number(report.value)} ({report.quality.value}{flag}){note}"


def source_entries(a: Assessment, rows: Sequence[YearRow]) -> list[tuple[list[str], str | None]]:
    """Return each source once with what it is the source of, in the order first cited."""
    i, t = a.indicator, a.indicator.target
    target = fmt.target_text(t, series=i.series)
    cited: list[tuple[str, str | None]] = [(f"target {target} by {t.year}", t.source)]
    if i.baseline is not None:
        note = f" (note: {i.baseline.note})" if i.baseline.note else ""
        cited.append((f"baseline {fmt.number(i.baseline.value)}{note}", i.baseline.source))
    for row in rows:
        conflicting = row.conflicting
        used = [] if row.used is None or row.used is i.baseline else [row.used]  # shown above
        reports = [(r, "conflict" if r in conflicting else "") for r in used]
        reports += [(r, "conflict" if r in conflicting else "superseded") for r in row.superseded]
        reports += [(r, "part-year") for r in row.partial]
        cited += [(_report_label(row, r, role), r.source) for r, role in reports]
    if i.source or i.note:
        cited.append((f"indicator{f' (note: {i.note})' if i.note else ''}", i.source))
    grouped: dict[str | None, list[str]] = {}
    for label, source in cited:
        grouped.setdefault(source, []).append(label)
    return [(labels, source) for source, labels in grouped.items()]


def sources(a: Assessment, rows: Sequence[YearRow]) -> Html:
    """Return every source of the indicator: a link where it holds a URL, text otherwise."""
    items = []
    for labels, source in source_entries(a, rows):
        what = element("span", {"class": "cites"}, "; ".join(labels))
        text = linked(source) if source else Html("no source given")
        items.append(element("li", {}, what, Html(" — "), text))
    return element(
        "div", {"class": "sources"}, element("h4", {}, "Sources"), element("ul", {}, *items)
    )


def _subtitle(a: Assessment) -> Html:
    i = a.indicator
    rising = fmt.direction_words(a)
    parts: list[str | None] = [
        element("span", {"class": "local"}, i.local_name) if i.local_name else None,
        element("code", {}, i.id),
        f"{i.unit} ({rising})",
    ]
    shown = [p for p in parts if p is not None]
    return element(
        "p",
        {"class": "sub"},
        *[x for k, p in enumerate(shown) for x in ((" · " if k else None), p)],
    )


def card(a: Assessment, key: str, others: Sequence[OtherTarget] = ()) -> Html:
    """Return one indicator's card; `key` makes its ids unique in the page."""
    rows = story.year_rows(a)
    drawn = assessed_rows(a, rows)  # a rate or flow series draws its index or running total
    stock = a.indicator.series is Series.STOCK  # other periods' targets share its scale
    marks = [svg_chart.TargetMark(o.target.year, o.target.value, o.period) for o in others if stock]
    notices = [element("li", {}, n.message) for n in a.notices]
    text = element(
        "div",
        {"class": "text"},
        element("h3", {"id": f"{key}-h"}, a.indicator.name),
        _subtitle(a),
        facts(a),
        element("ul", {"class": "words"}, *(element("li", {}, s) for s in story.sentences(a))),
        other_targets(others, a.indicator.series),
        element("ul", {"class": "notices"}, *notices) if notices else None,
    )
    plot = element(
        "figure",
        {"class": "plot"},
        svg_chart.chart_svg(a, drawn, key, marks),
        svg_chart.chart_key(a, drawn, marks),
        data_table(a, drawn),
    )
    attributes = {"class": "card", "id": f"i-{a.indicator.id}", "aria-labelledby": f"{key}-h"}
    return element("article", attributes, text, plot, sources(a, rows))
