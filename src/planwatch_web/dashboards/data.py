"""What data a dashboard page may show, read once per data version and kept in memory.

Audiences (docs/web.md, "Roles"): the administrator and leaders see every **approved or
published** value; a reporter or chain chief sees published values plus the approved values of
the scopes they fill (never another county's unpublished value); the public and anonymous users
see published values only. Values still in draft or submitted are never on a dashboard.

Data are read only through ``core.observations.assessed_observations`` (approved + published, or
``published_only``). Loading the demo's 200 000 values takes seconds, so tables and assessments are
cached per process, keyed by a **data version**: one aggregate over the submissions (count, sum of
versions, latest change). Every action bumps a submission's version, so any change of data or state
changes the key; stale entries are dropped when the version moves on.

**Shared between workers** (production, ``PLANWATCH_REDIS_URL`` set): rendered page content and the
engine's assessments are also kept in Django's cache (``RedisCache``), under keys that carry the plan
and the data version, so every gunicorn worker and every app server serves what any of them rendered
or assessed, and a change of data (a new version) makes every worker miss and build anew; old
entries are never read again and expire (settings ``CACHES`` TIMEOUT). This process's memory stays in
front of it (no round trip for what this worker already holds). The observation table itself
(200 000 rows) stays per process: moving it through Redis would cost more than reading it. Without
Redis (the embedded default) only this process's memory is used.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db.models import Count, Max, Q, Sum

from planwatch.assess.engine import assess_plan
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch_web.core.observations import assessed_observations
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions.access import AnyUser, readable_scopes, submissions_for_user
from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.states import ASSESSED_STATES, SubmissionState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Audience:
    """Whose view a page renders: which values it may use and whether it links to forms."""

    published_only: bool  # False: every approved and published value (admin, leader)
    own_scopes: frozenset[str] = frozenset()  # approved values of these scopes too (reporters, chain chiefs)
    public: bool = False  # public pages: sources are named, never linked to forms

    @property
    def key(self) -> str:
        if not self.published_only:
            return "all"
        if self.own_scopes:
            return "published+" + ",".join(sorted(self.own_scopes))
        return "published"


PUBLIC = Audience(published_only=True, public=True)


def audience_for(user: AnyUser) -> Audience:
    """The signed-in user's audience (``submissions.access.readable_scopes`` decides)."""
    scopes = readable_scopes(user)
    if scopes is None:
        return Audience(published_only=False)
    return Audience(published_only=True, own_scopes=frozenset(scopes))


class VisibleTable(ObservationTable):
    """Published values everywhere and approved values of ``own`` scopes, read without copying.

    The engine reads series only (``assess.series.Layered``); ``series`` and ``get`` choose the
    table by scope. Iterating gives the same rows, so nothing else can tell it from a merged copy.
    """

    def __init__(self, published: ObservationTable, full: ObservationTable, own: frozenset[str]) -> None:
        super().__init__()
        self._published, self._full, self._own = published, full, own

    def _table(self, scope: str) -> ObservationTable:
        return self._full if scope in self._own else self._published

    def series(
        self, indicator: str, scope: str, measure: Measure = Measure.LEVEL, *, until: Period | None = None
    ) -> list[Observation]:
        return self._table(scope).series(indicator, scope, measure, until=until)

    def get(
        self, indicator: str, scope: str, period: Period, measure: Measure = Measure.LEVEL
    ) -> Observation | None:
        return self._table(scope).get(indicator, scope, period, measure)

    def __iter__(self) -> Iterator[Observation]:
        own = [o for o in self._full if o.scope in self._own]
        rest = [o for o in self._published if o.scope not in self._own]
        return iter(ObservationTable.of(rest + own))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True)
