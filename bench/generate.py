"""Write a deterministic, realistic data file of N indicators for the benchmark.

Each indicator has a baseline (most of them), a target (a value or a `multiple`),
and ten years of reports written the ways people write them: flow mappings with
sources of 60-100 characters, lists of a preliminary and a final report, bare
numbers, notes, comments, Chinese names. The file passes `shtracker check`.

With --periods, the file declares three periods (docs/periods.md: 2020-2025,
2025-2030 and 2025-2026) and every indicator has a target in each.

Usage: python bench/generate.py N [--periods] [--out PATH] [--seed SEED]
"""

from __future__ import annotations

import argparse
import os
import random
import sys

#: Bump when the output changes, so cached files are regenerated.
VERSION = 1
SEED = 20250101
FIRST_YEAR = 2016
YEARS = 10  # 2016-2025
BASELINE_YEAR = 2020
TARGET_YEAR = 2025

GROUPS = ("core", "industry", "talent", "infrastructure", "environment", "finance")
#: (subject, unit, decimals, falls)
SUBJECTS = (
    ("R&D expenditure as a share of GDP", "% of GDP", 2, False),
    ("Valid high-tech enterprises", "enterprises", 0, False),
    ("PCT international patent applications", "applications", 0, False),
    ("Integrated circuit industry output", "billion yuan", 1, False),
    ("Biomedicine industry output", "billion yuan", 1, False),
    ("Technology contract turnover as a share of GDP", "% of GDP", 2, False),
    ("Foreign-funded R&D centres, cumulative", "centres", 0, False),
    ("Energy use per unit of GDP", "tonnes per 10,000 yuan", 3, True),
    ("Researchers per 10,000 workers", "per 10,000 workers", 1, False),
)
LOCAL = ("研发经费", "高新技术企业", "专利申请量", "集成电路", "生物医药", "人工智能", "技术合同")
PUBLISHERS = (
    "Shanghai Statistical Yearbook",
    "Shanghai Science and Technology Commission",
    "Government work report",
    "National Bureau of Statistics communique",
    "Xinhua",
    "Wenhui Daily",
    "CNIPA statistical annual report",
)
HOSTS = (
    "tjj.sh.gov.cn",
    "stcsm.sh.gov.cn",
    "www.shanghai.gov.cn",
    "english.news.cn",
    "cnipa.gov.cn",
)


def _source(rng: random.Random, year: int) -> str:
    """Return a source string of 60-100 characters, sometimes quoting the original."""
    text = (
        f"{rng.choice(PUBLISHERS)} {year + 1}, table {rng.randint(1, 30)}-{rng.randint(1, 40)}, "
        f"https://{rng.choice(HOSTS)}/{rng.randrange(16**8):08x}.html"
    )
    quote = ', \\"比上年增长\\"'
    if rng.random() < 0.2 and len(text) + len(quote) <= 100:
        text += quote
    while len(text) < 60:
        text += f" p. {rng.randint(10, 400)}"
    return text


def _number(value: float, decimals: int) -> str:
    """Return a plain decimal the loader accepts (no exponent, no leading zero)."""
    return str(round(value)) if decimals == 0 else f"{value:.{decimals}f}"


def _actuals(rng: random.Random, start: float, growth: float, decimals: int) -> list[str]:
    """Return the lines of `actuals`: ten years in the styles people write."""
    lines = ["    actuals:"]
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        value = _number(start * (1 + growth) ** (year - BASELINE_YEAR), decimals)
        style = rng.random()
        if style < 0.15:
            lines.append(f"      {year}: {value}")
        elif style < 0.30:
            early = _number(float(value) * rng.uniform(0.97, 1.0), decimals)
            lines.append(f"      {year}:")
            source = _source(rng, year)
            lines.append(f'        - {{value: {early}, quality: preliminary, source: "{source}"}}')
            lines.append(f'        - {{value: {value}, source: "{_source(rng, year)}"}}')
        elif style < 0.38:
            source = _source(rng, year)
            lines.append(
                f'      {year}: {{value: {value}, quality: estimate, source: "{source}", '
                'note: "derived from turnover and GDP"}'
            )
        else:
            lines.append(f'      {year}: {{value: {value}, source: "{_source(rng, year)}"}}')
        if rng.random() < 0.05:
            lines[-1] += "  # checked against the yearbook"
    return lines


