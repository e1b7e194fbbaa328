"""Issue 9 (web, item 8), through HTTP: chart lines never double back. Annual values (drawn mid-year)
and the values of quarters and months are separate series, each in time order.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User

pytestmark = pytest.mark.django_db

YEARS = ["2021", "2022", "2023", "2024"]
QUARTERS = ["2024Q4", "2025Q1", "2025Q2"]
MONTHS = ["2024-11", "2024-12", "2025-01", "2025-06", "2025-09"]


def _load(periods: list[str]) -> None:
    """Published 规模工业企业数 (a stock) of 吉首市 and 泸溪县 for ``periods``: 40, 41, … in order."""
    rows = [
        Observation("scale_enterprises", scope, Period.parse(text), 40.0 + i, Measure.LEVEL, source="t")
        for scope in ("jishou", "luxi")
        for i, text in enumerate(periods)
    ]
    from planwatch_web.submissions.actions import do_load_observations

    do_load_observations(None, ObservationTable.of(rows))


def _charts(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, flags=re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "periods",
    [YEARS + QUARTERS, YEARS + MONTHS, YEARS + QUARTERS + MONTHS, YEARS, QUARTERS + MONTHS],
    ids=["years+quarters", "years+months", "all", "years", "sub-annual"],
)
def test_no_line_doubles_back(users: dict[str, User], periods: list[str]) -> None:
    _load(periods)
    for url in (
        reverse("public:scope", args=["jishou"]),
        reverse("public:indicator", args=["scale_enterprises"]),
    ):
        charts = _charts(Client().get(url + "?as_of=" + periods[-1]).content.decode())
        assert charts
        for target_id, fig in charts.items():
            for trace in fig["data"]:
                if trace["type"] != "scatter":
                    continue
                assert trace["x"] == sorted(trace["x"]), (url, target_id, trace["name"])


def test_annual_and_sub_annual_values_are_separate_series(users: dict[str, User]) -> None:
    _load(YEARS + QUARTERS)
    fig = _charts(Client().get(reverse("public:scope", args=["jishou"]) + "?as_of=2025Q2").content.decode())
    observed = {t["name"]: t for t in fig["t3_jishou_count"]["data"] if t["name"].startswith("实际值")}
    assert set(observed) == {"实际值（年度）", "实际值（季度/月度）"}
    yearly, within = observed["实际值（年度）"], observed["实际值（季度/月度）"]
    assert all(x.endswith("-07-01") for x in yearly["x"])  # each year drawn mid-year
    assert "2024-11-15" in within["x"] and "2024-07-01" not in within["x"]  # 2024Q4's middle month
    assert within["y"][-1] == 46.0  # 2025Q2, the seventh period loaded: 40 + 6
