"""A chain's enterprises and projects from the register (planwatch_web.registry, by its primary
``chain`` field): 链主 marked, latest output and its growth on the year before; projects by stage;
the enterprises at each node of the chain map (the register's 产业链环节, ``EnterpriseChainNode``)."""

from __future__ import annotations

from typing import Any

from planwatch.projects.record import ProjectStage
from planwatch_web.core.plan import get_plan, scope_label
from planwatch_web.registry.models import Enterprise, EnterpriseChainNode, Project


def _latest_and_growth(output: dict[str, float]) -> tuple[int | None, float | None, float | None]:
    """(latest year, its output in 万元, growth in % on the year before, None when not both years)."""
    years = sorted(int(y) for y in output)
    if not years:
        return None, None, None
    last = years[-1]
    value = float(output[str(last)])
    before = output.get(str(last - 1))
    growth = (value / float(before) - 1) * 100 if before not in (None, 0) else None
    return last, value, growth


def _rows(enterprises: list[Enterprise]) -> list[dict[str, Any]]:
    """One row per enterprise: 链主 first, then by latest output, then by name."""
    plan = get_plan()
    found: list[tuple[tuple[bool, float, str], dict[str, Any]]] = []
    for e in enterprises:
        year, value, growth = _latest_and_growth(e.output or {})
        found.append(
            (
                (not e.is_chain_leader, -(value or 0.0), e.name),
                {
                    "e": e,
                    "county": scope_label(e.county, plan),
                    "leader": e.is_chain_leader,
                    "year": year,
                    "output": f"{value / 1e4:.2f}" if value is not None else "—",  # 万元 → 亿元
                    "growth": f"{growth:.1f}%" if growth is not None else "—",
                },
            )
        )
    found.sort(key=lambda pair: pair[0])
    return [row for _, row in found]


def chain_enterprises(chain_id: str) -> list[dict[str, Any]]:
    """Enterprises whose primary chain is ``chain_id``: 链主 first, then by latest output."""
    return _rows(list(Enterprise.objects.filter(chain=chain_id, merged_into__isnull=True)))


def node_enterprises(chain_id: str) -> dict[str, list[dict[str, Any]]]:
    """The enterprises the register places at each node of ``chain_id`` (merged ones left out), by node id."""
    by_node: dict[str, list[Enterprise]] = {}
    links = EnterpriseChainNode.objects.filter(chain=chain_id, enterprise__merged_into__isnull=True)
    for link in links.select_related("enterprise"):
        by_node.setdefault(link.node, []).append(link.enterprise)
    return {node: _rows(found) for node, found in by_node.items()}


def chain_projects(chain_id: str) -> list[dict[str, Any]]:
    """The chain's projects grouped by stage (洽谈, 签约, 开工, 投产, 中止), each with its signed amount."""
    by_stage: dict[str, list[Project]] = {}
    for p in Project.objects.filter(chain=chain_id).order_by("name"):
        by_stage.setdefault(p.stage, []).append(p)
    out = []
    for stage in sorted(ProjectStage, key=lambda s: s.order):
        items = by_stage.get(stage.value, [])
        out.append(
            {
                "stage": stage.label_zh,
                "count": len(items),
                "amount": f"{sum(p.signed_amount for p in items) / 1e4:.2f}",  # 万元 → 亿元
                "projects": items,
            }
        )
    return out
