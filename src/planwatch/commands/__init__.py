"""CLI sub-commands, one module per area. Each module registers its commands on ``planwatch.cli.cli``."""

from planwatch.commands import assess as _assess  # noqa: F401
from planwatch.commands import demo as _demo  # noqa: F401
from planwatch.commands import enterprises as _enterprises  # noqa: F401
from planwatch.commands import ingest as _ingest  # noqa: F401
from planwatch.commands import microdata as _microdata  # noqa: F401
from planwatch.commands import plan as _plan  # noqa: F401
from planwatch.commands import rank as _rank  # noqa: F401
from planwatch.commands import report as _report  # noqa: F401
