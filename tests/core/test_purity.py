"""The core is plain Python: it imports no CLI, terminal, YAML or plotting library."""

from __future__ import annotations

import subprocess
import sys

BLOCKED = ("typer", "rich", "yaml", "click", "plotext")

#: Imports every module of shtracker.core in a fresh interpreter in which importing a
#: blocked library (or any of its submodules) raises ImportError.
IMPORT_ALL_WITH_BLOCKS = """
import importlib, pkgutil, sys
blocked = set(sys.argv[1].split(","))

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, Block())
import shtracker.core
for module in pkgutil.iter_modules(shtracker.core.__path__, "shtracker.core."):
    importlib.import_module(module.name)
    print(module.name)
"""


def import_core(blocked: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_WITH_BLOCKS, ",".join(blocked)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_core_module_imports_without_typer_rich_yaml_click_or_plotext() -> None:
    done = import_core(BLOCKED)

    assert 0 == done.returncode, done.stderr.strip().splitlines()[-1:]
    assert "shtracker.core.assess" in done.stdout.split()


def test_the_block_really_blocks() -> None:
    # The same check, told to block a library the core does use (model.py imports
    # decimal), must fail: so a clean result above means the core imports none of those.
    done = import_core(("decimal",))

    assert 0 != done.returncode
    assert "the core imported decimal" in done.stderr
