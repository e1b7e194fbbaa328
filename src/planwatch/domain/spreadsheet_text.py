"""Text that a spreadsheet must show, never run (formula / CSV injection, OWASP).

A source or note typed by a reporter ("=HYPERLINK(…)", "@SUM(…)", "+cmd|' /C calc'!A0") must come
back as the same text in every file the platform writes for a spreadsheet:

- XLSX: ``set_text`` stores a string as a string cell (openpyxl would otherwise write any text
  starting with "=" as a formula) with Excel's quote prefix, so editing the cell keeps it text;
- CSV: ``csv_text`` prefixes a text field starting with = + - @, a tab or a carriage return with a
  single quote (OWASP's "CSV Injection" recommendation). Numbers are written as numbers, never
  escaped, so a negative value stays a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as the start of a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_text(value: Any) -> Any:
    """A CSV field as a spreadsheet should show it: text that would start a formula gets a leading '."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def set_text(cell: Any, text: str) -> None:
    """Store ``text`` in an openpyxl cell as a string (never a formula), quote-prefixed when it would
    otherwise be taken for one."""
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
