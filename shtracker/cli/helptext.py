"""`--help` as people read it: plain argument names, whole summaries, the terminal's width."""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand

#: For every command: `-h` too, and lines as wide as the terminal (examples stay whole).
CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 10_000,
}


def argument_name(metavar: str | None, name: str | None) -> str:
    """Return an argument's name as written in the help: its metavar, else its upper name."""
    return metavar or (name or "ARG").upper()


class ReadableCommand(TyperCommand):
    """A command whose usage line reads `ID YEAR VALUE` and `[ID]...`, not `{ID}`.

    Typer writes required arguments in braces and adds Python types (`<list[str]>`)
    to the Arguments section; people read neither.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """Return `[OPTIONS]` and each argument as the usage line shows it."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = argument_name(param.metavar, param.name)
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Write the Arguments section with plain names, then the Options section."""
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((argument_name(param.metavar, param.name), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
