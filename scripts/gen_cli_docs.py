"""Write docs/cli.md from the commands' own --help (Datasette-style: the reference cannot drift).

    .venv/bin/python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    tests/cli/test_cli_docs.py                        # fails when docs/cli.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

HEAD = """# Command reference

Generated from `planwatch --help` by `scripts/gen_cli_docs.py`; `make test` fails when this file is
out of date. Every command accepts `--lang zh|en` for its messages where it prints any, and exits
with 0 on success, 1 when the input has errors (nothing was changed) and 2 for a usage error.
"""


def render() -> str:
    from planwatch.cli import cli, load_plugin_commands

    load_plugin_commands()
    parts = [HEAD]
    # The group's own context_settings (-h as well as --help), as a real invocation would have them:
    # click caches each command's help option, so a context without them would differ by test order.
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = click.Context(cli, info_name="planwatch", **settings)
    parts.append("## planwatch\n\n```\n" + cli.get_help(ctx) + "\n```\n")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        parts.append(f"## planwatch {name}\n\n```\n" + command.get_help(sub) + "\n```\n")
    return "\n".join(parts)


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
