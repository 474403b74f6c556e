"""The floor: the least a Typer command can do with the same file.

Loads the YAML with PyYAML's fastest safe loader and prints it as JSON. No
validation, no line numbers, no assessment: what any tool built on the same
stack pays at the least, so every shtracker figure is shown as a ratio to it.

Usage: python bench/floor.py --file PATH
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
import yaml

app = typer.Typer(add_completion=False, pretty_exceptions_show_locals=False)


@app.command()
def dump(file: Annotated[str, typer.Option("--file", "-f")]) -> None:
    """Print the data file as JSON."""
    with open(file, encoding="utf-8") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


if __name__ == "__main__":
    app()
