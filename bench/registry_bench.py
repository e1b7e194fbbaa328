"""The register and the project pipeline at scale: 50,000 enterprises and 20,000 projects.

    .venv/bin/python bench/registry_bench.py                       # SQLite, a temporary file
    .venv/bin/python bench/registry_bench.py --pg postgresql://postgres@127.0.0.1:5432/i10
    .venv/bin/python bench/registry_bench.py --enterprises 5000 --projects 2000 --repeat 5

What it does:

1. migrates the database (SQLite: a temporary file; PostgreSQL: the database given, whose registry
   tables are emptied before and after the run) and generates synthetic rows straight into it:
   ``--enterprises`` enterprises over the plan's county-level units, parks and chains (each with its
   ``EnterpriseChain`` and ``EnterpriseChainNode`` rows, revenue and output of six years, one history
   row), ``--projects`` projects at every stage; a prefecture login and a county reporter;
2. measures, through Django's test client (the whole request: middleware, session, access, queries,
   template), each page ``--repeat`` times after one warm-up, and in the same run a bare query of
   the same rows (the ORM's ``values_list`` of the rows the page shows, nothing else);
3. prints per page the median ms of both and ``ratio ours/bare N×``.

Pages: the register list (first page, prefecture), the register list as a county reporter, a
filtered list (county and chain, with its sub-industries), an enterprise page (with its history),
the project pipeline (first page, stage counts, stuck list). Figures go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _setup(pg: str | None, folder: Path) -> None:
    if pg:
        os.environ["PLANWATCH_DATABASE_URL"] = pg
    else:
        os.environ.pop("PLANWATCH_DATABASE_URL", None)
        os.environ.pop("DATABASE_URL", None)
        os.environ["PLANWATCH_DB_PATH"] = str(folder / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch_web.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def _empty() -> None:
    from planwatch_web.registry.models import (
        Enterprise,
        EnterpriseChain,
        EnterpriseChainNode,
        PoolMembership,
        PoolProposal,
        Project,
        ProjectFunds,
        RegistryChange,
    )

    for model in (ProjectFunds, RegistryChange, PoolProposal, PoolMembership, EnterpriseChainNode, EnterpriseChain):
        model.objects.all().delete()
    Project.objects.update(earlier=None)
    Project.objects.all().delete()
    Enterprise.objects.update(merged_into=None)
    Enterprise.objects.all().delete()


def _generate(n_ent: int, n_prj: int) -> dict[str, Any]:
    import datetime as dt
    import random

    from django.db import transaction

    from planwatch_web.chains.data import get_chains
    from planwatch_web.core.plan import get_plan
    from planwatch_web.registry.models import (
        Enterprise,
        EnterpriseChain,
        EnterpriseChainNode,
        Project,
        RegistryChange,
    )

    rng = random.Random(7)
    plan = get_plan()
    chains = get_chains()
    counties = [s.id for s in plan.county_level()]
    parks = {c: [p.id for p in plan.parks() if p.parent == c] for c in counties}
    industries = [s for s in plan.scopes.values() if s.kind.value in ("industry", "subindustry")]
    nodes = {c.id: [n.id for n in c.nodes] for c in chains} if chains else {}
    stages = ["talks", "signed", "started", "producing", "stopped"]
    t0 = time.perf_counter()
    with transaction.atomic():
        ents = []
        for i in range(n_ent):
            county = counties[i % len(counties)]
            chain = industries[rng.randrange(len(industries))]
            ents.append(Enterprise(
                uscc=f"91{i:016d}", name=f"压测企业{i:06d}", county=county,
                park=rng.choice(parks[county]) if parks[county] and rng.random() < 0.5 else "",
                chain=chain.id, chains=[chain.id], industry="C39",
                scale_events=[[2019, 1, "enter"]] if rng.random() < 0.3 else [],
                revenue={str(y): round(rng.lognormvariate(7, 1.2), 1) for y in range(2019, 2025)},
                output={str(y): round(rng.lognormvariate(7, 1.2), 1) for y in range(2019, 2025)},
                is_scale_now=rng.random() < 0.3))
        Enterprise.objects.bulk_create(ents, batch_size=2000)
        ents = list(Enterprise.objects.only("pk", "chain"))
        links, at_nodes, history = [], [], []
        for e in ents:
            links.append(EnterpriseChain(enterprise_id=e.pk, chain=e.chain))
            root = e.chain if e.chain in nodes else plan.scopes[e.chain].parent
            if nodes.get(root):
                at_nodes.append(EnterpriseChainNode(enterprise_id=e.pk, chain=root, node=rng.choice(nodes[root])))
            history.append(RegistryChange(action="import_create", object_type="enterprise", object_id=str(e.pk),
                                          after={"uscc": "", "name": ""}, reason="bench"))
        EnterpriseChain.objects.bulk_create(links, batch_size=5000)
        EnterpriseChainNode.objects.bulk_create(at_nodes, batch_size=5000)
        RegistryChange.objects.bulk_create(history, batch_size=5000)
        projects = []
        for i in range(n_prj):
            stage = stages[i % len(stages)]
            day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1500))
            projects.append(Project(
                key=f"B{i:06d}", name=f"压测项目{i:06d}", investor=f"投资方{i % 997}", origin="out_of_province",
                county=counties[i % len(counties)], chain=industries[i % len(industries)].id, stage=stage,
                talks_on=day, signed_on=day if stage != "talks" else None,
                started_on=day if stage in ("started", "producing") else None,
                producing_on=day if stage == "producing" else None, stopped_on=day if stage == "stopped" else None,
                signed_amount=round(rng.lognormvariate(9, 1), 0)))
        Project.objects.bulk_create(projects, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cur:  # planner statistics, as a live database has them
        cur.execute("ANALYZE")
    return {"counties": counties, "seconds": time.perf_counter() - t0,
            "chain": next(s.id for s in industries if s.kind.value == "industry"),
            "enterprise": ents[len(ents) // 2].pk}


def _users() -> dict[str, Any]:
    from planwatch_web.accounts.models import Role, User

    User.objects.filter(username__in=["bench_admin", "bench_county"]).delete()
    admin = User.objects.create_user("bench_admin", password="x", role=Role.ADMIN, scope_id="xiangxi")
    county = User.objects.create_user("bench_county", password="x", role=Role.REPORTER, scope_id="jishou")
    return {"admin": admin, "county": county}


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up (templates compiled, plan loaded, connection open)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", help="PostgreSQL URL (its registry tables are emptied); default: SQLite in a temp dir")
    ap.add_argument("--enterprises", type=int, default=50_000)
    ap.add_argument("--projects", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planwatch-registry-bench-") as tmp:
        _setup(args.pg, Path(tmp))
        from django.db import connection
        from django.test import Client

        from planwatch_web.core.plan import descendants, get_plan
        from planwatch_web.registry.models import Enterprise, EnterpriseChain, Project, RegistryChange

        _empty()
        made = _generate(args.enterprises, args.projects)
        users = _users()
        print(f"{connection.vendor}: {args.enterprises:,} enterprises, {args.projects:,} projects generated in "
              f"{made['seconds']:.1f} s")
        admin, county = Client(), Client()
        admin.force_login(users["admin"])
        county.force_login(users["county"])
        wanted = sorted(descendants(get_plan(), made["chain"]))
        pk = made["enterprise"]
        list_cols = ("pk", "uscc", "name", "county", "park", "chain", "is_chain_leader", "is_scale_now")

        def page(c: Client, url: str) -> Callable[[], object]:
            def run() -> object:
                r = c.get(url)
                assert r.status_code == 200, (url, r.status_code)
                return r

            return run

        def bare_list(**filters: Any) -> Callable[[], object]:
            return lambda: list(Enterprise.objects.filter(merged_into__isnull=True, **filters)
                                .order_by("county", "name").values_list(*list_cols)[:100])

        cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            ("register list (prefecture)", page(admin, "/registry/"), bare_list()),
            ("register list (county reporter)", page(county, "/registry/"), bare_list(county="jishou")),
            (f"filtered list (county, chain {made['chain']})",
             page(admin, f"/registry/?county={made['counties'][0]}&chain={made['chain']}"),
             bare_list(county=made["counties"][0],
                       pk__in=EnterpriseChain.objects.filter(chain__in=wanted).values("enterprise_id"))),
            ("enterprise page", page(admin, f"/registry/e/{pk}/"),
             lambda: (Enterprise.objects.filter(pk=pk).values().first(),
                      list(RegistryChange.objects.filter(object_type="enterprise", object_id=str(pk)).values()))),
            ("project pipeline", page(admin, "/registry/projects/"),
             lambda: list(Project.objects.order_by("county", "name", "pk")
                          .values_list("pk", "key", "name", "stage", "investor", "county", "chain",
                                       "signed_amount")[:50])),
        ]
        worst = 0.0
        for name, ours, bare in cases:
            ours_ms = _median_ms(ours, args.repeat)
            bare_ms = _median_ms(bare, args.repeat)
            ratio = ours_ms / bare_ms if bare_ms else float("inf")
            worst = max(worst, ratio)
            print(f"{name}: ours {ours_ms:.1f} ms, bare {bare_ms:.2f} ms, ratio ours/bare {ratio:.1f}×")
        if args.pg:
            _empty()
        users["admin"].delete()
        users["county"].delete()
        print(f"worst ratio {worst:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
