"""Numbers and labels for people: display rounding lives here, never in the data."""

from __future__ import annotations

from shtracker.model import Kind, Quality, Status, Target

KIND_SIGN = {Kind.ABOUT: "≈", Kind.AT_LEAST: "≥", Kind.AT_MOST: "≤"}
#: Eurostat's flags: e estimated, p provisional; partial figures never count.
QUALITY_FLAG = {
    Quality.FINAL: "",
    Quality.PRELIMINARY: "p",
    Quality.ESTIMATE: "e",
    Quality.PARTIAL: "part",
}
STATUS_LABEL = {s: s.value.replace("_", " ") for s in Status}


def number(value: float | None) -> str:
    """Return a value with thousands separators and only the decimals that matter."""
    if value is None:
        return "-"
    size = abs(value)
    if float(value).is_integer() and size < 1e15:
        return f"{int(value):,}"
    decimals = 4 if size < 1 else 3 if size < 1000 else 1 if size < 1e6 else 0
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: float | None, decimals: int = 1) -> str:
    """Return a percentage for display, or '-' when undefined."""
    return "-" if value is None else f"{value:,.{decimals}f}%"


def signed(value: float | None, decimals: int = 1, suffix: str = "") -> str:
    """Return a number with an explicit sign, or '-' when undefined."""
    return "-" if value is None else f"{value:+,.{decimals}f}{suffix}"


def target_text(target: Target) -> str:
    """Return a target as people read it: '≈ 4.5', '≥ 26,000', '≥ 2x 2020 (414)'."""
    sign = KIND_SIGN[target.kind]
    if target.multiple is not None:
        return f"{sign} {number(target.multiple)}× baseline ({number(target.value)})"
    return f"{sign} {number(target.value)}"
