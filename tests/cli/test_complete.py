"""Shell completion of indicator ids: right, silent on any problem, and quick."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shtracker.cli.complete import indicator_ids, matching_ids
from tests.conftest import GROUPED_PLAN

CONSOLE_SCRIPT = Path(sys.executable).parent / "shtracker"
PLAN = """\
plan: {name: P, baseline_year: 2020, target_year: 2025}
indicators:
  rd_intensity: {name: R, unit: "%", baseline: 1, target: {value: 2}}
  rd_staff: {name: S, unit: people, baseline: 1, target: {value: 2}}
  patents: {name: P, unit: n, baseline: 1, target: {value: 2}}
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)
    return path


def complete(
    words: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run what bash runs on a Tab press after `words`."""
    environ = {k: v for k, v in os.environ.items() if k != "SHTRACKER_FILE"}
    environ |= {
        "_SHTRACKER_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        **(env or {}),
    }
    return subprocess.run(
        [str(CONSOLE_SCRIPT)], env=environ, cwd=cwd, capture_output=True, text=True, check=False
    )


def test_ids_come_from_the_file_named_by_file(plan_file: Path) -> None:
    assert ["rd_intensity", "rd_staff"] == matching_ids(str(plan_file), "rd")


@pytest.mark.parametrize("text", ["", "plan: [", "- a list", "indicators: 3", "\xff"])
def test_a_broken_file_gives_no_ids_and_no_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, errors="surrogateescape")
    assert [] == indicator_ids(str(path))


def test_a_missing_file_gives_no_ids(tmp_path: Path) -> None:
    assert [] == indicator_ids(str(tmp_path / "missing.yaml"))


def test_record_completes_ids_of_the_file_typed_on_the_line(plan_file: Path) -> None:
    result = complete(f"shtracker record --file {plan_file} rd", plan_file.parent)
    assert (result.returncode, result.stdout.split(), result.stderr) == (
        0,
        ["rd_intensity", "rd_staff"],
        "",
    )


def test_status_completes_ids_of_shtracker_file(plan_file: Path) -> None:
    result = complete("shtracker status pat", plan_file.parent, {"SHTRACKER_FILE": str(plan_file)})
    assert (result.returncode, result.stdout.split()) == (0, ["patents"])


def test_show_completes_ids_of_the_file_typed_on_the_line(plan_file: Path) -> None:
    result = complete(f"shtracker show -f {plan_file} rd_s", plan_file.parent)
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, ["rd_staff"], "")


def test_completion_in_a_folder_with_a_broken_file_is_silent(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text("indicators: [\n")
    result = complete("shtracker record ", tmp_path)
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, [], "")


def test_completion_completes_ids_of_shtracker_file_by_prefix(plan_file: Path) -> None:
    """The case bench/run.py times as `complete` (a time here would be a flaky test)."""
    result = complete("shtracker record rd", plan_file.parent, {"SHTRACKER_FILE": str(plan_file)})
    assert result.stdout.split() == ["rd_intensity", "rd_staff"]


def test_completion_does_not_import_rich(plan_file: Path) -> None:
    environ = dict(os.environ, SHTRACKER_FILE=str(plan_file), PYTHONPROFILEIMPORTTIME="1")
    environ |= {"_SHTRACKER_COMPLETE": "complete_bash", "COMP_WORDS": "shtracker record rd"}
    environ["COMP_CWORD"] = "2"
    result = subprocess.run(
        [sys.executable, str(CONSOLE_SCRIPT)],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "rd_intensity" in result.stdout
    assert [] == [name for name in imported if name.split(".")[0] == "rich"]


def test_status_completes_status_names_not_file_names(plan_file: Path) -> None:
    result = complete("shtracker status --status o", plan_file.parent)
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, ["on_track"], "")


def test_fail_on_completes_the_last_name_of_a_list(plan_file: Path) -> None:
    result = complete("shtracker status --fail-on behind,f", plan_file.parent)
    assert ["behind,far_behind"] == result.stdout.split()


def test_status_offers_every_status_name_on_an_empty_word(plan_file: Path) -> None:
    result = complete("shtracker status --status ", plan_file.parent)
    assert 9 == len(result.stdout.split())
    assert "plan.yaml" not in result.stdout


def test_group_completes_the_groups_of_the_file_in_their_first_spelling(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text(GROUPED_PLAN)
    result = complete("shtracker status --group ", tmp_path)
    assert (result.returncode, result.stdout.split()) == (0, ["core", "industry"])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("shtracker status --format m", ["markdown", "markdown-table"]),
        ("shtracker status --color a", ["auto", "always"]),
        ("shtracker record --quality p", ["preliminary", "partial"]),
    ],
)
def test_options_with_fixed_words_complete_those_words(
    plan_file: Path, words: str, expected: list[str]
) -> None:
    assert expected == complete(words, plan_file.parent).stdout.split()


def test_bash_completion_function_completes_status_names(plan_file: Path) -> None:
    """Source the script `--show-completion bash` prints and call its function, as bash does."""
    script = (
        'eval "$(shtracker --show-completion bash)"; '
        "COMP_WORDS=(shtracker status --status on); COMP_CWORD=3; "
        '_shtracker_completion shtracker; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    environ = {k: v for k, v in os.environ.items() if k != "SHTRACKER_FILE"}
    environ["PATH"] = f"{CONSOLE_SCRIPT.parent}{os.pathsep}{environ.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", script],
        env=environ,
        cwd=plan_file.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, ["on_track"], "") == (result.returncode, result.stdout.split(), result.stderr)
