"""`shtracker diff`: two revisions or two as-of years, as a table, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from shtracker.render.documents.shapes import DiffDoc, IndicatorChangeDoc
from shtracker.render.markdown import inline
from tests.conftest import SMALL_PLAN, TARGETS, documentation, git, run, run_process

#: A first report for emissions: insufficient data -> on track (see tests/core/test_compare.py).
EMISSIONS_2021 = SMALL_PLAN + "    actuals:\n      2021: -3\n"
WIDE = {"COLUMNS": "120", "NO_COLOR": "1"}


def gfm_table(markdown: str) -> list[list[str]]:
    """Return the cells of the one table a GitHub-flavoured Markdown parser finds, row by row."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.level > 3:
            rows[-1].append(token.content)
    assert 1 == sum(t.type == "table_open" for t in tokens)
    return rows


def test_diff_head_as_markdown_is_a_github_table_of_what_changed(repo: Path) -> None:
    repo.write_text(EMISSIONS_2021)
    result = run("diff", "HEAD", "--format", "markdown", "--as-of", "2026", "--file", str(repo))
    assert (0, "") == (result.exit_code, result.stderr)
    before, after = inline(f"HEAD:{repo} (as of 2026)"), inline(f"{repo} (as of 2026)")
    assert result.stdout.startswith(f"#### shtracker diff: {before} → {after}\n")
    assert [
        ["indicator", "status", "progress", "pace", "what changed"],
        [
            "`emissions`",
            "insufficient data → on track",
            "- → 30.0%",
            "- → R 1.50",
            "new 2021: -3",
        ],
    ] == gfm_table(result.stdout)
    assert result.stdout.endswith("\n1 other indicator unchanged.\n")


def test_markdown_cells_escape_pipes_and_break_lines_with_br(repo: Path) -> None:
    text = EMISSIONS_2021.replace("      2022: 4.44\n", "      2022: [4.44, 4.3]\n")
    text = text.replace("{value: 4.5, kind: about}", "{value: 4.6, kind: at_least}")
    repo.write_text(text)
    result = run("diff", "HEAD", "--format", "markdown", "--as-of", "2026", "--file", str(repo))
    rows = gfm_table(result.stdout)
    assert 3 == len(rows)
    assert all(5 == len(row) for row in rows)
    assert (
        "revised 2022: 4.44 → 4.3 (+1 report)<br>target ≈ 4.5 (2025) → ≥ 4.6 (2025)" == rows[1][4]
    )


def test_diff_of_two_revisions_as_json(repo: Path) -> None:
    repo.write_text(EMISSIONS_2021)
    git(repo.parent, "commit", "-qam", "emissions 2021")
    result = run("diff", "HEAD~1..HEAD", "--json", "--as-of", "2026", "--file", str(repo))
    doc = json.loads(result.stdout)
    assert ["schema_version", "before", "after", "indicators", "unchanged", "moved"] == list(doc)
    assert list(DiffDoc.__annotations__) == list(doc)  # the TypedDict is the contract
    assert list(IndicatorChangeDoc.__annotations__) == list(doc["indicators"][0])
    assert {"file": f"HEAD~1:{repo}", "revision": "HEAD~1", "as_of": 2026, "period": None} == doc[
        "before"
    ]
    assert {"file": f"HEAD:{repo}", "revision": "HEAD", "as_of": 2026, "period": None} == doc[
        "after"
    ]
    (change,) = doc["indicators"]
    assert {
        "id": "emissions",
        "change": "changed",
        "status": {"before": "insufficient_data", "after": "on_track"},
        "progress_pct": {"before": None, "after": 30.0},  # null at the baseline
        "pace_ratio": {"before": None, "after": 1.5},
        "reports": [
            {
                "year": 2021,
                "kind": "new",
                "before": [],
                "after": [{"value": -3, "quality": "final", "source": None, "note": None}],
                "used_before": None,
                "used_after": {"value": -3, "quality": "final", "source": None, "note": None},
            }
        ],
        "target": None,
        "baseline": None,
    } == change
    assert (1, {"insufficient_data -> on_track": 1}) == (doc["unchanged"], doc["moved"])


def test_diff_from_one_as_of_year_to_another_needs_no_git(plan_file: Path) -> None:
    result = run(
        "diff", "--from-as-of", "2021", "--as-of", "2022", "--file", str(plan_file), env=WIDE
    )
    assert 0 == result.exit_code, result.stderr
    assert f"{plan_file} (as of 2021) → {plan_file} (as of 2022)" in result.stdout
    assert "behind → achieved" in result.stdout
    assert "new 2022: 4.44" in result.stdout
    assert "1 other indicator unchanged." in result.stdout


