"""English pages read in English: the "how computed" notes, units and punctuation (issue 8 §5)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.core.plan import get_plan
from planwatch_web.submissions.models import Submission

# CJK ideographs, CJK punctuation (、。「」【】) and full-width forms (，：（）；！？％), curly quotes
CHINESE = re.compile(r"\S*[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\u201c\u201d]+\S*")


def leftovers(page: str, allowed: tuple[str, ...] = ()) -> list[str]:
    body = page[page.index("<main>") : page.index("</main>")]
    body = re.sub(r'<script id="chart-data".*?</script>', "", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    for plan_text in allowed:  # the plan's own citation, given only in Chinese
        text = text.replace(plan_text, " ")
    return sorted({m.group(0) for m in CHINESE.finditer(text)})


@pytest.fixture
def english(login: Callable[[str], Client]) -> Client:
    client = login("leader")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.parametrize(
    "target_id",
    [
        "t3_jishou_count",  # a count (家) with data: 吉首市 50 approved
        "t3_jishou_new",  # a cumulative count: years missing (an engine note with years and a sum)
        "t1_06",  # a share with no data after 2020 (an engine note with a year)
        "t2_jishou_edz_growth",  # a growth target with no yearly data
        "task_thousand_yi_park",  # not assessed: the engine's note, then the plan's own (Chinese) note
    ],
)
def test_explain_page_reads_in_english(english: Client, two: dict[str, Submission], target_id: str) -> None:
    page = english.get(reverse("dashboards:explain", args=[target_id])).content.decode()
    assert 'lang="en"' in page
    target = next(t for t in get_plan().targets if t.id == target_id)
    # the plan's citation and note exist only in Chinese and are shown as the plan writes them
    assert leftovers(page, allowed=(target.source, target.note or target.source)) == []


def test_explain_notes_in_english_with_their_numbers(english: Client, two: dict[str, Submission]) -> None:
    page = english.get(reverse("dashboards:explain", args=["t3_jishou_new"])).content.decode()
    # 吉首市 has only 2025Q3 data (one row of new_scale_enterprises? none): years 2021–2024 are missing
    assert "Data for 2021, 2022, 2023, 2024 missing" in page
    page = english.get(reverse("dashboards:explain", args=["t1_06"])).content.decode()
    assert "No data for this indicator after 2020 up to the assessment period" in page
    # the count target shows its unit in English: 65 enterprises (2025), not 65家
    page = english.get(reverse("dashboards:explain", args=["t3_jishou_count"])).content.decode()
    assert "65 enterprises (2025)" in page
    page = english.get(reverse("dashboards:explain", args=["task_thousand_yi_park"])).content.decode()
    assert "A long-range or indicative target for 2025: recorded only, not assessed this period" in page


def test_explain_notes_stay_chinese_in_chinese(login: Callable[[str], Client], two: dict[str, Submission]) -> None:
    page = login("leader").get(reverse("dashboards:explain", args=["t3_jishou_new"])).content.decode()
    assert "缺少2021年、2022年、2023年、2024年的数据，无法得到累计值" in page
    page = login("leader").get(reverse("dashboards:explain", args=["task_thousand_yi_park"])).content.decode()
    assert "该目标为2025年远景或说明性目标，仅作记录，不在本期评估" in page
    assert "65家 (2025)" in login("leader").get(reverse("dashboards:explain", args=["t3_jishou_count"])).content.decode()


def test_cockpit_scope_and_indicator_pages_have_no_full_width_punctuation(
    english: Client, two: dict[str, Submission]
) -> None:
    for url in (
        reverse("dashboards:index"),
        reverse("dashboards:scope", args=["jishou"]),
        reverse("dashboards:indicator", args=["scale_enterprises"]),
    ):
        assert leftovers(english.get(url).content.decode()) == [], url
