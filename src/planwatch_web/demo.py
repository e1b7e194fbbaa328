"""The demo: one user per role (and one reporter per reporting scope), demo data, an open period.

Called by ``planwatch serve``; idempotent (running it twice changes nothing the second time).
Every demo password is the same and printed: this is for a laptop, never for production.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.plan.presentation import view
from planwatch.plan.schema import Scope
from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.core.plan import get_plan, reporting_scopes
from planwatch_web.submissions.actions import (
    LoadResult,
    default_deadline,
    do_load_observations,
    do_open_period,
)
from planwatch_web.submissions.models import ReportingPeriod
from planwatch_web.submissions.states import SubmissionState

DEMO_PASSWORD = "planwatch-demo"
SHOWN_PER_KIND = 1  # reporter logins printed per kind of scope (the rest follow the same pattern)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    scope_id: str


@dataclass
class DemoInfo:
    logins: list[DemoLogin] = field(default_factory=list)  # the ones worth printing, one or more per role
    reporters: int = 0
    unshown: list[str] = field(default_factory=list)  # a few reporter logins not printed, as examples
    loaded: LoadResult | None = None
    open_period: str = ""
    observations_file: Path | None = None


def demo_chain(plan: Plan) -> Scope | None:
    """The chain whose chief gets a demo login: the first industry with sub-industries, else the first."""
    industries = plan.industries()
    with_parts = [i for i in industries if plan.children(i.id)]
    chosen = with_parts or industries
    return chosen[0] if chosen else None


def ensure_demo_users() -> DemoInfo:
    """admin at the plan's region, leader, chain_<chain id> for the demo chain, one reporter per scope id."""
    plan = get_plan()
    pres = view(plan)
    wanted: list[tuple[str, Role, str, str]] = [
        ("admin", Role.ADMIN, plan.meta.region, f"{pres.frame.issuer_short}（演示）"),
        ("leader", Role.LEADER, "", f"{pres.words.region}领导（演示）"),
    ]
    chain = demo_chain(plan)
    if chain is not None:
        wanted.append((f"chain_{chain.id}", Role.CHAIN_CHIEF, chain.id, f"{chain.name}链长（演示）"))
    for scope in reporting_scopes(plan):
        if scope.id == plan.meta.region:
            continue
        wanted.append((scope.id, Role.REPORTER, scope.id, f"{scope.name}填报员（演示）"))
    existing = set(
        User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True)
    )
    shared_hash = (
        make_password(DEMO_PASSWORD) if len(existing) < len(wanted) else ""
    )  # hashing is slow on purpose
    for username, role, scope_id, name in wanted:
        if username not in existing:
            do_create_user(
                None,
                username,
                DEMO_PASSWORD,
                role,
                scope_id,
                display_name=name,
                validate=False,
                password_hash=shared_hash,
            )
    info = DemoInfo(reporters=sum(1 for w in wanted if w[1] is Role.REPORTER))
    per_kind: dict[object, int] = {}
    shown: set[str] = set()
    for username, role, scope_id, _ in wanted:
        kind = plan.scopes[scope_id].kind if role is Role.REPORTER else role
        if per_kind.get(kind, 0) < (SHOWN_PER_KIND if role is Role.REPORTER else 1):
            shown.add(username)
            per_kind[kind] = per_kind.get(kind, 0) + 1
    info.logins = [DemoLogin(u, r, s) for (u, r, s, _) in wanted if u in shown]
    info.unshown = [u for (u, r, _, _) in wanted if r is Role.REPORTER and u not in shown][:3]
    return info


def load_data_files(paths: list[Path]) -> LoadResult:
    """Load statistics files (CSV or XLSX, docs/data-files.md) as published data, once per file content."""
    from planwatch.ingest import load_observations

    origin = "data:" + ",".join(f"{p.name}:{_file_digest(p)}" for p in paths)
    if AuditEntry.objects.filter(action=AuditAction.LOAD_DATA, origin=origin).exists():
        return LoadResult(values=0, submissions=0, periods=0, skipped_submissions=0, already_loaded=True)
    table = load_observations(list(paths), get_plan(), lang="zh")
    return do_load_observations(None, table, state=SubmissionState.PUBLISHED, origin=origin)


def load_demo_observations(demo_dir: Path) -> tuple[LoadResult, Path]:
    """Load ``observations.csv`` (the canonical shape) through the core's reader, as published data.

    The load is recorded in the audit trail with the file's SHA-256; the same file is not read again
    on the next start (reading and validating 200k rows takes a while), a changed one is.
    """
    from planwatch.ingest import load_observations

    path = demo_dir / "observations.csv"
    if not path.exists():
        raise FileNotFoundError(path)
    # observations.csv already holds the county 考核 series (技改投入, 招商引资项目, 两化融合指数) that
    # `planwatch demo-data` also writes apart to assessment_observations.csv.
    origin = f"demo:{path.name}:{_file_digest(path)}"
    if AuditEntry.objects.filter(action=AuditAction.LOAD_DATA, origin=origin).exists():
        return LoadResult(values=0, submissions=0, periods=0, skipped_submissions=0, already_loaded=True), path
    table = load_observations([path], get_plan(), lang="zh")
    return do_load_observations(None, table, state=SubmissionState.PUBLISHED, origin=origin), path


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def next_quarter_after(ordinal: int) -> Period:
    year, month = divmod(ordinal - 1, 12)
    month += 1  # the month the latest period ends in
    quarter = (month - 1) // 3 + 1
    return Period(PeriodKind.QUARTER, year + (quarter == 4), 1 if quarter == 4 else quarter + 1)


def open_demo_period(today: dt.date | None = None) -> str:
    """Open the quarter after the latest data (or the current quarter) for the reporters to fill."""
    latest = ReportingPeriod.objects.order_by("-end_ordinal").first()
    if latest is not None and latest.submissions.filter(state=SubmissionState.DRAFT).exists():
        return latest.period
    if latest is not None:
        period = next_quarter_after(latest.end_ordinal)
    else:
        today = today or timezone.localdate()
        period = Period(PeriodKind.QUARTER, today.year, (today.month - 1) // 3 + 1)
    if not ReportingPeriod.objects.filter(period=str(period)).exists():
        # A demo started long after the data ends still gets two weeks to fill the form.
        soon = (today or timezone.localdate()) + dt.timedelta(days=14)
        do_open_period(None, str(period), max(default_deadline(period), soon))
    return str(period)


def setup_demo(demo_dir: Path | None, data: list[Path] | None = None) -> DemoInfo:
    info = ensure_demo_users()
    if demo_dir is not None:
        info.loaded, info.observations_file = load_demo_observations(demo_dir)
        from planwatch_web.registry.demo import load_demo_register

        load_demo_register(demo_dir)  # the demo's 企业库 and 招商 projects (registry app)
    if data:
        info.loaded = load_data_files(data)
        info.observations_file = data[0] if len(data) == 1 else data[0].parent
    info.open_period = open_demo_period()
    from planwatch_web.chains.demo import (
        ensure_chain_demo,  # 链长制: every chain's chief, office, units, problems
    )

    ensure_chain_demo(DEMO_PASSWORD)
    return info
