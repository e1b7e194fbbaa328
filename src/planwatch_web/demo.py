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
DEMO_CHAIN = "new_materials"  # 绿色矿业及新材料: a chain with sub-industries (铝、锰、锌、钒)
SHOWN_REPORTERS = ("jishou", "huayuan", "xiangxi_hitech", "jishou_edz")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    scope_id: str


@dataclass
class DemoInfo:
    logins: list[DemoLogin] = field(default_factory=list)  # the ones worth printing, one or more per role
    reporters: int = 0
    loaded: LoadResult | None = None
    open_period: str = ""
    observations_file: Path | None = None


def ensure_demo_users() -> DemoInfo:
    plan = get_plan()
    wanted: list[tuple[str, Role, str, str]] = [
        ("admin", Role.ADMIN, plan.meta.region, "州工信局（演示）"),
        ("leader", Role.LEADER, "", "州领导（演示）"),
        (f"chain_{DEMO_CHAIN}", Role.CHAIN_CHIEF, DEMO_CHAIN, f"{plan.scopes[DEMO_CHAIN].name}链长（演示）"),
    ]
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
    shown = {"admin", "leader", f"chain_{DEMO_CHAIN}", *SHOWN_REPORTERS}
    info.logins = [DemoLogin(u, r, s) for (u, r, s, _) in wanted if u in shown]
    return info


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


def setup_demo(demo_dir: Path | None) -> DemoInfo:
    info = ensure_demo_users()
    if demo_dir is not None:
        info.loaded, info.observations_file = load_demo_observations(demo_dir)
        from planwatch_web.registry.demo import load_demo_register

        load_demo_register(demo_dir)  # the demo's 企业库 and 招商 projects (registry app)
    info.open_period = open_demo_period()
    from planwatch_web.chains.demo import (
        ensure_chain_demo,  # 链长制: every chain's chief, office, units, problems
    )

    ensure_chain_demo(DEMO_PASSWORD)
    return info
