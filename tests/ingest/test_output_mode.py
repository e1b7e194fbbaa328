"""Results written atomically get the usual file mode, not mkstemp's owner-only 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planwatch.ingest.output import write_bytes_atomic


def test_atomic_write_uses_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "observations.csv", b"indicator\n")
    finally:
        os.umask(old)
    # 0666 & ~0022 = 0644: the group and others may read what planwatch writes
    assert stat.S_IMODE((tmp_path / "observations.csv").stat().st_mode) == 0o644