class DataVersion:
    """Changes whenever data a dashboard may show change: an approved or published form, or a form
    entering or leaving those states. Saving or submitting a draft (which no dashboard shows) does
    not, so a reporting day does not empty the cache.
    """

    submissions: int
    versions: int
    latest: str
    approved_unpublished: int  # 0: the approved+published table equals the published one

    @classmethod
    def current(cls) -> DataVersion:
        pinned = getattr(_PINNED, "version", None)
        if isinstance(pinned, DataVersion):
            return pinned
        # An aggregate for the cache key only: no row is read, so no access function is involved.
        agg = Submission.objects.filter(state__in=list(ASSESSED_STATES)).aggregate(
            n=Count("id"),
            v=Sum("version"),
            at=Max("updated_at"),
            approved=Count("id", filter=Q(state=SubmissionState.APPROVED)),
        )
        return cls(int(agg["n"] or 0), int(agg["v"] or 0), str(agg["at"]), int(agg["approved"] or 0))

    @property
    def token(self) -> str:
        """The version as text (a shared cache key holds its digest)."""
        return f"{self.submissions}.{self.versions}.{self.approved_unpublished}.{self.latest}"


def shared_cache() -> BaseCache | None:
    """Django's cache when it is shared between workers (Redis in production), else None."""
    if not getattr(settings, "PLANWATCH_REDIS_URL", ""):
        return None
    return caches["default"]


def shared_key(kind: str, parts: tuple[str, ...], version: DataVersion) -> str:
    digest = hashlib.sha256("\x1f".join((version.token, *parts)).encode()).hexdigest()[:40]
    return f"dash:{kind}:{version.submissions}.{version.versions}:{digest}"


def _shared_get(key: str) -> object | None:
    cache = shared_cache()
    if cache is None:
        return None
    try:
        found: object | None = cache.get(key)
    except Exception:  # Redis away: the page is built here, as without a shared cache
        log.warning("shared cache unavailable (get %s)", key, exc_info=True)
        return None
    return found


def _shared_set(key: str, value: object) -> None:
    cache = shared_cache()
    if cache is None:
        return
    try:
        cache.set(key, value)
    except Exception:
        log.warning("shared cache unavailable (set %s)", key, exc_info=True)


_PINNED = threading.local()


@contextmanager
def pinned_version(version: DataVersion) -> Iterator[None]:
    """Within this block (one request's page), ``DataVersion.current()`` is ``version``: read once."""
    before = getattr(_PINNED, "version", None)
    _PINNED.version = version
    try:
        yield
    finally:
        _PINNED.version = before


@dataclass
class Snapshot:
    """The assessments of one audience at one as-of period, and the table they were made from."""

    as_of: Period
    table: ObservationTable
    assessments: list[Assessment]
    by_target: dict[str, Assessment] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_target = {a.target_id: a for a in self.assessments}

    def for_scope(self, scope_id: str) -> list[Assessment]:
        return [a for a in self.assessments if a.scope_id == scope_id]

    def for_indicator(self, indicator_id: str) -> list[Assessment]:
        return [a for a in self.assessments if a.indicator == indicator_id]

    def cell(self, indicator_id: str, scope_id: str) -> Assessment | None:
        """The first target of this indicator for this scope (plan order)."""
        for a in self.assessments:
            if a.indicator == indicator_id and a.scope_id == scope_id:
                return a
        return None


_LOCK = threading.Lock()
_TABLES: dict[tuple[str, str, DataVersion], ObservationTable] = {}
_SNAPSHOTS: OrderedDict[tuple[str, str, str, DataVersion], Snapshot] = OrderedDict()
_MAX_SNAPSHOTS = 48


def _cached_table(plan: Plan, published_only: bool, version: DataVersion) -> ObservationTable:
    # With nothing approved-but-unpublished both readings are the same rows: load one table.
    name = "published" if published_only or version.approved_unpublished == 0 else "all"
    key = (plan.meta.id, name, version)
    table = _TABLES.get(key)
    if table is None:
        for old in [k for k in _TABLES if k[2] != version]:
            del _TABLES[old]
        table = assessed_observations(plan, published_only=name == "published")
        _TABLES[key] = table
    return table


