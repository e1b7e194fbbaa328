"""Checking what a form or an upload holds before any action runs (views validate, actions change).

- ``parse_grid``: the browser grid's cells, read by the core's own number reader
  (planwatch.ingest.values: full-width digits, thousands separators, "—" as missing, "12.3亿元").
  Nothing is deleted by omission: a line whose value box is not in the POST is left as it is; a
  line's 数据来源 box is pre-filled with its stored source (left out of the POST: kept; emptied:
  the documented default "<范围>填报（<时期>）"); a word that reads as "no data" ("NaN", "—")
  typed over a stored value is refused (emptying the box is how a value is removed); a source
  longer than the database holds is refused, never cut.
- ``completeness_problems``: every line has a value, or a note saying why not (DHIS2's "missing
  values require a comment").
- Rules across values (county sums vs the prefecture, growth bounds) come from the core through
  ``ingest_bridge.rule_checks``; failures of importance "error" block submitting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planwatch.domain.enums import Measure
from planwatch.ingest.units import UnitError, convert
from planwatch.ingest.values import NumberError, clean_text, parse_number
from planwatch_web.core.plan import indicator_name
from planwatch_web.submissions.formlines import FormLine

MAX_NOTE = 2000
MAX_SOURCE = 255  # DataValue.source's max_length
MAX_ABS_VALUE = 1e15


@dataclass(frozen=True)
class ValueInput:
    """One line's new content: ``value`` None means "no value" (then ``note`` must say why to submit)."""

    indicator: str
    measure: Measure
    value: float | None
    note: str = ""
    source: str = ""
    origin: str = ""


@dataclass
class GridResult:
    inputs: list[ValueInput] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)  # line key → messages
    raw: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # line key → (value, note, source) as typed

    @property
    def ok(self) -> bool:
        return not self.errors


def value_field(line: FormLine) -> str:
    return f"v__{line.key}"


def note_field(line: FormLine) -> str:
    return f"n__{line.key}"


def source_field(line: FormLine) -> str:
    return f"s__{line.key}"


@dataclass(frozen=True)
class StoredLine:
    """What a line holds now (the grid compares with it: keep what the user did not change)."""

    value: float | None
    source: str


def parse_cell(text: str, unit: str) -> float | None:
    """A typed cell in the indicator's unit; raises ValueError with a translated message."""
    try:
        parsed = parse_number(text)
    except NumberError:
        raise ValueError(_("「%(text)s」不是数字。") % {"text": clean_text(text)}) from None
    if parsed.value is None:
        return None
    value = parsed.value
    if parsed.unit:
        try:
            value = convert(value, parsed.unit, unit)
        except UnitError:
            raise ValueError(
                _("单位「%(written)s」不能换算为本指标的单位「%(unit)s」。")
                % {"written": parsed.unit, "unit": unit}
            ) from None
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        raise ValueError(_("数值超出范围。"))
    return value


def parse_grid(
    lines: Sequence[FormLine],
    data: Mapping[str, str],
    *,
    stored: Mapping[str, StoredLine],
    default_source: str,
    origin: str,
) -> GridResult:
    """Read every line of the posted grid; collect every problem (nothing is saved when any).

    Only lines whose value box was posted are inputs; a line left out of the POST keeps what it
    holds (a forged or truncated form never deletes a value).
    """
    result = GridResult()
    for line in lines:
        if value_field(line) not in data:
            continue
        text = str(data.get(value_field(line), "") or "")
        note = str(data.get(note_field(line), "") or "").strip()
        current = stored.get(line.key)
        if source_field(line) in data:
            source = str(data.get(source_field(line), "") or "").strip()
        else:
            source = current.source if current is not None else ""
        result.raw[line.key] = (text, note, source)
        messages: list[str] = []
        value: float | None = None
        try:
            value = parse_cell(text, line.unit)
        except ValueError as exc:
            messages.append(str(exc))
        else:
            if value is None and text.strip() and current is not None and current.value is not None:
                messages.append(
                    _("「%(text)s」表示无数据，已填的数值未删除。确要删除，请清空此格（并在备注中说明原因）。")
                    % {"text": clean_text(text)}
                )
        if len(note) > MAX_NOTE:
            messages.append(_("备注不能超过 %(n)d 个字。") % {"n": MAX_NOTE})
        if len(source) > MAX_SOURCE:
            messages.append(
                _("数据来源不能超过 %(n)d 个字（现为 %(len)d 个字），请缩短。") % {"n": MAX_SOURCE, "len": len(source)}
            )
        if messages:
            result.errors[line.key] = messages
            continue
        if not source and not (current is not None and current.source == ""):
            source = default_source  # a new line, or a source the user emptied
        result.inputs.append(ValueInput(line.indicator.id, line.measure, value, note, source, origin))
    return result


@dataclass(frozen=True)
class LineState:
    key: str
    value: float | None
    note: str


def completeness_problems(lines: Sequence[FormLine], current: Iterable[LineState]) -> list[str]:
    """Lines with neither a value nor a note explaining why there is none."""
    by_key = {c.key: c for c in current}
    problems: list[str] = []
    for line in lines:
        state = by_key.get(line.key)
        if state is None or (state.value is None and not state.note.strip()):
            problems.append(
                _("「%(indicator)s」未填写：请填写数值，确无数据的请在备注中说明原因。")
                % {"indicator": indicator_name(line.indicator)}
            )
    return problems
