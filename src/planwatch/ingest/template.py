"""The pre-filled Excel template a county, park or the prefecture fills in and uploads back.

``template_rows`` is the pure content (one row per indicator the scope has targets for);
``build_template`` lays it out as an openpyxl workbook (Chinese headers, a 口径 dropdown, the
target as a hint); ``template_bytes`` gives the .xlsx file's bytes (what the web platform sends).
The headers are the ones ``planwatch.ingest`` reads, so a filled template imports as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from planwatch.domain.enums import Measure, Severity, TargetKind
from planwatch.domain.periods import Period, PeriodKind
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.domain.spreadsheet_text import set_text
from planwatch.ingest.values import format_number
from planwatch.plan.load import Plan
from planwatch.plan.schema import Scope, Target

SHEET_TITLE = "数据"
HEADERS = ("指标", "范围", "时期", "口径", "数值", "单位", "来源", "备注", "填报说明")
MEASURE_CHOICES = ("当期", "累计", "同比增长", "累计增长")
_WIDTHS = (34, 14, 16, 10, 14, 8, 18, 18, 44)


@dataclass(frozen=True, slots=True)
class TemplateRow:
    indicator: str  # id
    indicator_name: str
    scope_name: str
    period: Period
    measure: Measure
    unit: str
    hint: str  # the target(s), for the person filling in

    def cells(self) -> list[Any]:
        measure = {Measure.LEVEL: "当期", Measure.YTD: "累计"}[self.measure]
        return [self.indicator_name, self.scope_name, self.period.label_zh, measure, None, self.unit, None, None, self.hint]


def resolve_scope(plan: Plan, scope: str) -> Scope:
    found = plan.find_scope(scope)
    if found is None:
        suggestions = plan.suggest_scopes(scope)
        raise ProblemsError(
            [
                Problem(
                    "INGEST_UNKNOWN_SCOPE",
                    Severity.ERROR,
                    Location(),
                    {"value": scope, "suggestions": "、".join(suggestions) if suggestions else "—"},
                )
            ]
        )
    return found


def template_rows(plan: Plan, scope: str, period: Period) -> list[TemplateRow]:
    """One row per indicator ``scope`` (id or Chinese name) has targets for, in plan order.

    Flows (output, investment) in a month or quarter are prefilled as 累计 (1—N月), the way monthly
    statistics report them; everything else as 当期. Raises ProblemsError for an unknown scope or
    a scope without targets.
    """
    sc = resolve_scope(plan, scope)
    by_indicator: dict[str, list[Target]] = {}
    for t in plan.targets_for(scope=sc.id):
        by_indicator.setdefault(t.indicator, []).append(t)
    if not by_indicator:
        raise ProblemsError([Problem("TEMPLATE_NO_TARGETS", Severity.ERROR, Location(), {"scope": sc.name})])
    rows = []
    for ind_id, targets in by_indicator.items():
        ind = plan.indicators[ind_id]
        ytd = ind.temporal == "flow" and period.kind is not PeriodKind.YEAR
        rows.append(
            TemplateRow(
                indicator=ind.id,
                indicator_name=ind.name,
                scope_name=sc.name,
                period=period,
                measure=Measure.YTD if ytd else Measure.LEVEL,
                unit=ind.unit,
                hint="；".join(_hint(t, ind.unit) for t in targets),
            )
        )
    return rows


def _hint(t: Target, unit: str) -> str:
    if t.target is None:
        return f"相对目标（{t.source}）"
    value = format_number(t.target.value)
    if t.target.high is not None:
        value += f"～{format_number(t.target.high)}"
    label = {"cumulative": "累计目标", "yearly_rate": "每年", "growth": "年均增速目标"}.get(t.kind.value, "目标")
    if t.kind is TargetKind.GROWTH:
        unit = "%"
    return f"{t.target.year}年{label} {value}{unit}（{t.source}）"


def build_template(plan: Plan, scope: str, period: Period) -> Any:
    """The template as an openpyxl Workbook (typed Any: openpyxl has no type hints)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = template_rows(plan, scope, period)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(list(HEADERS))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, _ in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS[i - 1]
    ws.cell(row=1, column=5).comment = Comment("填写数字；缺数留空或填“—”。单位可改为万元等，导入时自动换算。", "planwatch")
    ws.cell(row=1, column=4).comment = Comment("当期 / 累计（1—N月）/ 同比增长（%）/ 累计增长（%）", "planwatch")
    for r, row in enumerate(rows, start=2):
        write_row(ws, r, row.cells())
    last = len(rows) + 1
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(MEASURE_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="口径",
        error="请从下拉列表中选择：" + "、".join(MEASURE_CHOICES),
    )
    dv.add(f"D2:D{max(last, 2) + 200}")
    ws.add_data_validation(dv)
    for r in range(2, last + 1):
        ws.cell(row=r, column=9).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    return wb


def write_row(ws: Any, row: int, values: list[Any]) -> None:
    """One row of cells: text always as text (a plan name or a hint starting with "=" is not a
    formula), numbers as numbers, None left empty."""
    for column, value in enumerate(values, start=1):
        if value is None:
            continue
        if isinstance(value, str):
            set_text(ws.cell(row=row, column=column), value)
        else:
            ws.cell(row=row, column=column, value=value)


def template_bytes(plan: Plan, scope: str, period: Period) -> bytes:
    """The template as .xlsx bytes."""
    buf = io.BytesIO()
    build_template(plan, scope, period).save(buf)
    return buf.getvalue()
