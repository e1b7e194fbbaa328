"""The one table of user-facing problem messages: code → (Chinese, English).

Chinese is the default; ``--lang en`` picks English. Parameters are named ``{like_this}``.
tests/core/test_messages.py proves every code used in the code base has both texts and that the
two texts take the same parameters. Add a section per subsystem; keep codes stable (they are
documented in docs/cli.md and used by scripts).
"""

from __future__ import annotations

import string
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # -- plan files (planwatch.plan.load) ---------------------------------------------------------
    "PLAN_NOT_FOUND": ("找不到规划文件或内置规划：{name}", "No plan file or bundled plan named {name}"),
    "PLAN_YAML": ("规划文件不是有效的 YAML（第 {line} 行）：{detail}", "The plan file is not valid YAML (line {line}): {detail}"),
    "PLAN_FIELD_MISSING": ("缺少必填字段 {field}", "Required field {field} is missing"),
    "PLAN_FIELD_UNKNOWN": ("未知字段 {field}（字段名是否拼错？）", "Unknown field {field} (misspelt?)"),
    "PLAN_FIELD_INVALID": ("字段 {field} 的值 {value} 无效：{detail}", "Field {field} has an invalid value {value}: {detail}"),
    "PLAN_RULE": ("{field}：{detail}", "{field}: {detail}"),
    "PLAN_DUPLICATE_ID": ("{what} 的 id「{id}」重复出现", "Duplicate {what} id '{id}'"),
    "PLAN_DUPLICATE_NAME": ("名称「{name}」同时用于 {first} 和 {second}", "The name '{name}' is used by both {first} and {second}"),
    "PLAN_UNKNOWN_REF": (
        "{field} 引用了不存在的{what}「{ref}」{hint}",
        "{field} refers to an unknown {what} '{ref}'{hint}",
    ),
    "PLAN_CYCLE": ("范围层级出现循环：{chain}", "Scope hierarchy has a cycle: {chain}"),
    "PLAN_HISTORY_DUPLICATE": (
        "历史数据重复：{indicator} / {scope} / {period} / {measure}",
        "Duplicate history row: {indicator} / {scope} / {period} / {measure}",
    ),
}


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    zh, en = MESSAGES[code]
    template = en if lang == "en" else zh
    return template.format_map(_Default(params))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
