"""Problems found in input (plan files, data files, forms): a code, a location, and parameters.

The words live in one table, ``planwatch.messages``; a Problem renders itself in Chinese by
default and in English on request. Validation collects *all* problems before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planwatch.domain.enums import Severity


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file, and in it a sheet, row and column, or a path in a YAML document."""

    file: str = ""
    sheet: str = ""
    row: int | None = None  # 1-based, as a spreadsheet shows it (the header is row 1)
    column: str = ""  # the header as written, or a spreadsheet column letter
    path: str = ""  # YAML path such as targets[3].baseline.value
    line: int | None = None  # line in a text file (YAML), 1-based

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.sheet) if p]
        if self.row is not None:
            parts.append(str(self.row))
        if self.line is not None and self.row is None:
            parts.append(str(self.line))
        text = ":".join(parts)
        extra = [x for x in (self.column, self.path) if x]
        if extra:
            text = f"{text} [{', '.join(extra)}]" if text else ", ".join(extra)
        return text


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    location: Location = field(default_factory=Location)
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        from planwatch.messages import render

        return render(self.code, lang, self.params)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": loc.file,
            "sheet": loc.sheet,
            "row": loc.row,
            "column": loc.column,
            "path": loc.path,
            "line": loc.line,
            "message": self.message(lang),
        }

    def render(self, lang: str = "zh") -> str:
        sev = self.severity.label_zh if lang == "zh" else self.severity.value
        where = str(self.location)
        prefix = f"{where}: " if where else ""
        return f"{prefix}{sev} {self.code}: {self.message(lang)}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class ProblemsError(Exception):
    """Raised when input has errors; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def render(self, lang: str = "zh") -> str:
        return "\n".join(p.render(lang) for p in self.problems)
