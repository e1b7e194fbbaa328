"""The bulletin from the database's approved data: the web's only caller of planwatch.report.

The same chain as ``planwatch bulletin`` (src/planwatch/commands/report.py): the observations the
engine reads (``core.observations.assessed_observations``: the plan's history, then every value of an
approved or published submission) up to the bulletin's period → ``assess_plan`` → the county ranking
(``rank_counties`` with the days late from ``core.timeliness``) → ``build_context`` → one renderer per
format. Files are rendered into a temporary folder and returned as bytes.

``data_version`` is what the bulletin was made from: the approved/published submissions of periods
up to the bulletin's and a sha256 over their (period, scope) and values. Approving → publishing
does not change it; reopening, re-approving with other values, or approving another form does.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import Plan
from planwatch_web.core.observations import assessed_observations
from planwatch_web.core.timeliness import late_days
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.states import ASSESSED_STATES

log = logging.getLogger(__name__)

DEFAULT_FORMATS = ("docx", "pdf", "html")
SYNTHETIC_MARKERS = ("synthetic", "合成")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


class RenderError(Exception):
    """A renderer failed: the format and the renderer's own message."""

    def __init__(self, fmt: str, detail: str) -> None:
        super().__init__(f"{fmt}: {detail}")
        self.format = fmt
        self.detail = detail


@dataclass(frozen=True)
class DataVersion:
    digest: str
    submissions: list[tuple[int, int, str, str]]  # (id, version, period, scope) of every form used
    values: int

    @property
    def count(self) -> int:
        return len(self.submissions)


@dataclass(frozen=True)
class RenderedFile:
    format: str
    filename: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class GeneratedBulletin:
    title: str
    as_of: Period
    synthetic: bool
    data: DataVersion
    files: list[RenderedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def content_type_of(fmt: str, filename: str) -> str:
    return CONTENT_TYPES.get(fmt) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def data_version(as_of: Period) -> DataVersion:
    """The approved/published submissions of periods ending by ``as_of``, and a digest of their values."""
    subs = list(
        Submission.objects.filter(state__in=ASSESSED_STATES, period__end_ordinal__lte=as_of.ordinal)
        .order_by("period__period", "scope_id")
        .values_list("id", "version", "period__period", "scope_id")
    )
    digest = hashlib.sha256()
    for _id, _version, period, scope in subs:
        digest.update(f"S|{period}|{scope}\n".encode())
    rows = (
        DataValue.objects.filter(
            submission__state__in=ASSESSED_STATES,
            submission__period__end_ordinal__lte=as_of.ordinal,
            value__isnull=False,
        )
        .order_by("indicator", "scope", "period", "measure")
        .values_list("indicator", "scope", "period", "measure", "value")
    )
    n = 0
    for indicator, scope, period, measure, value in rows.iterator(chunk_size=5000):
        digest.update(f"V|{indicator}|{scope}|{period}|{measure}|{value!r}\n".encode())
        n += 1
    return DataVersion(digest.hexdigest(), [(s[0], s[1], s[2], s[3]) for s in subs], n)


def observations_until(plan: Plan, as_of: Period) -> ObservationTable:
    """What the engine reads (approved and published values, after the plan's history), up to ``as_of``."""
    table = assessed_observations(plan, published_only=False)
    return ObservationTable.of(o for o in table if o.period.ordinal <= as_of.ordinal)


def is_synthetic(table: ObservationTable) -> bool:
    return any(any(m in (o.source or "").lower() for m in SYNTHETIC_MARKERS) for o in table)


def _ranking(plan: Plan, table: ObservationTable, as_of: Period, notes: list[str]) -> Any:
    from planwatch.assess.assessment_targets import read_assessment_targets
    from planwatch.assess.rank import rank_counties

    targets = None
    path = getattr(settings, "PLANWATCH_ASSESSMENT_TARGETS", "")
    try:
        if path:
            # The counties' annual 考核 targets (as `planwatch bulletin --targets` takes them).
            targets = read_assessment_targets([Path(path)], plan)
        return rank_counties(
            plan, table, as_of.year, as_of=as_of, late_days=late_days(as_of.year), targets=targets
        )
    except ProblemsError as exc:
        notes.append("未计算县市区排名：" + "；".join(p.message("zh") for p in exc.problems))
        return None


Progress = Callable[[int, str], None]  # (percent done, the step now running), for a job's page


def no_progress(percent: int, step: str) -> None:
    return None


def generate(
    plan: Plan,
    as_of: Period,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    issued: date,
    progress: Progress = no_progress,
) -> GeneratedBulletin:
    """Assess, rank and render the bulletin for ``as_of`` from the database's approved data.

    Raises ``DataChangedError`` when approved data changed while it was being read (the version and
    the table would disagree) and ``RenderError`` when a renderer fails; writes nothing to the database.
    ``progress`` hears of each step (a background job shows it on its page).
    """
    from planwatch.assess.engine import assess_plan
    from planwatch.report.context import build_context
    from planwatch.report.renderers import render

    started = time.perf_counter()
    progress(5, _("读取已审核的数据"))
    before = data_version(as_of)
    table = observations_until(plan, as_of)
    after = data_version(as_of)
    if after.digest != before.digest:
        raise DataChangedError
    notes: list[str] = []
    progress(30, _("评估各项指标"))
    assessments = list(assess_plan(plan, table, as_of))
    progress(45, _("县市区排名"))
    ranking = _ranking(plan, table, as_of, notes)
    progress(55, _("整理通报内容"))
    synthetic = is_synthetic(table)
    context = build_context(
        plan,
        assessments,
        as_of,
        ranking=ranking,
        observations=table,
        synthetic=True if synthetic else None,
        issued=issued,
    )
    result = GeneratedBulletin(context.title, as_of, bool(context.synthetic), after, notes=notes)
    with tempfile.TemporaryDirectory(prefix="planwatch-bulletin-") as tmp:
        for i, fmt in enumerate(formats):
            progress(60 + 40 * i // max(1, len(formats)), _("生成 %(format)s 文件") % {"format": fmt.upper()})
            try:
                path = Path(render(context, fmt, Path(tmp) / fmt))
            except Exception as exc:  # a renderer's own failure: say which format
                log.exception("bulletin renderer %s failed", fmt)
                raise RenderError(fmt, str(exc)) from exc
            result.files.append(
                RenderedFile(fmt, path.name, content_type_of(fmt, path.name), path.read_bytes())
            )
    result.seconds = time.perf_counter() - started
    return result


class DataChangedError(Exception):
    """Approved data changed while the bulletin's data were read."""
