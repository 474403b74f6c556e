"""The HTML report without a browser: escaping, structure, accessibility hooks, the command."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.assess import assess
from shtracker.core.model import Kind, Report, Status, Target
from shtracker.datafile.reader import load_plan
from shtracker.render import formatting as fmt
from shtracker.render.html_card import OtherTarget
from shtracker.render.html_report import STYLE_SHEET, Periods, report_html
from shtracker.render.html_text import Html, element, escape, linked, visible
from tests.conftest import (
    GOOD,
    HOSTILE_STRINGS,
    ONE_PERIOD,
    REPORT_AS_OF,
    ROOT,
    TARGETS,
    indicator_x,
    report_page,
)


@pytest.fixture(scope="module")
def one_period_page() -> str:
    """Return the report of the data as it was before periods: the 14th plan alone."""
    return report_page(ONE_PERIOD)


def test_the_bundled_report_shows_the_period_in_force_and_keeps_the_others_in_sight(
    bundled_page: str,
) -> None:
    title = re.search(r"<title>(.*?)</title>", bundled_page)
    assert title is not None
    assert "15th Five-Year Plan (2025-2030) · as of 2026" in title.group(1)
    assert "shtracker status --period fyp14" in bundled_page
    assert "shtracker status --period y2026" in bundled_page
    # rd_intensity's other targets: about 4.5 in the 14th plan (met), about 4.6 in 2026
    assert "14th Five-Year Plan (2020-2025): ≈ 4.5 by 2025" in bundled_page
    assert "2026 annual targets (2025-2026): ≈ 4.6 by 2026" in bundled_page


def test_report_period_chooses_the_period() -> None:
    page = report_page(TARGETS, REPORT_AS_OF, "--period", "fyp14")
    assert "14th Five-Year Plan (2020-2025) · as of 2026" in page
    assert 11 == page.count('<svg class="chart"')


#: Every element the page may hold: anything else was injected.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section",
    "article", "h1", "h2", "h3", "h4", "p", "span", "code", "ul", "li", "dl", "dt", "dd", "div",
    "a", "figure", "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "defs", "g",
    "circle", "rect", "path", "polyline", "use", "text", "desc",
}  # fmt: skip
HOSTILE_TEXTS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "+1+1",
    "@SUM(1)",
    "\\x1b[2J",
    "\\x1b]52;c;ZWNobyBwd25lZA==\\x1b\\",
    "\\x1b]8;;",
    "\\u202eevil\\u202c",
    "javascript:alert(document.cookie)",
    "<style>body{display:none}</style>",
    "</section><h1>group</h1>",
)


class Page(HTMLParser):
    """The elements, attributes and text of a page, as a browser's parser reads them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def test_text_is_escaped_with_its_hidden_characters_made_visible() -> None:
    assert "&lt;b&gt; &amp; &quot;x&quot; &#x27;y&#x27;" == escape("<b> & \"x\" 'y'")
    assert "\\x1b[2J \\u202etxt \\x85 \\x7f \\u2066 \\ud800" == visible(
        "\x1b[2J \u202etxt \x85 \x7f \u2066 \ud800"
    )
    assert "tab\tand\nnewline stay" == visible("tab\tand\nnewline stay")


@given(st.text())
def test_no_text_escapes_into_markup(text: str) -> None:
    escaped = escape(text)
    assert not set("<>\"'") & set(escaped)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", escaped)
    if text.isprintable():
        assert html.escape(text) == escaped


def test_markup_built_here_is_not_escaped_twice() -> None:
    inner = element("b", {}, "<x>")
    assert "<p><b>&lt;x&gt;</b></p>" == element("p", {}, inner)
    assert isinstance(inner, Html)


def test_attribute_values_are_escaped_and_false_ones_left_out() -> None:
    built = element("a", {"href": 'x" onclick="y', "hidden": False, "download": True}, "t")
    assert '<a href="x&quot; onclick=&quot;y" download>t</a>' == built


