"""check_records: web-form rows validated by the same code as files."""

from __future__ import annotations

from planwatch.ingest import check_records
from planwatch.plan.load import Plan


def test_form_rows(plan: Plan) -> None:
    result = check_records(
        [
            {"指标": "规模工业增加值", "范围": "吉首市", "时期": "2024Q3", "口径": "累计", "数值": "35.5"},
            {"指标": "规模工业增加值", "范围": "泸溪县", "时期": "2024Q3", "口径": "累计", "数值": "abc"},
            {"指标": "规模工业企业数", "范围": "吉首市", "时期": "2024Q3", "数值": 61, "备注": "含新增3家"},
        ],
        plan,
        name="吉首市2024Q3表单",
    )
    assert [(o.indicator, o.scope, str(o.period), o.measure.value, o.value, o.note, o.origin) for o in result.table] == [
        ("enterprises", "jishou", "2024Q3", "level", 61.0, "含新增3家", "吉首市2024Q3表单:4"),
        ("scale_va", "jishou", "2024Q3", "ytd", 35.5, "", "吉首市2024Q3表单:2"),
    ]
    (p,) = result.problems
    assert (p.code, p.location.file, p.location.row, p.location.column) == ("INGEST_BAD_NUMBER", "吉首市2024Q3表单", 3, "数值")
    assert result.rows_read == 3 and not result.ok


def test_no_rows(plan: Plan) -> None:
    (p,) = check_records([], plan).problems
    assert (p.code, p.message()) == ("INGEST_EMPTY_FILE", "文件 表单 没有数据行")
