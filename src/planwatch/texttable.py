"""Plain-text tables that line up Chinese text (wide characters count as two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    gap = max(width - display_width(text), 0)
    if align == ">":
        return " " * gap + text
    return text + " " * gap


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] | None = None) -> str:
    """Columns separated by two spaces; numeric columns right-aligned; a rule under the header."""
    cols = len(headers)
    numeric = list(numeric) if numeric is not None else [False] * cols
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = ["  ".join(pad(h, widths[i], ">" if numeric[i] else "<") for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(pad(c, widths[i], ">" if numeric[i] else "<") for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)
