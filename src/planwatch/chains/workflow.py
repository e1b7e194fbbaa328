"""The problem list's states, actions and time limits (问题清单, 提出 → 交办 → 办理中 → 已办结 → 企业确认 → 销号).

The transition table is data (``workflow.yaml``); the time limits are the chain file's
``deadlines`` (working days by category and role). Everything here is pure: the web layer asks
``transition`` whether an action is allowed and what state follows, and ``deadline_for`` when an
assignment is due.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from planwatch.chains.calendar import WorkingCalendar
from planwatch.chains.schema import DeadlineRules, HandlerRole
from planwatch.yamlfile import load_definition, parse_definition

BUNDLED = Path(__file__).with_name("workflow.yaml")


class ProblemState(StrEnum):
    RAISED = "raised"  # 提出
    ASSIGNED = "assigned"  # 交办: a 主办 unit, 协办 units and deadlines are set
    IN_PROGRESS = "in_progress"  # 办理中: the 主办 unit has accepted it
    DONE = "done"  # 已办结: the 主办 unit has answered
    CONFIRMED = "confirmed"  # 企业确认: the enterprise (or unit) that raised it is satisfied
    CLOSED = "closed"  # 销号
    RETURNED = "returned"  # 退回: the 主办 unit disputes the assignment, with a reason

    @property
    def label_zh(self) -> str:
        return {
            "raised": "提出",
            "assigned": "交办",
            "in_progress": "办理中",
            "done": "已办结",
            "confirmed": "企业确认",
            "closed": "销号",
            "returned": "退回",
        }[self.value]

    @property
    def is_open(self) -> bool:
        """Still being worked on by a unit (a deadline runs)."""
        return self in (ProblemState.ASSIGNED, ProblemState.IN_PROGRESS)


class Action(StrEnum):
    RAISE = "raise"
    ASSIGN = "assign"
    ACCEPT = "accept"
    RETURN = "return"
    ASSIST_REPLY = "assist_reply"
    ANSWER = "answer"
    CONFIRM = "confirm"
    REJECT = "reject"
    CLOSE = "close"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    REFUSE_EXTENSION = "refuse_extension"
    ESCALATE = "escalate"


class Actor(StrEnum):
    """Who takes an action on an item: the chain office (链办, also the 链长), its 主办 or 协办 unit, any unit."""

    OFFICE = "office"
    LEAD_UNIT = "lead_unit"
    ASSIST_UNIT = "assist_unit"
    UNIT = "unit"  # any unit of the chain (raising a problem)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Transition(_Model):
    """One action of the workflow."""

    action: Action = Field(description="The action's id.")
    name: str = Field(min_length=1, description="Its Chinese name (the button).")
    name_en: str = Field(default="", description="Its English name.")
    from_: list[ProblemState] = Field(alias="from", description="States it may start from; empty for raise.")
    to: ProblemState | None = Field(description="The state it leads to; null: the state stays.")
    by: list[Actor] = Field(min_length=1, description="Who may take it.")
    needs_reason: bool = Field(default=False, description="A reason (or answer) must be written.")
    before_deadline: bool = Field(default=False, description="Only before the item's deadline (延期).")
    only_overdue: bool = Field(default=False, description="Only once the deadline has passed (督办).")


class Workflow(_Model):
    actions: list[Transition] = Field(description="Every action, once.")

    def get(self, action: Action) -> Transition:
        for t in self.actions:
            if t.action is action:
                return t
        raise KeyError(action)


class TransitionRefusedError(ValueError):
    """An action not allowed now; ``code`` names its message in planwatch.messages."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_workflow(text: str, *, file: str = "<workflow>") -> Workflow:
    return parse_definition(text, Workflow, "CHAIN_WORKFLOW", file=file)


def load_workflow(path: Path | None = None) -> Workflow:
    """A workflow file, or the bundled one (``workflow.yaml``); ``CHAIN_WORKFLOW_NOT_FOUND`` when unreadable."""
    return bundled_workflow() if path is None else load_definition(path, Workflow, "CHAIN_WORKFLOW")


@functools.cache
def bundled_workflow() -> Workflow:
    return load_definition(BUNDLED, Workflow, "CHAIN_WORKFLOW")


def transition(
    workflow: Workflow,
    action: Action,
    state: ProblemState | None,
    actors: set[Actor],
    *,
    reason: str = "",
    overdue: bool = False,
) -> ProblemState | None:
    """The state after ``action`` (None: unchanged), or ``TransitionRefusedError`` saying why not."""
    t = workflow.get(action)
    if not actors & set(t.by):
        raise TransitionRefusedError("CHAIN_ACTION_NOT_YOURS", action=t.name)
    if t.from_ and state not in t.from_:
        raise TransitionRefusedError(
            "CHAIN_ACTION_STATE", action=t.name, state=state.label_zh if state else "—"
        )
    if not t.from_ and state is not None:
        raise TransitionRefusedError("CHAIN_ACTION_STATE", action=t.name, state=state.label_zh)
    if t.needs_reason and not reason.strip():
        raise TransitionRefusedError("CHAIN_ACTION_REASON", action=t.name)
    if t.before_deadline and overdue:
        raise TransitionRefusedError("CHAIN_EXTENSION_LATE")
    if t.only_overdue and not overdue:
        raise TransitionRefusedError("CHAIN_ESCALATE_NOT_OVERDUE")
    return t.to


def allowed_actions(
    workflow: Workflow, state: ProblemState | None, actors: set[Actor], *, overdue: bool = False
) -> list[Transition]:
    """The actions these actors may take now (the buttons a page shows), in workflow order."""
    out = []
    for t in workflow.actions:
        if t.action is Action.RAISE:
            continue
        if not actors & set(t.by) or state not in t.from_:
            continue
        if (t.before_deadline and overdue) or (t.only_overdue and not overdue):
            continue
        out.append(t)
    return out


def working_days_for(rules: DeadlineRules, category: str, role: HandlerRole) -> int:
    """Working days a 主办 or 协办 unit has for a problem of ``category`` (a rule, else the default)."""
    for rule in rules.rules:
        if rule.category == category and rule.role is role:
            return rule.working_days
    return rules.default_lead if role is HandlerRole.LEAD else rules.default_assist


def deadline_for(
    rules: DeadlineRules, calendar: WorkingCalendar, category: str, role: HandlerRole, assigned_on: dt.date
) -> dt.date:
    """The day a unit's answer is due: ``working_days_for`` working days after the day it was assigned."""
    return calendar.add_working_days(assigned_on, working_days_for(rules, category, role))


def is_overdue(deadline: dt.date | None, state: ProblemState, today: dt.date) -> bool:
    return deadline is not None and state.is_open and today > deadline