def _target(rng: random.Random, ident: int, baseline: float, decimals: int, falls: bool) -> str:
    """Return the `target` line: a value with a kind, or a multiple of the baseline."""
    source = _source(rng, 2021)
    if falls:
        value = _number(baseline * 0.8, decimals)
        return f'    target: {{value: {value}, kind: at_most, source: "{source}"}}'
    if ident % 7 == 3 and ident % 11:
        return f'    target: {{multiple: 2, kind: at_least, source: "{source}"}}'
    value = _number(baseline * rng.uniform(1.2, 1.6), decimals)
    kind = "about" if ident % 3 == 0 else "at_least"
    return f'    target: {{value: {value}, kind: {kind}, source: "{source}"}}'


#: The periods of a file made with --periods: (id, name, baseline year, target year).
PERIODS = (
    ("fyp14", "14th Five-Year Plan", 2020, 2025),
    ("fyp15", "15th Five-Year Plan", 2025, 2030),
    ("y2026", "2026 annual targets", 2025, 2026),
)


def _period_targets(
    rng: random.Random, target: str, start: float, decimals: int, falls: bool
) -> list[str]:
    """Return `targets` with the first period's target and one for each later period."""
    first = target.replace("    target: ", "      fyp14: ", 1)
    lines = ["    targets:", first]
    for ident, factor in (("fyp15", 1.9), ("y2026", 1.7)):
        value = _number(start * (0.6 if falls else factor), decimals)
        kind = "at_most" if falls else "at_least"
        lines.append(
            f'      {ident}: {{value: {value}, kind: {kind}, source: "{_source(rng, 2026)}"}}'
        )
    return lines


def _indicator(rng: random.Random, ident: int, periods: bool = False) -> list[str]:
    """Return the lines of one indicator; every eleventh has no declared baseline."""
    subject, unit, decimals, falls = SUBJECTS[ident % len(SUBJECTS)]
    start = rng.uniform(20, 50000) if decimals == 0 else rng.uniform(1.5, 900)
    growth = -rng.uniform(0.01, 0.05) if falls else rng.uniform(-0.01, 0.12)
    lines = [
        f"  # {subject.lower()}, benchmark indicator {ident}",
        f"  ind_{ident:05d}:",
        f"    name: {subject} ({ident})",
        f"    local_name: {LOCAL[ident % len(LOCAL)]}{ident}",
        f"    group: {GROUPS[ident % len(GROUPS)]}",
        f'    unit: "{unit}"',
        f"    direction: {'decrease' if falls else 'increase'}",
    ]
    if ident % 11:
        lines.append(
            f'    baseline: {{value: {_number(start, decimals)}, source: "{_source(rng, 2020)}"}}'
        )
    target = _target(rng, ident, start, decimals, falls)
    if periods:
        lines.extend(_period_targets(rng, target, start, decimals, falls))
    else:
        lines.append(target)
    lines.extend(_actuals(rng, start, growth, decimals))
    lines.append("")
    return lines


def generate(count: int, seed: int = SEED, periods: bool = False) -> str:
    """Return the text of a data file with `count` indicators (each in three periods)."""
    rng = random.Random(f"{seed}:{count}")  # noqa: S311 - repeatable test data, not secrets
    lines = [
        f"# Generated by bench/generate.py (version {VERSION}, seed {seed}): benchmark data,",
        "# not real figures. Regenerate rather than edit.",
        "",
        "plan:",
        f"  name: Benchmark plan with {count} indicators",
        "  region: Benchmark",
        f"  baseline_year: {BASELINE_YEAR}",
        f"  target_year: {TARGET_YEAR}",
        f'  source: "{_source(rng, 2021)}"',
        "",
    ]
    if periods:
        lines.append("periods:")
        for ident, name, start, end in PERIODS:
            lines.append(
                f'  {ident}: {{name: "{name}", baseline_year: {start}, target_year: {end}}}'
            )
        lines.append("")
    lines.append("indicators:")
    for ident in range(1, count + 1):
        lines.extend(_indicator(rng, ident, periods))
    return "\n".join(lines)


def write_atomically(path: str, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a cache never holds half a file."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, path)


def cached(count: int, folder: str, periods: bool = False) -> str:
    """Return the path of the generated file of `count` indicators, writing it if missing."""
    kind = "-periods" if periods else ""
    path = os.path.join(folder, f"indicators-{count}{kind}-v{VERSION}.yaml")
    if not os.path.exists(path):
        write_atomically(path, generate(count, periods=periods))
    return path


def main(argv: list[str] | None = None) -> int:
    """Write a generated file (to stdout without --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of indicators")
    parser.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--periods", action="store_true", help="three periods, a target in each for every indicator"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    text = generate(args.count, args.seed, args.periods)
    if args.out:
        write_atomically(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
