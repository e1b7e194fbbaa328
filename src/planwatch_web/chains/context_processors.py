"""The menu's chain entries: whether the user has chains to open, and how many things await them (待办)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planwatch_web.chains.access import office_chain, reads_all
from planwatch_web.chains.data import get_chains
from planwatch_web.chains.todo import todos_for


def chains(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or get_chains() is None:
        return {}
    return {
        "chain_nav": reads_all(user) or office_chain(user) is not None,
        "chain_todo_count": len(todos_for(user)),
    }
