"""Annual assessment targets (年度考核目标) as data: unit × indicator × year → target value.

The prefecture sets each county a target every year; the plan itself only sets five-year ones. The
file format (CSV or YAML) is documented in docs/ranking.md §"The targets file":

    county,indicator,year,target,measure,source,note
    吉首市,规模工业增加值,2024,8.5,growth,州政府2024年考核办法,
    吉首市,工业税收,2024,3.2,,州政府2024年考核办法,

``county`` and ``indicator`` take the plan's Chinese names, aliases or ids; ``measure`` is ``level``
(the default: the value itself, in the indicator's unit) or ``growth`` (% on a year earlier).
Chinese headers work too (县市区, 指标, 年份, 目标值, 口径, 来源, 备注). Every problem is reported at
once with its file, row and column; nothing is used from a file with errors.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.domain.enums import Measure, Severity
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.plan.load import Plan
from planwatch.yamlfile import YamlError, line_for, load_yaml

# Column headers as users write them → field name.
HEADERS: dict[str, str] = {
    "county": "county",
    "scope": "county",
    "unit": "county",
    "县市区": "county",
    "县市": "county",
    "单位": "county",
    "地区": "county",
    "园区": "county",
    "indicator": "indicator",
    "指标": "indicator",
    "指标名称": "indicator",
    "year": "year",
    "年份": "year",
    "年度": "year",
    "target": "target",
    "value": "target",
    "目标值": "target",
    "目标": "target",
    "measure": "measure",
    "口径": "measure",
    "计量": "measure",
    "source": "source",
    "来源": "source",
    "依据": "source",
    "note": "note",
    "备注": "note",
}
REQUIRED = ("county", "indicator", "year", "target")
FIELDS = (*REQUIRED, "measure", "source", "note")

MEASURES: dict[str, Measure] = {
    "": Measure.LEVEL,
    "level": Measure.LEVEL,
    "水平": Measure.LEVEL,
    "水平值": Measure.LEVEL,
    "当期": Measure.LEVEL,
    "总量": Measure.LEVEL,
    "growth": Measure.GROWTH,
    "增速": Measure.GROWTH,
    "增长": Measure.GROWTH,
    "同比增长": Measure.GROWTH,
    "增长率": Measure.GROWTH,
}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")


@dataclass(frozen=True, slots=True)
class AnnualTarget:
    """One unit's target for one indicator and year. ``value`` is in the indicator's unit, or % for growth."""

    scope: str
    indicator: str
    year: int
    value: float
    measure: Measure = Measure.LEVEL
    source: str = ""
    note: str = ""
    origin: str = ""  # where it was read: "targets.csv:3"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "indicator": self.indicator,
            "year": self.year,
            "value": self.value,
            "measure": self.measure.value,
            "source": self.source,
            "note": self.note,
            "origin": self.origin,
        }


@dataclass
class AnnualTargets:
    """The targets read from one or more files, keyed by (scope, indicator, year)."""

    _rows: dict[tuple[str, str, int], AnnualTarget] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[AnnualTarget]) -> AnnualTargets:
        out = cls()
        for r in rows:
            out._rows[(r.scope, r.indicator, r.year)] = r
        return out

    def get(self, scope: str, indicator: str, year: int) -> AnnualTarget | None:
        return self._rows.get((scope, indicator, year))

    def __iter__(self) -> Iterator[AnnualTarget]:
        return iter(sorted(self._rows.values(), key=lambda t: (t.year, t.scope, t.indicator)))

    def __len__(self) -> int:
        return len(self._rows)

    def write_csv(self, path: Path) -> None:
        """The documented CSV shape (ids, not names), one row per target."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(FIELDS))
            writer.writeheader()
            for t in self:
                writer.writerow(
                    {
                        "county": t.scope,
                        "indicator": t.indicator,
                        "year": t.year,
                        "target": repr(t.value) if t.value != int(t.value) else int(t.value),
                        "measure": t.measure.value,
                        "source": t.source,
                        "note": t.note,
                    }
                )


