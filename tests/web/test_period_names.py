"""Periods read as Chinese words on Chinese pages, as stored in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from planwatch_web.core.templatetags.planwatch import period_name


@pytest.mark.parametrize(
    ("stored", "zh", "en"),
    [
        ("2025Q3", "2025年第三季度", "2025Q3"),
        ("2025-06", "2025年6月", "2025-06"),
        ("2024", "2024年", "2024"),
        ("", "", ""),
        ("not a period", "not a period", "not a period"),
    ],
)
def test_period_name(stored: str, zh: str, en: str) -> None:
    with translation.override("zh-hans"):
        assert period_name(stored) == zh
    with translation.override("en"):
        assert period_name(stored) == en
