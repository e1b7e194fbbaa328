"""Read register files (CSV or XLSX, Chinese or English headers) into ``Enterprise`` records.

Every problem is collected before anything is returned, each located (file, sheet, row, column)
and worded through ``planwatch.messages``: the CLI prints them all and exits 1 on an error; the
web import saves nothing when there is one. Counties, parks and chains are the plan's scopes,
found by name, alias or id (no scope is known to this code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.chains.load import Chains, load_chains
from planwatch.domain.enums import ScopeKind, Severity
from planwatch.domain.periods import Period, PeriodError, PeriodKind
from planwatch.domain.problems import Location, Problem
from planwatch.enterprises import uscc
from planwatch.enterprises.columns import (
    BOARD_WORDS,
    COLUMNS,
    RegisterColumn,
    RegisterColumnKind,
    column_for_header,
)
from planwatch.enterprises.duplicates import find_duplicates
from planwatch.enterprises.industry import parse_industry
from planwatch.enterprises.nodes import resolve_nodes
from planwatch.enterprises.pool_rules import PoolRules, load_pool_rules
from planwatch.enterprises.record import (
    Enterprise,
    ListingBoard,
    ScaleEvent,
    ScaleEventKind,
)
from planwatch.ingest.header import as_written
from planwatch.ingest.microdata.columns import FALSE_WORDS, TRUE_WORDS
from planwatch.ingest.readers import Cell, RawRow, RawSheet, column_letter, read_file
from planwatch.ingest.values import NumberError, clean_text, is_missing, parse_number
from planwatch.plan.load import Plan

_SPLIT = re.compile(r"[、，,；;/|\n]+")

SCOPE_KINDS: dict[str, tuple[str, tuple[ScopeKind, ...]]] = {
    "county": ("县市区", (ScopeKind.COUNTY, ScopeKind.ZONE)),
    "park": ("园区", (ScopeKind.PARK, ScopeKind.ZONE)),
    "chains": ("产业链或细分产业", (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY)),
}


@dataclass(slots=True)
class RegisterRead:
    """What the files hold: the records (only when there is no error), every problem, and where
    each record came from (uscc → location of its row)."""

    enterprises: list[Enterprise] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, Location] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


@dataclass(slots=True)
class _Mapped:
    columns: dict[int, tuple[RegisterColumn, int | None]]
    headers: dict[int, str]


def read_register(paths: list[Path], plan: Plan, pool_rules: PoolRules | None = None,
                  chains: Chains | None = None) -> RegisterRead:
    """Read every file; records are returned only when no file has an error.

    ``chains``: the plan's chain file (loaded from ``plan.chain_file`` when not given); the
    产业链环节 column is checked against it."""
    rules = pool_rules or load_pool_rules()
    if chains is None and plan.meta.chain_file:
        chains = load_chains(plan)
    out = RegisterRead()
    records: list[tuple[Enterprise, Location]] = []
    for path in paths:
        result = read_file(Path(path))
        out.problems.extend(result.problems)
        for sheet in result.sheets:
            records.extend(_read_sheet(sheet, plan, rules, out.problems, chains))
    out.problems.extend(find_duplicates(records))
    if not out.has_errors:
        out.enterprises = [e for e, _ in records]
        out.rows = {e.uscc: loc for e, loc in records}
    return out


FORM_FILE = "网页表单"


def form_sheet(values: dict[str, str], headers: dict[str, str], label: str = FORM_FILE) -> RawSheet:
    """One row typed in a web form as a sheet the readers read: ``values`` by column key, ``headers``
    key → the Chinese header (so problems name the column as a file's would)."""
    keys = [k for k in headers if k in values]
    return RawSheet(file=label, sheet="", excel=False, rows=[
        RawRow(1, [Cell(headers[k]) for k in keys]), RawRow(2, [Cell(values[k]) for k in keys])])


def read_register_form(values: dict[str, str], plan: Plan, pool_rules: PoolRules | None = None,
                       chains: Chains | None = None) -> RegisterRead:
    """One enterprise typed in the web (column key → text, e.g. {"uscc": …, "name": …, "hitech": "是"})
    read by the same rules as a register file's row; problems name the column by its Chinese header."""
    rules = pool_rules or load_pool_rules()
    if chains is None and plan.meta.chain_file:
        chains = load_chains(plan)
    out = RegisterRead()
    sheet = form_sheet(values, {c.key: c.zh for c in COLUMNS if c.kind is not RegisterColumnKind.YEAR_NUMBER})
    records = _read_sheet(sheet, plan, rules, out.problems, chains)
    if not out.has_errors:
        out.enterprises = [e for e, _ in records]
    return out


def _read_sheet(sheet: RawSheet, plan: Plan, rules: PoolRules, problems: list[Problem],
                chains: Chains | None) -> list[tuple[Enterprise, Location]]:
    rows = [r for r in sheet.rows if not r.is_blank()]
    if not rows:
        if not sheet.excel:
            problems.append(Problem("REG_EMPTY", Severity.ERROR, sheet.location(), {"file": sheet.file}))
        return []
    mapped = _map_header(sheet, rows[0], problems)
    if mapped is None:
        return []
    if len(rows) == 1:
        problems.append(Problem("REG_EMPTY", Severity.ERROR, sheet.location(), {"file": sheet.file}))
        return []
    return [rec for row in rows[1:]
            if (rec := _read_row(sheet, row, mapped, plan, rules, problems, chains)) is not None]


def _map_header(sheet: RawSheet, row: RawRow, problems: list[Problem]) -> _Mapped | None:
    columns: dict[int, tuple[RegisterColumn, int | None]] = {}
    headers: dict[int, str] = {}
    seen: dict[tuple[str, int | None], str] = {}
    ok = True
    for i, cell in enumerate(row.cells):
        text = as_written(cell.value)
        if not text:
            continue
        headers[i] = text
        hit = column_for_header(text)
        if hit is None:
            problems.append(Problem("REG_COLUMN_IGNORED", Severity.WARNING,
                                    sheet.location(row.number, text), {"column": text}))
            continue
        col, year = hit
        key = (col.key, year)
        if key in seen:
            problems.append(Problem("REG_COLUMN_DUPLICATE", Severity.ERROR, sheet.location(row.number, text),
                                    {"column": text, "first": seen[key]}))
            ok = False
            continue
        seen[key] = text
        columns[i] = hit
    for col in COLUMNS:
        if col.required and (col.key, None) not in seen:
            problems.append(Problem("REG_COLUMN_MISSING", Severity.ERROR, sheet.location(row.number),
                                    {"column": col.zh, "found": "、".join(headers.values()) or "（空）"}))
            ok = False
    return _Mapped(columns, headers) if ok else None


def _label(sheet: RawSheet, mapped: _Mapped, index: int, row: int) -> str:
    header = mapped.headers.get(index, "")
    return f"{header} / {column_letter(index)}{row}" if sheet.excel else header


def _read_row(sheet: RawSheet, row: RawRow, mapped: _Mapped, plan: Plan, rules: PoolRules,
              problems: list[Problem], chains: Chains | None) -> tuple[Enterprise, Location] | None:
    values: dict[str, Any] = {"revenue": {}, "output": {}, "flags": set()}
    ok = True

    def problem(code: str, index: int, severity: Severity = Severity.ERROR, **params: Any) -> None:
        nonlocal ok
        if severity is Severity.ERROR:
            ok = False
        params.setdefault("column", mapped.headers.get(index, ""))
        problems.append(Problem(code, severity, sheet.location(row.number, _label(sheet, mapped, index, row.number)),
                                params))

    county_index = -1
    code_index = -1
    node_cell: tuple[int, str] | None = None
    for index, (col, year) in mapped.columns.items():
        raw = row.cells[index].value if index < len(row.cells) else None
        if is_missing(raw) and col.kind is not RegisterColumnKind.FLAG:
            if col.required:
                problem("REG_BLANK", index)
            continue
        text = clean_text(raw)
        kind = col.kind
        if kind is RegisterColumnKind.CODE:
            code_index = index
            checked = uscc.check(text)
            for err in checked.errors:
                problem(err.code, index, Severity.ERROR, **err.params)
            values["uscc"] = checked.code
        elif kind is RegisterColumnKind.TEXT:
            values[col.key] = text
        elif kind in (RegisterColumnKind.SCOPE, RegisterColumnKind.SCOPES):
            ids = []
            for part in (_SPLIT.split(text) if kind is RegisterColumnKind.SCOPES else [text]):
                part = part.strip()
                if not part:
                    continue
                sid = _scope(plan, col.key, part, lambda code, _i=index, **p: problem(code, _i, **p))
                if sid:
                    ids.append(sid)
            values[col.key] = tuple(ids) if kind is RegisterColumnKind.SCOPES else (ids[0] if ids else "")
            if col.key == "county":
                county_index = index
        elif kind is RegisterColumnKind.NODES:
            node_cell = (index, text)  # read after the row's chains (a node name may need them)
        elif kind is RegisterColumnKind.INDUSTRY:
            industry = parse_industry(text)
            if industry is None:
                problem("REG_INDUSTRY", index, value=text)
            values["industry"] = industry
        elif kind is RegisterColumnKind.MONTHS:
            found_events: list[ScaleEvent] = []
            for part in _months(raw):
                ym = _month(part)
                if ym is None:
                    problem("REG_MONTH", index, value=str(part))
                    continue
                event_kind = ScaleEventKind.ENTER if col.key == "scale_enter" else ScaleEventKind.EXIT
                found_events.append(ScaleEvent(ym[0], ym[1], event_kind))
            values.setdefault("events", []).extend(found_events)
        elif kind is RegisterColumnKind.FLAG:
            word = clean_text(raw).lower()
            if word in TRUE_WORDS:
                assert col.flag is not None
                values["flags"].add(col.flag)
            elif word not in FALSE_WORDS:
                problem("REG_FLAG", index, value=clean_text(raw))
        elif kind is RegisterColumnKind.BOARD:
            board = BOARD_WORDS.get(text) or (text if text in {b.value for b in ListingBoard} else None)
            if board is None:
                problem("REG_BOARD", index, value=text, known="、".join(b.label_zh for b in ListingBoard))
            else:
                values["listing"] = ListingBoard(board)
        elif kind is RegisterColumnKind.POOLS:
            for part in _SPLIT.split(text):
                found = _pool(rules, part.strip())
                if found is None:
                    problem("REG_POOL_UNKNOWN", index, value=part.strip(),
                            known="、".join(p.name for p in rules.pools))
                else:
                    values.setdefault("pools", {})[found[0]] = found[1]
        elif kind is RegisterColumnKind.YEAR_NUMBER:
            try:
                number = parse_number(raw, row.cells[index].number_format).value
            except NumberError:
                problem("REG_NUMBER", index, value=text)
                continue
            if number is not None and number < 0:
                problem("REG_NEGATIVE", index, value=text)
                continue
            if number is not None and year is not None:
                values[col.key][year] = number
    if node_cell is not None:
        index, text = node_cell
        if chains is None:
            problem("REG_NODE_NO_CHAIN_FILE", index, value=text)
        else:
            own = values.get("chains", ())
            nodes, node_errors = resolve_nodes(text, chains, plan, own)
            for node_error in node_errors:
                problem(node_error.code, index, Severity.ERROR, **node_error.params)
            values["chain_nodes"] = nodes
            if own and not node_errors:
                own_roots = {c if c in chains.by_id else (plan.scopes[c].parent or c) for c in own}
                for n in nodes:
                    if n.split(":")[0] not in own_roots:
                        problem("REG_NODE_OTHER_CHAIN", index, Severity.WARNING, node=n,
                                chains="、".join(plan.scopes[c].name for c in own))
    if not ok:
        return None
    events = tuple(sorted(values.pop("events", [])))
    if not _alternates(events):
        problems.append(Problem("REG_SCALE_ORDER", Severity.ERROR, sheet.location(row.number),
                                {"events": "、".join(str(e) for e in events)}))
        return None
    ent = Enterprise(
        uscc=values["uscc"], name=values["name"], county=values["county"], park=values.get("park", ""),
        chains=values.get("chains", ()), chain_nodes=values.get("chain_nodes", ()),
        industry=values.get("industry"), scale_events=events,
        revenue=values["revenue"], output=values["output"], flags=frozenset(values["flags"]),
        listing=values.get("listing"), pools=values.get("pools", {}),
    )
    _check_area(ent, plan, sheet, row, _label(sheet, mapped, code_index, row.number), problems)
    _check_park(ent, plan, sheet, row, _label(sheet, mapped, county_index, row.number), problems)
    return ent, sheet.location(row.number)


def _scope(plan: Plan, key: str, text: str, report: Any) -> str | None:
    what, kinds = SCOPE_KINDS[key]
    scope = plan.find_scope(text)
    if scope is None:
        close = [s.name for name in plan.suggest_scopes(text, n=5)
                 if (s := plan.find_scope(name)) is not None and s.kind in kinds]
        hint = f"（是否为：{'、'.join(dict.fromkeys(close))}？）" if close else ""
        report("REG_SCOPE_UNKNOWN", value=text, what=what, hint=hint)
        return None
    if scope.kind not in kinds:
        report("REG_SCOPE_KIND", value=text, what=what, actual=scope.kind.label_zh)
        return None
    return scope.id


_TIER = re.compile(r"^(.+?)\s*[（(:：]\s*(.+?)\s*[）)]?$")


def _pool(rules: PoolRules, text: str) -> tuple[str, str] | None:
    """(pool id, tier id) for "小升规培育库" or "龙头企业（过亿）"; None when unknown."""
    pool = rules.find(text)
    if pool is not None:
        return pool.id, ""
    m = _TIER.match(text)
    if not m or (pool := rules.find(m.group(1))) is None:
        return None
    tier = next((t for t in pool.tiers if m.group(2) in (t.id, t.name)), None)
    return (pool.id, tier.id) if tier is not None else None


def _months(raw: Any) -> list[Any]:
    if isinstance(raw, dt.datetime | dt.date):
        return [raw]
    return [p for p in _SPLIT.split(clean_text(raw)) if p.strip()]


def _month(value: Any) -> tuple[int, int] | None:
    if isinstance(value, dt.datetime | dt.date):
        return value.year, value.month
    text = str(value).strip()
    if re.fullmatch(r"\d{6}", text):
        text = f"{text[:4]}-{text[4:]}"
    try:
        period = Period.parse(text.replace("/", "-").replace(".", "-"))
    except PeriodError:
        return None
    if period.kind is not PeriodKind.MONTH:
        return None
    return period.year, period.index


def _alternates(events: tuple[ScaleEvent, ...]) -> bool:
    """入规 and 退规 alternate, starting with 入规 (two 入规 in a row, or a 退规 first, cannot be)."""
    expected = ScaleEventKind.ENTER
    for ev in events:
        if ev.kind is not expected:
            return False
        expected = ScaleEventKind.EXIT if expected is ScaleEventKind.ENTER else ScaleEventKind.ENTER
    return True


def area_code_of(plan: Plan, scope_id: str) -> str:
    """The GB/T 2260 code of a scope, or of the nearest scope above it that has one."""
    sid: str | None = scope_id
    while sid:
        scope = plan.scopes[sid]
        if scope.area_code:
            return scope.area_code
        sid = scope.parent
    return ""


def _check_area(ent: Enterprise, plan: Plan, sheet: RawSheet, row: RawRow, column: str,
                problems: list[Problem]) -> None:
    own = plan.scopes[ent.county].area_code
    code = own or area_code_of(plan, ent.county)
    if not code:
        return
    area = ent.uscc[2:8]
    # a county's own code, or its prefecture's (registered by the prefecture's authority); a zone
    # without a code of its own: any code of its prefecture
    fits = uscc.area_matches(area, code) if own else area[:4] == code[:4]
    if not fits:
        problems.append(Problem("REG_AREA_MISMATCH", Severity.WARNING, sheet.location(row.number, column), {
            "code": ent.uscc, "area": area, "county": plan.scopes[ent.county].name, "expected": code}))


def _check_park(ent: Enterprise, plan: Plan, sheet: RawSheet, row: RawRow, column: str,
                problems: list[Problem]) -> None:
    """A park in another county than the enterprise's is a warning (a park's parent is its county)."""
    if not ent.park or ent.park == ent.county:
        return
    parent = plan.scopes[ent.park].parent
    if parent and parent != ent.county and plan.scopes[parent].kind in (ScopeKind.COUNTY, ScopeKind.ZONE):
        problems.append(Problem("REG_PARK_COUNTY", Severity.WARNING, sheet.location(row.number, column), {
            "park": plan.scopes[ent.park].name, "county": plan.scopes[ent.county].name,
            "park_county": plan.scopes[parent].name}))
