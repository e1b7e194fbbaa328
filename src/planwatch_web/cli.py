"""``planwatch serve``: migrate, load the plan and the demo, print the address and logins, run.

Offered to the core's CLI through the ``planwatch.commands`` entry point, so the core never imports
Django; Django is imported only when the command runs.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click


def _prepare_environment(host: str, db_path: Path | None, demo: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch_web.settings")
    if db_path is not None:
        os.environ["PLANWATCH_DB_PATH"] = str(db_path.resolve())
    from planwatch_web.database import sqlite_path

    if not os.environ.get("PLANWATCH_SECRET_KEY"):
        # Keep the demo's key next to its database so sign-ins survive a restart.
        key_file = sqlite_path().parent / "secret_key"
        key_file.parent.mkdir(parents=True, exist_ok=True)
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            key_file.chmod(0o600)
        os.environ["PLANWATCH_SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()
    hosts = {
        h for h in os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
    }
    if host not in ("0.0.0.0", "::"):
        hosts.add(f"[{host}]" if ":" in host else host)
    else:
        hosts.add("*")  # listening on every interface: the operator chose to expose it
    os.environ["PLANWATCH_ALLOWED_HOSTS"] = ",".join(sorted(hosts))
    if demo:
        os.environ.setdefault("PLANWATCH_DEMO", "1")


def _use_demo_targets(demo_dir: Path) -> None:
    """The demo's annual county targets for the bulletin's ranking, unless the operator set a file."""
    targets = demo_dir / "assessment_targets.csv"
    if targets.exists():
        os.environ.setdefault("PLANWATCH_ASSESSMENT_TARGETS", str(targets.resolve()))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--demo-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory with the demo observations.csv (from `planwatch demo-data`) to load as published data.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default var/planwatch.sqlite3); PLANWATCH_DATABASE_URL selects PostgreSQL instead.",
)
@click.option("--plan", "plan_name", default=None, metavar="PLAN",
              help="Plan file (YAML) or bundled plan id to serve; default: PLANWATCH_PLAN or the bundled plan.")
@click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              metavar="FILE", help="Statistics file (CSV or XLSX, docs/data-files.md) to load as published data; repeat.")
@click.option("--prepare-only", is_flag=True, help="Migrate, create the demo users and load data, then exit.")
def serve(
    host: str,
    port: int,
    demo_dir: Path | None,
    db_path: Path | None,
    plan_name: str | None,
    data: tuple[Path, ...],
    prepare_only: bool,
) -> None:
    """Start the web platform (填报、审核、驾驶舱) with demo users for every role.

    Migrates the database, loads the plan, creates one demo login per role (and one reporter per
    county, park and industry chain), loads --demo-dir/observations.csv if given, opens the next
    reporting period, prints the address and the logins, and serves with Django's server
    (--noreload). For production run gunicorn instead (docs/web.md).
    """
    if demo_dir is not None and not (demo_dir / "observations.csv").exists():
        click.echo(
            f"找不到演示数据文件：{demo_dir / 'observations.csv'}（请先运行 planwatch demo-data）", err=True
        )
        sys.exit(1)
    from planwatch.domain.problems import ProblemsError

    if plan_name is not None:
        from planwatch.plan.load import load_plan, resolve_plan_path

        try:
            load_plan(plan_name)  # every problem of the file now, before the server starts
        except ProblemsError as exc:
            click.echo(exc.render("zh"), err=True)
            sys.exit(1)
        os.environ["PLANWATCH_PLAN"] = str(resolve_plan_path(plan_name).resolve())
    _prepare_environment(host, db_path, demo=demo_dir is not None)
    if demo_dir is not None:
        _use_demo_targets(demo_dir)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from planwatch_web.demo import DEMO_PASSWORD, setup_demo

    try:
        info = setup_demo(demo_dir, list(data))
    except ProblemsError as exc:
        click.echo(exc.render("zh"), err=True)
        click.echo("演示数据有错误，未载入任何数据。", err=True)
        sys.exit(1)
    except ImportError as exc:
        click.echo(f"载入演示数据需要 planwatch.ingest：{exc}", err=True)
        sys.exit(1)
    click.echo(_banner(host, port, info, DEMO_PASSWORD))
    if prepare_only:
        return
    from planwatch_web.dashboards.data import warm_up_in_background

    warm_up_in_background(lambda exc: click.echo(f"（预加载驾驶舱数据未完成：{exc}；首次访问时再计算）", err=True))
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True, skip_checks=False)


def _banner(host: str, port: int, info: object, password: str) -> str:
    from planwatch_web.accounts.models import Role
    from planwatch_web.core.plan import scope_label
    from planwatch_web.demo import DemoInfo

    assert isinstance(info, DemoInfo)
    shown_host = f"[{host}]" if ":" in host else ("127.0.0.1" if host in ("0.0.0.0", "") else host)
    lines = [
        "",
        f"planwatch 规划监测平台：http://{shown_host}:{port}/",
        "",
        f"演示账号（密码均为 {password}，仅供演示，切勿用于生产环境）：",
    ]
    for login in info.logins:
        scope = f"  {scope_label(login.scope_id)}" if login.scope_id else ""
        lines.append(f"  {Role(login.role).label!s:<8} {login.username:<24}{scope}")
    if info.unshown:
        lines.append(f"  其余填报员账号的用户名即范围 id（如 {'、'.join(info.unshown)}；共 {info.reporters} 个填报员）。")
    if info.loaded is not None and info.loaded.already_loaded:
        lines.append(f"演示数据 {info.observations_file} 已在数据库中（同一文件此前已载入，未重复读取）。")
    elif info.loaded is not None:
        lines.append(
            f"已载入演示数据 {info.observations_file}：{info.loaded.values} 个数值，"
            f"{info.loaded.submissions} 张已发布报表（合成的演示数据）。"
        )
    lines.append(f"当前填报期：{info.open_period}")
    return "\n".join(lines)
