"""Load the demo's register and projects (planwatch demo-data writes register.csv and projects.csv)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from planwatch.demo.register import PROJECTS_FILE, REGISTER_FILE
from planwatch.domain.problems import ProblemsError
from planwatch.enterprises.pool_rules import load_pool_rules
from planwatch.enterprises.read import read_register
from planwatch.enterprises.screening import screen
from planwatch.projects.read import read_projects
from planwatch_web.core.plan import get_plan
from planwatch_web.registry.actions import do_import_projects, do_import_register, do_save_proposals
from planwatch_web.registry.models import Enterprise


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
        projects, _ = do_import_projects(None, read.projects, PROJECTS_FILE)
    # the pool review queue starts with the screening of the last whole year of the register
    years = sorted({y for e in result.enterprises for y in e.revenue})
    if years:
        do_save_proposals(None, screen(result.enterprises, years[-1], load_pool_rules()))
    return created, projects
