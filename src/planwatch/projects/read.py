"""Read project files (CSV/XLSX, one row per project; Chinese or English headers) into ``Project``s.

Every problem at once, located (file, sheet, row, column), through ``planwatch.messages``; the
records are returned only when there is no error. Counties, parks and chains are the plan's scopes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.enterprises.read import SCOPE_KINDS, form_sheet
from planwatch.ingest.header import as_written
from planwatch.ingest.microdata.columns import normalise_header
from planwatch.ingest.readers import RawSheet, column_letter, read_file
from planwatch.ingest.values import NumberError, clean_text, is_missing, parse_number
from planwatch.plan.load import Plan
from planwatch.projects.record import InvestorOrigin, Project, ProjectNature, ProjectStage, Top500

# key → (Chinese header, aliases, kind, required)
COLUMNS: dict[str, tuple[str, tuple[str, ...], str, bool]] = {
    "key": ("项目编号", ("编号", "key", "project_id"), "text", True),
    "name": ("项目名称", ("name", "project"), "text", True),
    "investor": ("投资方", ("投资主体", "investor"), "text", True),
    "origin": ("投资方来源", ("来源", "origin"), "origin", True),
    "top500": ("三类500强", ("500强", "top500"), "top500", False),
    "county": ("县市区", ("落户县市区", "county"), "county", True),
    "park": ("园区", ("落户园区", "park"), "park", False),
    "chain": ("产业链", ("chain",), "chains", False),
    "unit": ("责任单位", ("unit",), "text", False),
    "person": ("责任人", ("person",), "text", False),
    "stage": ("阶段", ("项目阶段", "stage"), "stage", True),
    "talks": ("洽谈日期", ("talks_on",), "date", False),
    "signed": ("签约日期", ("signed_on",), "date", False),
    "started": ("开工日期", ("started_on",), "date", False),
    "producing": ("投产日期", ("producing_on",), "date", False),
    "stopped": ("中止日期", ("stopped_on",), "date", False),
    "signed_amount": ("签约额", ("合同引资额", "signed_amount"), "number", False),
    "planned_investment": ("计划投资", ("总投资", "planned_investment"), "number", False),
    "nature": ("项目性质", ("建设性质", "nature"), "nature", False),
    "earlier": ("原项目编号", ("原项目", "earlier"), "text", False),
    "earlier_amount": ("原签约额", ("earlier_amount",), "number", False),
}
_INDEX = {normalise_header(n): k for k, (zh, al, _, _) in COLUMNS.items() for n in (k, zh, *al)}
_WORDS: dict[str, dict[str, str]] = {
    "origin": {o.label_zh: o.value for o in InvestorOrigin} | {o.value: o.value for o in InvestorOrigin},
    "top500": {t.label_zh: t.value for t in Top500} | {t.value: t.value for t in Top500},
    "stage": {s.label_zh: s.value for s in ProjectStage} | {s.value: s.value for s in ProjectStage},
    "nature": {n.label_zh: n.value for n in ProjectNature} | {n.value: n.value for n in ProjectNature},
}
STAGE_OF_DATE = {"talks": ProjectStage.TALKS, "signed": ProjectStage.SIGNED, "started": ProjectStage.STARTED,
                 "producing": ProjectStage.PRODUCING, "stopped": ProjectStage.STOPPED}


@dataclass(slots=True)
class ProjectsRead:
    projects: list[Project] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def read_projects(paths: list[Path], plan: Plan) -> ProjectsRead:
    out = ProjectsRead()
    found: list[Project] = []
    seen: dict[str, Location] = {}
    for path in paths:
        result = read_file(Path(path))
        out.problems.extend(result.problems)
        for sheet in result.sheets:
            for project, loc in _sheet(sheet, plan, out.problems):
                if project.key in seen:
                    out.problems.append(Problem("PRJ_DUPLICATE", Severity.ERROR, loc,
                                                {"key": project.key, "first": seen[project.key].row}))
                    continue
                seen[project.key] = loc
                found.append(project)
    for p in found:
        if p.earlier and p.earlier not in seen:
            out.problems.append(Problem("PRJ_EARLIER_UNKNOWN", Severity.ERROR, seen[p.key],
                                        {"key": p.key, "earlier": p.earlier}))
    if not out.has_errors:
        out.projects = found
    return out


def read_project_form(values: dict[str, str], plan: Plan) -> ProjectsRead:
    """A project typed in the web (column key → text) read by the same rules as a file's row."""
    out = ProjectsRead()
    sheet = form_sheet(values, {k: zh for k, (zh, _, _, _) in COLUMNS.items()})
    found = [p for p, _ in _sheet(sheet, plan, out.problems)]
    if not out.has_errors:
        out.projects = found
    return out