@pytest.mark.parametrize(
    ("source", "hrefs"),
    [
        ("see https://example.org/a?b=1&c=2.", ["https://example.org/a?b=1&amp;c=2"]),
        ("(plan PDF: https://www.ndrc.gov.cn/x.pdf)", ["https://www.ndrc.gov.cn/x.pdf"]),
        ("read at lr5.cn/2022/01/20/4528.html)", ["https://lr5.cn/2022/01/20/4528.html"]),
        ("business.china.com 2025-11-27", []),
        ("javascript:alert(1)", []),
        ("javascript://example.com/%0aalert(1)", []),
        ("data:text/html,<script>alert(1)</script>", []),
        ('https://example.org/"onmouseover="alert(1)', ["https://example.org/"]),
        ("\x1b]8;;http://evil.example/\x1b\\", ["http://evil.example/"]),
    ],
)
def test_only_http_urls_in_a_source_become_links(source: str, hrefs: list[str]) -> None:
    assert hrefs == re.findall(r'href="([^"]*)"', linked(source))


def test_hostile_strings_show_as_text(hostile_page: str) -> None:
    text = Page(hostile_page).text
    for hostile in HOSTILE_TEXTS:
        assert hostile in text


def test_hostile_strings_inject_no_element_attribute_or_link(hostile_page: str) -> None:
    page = Page(hostile_page)
    assert set() == set(page.tags) - ALLOWED_TAGS
    assert 1 == page.tags.count("style")
    assert [] == [(t, n) for t, n, _ in page.attributes if n.startswith("on")]
    hrefs = [v for t, n, v in page.attributes if t == "a" and n == "href"]
    assert hrefs
    assert all(v is not None and v.startswith(("http://", "https://")) for v in hrefs)


def test_no_control_or_bidi_character_reaches_the_page(hostile_page: str) -> None:
    hidden = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert [] == hidden.findall(hostile_page)


def test_the_page_fetches_nothing_and_runs_no_script(one_period_page: str) -> None:
    page = Page(one_period_page)
    assert "script" not in page.tags
    assert [] == [(t, n) for t, n, _ in page.attributes if n == "src"]
    policy = [v for t, n, v in page.attributes if t == "meta" and n == "content" and v]
    assert any(v.startswith("default-src 'none'; style-src 'unsafe-inline'") for v in policy)
    css = Path(STYLE_SHEET).read_text(encoding="utf-8")
    assert "@import" not in css
    assert "url(" not in css


def test_the_title_names_the_plan_the_period_and_the_as_of_year(one_period_page: str) -> None:
    title = re.search(r"<title>(.*?)</title>", one_period_page)
    assert title is not None
    assert "Shanghai 14th Five-Year Plan" in title.group(1)
    assert "2020–2025" in title.group(1)
    assert f"as of {REPORT_AS_OF}" in title.group(1)


def test_headings_go_down_one_level_at_a_time(one_period_page: str) -> None:
    levels = [int(t[1]) for t in Page(one_period_page).tags if re.fullmatch("h[1-6]", t)]
    assert 1 == levels[0]
    assert 1 == levels.count(1)
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_the_page_has_banner_main_and_footer_landmarks(one_period_page: str) -> None:
    tags = Page(one_period_page).tags
    assert (1, 1, 1) == (tags.count("header"), tags.count("main"), tags.count("footer"))


def test_every_chart_has_a_title_a_description_and_a_data_table(one_period_page: str) -> None:
    charts = re.findall(r'<svg class="chart".*?</svg>', one_period_page)
    assert 11 == len(charts)
    for chart in charts:
        assert re.search(r'role="img" aria-labelledby="[^"]+-t"', chart)
        assert re.search(r"<title [^>]*>[^<]+</title>", chart)
        assert re.search(r"<desc [^>]*>Reported: [^<]+Target [^<]+</desc>", chart)
    assert 11 == one_period_page.count('<div class="visually-hidden"><table>')


def test_each_quality_has_its_own_marker(hostile_page: str) -> None:
    for symbol in ("q-final", "q-preliminary", "q-estimate", "q-partial"):
        assert f'<g class="{symbol}"><use href="#{symbol}"' in hostile_page
    assert 5 == hostile_page.count('<g id="q-')  # the shapes, defined once for the page


def test_an_about_target_draws_its_tolerance_band_and_a_floor_a_line(one_period_page: str) -> None:
    plan = load_plan(str(ONE_PERIOD))
    about = [i for i in plan.indicators if i.target.kind is Kind.ABOUT]
    charts = re.findall(r'<svg class="chart".*?</svg>', one_period_page)
    assert len(about) == sum('class="band"' in c for c in charts)
    assert "≈ 4.5 ± 0.09" in charts[0]


