"""The register record: 规上 by the recorded events, and a change kept as history (before → after)."""

from __future__ import annotations

from datetime import datetime

import pytest

from planwatch.enterprises.record import Enterprise, EnterpriseFlag, ScaleEvent, ScaleEventKind

E = ScaleEventKind.ENTER
X = ScaleEventKind.EXIT


def test_scale_by_the_latest_event() -> None:
    ent = Enterprise("91433101MA4L7Q2R6E", "甲", "jishou",
                     scale_events=(ScaleEvent(2019, 6, E), ScaleEvent(2021, 1, X), ScaleEvent(2024, 1, E)))
    assert [ent.is_scale(y) for y in (2018, 2019, 2020, 2021, 2023, 2024)] == [False, True, True, False, False, True]
    assert not ent.is_scale(2019, 5) and ent.is_scale(2019, 6)
    assert ent.entered_in(2024) and not ent.entered_in(2021)


def test_change_keeps_history() -> None:
    ent = Enterprise("91433101MA4L7Q2R6E", "甲", "jishou")
    when = datetime(2025, 1, 2, 9, 0)
    ent2, row = ent.change("flags", frozenset({EnterpriseFlag.HITECH}), "admin", when, "认定通知")
    ent3, _ = ent2.change("name", "甲有限公司", "admin", when)
    assert (row.field, row.before, row.after, row.who, row.reason) == ("flags", "", "高新技术企业", "admin", "认定通知")
    assert [h.field for h in ent3.history] == ["flags", "name"] and ent3.history[1].before == "甲"
    assert ent.history == ()  # the record itself is unchanged
    with pytest.raises(KeyError):
        ent.change("uscc", "x", "admin", when)