# -- reading ------------------------------------------------------------------------------------
def read_assessment_targets(paths: Sequence[str | Path], plan: Plan, *, allowed_units: Sequence[str] | None = None) -> AnnualTargets:
    """Read target files (CSV or YAML); raise ``ProblemsError`` with every problem of every file.

    ``allowed_units`` are the scope ids a row may name (default: the plan's county-level units and parks).
    A target repeated across files is an error, like a repeat within one file.
    """
    problems: list[Problem] = []
    rows: list[AnnualTarget] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            problems.append(Problem("RANK_TARGETS_NOT_FOUND", Severity.ERROR, Location(file=str(path)), {"file": str(path)}))
            continue
        text = path.read_text(encoding="utf-8-sig")
        found, probs = parse_assessment_targets(text, plan, file=str(path), suffix=path.suffix.lower(), allowed_units=allowed_units)
        rows.extend(found)
        problems.extend(probs)
    problems.extend(_duplicates(rows))
    if problems:
        raise ProblemsError(problems)
    return AnnualTargets.of(rows)


def parse_assessment_targets(
    text: str, plan: Plan, *, file: str = "<targets>", suffix: str = ".csv", allowed_units: Sequence[str] | None = None
) -> tuple[list[AnnualTarget], list[Problem]]:
    """Rows and problems of one file's text (no duplicate check across files)."""
    allowed = set(allowed_units) if allowed_units is not None else {s.id for s in plan.county_level()} | {s.id for s in plan.parks()}
    if suffix in (".yaml", ".yml"):
        records, problems = _yaml_records(text, file)
    elif suffix in (".csv", ".txt", ""):
        records, problems = _csv_records(text, file)
    else:
        return [], [Problem("RANK_TARGETS_FORMAT", Severity.ERROR, Location(file=file), {"file": file})]
    rows: list[AnnualTarget] = []
    for rec, where in records:
        row, probs = _row(rec, where, plan, allowed)
        problems.extend(probs)
        if row is not None:
            rows.append(row)
    if not records and not problems:
        problems.append(Problem("RANK_TARGETS_EMPTY", Severity.ERROR, Location(file=file), {"file": file}))
    return rows, problems


Record = dict[str, str]
# A record and where each of its fields is: the field name → Location.
Located = tuple[Record, dict[str, Location]]


def _csv_records(text: str, file: str) -> tuple[list[Located], list[Problem]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem("RANK_TARGETS_EMPTY", Severity.ERROR, Location(file=file), {"file": file})]
    names: list[str | None] = []
    problems: list[Problem] = []
    for col in header:
        key = HEADERS.get(col.strip().lower())
        names.append(key)
        if key is None and col.strip():
            problems.append(Problem("RANK_TARGETS_COLUMN_UNKNOWN", Severity.ERROR, Location(file=file, row=1, column=col.strip()), {"column": col.strip()}))
    for need in REQUIRED:
        if need not in names:
            problems.append(Problem("RANK_TARGETS_COLUMN_MISSING", Severity.ERROR, Location(file=file, row=1), {"column": need}))
    if problems:
        return [], problems
    out: list[Located] = []
    for i, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rec: Record = {}
        where: dict[str, Location] = {}
        for j, name in enumerate(names):
            if name is None:
                continue
            rec[name] = cells[j].strip() if j < len(cells) else ""
            where[name] = Location(file=file, row=i, column=header[j].strip())
        out.append((rec, where))
    return out, []


def _yaml_records(text: str, file: str) -> tuple[list[Located], list[Problem]]:
    try:
        document = load_yaml(text, file=file, prefix="RANK_TARGETS")
    except YamlError as exc:
        return [], [exc.problem]
    data, lines = document.data, document.lines
    items = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return [], [Problem("RANK_TARGETS_SHAPE", Severity.ERROR, Location(file=file, line=1), {})]
    out: list[Located] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        loc = ("targets", i)
        if not isinstance(item, dict):
            problems.append(Problem("RANK_TARGETS_SHAPE", Severity.ERROR, Location(file=file, path=f"targets[{i}]", line=line_for(lines, loc)), {}))
            continue
        rec: Record = {}
        where: dict[str, Location] = {}
        for key, value in item.items():
            name = HEADERS.get(str(key).strip().lower())
            fl = Location(file=file, path=f"targets[{i}].{key}", line=line_for(lines, (*loc, key)))
            if name is None:
                problems.append(Problem("RANK_TARGETS_COLUMN_UNKNOWN", Severity.ERROR, fl, {"column": str(key)}))
                continue
            rec[name] = "" if value is None else str(value).strip()
            where[name] = fl
        for need in REQUIRED:
            where.setdefault(need, Location(file=file, path=f"targets[{i}]", line=line_for(lines, loc)))
        out.append((rec, where))
    return out, problems