def test_the_summary_counts_the_statuses(one_period_page: str) -> None:
    assert "11 indicators: 7 met, 2 achieved, 2 on track" in one_period_page
    assert '<span class="chip s-met">7 met</span>' in one_period_page


def test_the_warnings_and_sources_are_listed(one_period_page: str) -> None:
    text = Page(one_period_page).text
    assert "2020 reports differ by more than 1%" in text
    assert "the 2025 figure is not yet reported" in text
    assert "no baseline declared, the earliest usable report serves" in text
    assert '<a href="https://cnipa.gov.cn/tjxx/jianbao/year2023/f/f4.html"' in one_period_page


def test_other_periods_appear_in_the_summary_on_the_card_and_on_the_chart() -> None:
    plan = load_plan(str(ONE_PERIOD))
    assessments = [assess(i, REPORT_AS_OF) for i in plan.indicators]
    later = OtherTarget("15th Five-Year Plan", Target(2030, 5.0, Kind.AT_LEAST), Status.ON_TRACK)
    periods = Periods(
        "14th Five-Year Plan (2020-2025)",
        ("15th Five-Year Plan (2025-2030): 1 on track; shtracker status --period fyp15",),
        {"rd_intensity": [later]},
    )
    page = report_html(plan, REPORT_AS_OF, assessments, periods)
    assert "14th Five-Year Plan (2020-2025) · as of 2026" in page
    assert "shtracker status --period fyp15" in page
    assert "15th Five-Year Plan: ≥ 5 by 2030" in page
    assert 1 == page.count('<g class="q-target"><use href="#q-target"')


