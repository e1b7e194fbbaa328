"""Write files atomically: into a temporary file beside the target, then rename over it.

A reader never sees half a file, and a failed write leaves the old file (or none) in place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from planwatch.domain.observations import ObservationTable


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary path in ``path``'s folder, then rename it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    give_default_mode(tmp)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def give_default_mode(path: Path) -> None:
    """mkstemp makes files only the owner may read; a written result gets the usual mode (0666 & ~umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_observations_csv(table: ObservationTable, path: Path) -> None:
    """The canonical observations CSV (ObservationTable.write_csv), written atomically."""
    write_atomic(path, table.write_csv)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(path, write)
