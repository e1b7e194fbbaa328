"""Console JSON is strict: a non-finite number is null, never the Infinity or NaN that JSON lacks."""

from __future__ import annotations

import json
import math

from planwatch.cli import json_text


def test_non_finite_numbers_are_null_at_every_depth() -> None:
    payload = {"a": math.inf, "b": [1.5, -math.inf, {"c": math.nan}], "d": (2, "x"), "e": None}
    text = json_text(payload)
    assert "Infinity" not in text and "NaN" not in text
    assert json.loads(text) == {"a": None, "b": [1.5, None, {"c": None}], "d": [2, "x"], "e": None}


def test_chinese_stays_readable() -> None:
    assert json_text({"名称": "规模工业增加值"}) == '{\n  "名称": "规模工业增加值"\n}'