@pytest.mark.parametrize(
    "path",
    [
        *sorted((ROOT / "tests" / "corpus" / "good").glob("*.yaml")),
        ROOT / "tests" / "show_fixture.yaml",
    ],
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("as_of", [2019, 2021, 2026])
def test_every_valid_file_makes_a_page_at_any_as_of_year(path: Path, as_of: int) -> None:
    page = report_page(path, as_of)
    plan = load_plan(str(path))
    assert len(plan.indicators) == page.count('<svg class="chart"')
    assert page.endswith("</html>\n")


def test_the_page_is_the_same_for_the_same_data(one_period_page: str) -> None:
    assert one_period_page == report_page(ONE_PERIOD)


def test_colours_meet_wcag_aa_contrast_in_both_schemes() -> None:
    css = Path(STYLE_SHEET).read_text(encoding="utf-8")
    light, dark = css.split("prefers-color-scheme: dark", 1)
    text_pairs = [("text", "card"), ("muted", "card"), ("text", "bg"), ("muted", "bg")]
    text_pairs += [("link", "card"), ("warn", "card"), ("target", "card")]
    text_pairs += [(f"{s.value}-fg", f"{s.value}-bg") for s in Status]
    line_pairs = [("series", "card"), ("path", "card"), ("target", "card")]
    for scheme in (light, dark):
        colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", scheme))
        for minimum, pairs in ((4.5, text_pairs), (3.0, line_pairs)):
            for fg, bg in pairs:
                ratio = contrast(colours[fg], colours[bg])
                assert ratio >= minimum, f"{fg} on {bg}: {ratio:.2f}"


def contrast(a: str, b: str) -> float:
    """Return the WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_report_writes_the_page_to_a_file_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    code, stdout, stderr = run("report", "-f", str(ONE_PERIOD), "--as-of", "2026", "-o", str(out))
    assert (0, "") == (code, stdout)
    assert out.read_text(encoding="utf-8") == report_page(ONE_PERIOD)
    assert f"shtracker: wrote {out}: 11 indicators, {out.stat().st_size:,} bytes\n" == stderr


def test_report_writes_report_html_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert 0 == run("report", "-f", str(ONE_PERIOD))[0]
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_dash_writes_the_page_to_stdout() -> None:
    code, stdout, stderr = run("report", "-f", str(HOSTILE_STRINGS), "--as-of", "2026", "-o", "-")
    assert (0, "") == (code, stderr)
    assert report_page(HOSTILE_STRINGS) == stdout


def test_report_honours_status_and_group_filters() -> None:
    code, stdout, _ = run("report", "-f", str(ONE_PERIOD), "--as-of", "2026", "-o", "-",
                          "--status", "on-track", "--group", "core")  # fmt: skip
    assert 0 == code
    assert "1 indicator: 1 on track" in stdout
    assert 1 == stdout.count('<article class="card"')


@pytest.mark.parametrize(
    ("args", "expected_code", "message"),
    [
        (("--status", "fine"), 2, "--status: unknown status 'fine'"),
        (("--group", "cor"), 1, "unknown group 'cor'"),
        (("-o", "/nonexistent/folder/r.html"), 1, "cannot write"),
    ],
)
def test_report_refuses_bad_options_and_unwritable_files(
    args: tuple[str, ...], expected_code: int, message: str
) -> None:
    code, stdout, stderr = run("report", "-f", str(ONE_PERIOD), *args)
    assert (expected_code, "") == (code, stdout)
    assert message in stderr


def test_report_imports_neither_rich_nor_plotext(tmp_path: Path) -> None:
    argv = ["shtracker", "report", "-f", str(ONE_PERIOD), "-o", str(tmp_path / "r.html")]
    probe = (
        f"import sys\nfrom shtracker.cli.app import main\nsys.argv = {argv!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rich', 'plotext', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()


def test_a_rate_or_flow_series_draws_what_was_assessed_and_says_so() -> None:
    # every_form.yaml: output_growth chains 9.6% (2021) into an index, 100 in 2020; trained
    # sums 50,000 (2021) and 70,000 (2022) into 120,000. The charts draw the index and the
    # total, never the raw rates or yearly flows, against their required paths.
    page = report_page(GOOD / "every_form.yaml", 2024)
    assert "Index, 100 = 2020: 2020: 100; 2021: 109.6." in page
    assert "Running total since 2021: 2020: 0; 2021: 50,000; 2022: 120,000 (preliminary)." in page
    assert "Target ≥ 300,000 in total by 2025." in page
    assert "9.6% a year to 2021" in page  # the card's latest: the index's growth, not 109.6
    assert "2/2 years" in page  # an every-year target's progress, as the table words it


def test_a_target_to_maintain_has_no_required_path_in_its_chart_or_its_words() -> None:
    """Core gives a maintain target no required path (methodology.md); the card drew none
    but described one in the chart's title, description, key and data table."""
    page = report_page(TARGETS, 2024, "--period", "fyp14")
    start = page.index('id="c-high_value_patents-t"')
    card = page[start : page.index("</article>", start)]
    assert "equired path" not in card
    rising = page.index('id="c-rd_intensity-t"')  # a target with a distance to cover has one
    assert "Required path" in page[rising : page.index("</article>", rising)]


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        # 100 (2020) -> 101 (2021) against >= 200 by 2025, compound: observed 1.01 - 1 = 1 %
        # a year, required 2 ** (1/5) - 1 = 14.87 %: R = 0.0672; the path 100 * 2 ** (t/5)
        # reaches 101 at t = 5 * log2(1.01) = 0.072, 0.93 years before 2021.
        (Report(2021, 101), "R 0.07, 0.9 years behind"),
        # 1e9 in 2021: R = (1e7 - 1) / 0.1487, far over 99; the path reaches 1e9 at
        # t = 5 * log2(1e7) = 116.3, 115.3 years after 2021: over the bound of 99 too.
        (Report(2021, 1e9), "R >99, more than 99 years ahead"),
    ],
)
def test_the_card_bounds_pace_as_the_table_does(latest: Report, expected: str) -> None:
    a = assess(
        indicator_x(Target(2025, 200, Kind.AT_LEAST), latest, baseline=Report(2020, 100)), 2021
    )
    assert expected == fmt.pace_sentence(a)


def test_a_card_says_which_way_is_better_as_show_does_for_a_target_to_maintain() -> None:
    page = report_page(TARGETS, 2024, "--period", "fyp14")
    start = page.index('id="c-high_value_patents-t"')
    card = page[page.rindex("<article", 0, start) : start]
    assert "higher is better" in card
    assert "should rise" not in card
