"""The ``planwatch`` command: one group, one sub-command per job.

Commands parse their options, call the core, and print. Errors are sentences with an exit code,
never tracebacks: 1 = the input has errors (plan schema, data validation), 2 = usage.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from planwatch.domain.problems import ProblemsError
from planwatch.os_errors import os_reason

F = TypeVar("F", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of messages: zh (中文) or en.",
)
PLAN_OPTION = click.option(
    "--plan",
    "plan_name",
    default=None,
    metavar="PLAN",
    help="Plan file (YAML) or bundled plan id; default: xiangxi_2021_2025.",
)


def json_text(payload: Any) -> str:
    """JSON for the console: strict (never Infinity or NaN, which JSON does not have), a non-finite
    number written as null. Values are checked finite where they enter, so this is the last guard."""
    return json.dumps(_finite(payload), ensure_ascii=False, indent=2, allow_nan=False, default=str)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def friendly_errors(func: F) -> F:
    """Turn input problems into located messages and exit code 1 (never a traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang", "zh")
        try:
            return func(*args, **kwargs)
        except ProblemsError as exc:
            click.echo(exc.render(lang), err=True)
            head = "发现错误，未做任何更改。" if lang != "en" else "Errors found; nothing was changed."
            click.echo(head, err=True)
            sys.exit(1)
        except OSError as exc:
            name = exc.filename or ""
            if lang == "en":
                click.echo(f"Cannot read or write {name}: {exc.strerror}", err=True)
            else:
                click.echo(f"无法读写文件 {name}：{os_reason(exc)}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="planwatch")
def cli() -> None:
    """planwatch: a five-year plan as live, checkable numbers.

    \b
    湘西州“十四五”工业和信息化发展规划 is bundled; every command uses it unless --plan says otherwise.
    """


def load_plugin_commands() -> None:
    """Add commands that other installed packages offer under the ``planwatch.commands`` entry point.

    This is how the web layer adds ``planwatch serve`` without the core importing Django.
    """
    from importlib.metadata import entry_points

    for ep in entry_points(group="planwatch.commands"):
        if ep.name in cli.commands:
            continue
        try:
            command = ep.load()
        except ImportError:  # the web extras are not installed: the core still works
            continue
        cli.add_command(command, ep.name)


def main() -> None:
    load_plugin_commands()
    cli(prog_name="planwatch")


# Sub-commands register themselves on import (each module adds to ``cli``).
from planwatch import commands as _commands  # noqa: E402,F401
