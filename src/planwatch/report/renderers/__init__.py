"""Bulletin renderers: a registry keyed by format name (as Datasette registers output renderers).

A renderer is ``render(context, out_dir) -> Path``: it writes one file for the bulletin into
``out_dir`` and returns its path. The built-in formats (docx, pdf, html) register themselves with
``@register`` when their module is imported; another package adds a format the same way, or through
the ``planwatch.bulletin_renderers`` entry point (name = format, value = the render function):

    from planwatch.report.renderers import register

    @register("md", suffix=".md", description="Markdown")
    def render(context, out_dir): ...

Nothing heavy is imported until a format is asked for (WeasyPrint takes a while to load).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from planwatch.report.document import BulletinContext

Renderer = Callable[[BulletinContext, Path], Path]

# format → module that registers it (imported on first use)
BUILTIN: dict[str, str] = {
    "docx": "planwatch.report.renderers.docx",
    "pdf": "planwatch.report.renderers.pdf",
    "html": "planwatch.report.renderers.html",
}
ENTRY_POINT_GROUP = "planwatch.bulletin_renderers"


@dataclass(frozen=True)
class RendererInfo:
    format: str
    render: Renderer
    suffix: str
    description: str


_REGISTRY: dict[str, RendererInfo] = {}


def register(fmt: str, *, suffix: str, description: str = "") -> Callable[[Renderer], Renderer]:
    """Register ``render`` under ``fmt``; a later registration of the same name replaces it."""

    def decorator(render: Renderer) -> Renderer:
        _REGISTRY[fmt] = RendererInfo(fmt, render, suffix, description)
        return render

    return decorator


def unregister(fmt: str) -> None:
    _REGISTRY.pop(fmt, None)


def available_formats() -> list[str]:
    """Every format that can be asked for: built-ins, registered ones and entry points."""
    names = set(BUILTIN) | set(_REGISTRY) | {ep.name for ep in _entry_points()}
    order = list(BUILTIN)
    return order + sorted(n for n in names if n not in order)


def get_renderer(fmt: str) -> RendererInfo:
    """The renderer for ``fmt``; KeyError when no such format exists."""
    if fmt not in _REGISTRY:
        if fmt in BUILTIN:
            importlib.import_module(BUILTIN[fmt])
        else:
            for ep in _entry_points():
                if ep.name == fmt:
                    render = ep.load()
                    _REGISTRY.setdefault(fmt, RendererInfo(fmt, render, f".{fmt}", ep.value))
                    break
    if fmt not in _REGISTRY:
        raise KeyError(fmt)
    return _REGISTRY[fmt]


def render(context: BulletinContext, fmt: str, out_dir: Path) -> Path:
    """Render ``context`` as ``fmt`` into ``out_dir`` (created if needed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return get_renderer(fmt).render(context, out_dir)


def _entry_points() -> list[EntryPoint]:
    return list(entry_points(group=ENTRY_POINT_GROUP))
