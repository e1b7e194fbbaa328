"""The menu's chain entries: whether the user has chains to open (no query), and their 待办 count,
computed only by a page that shows it (the task page)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from planwatch_web.chains.access import office_chain, reads_all
from planwatch_web.chains.data import get_chains
from planwatch_web.chains.todo import todos_for


class LazyTodo:
    def __init__(self, user: object) -> None:
        self.user = user

    @cached_property
    def count(self) -> int:
        return len(todos_for(self.user))


def chains(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or get_chains() is None:
        return {}
    return {"chain_nav": reads_all(user) or office_chain(user) is not None, "chain_todo": LazyTodo(user)}
