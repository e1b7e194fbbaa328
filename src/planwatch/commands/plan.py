"""``planwatch targets`` and ``planwatch lint``: the plan as data."""

from __future__ import annotations
