"""The plan's precision: numbers are compared as the plan prints them (a stated "59%" agrees with any
implied growth that rounds to 59)."""

from __future__ import annotations

import math
import re

from planwatch.domain.enums import Severity


def decimals_of(value: float, text: str = "") -> int:
    """Decimal places the plan prints: from its text when there is a number in it, else the value."""
    for candidate in re.findall(r"\d+(?:\.\d+)?", text or ""):
        if math.isclose(float(candidate), abs(value), rel_tol=1e-9, abs_tol=1e-12):
            return len(candidate.split(".")[1]) if "." in candidate else 0
    rendered = f"{value:.10f}".rstrip("0").rstrip(".")
    return len(rendered.split(".")[1]) if "." in rendered else 0


def same_at_precision(stated: float, computed: float, decimals: int) -> bool:
    """Does ``computed`` print as ``stated`` at the plan's precision (half-up, with a float guard)?"""
    half = 0.5 * 10 ** (-decimals)
    return bool(abs(computed - stated) < half + 1e-9)


def grade(stated: float, computed: float, decimals: int) -> Severity:
    """INFO when the stated number is the computed one truncated instead of rounded (20.52% written
    as 20%: a printing habit, not a different target); otherwise WARNING."""
    factor = 10**decimals
    truncated = math.trunc(computed * factor + (1e-9 if computed >= 0 else -1e-9)) / factor
    return Severity.INFO if math.isclose(truncated, stated, abs_tol=1e-9) else Severity.WARNING


def fmt(value: float, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(rate: float, decimals: int = 1) -> str:
    return f"{rate * 100:.{decimals}f}%"