def _sheet(sheet: RawSheet, plan: Plan, problems: list[Problem]) -> list[tuple[Project, Location]]:
    rows = [r for r in sheet.rows if not r.is_blank()]
    if len(rows) < 2:
        problems.append(Problem("REG_EMPTY", Severity.ERROR, sheet.location(), {"file": sheet.file}))
        return []
    headers = {i: as_written(c.value) for i, c in enumerate(rows[0].cells) if as_written(c.value)}
    cols = {i: _INDEX[normalise_header(h)] for i, h in headers.items() if normalise_header(h) in _INDEX}
    missing = [zh for k, (zh, _, _, req) in COLUMNS.items() if req and k not in cols.values()]
    for zh in missing:
        problems.append(Problem("REG_COLUMN_MISSING", Severity.ERROR, sheet.location(rows[0].number),
                                {"column": zh, "found": "、".join(headers.values())}))
    if missing:
        return []
    out = []
    for row in rows[1:]:
        values: dict[str, Any] = {}
        ok = True
        for i, key in cols.items():
            _, _, kind, required = COLUMNS[key]
            raw = row.cells[i].value if i < len(row.cells) else None
            column = f"{headers[i]} / {column_letter(i)}{row.number}" if sheet.excel else headers[i]
            where = sheet.location(row.number, column)

            def bad(code: str, where: Location = where, col: str = headers[i], **params: Any) -> None:
                nonlocal ok
                ok = False
                problems.append(Problem(code, Severity.ERROR, where, {"column": col, **params}))

            if is_missing(raw):
                if required:
                    bad("REG_BLANK")
                continue
            text = clean_text(raw)
            if kind == "text":
                values[key] = text
            elif kind in _WORDS:
                word = _WORDS[kind].get(text)
                if word is None:
                    bad("PRJ_WORD", value=text, known="、".join(k for k in _WORDS[kind] if not k.isascii()))
                values[key] = word
            elif kind in ("county", "park", "chains"):
                what, kinds = SCOPE_KINDS[kind]
                scope = plan.find_scope(text)
                if scope is None or scope.kind not in kinds:
                    bad("REG_SCOPE_UNKNOWN", value=text, what=what, hint="")
                else:
                    values[key] = scope.id
            elif kind == "date":
                day = raw.date() if isinstance(raw, dt.datetime) else raw if isinstance(raw, dt.date) else None
                if day is None:
                    try:
                        day = dt.date.fromisoformat(text.replace("/", "-"))
                    except ValueError:
                        bad("PRJ_DATE", value=text)
                values[key] = day
            elif kind == "number":
                try:
                    number = parse_number(raw, row.cells[i].number_format).value
                except NumberError:
                    bad("REG_NUMBER", value=text)
                    continue
                if number is not None and number < 0:
                    bad("REG_NEGATIVE", value=text)
                values[key] = number or 0.0
        if not ok:
            continue
        stage = ProjectStage(values["stage"])
        dates = {STAGE_OF_DATE[k]: values[k] for k in STAGE_OF_DATE if values.get(k)}
        if stage not in dates and stage is not ProjectStage.TALKS:
            problems.append(Problem("PRJ_STAGE_DATE", Severity.ERROR, sheet.location(row.number),
                                    {"stage": stage.label_zh}))
            continue
        out.append((Project(
            key=values["key"], name=values["name"], investor=values["investor"],
            origin=InvestorOrigin(values["origin"]), county=values["county"], park=values.get("park", ""),
            chain=values.get("chain", ""), top500=Top500(values["top500"]) if values.get("top500") else None,
            unit=values.get("unit", ""), person=values.get("person", ""), stage=stage, stage_dates=dates,
            signed_amount=values.get("signed_amount", 0.0), planned_investment=values.get("planned_investment", 0.0),
            nature=ProjectNature(values.get("nature") or "new"), earlier=values.get("earlier", ""),
            earlier_amount=values.get("earlier_amount", 0.0)), sheet.location(row.number)))
    return out