def _row(rec: Record, where: dict[str, Location], plan: Plan, allowed: set[str]) -> tuple[AnnualTarget | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(code: str, fieldname: str, **params: Any) -> None:
        problems.append(Problem(code, Severity.ERROR, where.get(fieldname, Location()), params))

    for need in REQUIRED:
        if not rec.get(need, ""):
            written = where[need].column if need in where and where[need].column else need
            problem("RANK_TARGETS_FIELD_MISSING", need, field=written)
    scope_id: str | None = None
    name = rec.get("county", "")
    if name:
        scope = plan.find_scope(name)
        if scope is None:
            close: list[str] = []
            for text in plan.suggest_scopes(name, n=5):
                found = plan.find_scope(text)
                if found is not None and found.id in allowed and found.name not in close:
                    close.append(found.name)
            problem("RANK_TARGETS_UNKNOWN_UNIT", "county", name=name, hint=_hint(close[:3]))
        elif scope.id not in allowed:
            problem("RANK_TARGETS_NOT_ASSESSED", "county", name=name, kind=scope.kind.label_zh)
        else:
            scope_id = scope.id
    indicator_id: str | None = None
    iname = rec.get("indicator", "")
    if iname:
        ind = plan.find_indicator(iname)
        if ind is None:
            problem("RANK_TARGETS_UNKNOWN_INDICATOR", "indicator", name=iname, hint=_hint(plan.suggest_indicators(iname)))
        else:
            indicator_id = ind.id
    year: int | None = None
    ytext = rec.get("year", "").translate(_FULLWIDTH).removesuffix("年")
    if ytext:
        try:
            fy = float(ytext)
            if not fy.is_integer() or not 2000 <= fy <= 2100:
                raise ValueError(ytext)
            year = int(fy)
        except ValueError:
            problem("RANK_TARGETS_YEAR", "year", value=rec.get("year", ""))
    measure = MEASURES.get(rec.get("measure", "").strip().lower())
    if measure is None:
        problem("RANK_TARGETS_MEASURE", "measure", value=rec.get("measure", ""))
    value: float | None = None
    vtext = rec.get("target", "").translate(_FULLWIDTH).replace(",", "")
    if vtext:
        percent = vtext.endswith("%")
        try:
            value = float(vtext.removesuffix("%"))
        except ValueError:
            problem("RANK_TARGETS_VALUE", "target", value=rec.get("target", ""))
        else:
            if value != value or value in (float("inf"), float("-inf")):
                value = None
                problem("RANK_TARGETS_VALUE", "target", value=rec.get("target", ""))
            elif percent and measure is Measure.LEVEL and indicator_id is not None and plan.indicators[indicator_id].unit != "%":
                problem("RANK_TARGETS_PERCENT_LEVEL", "target", value=rec.get("target", ""), unit=plan.indicators[indicator_id].unit)
    if problems or scope_id is None or indicator_id is None or year is None or value is None or measure is None:
        return None, problems
    loc = where.get("target", Location())
    origin = f"{loc.file}:{loc.row}" if loc.row is not None else f"{loc.file}:{loc.line}"
    return (
        AnnualTarget(
            scope=scope_id,
            indicator=indicator_id,
            year=year,
            value=value,
            measure=measure,
            source=rec.get("source", ""),
            note=rec.get("note", ""),
            origin=origin,
        ),
        [],
    )


def _duplicates(rows: list[AnnualTarget]) -> list[Problem]:
    first: dict[tuple[str, str, int], AnnualTarget] = {}
    out: list[Problem] = []
    for r in rows:
        key = (r.scope, r.indicator, r.year)
        if key in first:
            file, _, where = r.origin.rpartition(":")
            out.append(
                Problem(
                    "RANK_TARGETS_DUPLICATE",
                    Severity.ERROR,
                    Location(file=file, row=int(where) if where.isdigit() else None),
                    {"scope": r.scope, "indicator": r.indicator, "year": r.year, "first": first[key].origin},
                )
            )
        else:
            first[key] = r
    return out


def _hint(suggestions: list[str]) -> str:
    return f"（是否为：{'、'.join(suggestions)}？）" if suggestions else ""
