"""The safety check every XLSX passes before openpyxl opens it: a zip bomb is refused unread.

An .xlsx file is a zip archive. Its size on disk says nothing about what it inflates to: 6.6 KB
can declare (and inflate to) 1.2 GB of sheet XML. ``check_archive`` reads only the archive's
central directory (a few KB, never a member's contents) and refuses, with one problem, a file that

- is not a zip archive at all (often a CSV renamed to .xlsx): ``INGEST_NOT_WORKBOOK``;
- has more than ``MAX_MEMBERS`` members: ``INGEST_ARCHIVE_MEMBERS``;
- uses a compression method other than stored or deflate, or is encrypted: ``INGEST_ARCHIVE_METHOD``;
- declares more than ``MAX_MEMBER_BYTES`` for one member or ``MAX_TOTAL_BYTES`` for all:
  ``INGEST_ARCHIVE_TOO_LARGE``;
- declares a member that inflates more than ``MAX_RATIO`` times its compressed size (checked for
  members over ``RATIO_FLOOR_BYTES``; small members compress as they like): ``INGEST_ARCHIVE_RATIO``.

The declared sizes bind: Python's ``zipfile`` never returns more bytes than a member declares, so
a member that lies about its size is cut off (and fails its CRC check) rather than inflated.

The limits are far above any statistics workbook (the bureau's largest sheets are a few MB of
XML) and far below what exhausts the machine (openpyxl needs about ten times the XML in memory).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem

MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 128 * 2**20
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 2**20
ALLOWED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """The bounds ``check_archive`` applies (the module constants unless a caller narrows them)."""

    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO
    ratio_floor_bytes: int = RATIO_FLOOR_BYTES


DEFAULT_LIMITS = ArchiveLimits()


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f}"


def check_archive(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> Problem | None:
    """None when ``path`` is a zip archive openpyxl may open safely; otherwise the one problem why not."""
    name = path.name
    where = Location(file=name)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        return Problem("INGEST_NOT_WORKBOOK", Severity.ERROR, where, {"file": name})
    if len(infos) > limits.members:
        return Problem("INGEST_ARCHIVE_MEMBERS", Severity.ERROR, where,
                       {"file": name, "count": len(infos), "limit": limits.members})
    total = 0
    for info in infos:
        if info.compress_type not in ALLOWED_METHODS or info.flag_bits & 0x1:
            return Problem("INGEST_ARCHIVE_METHOD", Severity.ERROR, where,
                           {"file": name, "member": info.filename, "method": info.compress_type})
        size = info.file_size
        total += size
        if size > limits.member_bytes or total > limits.total_bytes:
            return Problem("INGEST_ARCHIVE_TOO_LARGE", Severity.ERROR, where,
                           {"file": name, "member": info.filename, "size_mb": _mb(max(size, total)),
                            "limit_mb": _mb(limits.member_bytes if size > limits.member_bytes else limits.total_bytes)})
        if size > limits.ratio_floor_bytes and size > limits.ratio * max(info.compress_size, 1):
            return Problem("INGEST_ARCHIVE_RATIO", Severity.ERROR, where,
                           {"file": name, "member": info.filename,
                            "ratio": size // max(info.compress_size, 1), "limit": limits.ratio})
    return None
