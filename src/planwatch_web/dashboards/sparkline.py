"""Small inline SVGs for the cockpit: a sparkline (series, target line, projection) and a progress bar.

Inline SVG needs no script and no style attribute, so the strict Content-Security-Policy holds.
Coordinates are computed here; the template only places the markup.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from planwatch.domain.periods import Period
from planwatch_web.dashboards.series import time_of

WIDTH, HEIGHT, PAD = 120.0, 30.0, 3.0


def _scale(lo: float, hi: float, size: float, flip: bool = False) -> tuple[float, float]:
    """(a, b) with pixel = a + b·value mapping [lo, hi] onto [PAD, size − PAD]."""
    span = hi - lo or 1.0
    b = (size - 2 * PAD) / span
    if flip:  # SVG y grows downwards
        return size - PAD + lo * b, -b
    return PAD - lo * b, b


def sparkline(
    points: list[tuple[Period, float]],
    *,
    target: float | None = None,
    target_year: int | None = None,
    projection: float | None = None,
    label: str = "",
    keep: int = 16,
) -> SafeString:
    """The last ``keep`` points as a line; a dashed target line; a hollow dot for the projection."""
    pts = [(time_of(p), v) for p, v in points][-keep:]
    if not pts:
        return mark_safe("")
    xs = [x for x, _ in pts]
    ys = [y for _, y in pts]
    end_x = float(target_year) if target_year is not None and target_year > xs[-1] else xs[-1]
    for extra in (target, projection):
        if extra is not None:
            ys.append(extra)
    ax, bx = _scale(min(xs), max(end_x, min(xs) + 1), WIDTH)
    ay, by = _scale(min(ys), max(ys), HEIGHT, flip=True)

    def xy(x: float, y: float) -> str:
        return f"{ax + bx * x:.1f},{ay + by * y:.1f}"

    parts = []
    if target is not None:
        y = ay + by * target
        parts.append(
            f'<line class="spark-target" x1="{PAD:.1f}" x2="{WIDTH - PAD:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
    parts.append(f'<polyline class="spark-line" points="{" ".join(xy(x, y) for x, y in pts)}"/>')
    lx, ly = xy(*pts[-1]).split(",")
    parts.append(f'<circle class="spark-last" cx="{lx}" cy="{ly}" r="2"/>')
    if projection is not None and target_year is not None:
        px, py = xy(float(target_year), projection).split(",")
        parts.append(f'<line class="spark-proj" x1="{lx}" y1="{ly}" x2="{px}" y2="{py}"/>')
        parts.append(f'<circle class="spark-proj-dot" cx="{px}" cy="{py}" r="2.2"/>')
    return format_html(
        '<svg class="spark" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
        int(WIDTH),
        int(HEIGHT),
        int(WIDTH),
        int(HEIGHT),
        label,
        mark_safe("".join(parts)),  # numbers and fixed class names only
    )


def progress_bar(completion: float | None, time_elapsed: float | None, label: str = "") -> SafeString:
    """完成进度 as a filled bar (capped at 100 %), 时序进度 as a vertical tick."""
    if completion is None and time_elapsed is None:
        return mark_safe("")
    w, h = 100.0, 10.0
    parts = [f'<rect class="bar-bg" x="0" y="0" width="{w:.0f}" height="{h:.0f}"/>']
    if completion is not None:
        filled = max(0.0, min(1.0, completion)) * w
        parts.append(f'<rect class="bar-done" x="0" y="0" width="{filled:.1f}" height="{h:.0f}"/>')
    if time_elapsed is not None:
        x = max(0.0, min(1.0, time_elapsed)) * w
        parts.append(f'<line class="bar-time" x1="{x:.1f}" x2="{x:.1f}" y1="-2" y2="{h + 2:.0f}"/>')
    return format_html(
        '<svg class="bar" width="100" height="14" viewBox="0 -2 100 14" role="img" aria-label="{}">{}</svg>',
        label,
        mark_safe("".join(parts)),
    )
