"""Definition files in YAML (the plan, ranking weights and targets, thresholds): where each value
sits in the file, and pydantic's complaints in Chinese, so a problem can say "第 12 行 targets[3].value"."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem, ProblemsError

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


# -- reading a definition file safely ------------------------------------------------------------
# A plan is at most a few levels deep (targets[3].baseline.value); 64 leaves room and stays far from
# Python's recursion limit. Aliases (*name) are refused: the files never need them, and refusing
# them makes "billion laughs" expansion and self-referencing documents impossible.
MAX_DEPTH = 64
MAX_MAGNITUDE = 1e18  # the same bound as data files: no statistic or target comes near it
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed definition file: its data, and the line of every key and value by path."""

    data: Any
    lines: dict[tuple[Any, ...], int]


class YamlError(Exception):
    """The file is not a document planwatch reads: ``code`` is ``{prefix}_YAML`` or a more exact one."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def load_yaml(text: str, *, file: str, prefix: str) -> YamlDocument:
    """Parse ``text`` once (composed by the C loader), refusing what no definition file needs.

    Raises ``YamlError`` with one located problem: ``{prefix}_YAML`` for a syntax error, and
    ``YAML_ALIAS``, ``YAML_TOO_DEEP``, ``YAML_DUPLICATE_KEY``, ``YAML_NOT_FINITE`` for an alias, a
    nesting deeper than ``MAX_DEPTH``, a key given twice in one mapping (never last-wins) or a number
    that is .inf, .nan or beyond ``MAX_MAGNITUDE``.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = str(getattr(exc, "problem", None) or type(exc).__name__)
        if "nesting depth" in detail:
            raise YamlError(Problem("YAML_TOO_DEEP", Severity.ERROR, Location(file=file, line=line),
                                    {"line": line or "?", "max": MAX_DEPTH})) from None
        raise YamlError(Problem(f"{prefix}_YAML", Severity.ERROR, Location(file=file, line=line),
                                {"line": line or "?", "detail": _yaml_detail_zh(detail)})) from None
    except RecursionError:
        raise YamlError(Problem("YAML_TOO_DEEP", Severity.ERROR, Location(file=file),
                                {"line": "?", "max": MAX_DEPTH})) from None
    lines = _check_nodes(node, file)
    try:
        data = SafeConstructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:  # a tag the safe loader does not build (!python/object, !0 …)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlError(Problem(f"{prefix}_YAML", Severity.ERROR, Location(file=file, line=line),
                                {"line": line or "?", "detail": "使用了不支持的 YAML 标签（!…）"})) from None
    return YamlDocument(data, lines)


def _check_nodes(root: yaml.Node | None, file: str) -> dict[tuple[Any, ...], int]:
    """Walk the node tree once, without recursion: lines by path, and the first thing refused."""
    index: dict[tuple[Any, ...], int] = {}
    if root is None:
        return index
    seen: set[int] = set()
    # (node, its path, the line to report it at: an alias shares its anchor's node, so the line of
    # the key or item that holds it is the place to point at)
    stack: list[tuple[yaml.Node, tuple[Any, ...], int]] = [(root, (), root.start_mark.line + 1)]

    def fail(code: str, line: int, path: tuple[Any, ...], **params: Any) -> YamlError:
        shown = path_text(path)
        shown = shown if len(shown) <= 80 else shown[:40] + "…" + shown[-30:]
        return YamlError(Problem(code, Severity.ERROR, Location(file=file, path=shown, line=line),
                                 {"line": line, "path": shown or "（顶层）", **params}))

    while stack:
        n, path, line = stack.pop()
        if id(n) in seen:  # the composer gives an alias the very node of its anchor
            raise fail("YAML_ALIAS", line, path)
        seen.add(id(n))
        if len(path) > MAX_DEPTH:
            raise fail("YAML_TOO_DEEP", line, path, max=MAX_DEPTH)
        index.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            keys: dict[Any, int] = {}
            children: list[tuple[yaml.Node, tuple[Any, ...], int]] = []
            for k, v in n.value:
                key_line = k.start_mark.line + 1
                if id(k) in seen:
                    raise fail("YAML_ALIAS", key_line, path)
                seen.add(id(k))
                if not isinstance(k, yaml.ScalarNode):
                    raise fail("YAML_COMPLEX_KEY", key_line, path)
                key = (k.tag, k.value)
                if key in keys:
                    raise fail("YAML_DUPLICATE_KEY", key_line, (*path, k.value), key=k.value, first=keys[key])
                keys[key] = key_line
                index[(*path, k.value)] = key_line
                children.append((v, (*path, k.value), key_line))
            stack.extend(reversed(children))  # visited in the file's order: the second use is the alias
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed([(v, (*path, i), v.start_mark.line + 1) for i, v in enumerate(n.value)]))
        elif isinstance(n, yaml.ScalarNode) and n.tag in (_FLOAT_TAG, _INT_TAG) and _may_be_huge(n.value):
            number = SafeConstructor().construct_object(n)
            if isinstance(number, float | int) and not (math.isfinite(number) and abs(number) <= MAX_MAGNITUDE):
                raise fail("YAML_NOT_FINITE", line, path, value=n.value[:40])
    return index


def _may_be_huge(text: str) -> bool:
    """Cheap screen before constructing the number: .inf, .nan, an exponent or many digits."""
    return len(text) > 15 or "n" in text.lower() or "e" in text.lower()


_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"

# PyYAML's complaints, in Chinese (the rest as PyYAML words them, after the line number).
_YAML_ZH = {
    "could not find expected ':'": "缺少冒号“:”",
    "mapping values are not allowed here": "此处不能写“键: 值”（缩进或冒号有误）",
    "did not find expected key": "缺少键（缩进有误？）",
    "found character that cannot start any token": "有不能出现在此处的字符（如制表符）",
    "found undefined alias": "引用了未定义的锚点",
    "did not find expected node content": "缺少值",
    "did not find expected '-' indicator": "列表项缺少“-”",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "found unknown escape character": "有未知的转义字符",
    "expected <block end>, but found '-'": "列表项的缩进不一致",
    "while scanning a quoted scalar": "引号未闭合",
    "found unexpected ':'": "有多余的冒号",
}


def _yaml_detail_zh(detail: str) -> str:
    for english, chinese in _YAML_ZH.items():
        if english in detail:
            return chinese
    return detail


DefinitionT = TypeVar("DefinitionT", bound=BaseModel)


def load_definition(file: Path, model: type[DefinitionT], prefix: str) -> DefinitionT:
    """Read a definition file (pools, counting rules …) into ``model``: ``ProblemsError`` with
    ``{prefix}_NOT_FOUND`` when it cannot be read, the one problem of ``load_yaml``, or every field problem."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError:
        raise ProblemsError([Problem(f"{prefix}_NOT_FOUND", Severity.ERROR, Location(file=str(file)),
                                     {"file": str(file)})]) from None
    return parse_definition(text, model, prefix, file=file.name)


def parse_definition(text: str, model: type[DefinitionT], prefix: str, *, file: str) -> DefinitionT:
    """The text of a definition file into ``model`` (``load_definition`` without the reading):
    ``ProblemsError`` with the one problem of ``load_yaml``, or every field problem, located in ``file``."""
    try:
        document = load_yaml(text, file=file, prefix=prefix)
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise ProblemsError(validation_problems(exc, file, document.lines, prefix)) from None
