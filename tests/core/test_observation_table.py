"""ObservationTable: later rows win, series come out in period order however they were added, copies
are independent."""

from __future__ import annotations

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period


def obs(period: str, value: float, scope: str = "jishou") -> Observation:
    return Observation("va", scope, Period.parse(period), value, Measure.LEVEL, source="t")


def test_series_in_period_order_whatever_the_order_added() -> None:
    table = ObservationTable.of([obs("2023", 3), obs("2021", 1), obs("2024Q2", 5), obs("2022", 2), obs("2024", 4)])
    # 2024Q2 ends in June 2024, before 2024 (December)
    assert [o.value for o in table.series("va", "jishou")] == [1, 2, 3, 5, 4]
    assert [o.value for o in table.series("va", "jishou", until=Period.parse("2023"))] == [1, 2, 3]
    table.add(obs("2020", 0))  # added after a read: sorted again on the next read
    assert [o.value for o in table.series("va", "jishou")] == [0, 1, 2, 3, 5, 4]


def test_a_later_row_replaces_the_same_key_and_iteration_follows_changes() -> None:
    table = ObservationTable.of([obs("2021", 1), obs("2022", 2)])
    assert [o.value for o in table] == [1, 2]
    table.add(obs("2021", 10))
    assert len(table) == 2 and [o.value for o in table] == [10, 2]


def test_copy_and_merged_leave_the_original_alone() -> None:
    history = ObservationTable.of([obs("2020", 100), obs("2019", 90)])
    merged = history.merged([obs("2020", 101), obs("2021", 110)])
    assert [o.value for o in merged.series("va", "jishou")] == [90, 101, 110]
    assert [o.value for o in history.series("va", "jishou")] == [90, 100]
    copy = history.copy()
    copy.add(obs("2018", 80, scope="luxi"))
    assert history.scopes() == {"jishou"} and copy.scopes() == {"jishou", "luxi"}
