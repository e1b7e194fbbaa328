"""Load the demo's register and projects (planwatch demo-data writes register.csv and projects.csv)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from planwatch.demo.register import PROJECTS_FILE, REGISTER_FILE
from planwatch.domain.problems import ProblemsError
from planwatch.enterprises.read import read_register
from planwatch.projects.read import read_projects
from planwatch.projects.record import Project as ProjectRecord
from planwatch_web.core.plan import get_plan
from planwatch_web.registry.actions import do_import_register
from planwatch_web.registry.models import STAGE_FIELDS, Enterprise, Project


def project_fields(p: ProjectRecord) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": p.name, "investor": p.investor, "origin": p.origin.value, "top500": p.top500.value if p.top500 else "",
        "county": p.county, "park": p.park, "chain": p.chain, "unit": p.unit, "person": p.person,
        "stage": p.stage.value, "signed_amount": p.signed_amount, "planned_investment": p.planned_investment,
        "nature": p.nature.value, "earlier_amount": p.earlier_amount, "problems": list(p.problems),
    }
    for stage, attr in STAGE_FIELDS.items():
        fields[attr] = p.date_of(stage)
    return fields


@transaction.atomic
def load_demo_register(demo_dir: Path) -> tuple[int, int]:
    """(enterprises, projects) loaded; nothing when the files are missing; ProblemsError on a bad file."""
    reg, prj = demo_dir / REGISTER_FILE, demo_dir / PROJECTS_FILE
    if not reg.exists() or Enterprise.objects.exists():
        return 0, 0
    plan = get_plan()
    result = read_register([reg], plan)
    if result.has_errors:
        raise ProblemsError(result.problems)
    created, _ = do_import_register(None, result.enterprises, REGISTER_FILE)
    projects = 0
    if prj.exists():
        read = read_projects([prj], plan)
        if read.has_errors:
            raise ProblemsError(read.problems)
        made = {p.key: Project.objects.create(key=p.key, **project_fields(p)) for p in read.projects}
        for p in read.projects:
            if p.earlier:
                made[p.key].earlier = made[p.earlier]
                made[p.key].save(update_fields=["earlier"])
        projects = len(made)
    return created, projects