def table_for(audience: Audience, version: DataVersion, plan: Plan | None = None) -> ObservationTable:
    plan = plan or get_plan()
    with _LOCK:
        published = _cached_table(plan, True, version)
        if not audience.published_only:
            return _cached_table(plan, False, version)
        if not audience.own_scopes or version.approved_unpublished == 0:
            return published
        return VisibleTable(published, _cached_table(plan, False, version), audience.own_scopes)


def snapshot(audience: Audience, as_of: Period, plan: Plan | None = None) -> Snapshot:
    """Every target of the plan assessed at ``as_of`` on the audience's data (one engine run, cached)."""
    plan = plan or get_plan()
    version = DataVersion.current()
    key = (plan.meta.id, audience.key, str(as_of), version)
    with _LOCK:
        found = _SNAPSHOTS.get(key)
        if found is not None:
            _SNAPSHOTS.move_to_end(key)
            return found
    table = table_for(audience, version, plan)
    # The engine's results for this audience may have been computed by another worker.
    skey = shared_key("assess", (plan.meta.id, audience.key, str(as_of)), version)
    shared = _shared_get(skey)
    if isinstance(shared, list):
        assessments: list[Assessment] = shared
    else:
        assessments = assess_plan(plan, table, as_of)
        _shared_set(skey, assessments)
    snap = Snapshot(as_of=as_of, table=table, assessments=assessments)
    with _LOCK:
        for old in [k for k in _SNAPSHOTS if k[3] != version]:
            del _SNAPSHOTS[old]
        _SNAPSHOTS[key] = snap
        while len(_SNAPSHOTS) > _MAX_SNAPSHOTS:
            _SNAPSHOTS.popitem(last=False)
    return snap


def warm_up() -> list[Period]:
    """Load the tables and assess the latest published period for the public and the full audience.

    ``planwatch serve`` runs this in the background after it starts listening, so the first visitor of
    the cockpit does not wait for 200k values to load. Returns the periods it assessed.
    """
    from django.contrib.auth.models import AnonymousUser

    latest, _ = choose_as_of(AnonymousUser(), None)
    if latest is None:
        return []
    snapshot(PUBLIC, latest)
    snapshot(Audience(published_only=False), latest)
    return [latest]


# -- rendered page content ------------------------------------------------------------------------
_PAGES: OrderedDict[tuple[str, ...], tuple[DataVersion, object]] = OrderedDict()
_MAX_PAGES = 512


def cached_page(key: tuple[str, ...], version: DataVersion) -> object | None:
    """A page's content rendered for this key (template, arguments, audience, as-of, language) and
    data version — by this process or, with a shared cache, by any worker — or None."""
    with _LOCK:
        found = _PAGES.get(key)
        if found is not None and found[0] == version:
            _PAGES.move_to_end(key)
            return found[1]
    shared = _shared_get(shared_key("page", (get_plan().meta.id, *key), version))
    if shared is not None:
        _keep_local(key, version, shared)
    return shared


def keep_page(key: tuple[str, ...], version: DataVersion, page: object) -> None:
    _keep_local(key, version, page)
    _shared_set(shared_key("page", (get_plan().meta.id, *key), version), page)


def _keep_local(key: tuple[str, ...], version: DataVersion, page: object) -> None:
    with _LOCK:
        for old in [k for k, (v, _) in _PAGES.items() if v != version]:
            del _PAGES[old]
        _PAGES[key] = (version, page)
        while len(_PAGES) > _MAX_PAGES:
            _PAGES.popitem(last=False)


def warm_up_in_background(on_error: Callable[[Exception], None]) -> threading.Thread:
    """``warm_up`` in a daemon thread (``planwatch serve`` and each gunicorn worker at start); a failure
    only means the first request does the work, so it is reported through ``on_error`` and dropped."""

    def run() -> None:
        from django.db import connection

        try:
            warm_up()
            from planwatch_web.dashboards.assets import precompress

            precompress()
        except Exception as exc:
            on_error(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="planwatch-warm-up", daemon=True)
    thread.start()
    return thread


