"""Definition files in YAML (the plan, ranking weights and targets, thresholds): where each value
sits in the file, and pydantic's complaints in Chinese, so a problem can say "第 12 行 targets[3].value"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import ValidationError

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem

# pydantic error type → what the value should be, in Chinese ({expected}, {ge} … come from its ctx).
PYDANTIC_ZH = {
    "enum": "可选值为 {expected}",
    "literal_error": "可选值为 {expected}",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "string_pattern_mismatch": "id 只能由小写字母、数字和下划线组成，且以字母开头",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "model_type": "应为键值对",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "tuple_type": "应为两个年份组成的列表",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
}


def pydantic_detail(err: Any) -> str:
    """One pydantic error's complaint in Chinese (pydantic's English when the type is not listed)."""
    zh = PYDANTIC_ZH.get(err["type"])
    if zh is None:
        return str(err["msg"])
    return zh.format(**{k: str(v).replace("' or '", "'、'") for k, v in err.get("ctx", {}).items()})


def line_index(node: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """The 1-based line of every key and value, by its path (``("targets", 3, "value")``)."""
    index: dict[tuple[Any, ...], int] = {}

    def walk(n: yaml.Node, path: tuple[Any, ...]) -> None:
        index[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                index[(*path, k.value)] = k.start_mark.line + 1
                walk(v, (*path, k.value))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, (*path, i))

    if node is not None:
        walk(node, ())
    return index


def path_text(loc: Iterable[Any]) -> str:
    """``("targets", 3, "value")`` → ``targets[3].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    """The line of ``loc``, or of its nearest enclosing key that the file has."""
    probe = loc
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return lines.get(())


def validation_problems(
    exc: ValidationError, file: str, lines: dict[tuple[Any, ...], int], prefix: str
) -> list[Problem]:
    """pydantic errors as located Problems with codes ``{prefix}_FIELD_MISSING|UNKNOWN|INVALID``."""
    out: list[Problem] = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        field = path_text(loc)
        where = Location(file=file, path=field, line=line_for(lines, loc))
        etype = err["type"]
        if etype == "missing":
            out.append(Problem(f"{prefix}_FIELD_MISSING", Severity.ERROR, where, {"field": field}))
        elif etype == "extra_forbidden":
            out.append(Problem(f"{prefix}_FIELD_UNKNOWN", Severity.ERROR, where, {"field": field}))
        else:
            detail = pydantic_detail(err)
            out.append(
                Problem(
                    f"{prefix}_FIELD_INVALID",
                    Severity.ERROR,
                    where,
                    {"field": field, "value": repr(err.get("input")), "detail": detail},
                )
            )
    return out
