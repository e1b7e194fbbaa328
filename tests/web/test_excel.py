"""Excel round trip through the core: download the pre-filled template, fill it, upload it back.

Uploads are validated by planwatch.ingest (all problems at once, located by sheet/row/column, in
Chinese); any error means nothing is saved.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import DataValue, Submission

pytestmark = pytest.mark.django_db


def _template(client: Client, sub: Submission) -> openpyxl.Workbook:
    response = client.get(reverse("submissions:template", args=[sub.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{sub.scope_id}_2025Q3.xlsx"' in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(wb: openpyxl.Workbook) -> list[list[object]]:
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def _upload(client: Client, sub: Submission, wb: openpyxl.Workbook, name: str = "吉首市2025Q3.xlsx") -> Any:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = name
    return client.post(reverse("submissions:upload", args=[sub.pk]), {"file": buf})


def test_template_lists_the_forms_lines_prefilled(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    rows = _rows(_template(login("jishou"), subs["jishou"]))
    assert rows[0][:6] == ["指标", "范围", "时期", "口径", "数值", "单位"]
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in rows[1:]] == [
        ("规模工业企业数", "吉首市", "2025年第三季度", "当期", "家"),
        ("新增入规工业企业数量", "吉首市", "2025年第三季度", "累计", "家"),
        ("省级科技园区", "吉首市", "2025年第三季度", "当期", "个"),
    ]


def test_template_carries_values_already_entered(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    client.post(
        reverse("submissions:detail", args=[subs["jishou"].pk]),
        {"version": "0", "action": "save", "v__scale_enterprises:level": "48"},
    )
    rows = _rows(_template(client, subs["jishou"]))
    assert rows[1][4] == 48 and rows[2][4] is None


def test_filled_template_uploads_and_is_audited(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    sub = subs["jishou"]
    wb = _template(client, sub)
    ws = wb.active
    ws["E2"], ws["E3"], ws["E4"] = 48, 6, 1
    ws["G2"] = "吉首市统计局"
    response = _upload(client, sub, wb)
    assert response.status_code == 302
    values = {dv.indicator: (dv.value, dv.source) for dv in DataValue.objects.filter(submission=sub)}
    assert values == {
        "scale_enterprises": (48.0, "吉首市统计局"),
        # a blank 来源 gets the documented default "<范围>填报（<时期>）", not the file's name
        "new_scale_enterprises": (6.0, "吉首市填报（2025Q3）"),
        "county_sci_parks": (1.0, "吉首市填报（2025Q3）"),
    }
    entries = AuditEntry.objects.filter(submission=sub, action=AuditAction.IMPORT_EXCEL)
    assert entries.count() == 3
    assert {e.origin for e in entries} >= {"吉首市2025Q3.xlsx:数据:2"}
    page = client.get(reverse("submissions:detail", args=[sub.pk])).content.decode()
    assert "Excel 导入" in page  # the history shows the import


def test_upload_with_errors_lists_every_problem_and_saves_nothing(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    sub = subs["jishou"]
    wb = _template(client, sub)
    ws = wb.active
    ws["E2"] = "四十八"  # not a number
    ws["E3"] = 6
    ws["B4"], ws["E4"] = "泸溪县", 1  # another county's row
    response = _upload(client, sub, wb)
    assert response.status_code == 400
    page = response.content.decode()
    assert "未导入任何数据" in page
    assert "吉首市2025Q3.xlsx:数据:2" in page  # located: file, sheet, row
    assert "吉首市2025Q3.xlsx:数据:4" in page
    assert "不是本表的范围「吉首市」" in page
    assert not DataValue.objects.filter(submission=sub).exists()
    assert not AuditEntry.objects.filter(submission=sub).exists()


def test_upload_refused_when_locked_or_wrong_type(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    sub = subs["jishou"]
    bad = io.BytesIO(b"hello")
    bad.name = "data.pdf"
    response = client.post(reverse("submissions:upload", args=[sub.pk]), {"file": bad}, follow=True)
    assert "只能上传 Excel 工作簿（.xlsx、.xlsm）或 CSV 文件（.csv，UTF-8 或 GBK 编码）" in response.content.decode()
    actions.do_save_values(users["jishou"], sub.pk, [], expected_version=None)
    wb = _template(client, sub)
    for cell, v in (("E2", 48), ("E3", 6), ("E4", 1)):
        wb.active[cell] = v
    _upload(client, sub, wb)
    actions.do_submit(users["jishou"], sub.pk)
    wb.active["E2"] = 50
    response = _upload(client, sub, wb)
    assert response.status_code == 302
    assert DataValue.objects.get(submission=sub, indicator="scale_enterprises").value == 48.0
