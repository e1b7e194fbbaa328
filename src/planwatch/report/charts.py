"""Bulletin charts drawn with matplotlib (Agg) from the context's chart data only.

Chinese text uses the CJK fonts that install with planwatch (``fonts.matplotlib_families``), so a
fresh machine draws glyphs, not boxes. Images are PNG at print resolution (200 dpi at 16 cm wide).
No pyplot: each chart is its own ``Figure`` with an Agg canvas, so nothing global changes.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planwatch.domain.enums import Status
from planwatch.report.document import (
    STATUS_COLOURS,
    TONE_COLOURS,
    BarChart,
    BulletinContext,
    ChartSpec,
    StatusChart,
    Tone,
    TrendChart,
)
from planwatch.report.fonts import matplotlib_families

DPI = 200
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with 公文 margins
INK = "#333333"
GRID = "#DDDDDD"
ACTUAL = "#1F4E9A"
TARGET = "#C62828"
_STATUS_BY_LABEL = {s.label_zh: s for s in Status}


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    families = list(matplotlib_families())
    rc: dict[str, Any] = {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "axes.unicode_minus": False,
        "font.size": 9,
        "axes.titlesize": 10.5,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "svg.fonttype": "none",
    }
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        yield


def _new_figure(height_in: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def render_chart(spec: ChartSpec, path: Path) -> Path:
    """Draw one chart into ``path`` (PNG) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png_bytes(spec))
    return path


@functools.lru_cache(maxsize=32)
def png_bytes(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (cached: the three formats of one bulletin draw each chart once)."""
    with _style():
        fig = _trend(spec) if isinstance(spec, TrendChart) else _bars(spec) if isinstance(spec, BarChart) else _status(spec)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.08, facecolor="white",
                    metadata={"Software": None})
    return buf.getvalue()


def render_figures(context: BulletinContext, directory: Path) -> dict[str, Path]:
    """Every figure of the bulletin as ``<directory>/<key>.png``; figure key → path."""
    return {fig.key: render_chart(fig.chart, directory / f"{fig.key}.png") for fig in context.figures()}


# -- the charts --------------------------------------------------------------------------------
def _trend(spec: TrendChart) -> Any:
    fig = _new_figure(3.3)
    ax = fig.add_subplot(1, 1, 1)
    full = [p for p in spec.actual if not p.partial]
    ax.plot([p.year for p in full], [p.value for p in full], color=ACTUAL, marker="o", markersize=4, linewidth=1.8, label="实际值")
    for p in spec.actual:
        if p.partial:
            ax.plot([p.year], [p.value], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
                    markeredgecolor=ACTUAL, markeredgewidth=1.5, label=f"{p.label}（非全年）")
        ax.annotate(_short(p.value), (p.year, p.value), textcoords="offset points", xytext=(0, -11),
                    ha="center", va="top", fontsize=7.5, color=ACTUAL)
    if spec.target_path:
        xs = [y for y, _ in spec.target_path]
        ys = [v for _, v in spec.target_path]
        ax.plot(xs, ys, color=TARGET, linestyle="--", linewidth=1.4, label=f"目标路径（{spec.target_label}）")
        ax.annotate(_short(ys[-1]), (xs[-1], ys[-1]), textcoords="offset points", xytext=(0, 6),
                    ha="center", fontsize=7.5, color=TARGET)
    known = {p.year for p in spec.actual} | {y for y, _ in spec.target_path}
    years = list(range(min(known), max(known) + 1))  # every year ticked: a year without data shows as a gap
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.set_ylabel(spec.unit)
    ax.set_ylim(bottom=0, top=max([p.value for p in spec.actual] + [v for _, v in spec.target_path]) * 1.15)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False, fontsize=8.5)
    return fig


def _bars(spec: BarChart) -> Any:
    n = max(len(spec.items), 1)
    fig = _new_figure(0.9 + 0.3 * n)
    ax = fig.add_subplot(1, 1, 1)
    labels = [i.label for i in spec.items]
    values = [i.value for i in spec.items]
    colours = [TONE_COLOURS[i.tone][1] for i in spec.items]
    ypos = list(range(n))[: len(values)]
    ax.barh(ypos, values, color=colours, height=0.62)
    ax.set_yticks(ypos)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    top = max([*values, spec.reference or 0, 1.0])
    low = min([*values, 0.0])
    ax.set_xlim(left=low * 1.1 if low < 0 else 0, right=top * 1.18)
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    for y, item in zip(ypos, spec.items, strict=True):
        if item.value > 0.3 * span:  # long bar: the label sits inside its end, in white
            ax.annotate(item.text, (item.value, y), textcoords="offset points", xytext=(-3, 0),
                        ha="right", va="center", fontsize=8, color="white")
        else:
            ax.annotate(item.text, (max(item.value, 0), y), textcoords="offset points", xytext=(3, 0),
                        va="center", fontsize=8, color=INK)
    if spec.reference is not None:
        ax.axvline(spec.reference, color=TARGET, linestyle="--", linewidth=1.2)
        ax.annotate(spec.reference_label, (spec.reference, -0.5), textcoords="offset points", xytext=(3, 4),
                    fontsize=8, color=TARGET, va="bottom")
    ax.set_xlabel(spec.axis_label)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _status(spec: StatusChart) -> Any:
    fig = _new_figure(2.6)
    grid = fig.add_gridspec(1, 2, width_ratios=[2.2, 1], wspace=0.45)
    left = fig.add_subplot(grid[0, 0])
    labels = [i.label for i in spec.statuses]
    values = [i.value for i in spec.statuses]
    colours = [STATUS_COLOURS.get(_STATUS_BY_LABEL.get(i.label, Status.NO_DATA), "#9E9E9E") for i in spec.statuses]
    left.barh(range(len(values)), values, color=colours, height=0.62)
    left.set_yticks(range(len(values)))
    left.set_yticklabels(labels)
    left.invert_yaxis()
    top = max([*values, 1.0])
    left.set_xlim(0, top * 1.2)
    for y, item in enumerate(spec.statuses):
        left.annotate(item.text, (item.value, y), textcoords="offset points", xytext=(3, 0), va="center", fontsize=8)
    left.set_title("按进展状态（项）", loc="left")
    right = fig.add_subplot(grid[0, 1])
    lv = [i.value for i in spec.lights]
    right.bar(range(len(lv)), lv, color=[TONE_COLOURS[i.tone][1] for i in spec.lights], width=0.6)
    right.set_xticks(range(len(lv)))
    right.set_xticklabels([i.label for i in spec.lights])
    right.set_ylim(0, max([*lv, 1.0]) * 1.25)
    for x, item in enumerate(spec.lights):
        right.annotate(item.text, (x, item.value), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=8)
    right.set_title("按预警等级（项）", loc="left")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_axisbelow(True)
    left.grid(axis="x", color=GRID, linewidth=0.6)
    right.grid(axis="y", color=GRID, linewidth=0.6)
    return fig


def _short(value: float) -> str:
    from planwatch.report.formatting import num

    return num(value, 1) if abs(value) >= 10 else num(value, 2)


def tone_colour(tone: Tone) -> str:
    return TONE_COLOURS[tone][1]
