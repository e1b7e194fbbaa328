"""Duplicates in a register: the same 统一社会信用代码 twice (an error: one code is one enterprise),
or the same name twice in one county (a warning: two codes for one firm, or a re-registration, for
a person to merge — the web register's merge action keeps both histories)."""

from __future__ import annotations

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.enterprises.record import Enterprise


def _where(loc: Location) -> str:
    return f"{loc.file}{'：' + loc.sheet if loc.sheet else ''} 第 {loc.row} 行"


def name_key(name: str) -> str:
    """Names compared without spaces and brackets' width (（有限公司） = (有限公司))."""
    return "".join(name.split()).replace("（", "(").replace("）", ")")


def find_duplicates(records: list[tuple[Enterprise, Location]]) -> list[Problem]:
    problems: list[Problem] = []
    by_code: dict[str, Location] = {}
    by_name: dict[tuple[str, str], tuple[Enterprise, Location]] = {}
    for ent, loc in records:
        first = by_code.get(ent.uscc)
        if first is not None:
            problems.append(Problem("REG_DUPLICATE_CODE", Severity.ERROR, loc,
                                    {"code": ent.uscc, "first": _where(first)}))
            continue
        by_code[ent.uscc] = loc
        key = (ent.county, name_key(ent.name))
        seen = by_name.get(key)
        if seen is not None:
            problems.append(Problem("REG_DUPLICATE_NAME", Severity.WARNING, loc, {
                "name": ent.name, "code": ent.uscc, "other": seen[0].uscc, "first": _where(seen[1])}))
        else:
            by_name[key] = (ent, loc)
    return problems
