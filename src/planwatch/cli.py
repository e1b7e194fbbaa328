"""The ``planwatch`` command: one group, one sub-command per job.

Commands parse their options, call the core, and print. Errors are sentences with an exit code,
never tracebacks: 1 = the input has errors (plan schema, data validation), 2 = usage.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from planwatch.domain.problems import ProblemsError
from planwatch.os_errors import os_reason
from planwatch.plan.load import DEFAULT_PLAN

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
    help=f"Plan file (YAML) or bundled plan id; default: {DEFAULT_PLAN}.",
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
    The plans in planwatch/plans are bundled; every command uses the default one unless --plan says otherwise.
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
    lang = "en" if _wants_english(sys.argv[1:]) else "zh"
    try:
        code = cli.main(prog_name="planwatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已中止。" if lang == "zh" else "Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        if lang == "en":
            exc.show()
        else:
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                click.echo(ctx.get_usage(), err=True)
                click.echo(f"运行 {ctx.command_path} --help 查看说明。", err=True)
            click.echo(f"错误：{usage_error_zh(exc)}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _wants_english(args: list[str]) -> bool:
    return any(a == "--lang=en" for a in args) or any(a == "--lang" and b == "en" for a, b in itertools.pairwise(args))


# click's own words for a bad option value, in Chinese (anything else keeps click's words).
_CLICK_ZH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid integer( range)?\.?$"), "「{v}」不是整数"),
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid float( range)?\.?$"), "「{v}」不是数字"),
    (re.compile(r"^'?(?P<v>.*?)'? is not one of (?P<c>.*?)\.?$"), "「{v}」不是可选值之一：{c}"),
    (re.compile(r"^'?(?P<v>.*?)'? is not (?P<c>.*?)\.?$"), "「{v}」不是可选值之一：{c}"),
    (re.compile(r"^(?:File|Directory|Path) '(?P<v>.*)' does not exist\.?$"), "「{v}」不存在"),
    (re.compile(r"^(?:File|Path) '(?P<v>.*)' is a directory\.?$"), "「{v}」是目录，不是文件"),
    (re.compile(r"^(?:Directory|Path) '(?P<v>.*)' is a file\.?$"), "「{v}」是文件，不是目录"),
    (re.compile(r"^(?:File|Directory|Path) '(?P<v>.*)' is not readable\.?$"), "「{v}」没有读取权限"),
    (re.compile(r"^(?:File|Directory|Path) '(?P<v>.*)' is not writable\.?$"), "「{v}」没有写入权限"),
    (re.compile(r"^(?P<v>-?[0-9.]+) is not in the range (?P<c>.*?)\.?$"), "{v} 不在允许的范围 {c} 内"),
    (re.compile(r"^must end in (?P<v>\S+)$"), "文件名应以 {v} 结尾"),
]


def usage_error_zh(exc: click.ClickException) -> str:
    """A usage error as a Chinese sentence: which option or argument, and what is wrong with it."""
    if isinstance(exc, click.NoSuchOption):
        hint = f"（是否为 {'、'.join(sorted(exc.possibilities))}？）" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{hint}"
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        name = "/".join(param.opts) if param is not None and param.opts else (exc.param_hint or "")
        return f"缺少必填的参数 {name}"
    if isinstance(exc, click.BadParameter):
        param = exc.param
        name = "/".join(param.opts) if param is not None and param.opts else str(exc.param_hint or "")
        return f"参数 {name} 的值无效：{_detail_zh(exc.message)}"
    if isinstance(exc, click.FileError):
        return f"无法打开文件 {exc.ui_filename}：{_detail_zh(exc.message)}"
    if isinstance(exc, click.UsageError):
        m = re.match(r"^No such command '(?P<c>.*)'\.?$", exc.message)
        if m:
            return f"没有命令「{m['c']}」"
        m = re.match(r"^Got unexpected extra arguments? \((?P<a>.*)\)$", exc.message)
        if m:
            return f"多余的参数：{m['a']}"
        m = re.match(r"^Option '(?P<o>.*)' requires an argument\.?$", exc.message)
        if m:
            return f"选项 {m['o']} 需要一个值"
    return _detail_zh(exc.message)


def _detail_zh(message: str) -> str:
    for pattern, zh in _CLICK_ZH:
        m = pattern.match(message.strip())
        if m:
            return zh.format(**m.groupdict())
    return message


# Sub-commands register themselves on import (each module adds to ``cli``).
from planwatch import commands as _commands  # noqa: E402,F401