def clear_cache() -> None:
    """Forget every table, assessment and page this process keeps (tests; a changed plan). The shared
    cache's entries are keyed by data version and need no clearing; tests use a key prefix of their own."""
    with _LOCK:
        _TABLES.clear()
        _SNAPSHOTS.clear()
        _PAGES.clear()


# -- as-of periods ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    """How much of a period the user's dashboards rest on: approved or published forms they may see,
    out of every form of the period."""

    forms: int
    total: int

    @property
    def share(self) -> float:
        return self.forms / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def min_coverage() -> float:
    """``PLANWATCH_AS_OF_MIN_COVERAGE``: the share of a period's forms that must be approved or
    published (and visible) for it to be the default as-of period (0.5)."""
    return float(getattr(settings, "PLANWATCH_AS_OF_MIN_COVERAGE", 0.5))


def as_of_coverage(user: AnyUser) -> dict[Period, Coverage]:
    """Every period with approved or published data the user may see, with its coverage (one query)."""
    visible = submissions_for_user(user).filter(state__in=list(ASSESSED_STATES)).values("pk")
    rows = (
        Submission.objects.values_list("period__period")
        .annotate(forms=Count("pk", filter=Q(pk__in=visible)), total=Count("pk"))
        .filter(forms__gt=0)
        .order_by()
    )
    return {Period.parse(text): Coverage(forms, total) for text, forms, total in rows}


def as_of_choices(user: AnyUser) -> list[Period]:
    """Periods with approved or published data the user may see, latest first.

    ``submissions_for_user`` gives published forms and the user's own; only approved and published
    ones count (for a reporter that is every published period plus their own approved ones).
    """
    return _latest_first(as_of_coverage(user))


def _latest_first(periods: Iterable[Period]) -> list[Period]:
    # Same end month: the longer period first (2025Q2 before 2025-06), then by end, latest first.
    return sorted(periods, key=lambda p: (-p.ordinal, -p.kind.months))


def default_as_of(coverage: Mapping[Period, Coverage]) -> Period | None:
    """The latest period with enough data (``min_coverage``), not merely the newest with any: one
    published form of 33 does not move the pages to its quarter. When no period has enough, the
    best-covered one (the latest of those)."""
    ordered = _latest_first(coverage)
    if not ordered:
        return None
    enough = [p for p in ordered if coverage[p].share >= min_coverage()]
    if enough:
        return enough[0]
    return max(ordered, key=lambda p: (coverage[p].share, p.ordinal, p.kind.months))


def choose_as_of(user: AnyUser, requested: str | None) -> tuple[Period | None, list[Period]]:
    """The as-of period a page shows: the requested one if the user has data for it, else the
    default (``default_as_of``; None when the user can see no approved or published data at all)."""
    chosen, choices, _coverage = choose_as_of_with_coverage(user, requested)
    return chosen, choices


def choose_as_of_with_coverage(
    user: AnyUser, requested: str | None
) -> tuple[Period | None, list[Period], dict[Period, Coverage]]:
    coverage = as_of_coverage(user)
    choices = _latest_first(coverage)
    if requested:
        try:
            wanted: Period | None = Period.parse(requested)
        except ValueError:
            wanted = None
        if wanted is not None and wanted in choices:
            return wanted, _short(choices, wanted), coverage
    chosen = default_as_of(coverage)
    return chosen, _short(choices, chosen), coverage


def _short(choices: list[Period], chosen: Period | None) -> list[Period]:
    """What the selector lists: years and quarters, months of the latest year only, and the chosen one."""
    latest_year = choices[0].year if choices else 0
    return [p for p in choices if p.kind is not PeriodKind.MONTH or p.year == latest_year or p == chosen]