def test_no_change_is_one_line(repo: Path) -> None:
    result = run("diff", "HEAD", "--file", str(repo), env=WIDE)
    assert 0 == result.exit_code
    assert "No change: 2 indicators, all as before.\n" == result.stdout.splitlines(True)[-1]


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("on_track", 3), ("on-track,behind", 3), ("insufficient_data", 0), ("missed", 0)],
)
def test_fail_on_exits_3_only_when_an_indicator_moved_into_a_status(
    repo: Path, fail_on: str, code: int
) -> None:
    repo.write_text(EMISSIONS_2021)
    result = run("diff", "HEAD", "--json", "--fail-on", fail_on, "--file", str(repo))
    assert code == result.exit_code
    json.loads(result.stdout)  # the output is printed in full first
    if code:
        assert (
            "--fail-on: 1 indicator moved into a status asked for: "
            "emissions (insufficient_data -> on_track)\n"
        ) == result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope"], 1, "{file}: unknown revision 'nope'"),
        (["HEAD~3..HEAD"], 1, "{file}: unknown revision 'HEAD~3'"),
        (["HEAD...main"], 2, "REV: use REV or REV..REV, not 'HEAD...main' (three dots)"),
        ([], 2, "give a revision to compare with (diff HEAD) or --from-as-of YEAR"),
        (["HEAD", "--fail-on", "fine"], 2, "--fail-on: unknown status 'fine'"),
    ],
)
def test_a_bad_revision_or_invocation_is_one_line_on_stderr(
    repo: Path, args: list[str], code: int, message: str
) -> None:
    result = run("diff", *args, "--file", str(repo))
    assert (code, "") == (result.exit_code, result.stdout)
    (line,) = result.stderr.splitlines()
    assert line.startswith(message.format(file=repo))


def test_outside_a_repository_a_real_process_prints_one_line_and_no_git_output(
    plan_file: Path,
) -> None:
    done = run_process("diff", "HEAD", "--file", str(plan_file), cwd=plan_file.parent)
    assert (1, "", f"{plan_file}: is not in a git repository\n") == (
        done.returncode,
        done.stdout,
        done.stderr,
    )


def test_a_first_full_year_figure_beside_a_part_year_one_says_so(repo: Path) -> None:
    partial = SMALL_PLAN.replace(
        "      2022: 4.44\n", "      2022: 4.44\n      2023: {value: 4.3, quality: partial}\n"
    )
    repo.write_text(partial)
    git(repo.parent, "commit", "-qam", "a part-year figure")
    repo.write_text(
        partial.replace("{value: 4.3, quality: partial}", "[{value: 4.3, quality: partial}, 4.48]")
    )
    result = run("diff", "HEAD", "--format", "markdown", "--file", str(repo))
    assert "revised 2023: part-year only → 4.48 (+1 report)" == gfm_table(result.stdout)[1][4]


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_the_table_never_cuts_an_id_or_a_status(plan_file: Path, columns: str) -> None:
    text = EMISSIONS_2021.replace("  emissions:", "  emissions_of_greenhouse_gases_total:")
    plan_file.write_text(text)
    env = {"COLUMNS": columns, "NO_COLOR": "1"}
    result = run(
        "diff", "--from-as-of", "2020", "--as-of", "2026", "--file", str(plan_file), env=env
    )
    assert 0 == result.exit_code, result.stderr
    assert "emissions_of_greenhouse_gases_total " in result.stdout
    words = result.stdout.split()
    status = ["insufficient", "data", "on", "track"]  # in order, whole, maybe over lines
    assert status == [w for w in words if w in status][-4:]
    assert all(len(line) <= int(columns) for line in result.stdout.splitlines()[1:])


def readme_block(fence: str, after: str) -> str:
    """Return the body of the first block fenced with `fence` after the text `after`."""
    text = documentation()
    start = text.index(fence + "\n", text.index(after)) + len(fence) + 1
    return text[start : text.index(fence.rstrip("abcdefghijklmnopqrstuvwxyz"), start)]


def test_the_readme_walk_through_is_what_import_and_diff_print(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = readme_block("```console", "A walk-through in a new git repository")
    csv_text = console.split("$ cat communique-2025.csv\n")[1].split("$ shtracker import")[0]
    repo.write_bytes(Path(TARGETS).read_bytes())
    git(repo.parent, "commit", "-qam", "Shanghai data")
    (repo.parent / "communique-2025.csv").write_text(csv_text, encoding="utf-8")
    monkeypatch.chdir(repo.parent)
    imported = run("import", "communique-2025.csv", env={"SHTRACKER_FILE": None})
    expected = console.split("$ shtracker import communique-2025.csv\n")[1].split("$ ")[0]
    assert expected == imported.stderr
    markdown = run("diff", "HEAD", "--format", "markdown", "--as-of", "2026")
    assert (
        readme_block("````markdown", "$ shtracker diff HEAD --format markdown") == markdown.stdout
    )


def test_a_revision_with_glob_characters_is_an_unknown_revision(repo: Path) -> None:
    result = run("diff", "foo[2]", "--file", str(repo))
    assert 1 == result.exit_code
    assert "unknown revision 'foo[2]'" in result.stderr
