"""CLI sub-commands, one module per area. Each module registers its commands on ``planwatch.cli.cli``."""

from planwatch.commands import plan as _plan  # noqa: F401
