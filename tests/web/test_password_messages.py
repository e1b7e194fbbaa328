"""Django's password messages read in Chinese on Chinese pages (one of them needs our own catalog)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize(("lang", "expected"), [("zh-hans", "密码太短：至少需要 10 个字符。"), ("en", "at least 10 characters")])
def test_minimum_length_message_in_each_language(lang: str, expected: str) -> None:
    with translation.override(lang), pytest.raises(ValidationError) as caught:
        MinimumLengthValidator(10).validate("short")
    assert expected in caught.value.messages[0]
