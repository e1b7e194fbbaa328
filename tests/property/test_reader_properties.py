"""Properties of the readers and the plan loader, over generated input (hypothesis).

Whatever the input: the only exception is the reader's own (NumberError, PeriodError, ProblemsError),
never a traceback from below; every value accepted is finite and within bounds; a generated data
file yields problems or observations, never an exception; the zip guard answers every byte string.
"""

from __future__ import annotations

import contextlib
import io
import math
import string
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.problems import ProblemsError
from planwatch.ingest import check_observations
from planwatch.ingest.measures import MeasureError, parse_measure, parse_period_cell
from planwatch.ingest.values import MAX_MAGNITUDE, NumberError, parse_number
from planwatch.ingest.xlsx_archive import check_archive
from planwatch.plan.load import parse_plan
from planwatch.yamlfile import YamlError, load_yaml

NUMBERISH = st.text(alphabet=string.digits + ".,+-eE%_ \n\t亿万元²①１－ＮnaNinf", max_size=30)
ANY_TEXT = st.one_of(NUMBERISH, st.text(max_size=60))


@given(st.one_of(ANY_TEXT, st.floats(), st.integers(), st.none(), st.booleans()))
def test_parse_number_is_finite_or_refused(value: object) -> None:
    try:
        parsed = parse_number(value)
    except NumberError:
        return
    if parsed.value is not None:
        assert math.isfinite(parsed.value)


@given(st.text(alphabet="0123456789", min_size=1, max_size=6), st.sampled_from(["亿元", "万元", "%", ""]))
def test_plain_numbers_read_as_written(digits: str, unit: str) -> None:
    parsed = parse_number(digits + unit)
    assert parsed.value == float(int(digits))


@given(ANY_TEXT)
def test_period_and_measure_parsers_raise_only_their_own_errors(text: str) -> None:
    try:
        p = Period.parse(text)
        assert 1949 <= p.year <= 2150
        p.same_period_last_year()
    except PeriodError:
        pass
    with contextlib.suppress(PeriodError):
        parse_period_cell(text)
    with contextlib.suppress(MeasureError):
        parse_measure(text)


MINI_PLAN = """
plan: {id: mini, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: xiangxi}
scopes:
  - {id: xiangxi, name: 湘西州, kind: prefecture, members: [jishou]}
  - {id: jishou, name: 吉首市, kind: county, parent: xiangxi}
indicators:
  - {id: scale_va, name: 规模工业增加值, unit: 亿元, temporal: flow, aggregation: sum}
targets:
  - {id: t1, indicator: scale_va, scope: xiangxi, kind: level, target: {year: 2025, value: 180}, source: 表}
"""
CELL = st.one_of(NUMBERISH, st.sampled_from(["规模工业增加值", "吉首市", "2023", "2023Q3", "1900", "累计", "万元"]),
                 st.text(max_size=20))


@given(st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=0, max_size=8))
def test_any_csv_gives_problems_or_finite_observations(tmp_path_factory, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    plan = parse_plan(MINI_PLAN, file="mini.yaml")
    path: Path = tmp_path_factory.mktemp("csv") / "data.csv"
    buf = io.StringIO()
    import csv

    writer = csv.writer(buf)
    writer.writerow(["指标", "范围", "时期", "数值", "单位"])
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    result = check_observations([path], plan)
    for o in result.table:
        assert math.isfinite(o.value) and abs(o.value) <= MAX_MAGNITUDE


@given(st.binary(max_size=300))
def test_the_zip_guard_answers_any_bytes(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("zip") / "x.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\0" else data)
    problem = check_archive(path)
    assert problem is None or problem.code.startswith("INGEST_")


@given(st.dictionaries(st.text(max_size=8), st.integers(), max_size=5))
def test_the_zip_guard_passes_small_archives(tmp_path_factory, members: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("zip") / "ok.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, n) in enumerate(members.items()):
            z.writestr(f"m{i}_{name.encode('utf-8', 'replace').hex()}", str(n))
    assert check_archive(path) is None


# (control characters left out: PyYAML itself does not round-trip a NEL in a key)
PRINTABLE = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)
YAML_SCALARS = st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=True), PRINTABLE, st.booleans(), st.none())
YAML_TREES = st.recursive(YAML_SCALARS, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(PRINTABLE, kids, max_size=4),
                          max_leaves=30)


@given(YAML_TREES)
def test_load_yaml_round_trips_or_refuses(tree: object) -> None:
    import yaml

    text = yaml.safe_dump(tree, allow_unicode=True)
    try:
        doc = load_yaml(text, file="t.yaml", prefix="PLAN")
    except YamlError as exc:
        refused = exc.problem.code
    else:
        refused = ""
        assert doc.data == tree
    assert refused in ("", "YAML_NOT_FINITE", "YAML_TOO_DEEP")


@given(st.text(alphabet="abc:-[]{}&*! \n'\"#.0123456789", max_size=80))
def test_parse_plan_raises_only_problems(text: str) -> None:
    problems = []
    try:
        parse_plan(text, file="p.yaml")
    except ProblemsError as exc:
        problems = exc.problems
        raised = True
    else:
        raised = False
    assert problems or not raised
