"""Access: a county user can neither read nor write another county's unpublished data, on every endpoint.

Every URL of the platform is listed in ENDPOINTS (a test fails when one is added without being
listed here; the dashboard and public indicator pages are tried as every role in
test_dashboards_access.py), and every endpoint that takes a submission is tried by 吉首市's reporter on 泸溪县's
unpublished form (404: its existence is not revealed) and on its published form (readable, 403 on
any write). Other roles: the leader reads all and writes nothing; a chain chief works on its chain.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from planwatch.domain.enums import Measure
from planwatch_web.accounts.models import User
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import DataValue, ReportingPeriod, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db

# name → what protects it
ENDPOINTS = {
    "home": "redirect only",
    "healthz": "public: one query (SELECT 1), no data",
    "set_language": "public",
    "accounts:login": "public",
    "accounts:logout": "session",
    "accounts:password_change": "login",
    "accounts:password_done": "login",
    "submissions:tasks": "login; access.submissions_for_user + writable_scopes",
    "submissions:list": "login; access.submissions_for_user",
    "submissions:queue": "access.require_admin",
    "submissions:overdue": "login; access.submissions_for_user",
    "submissions:periods": "login; POST access.require_admin",
    "submissions:period": "login; access.submissions_for_user; POST access.require_admin",
    "submissions:publish_period": "access.require_admin",
    "submissions:close_period": "access.require_admin",
    "submissions:detail": "access.access_submission_read / access_submission_write",
    "submissions:template": "access.access_submission_read",
    "submissions:upload": "access.access_submission_write",
    "submissions:review": "access.access_submission_review",
    "dashboards:index": "login; dashboards.data.audience_for (readable_scopes) + submissions_for_user",
    "dashboards:scope": "login; dashboards.data.audience_for (readable_scopes)",
    "dashboards:indicator": "login; dashboards.data.audience_for (readable_scopes)",
    "dashboards:explain": "login; audience_for; forms linked via access.submissions_for_user",
    "public:index": "published only",
    "public:indicators": "published only (dashboards.data.PUBLIC)",
    "public:indicator": "published only (dashboards.data.PUBLIC)",
    "public:scope": "published only (dashboards.data.PUBLIC)",
    "public:explain": "published only (dashboards.data.PUBLIC); no form linked",
    "public:plotly_js": "public: plotly.min.js from the installed package",
    "public:plotly_css": "public: Plotly's CSS rules read from the package",
    "public:cjk_font": "public: Noto Sans SC from the installed font package",
    "public:bulletins": "published only (public.access.published_bulletins)",
    "public:bulletin": "public.access.access_bulletin_public",
    "public:bulletin_file": "public.access.access_bulletin_public + access_bulletin_file",
    "bulletins:index": "public.access.require_bulletin_reader; POST require_bulletin_manager",
    "bulletins:detail": "public.access.access_bulletin_read (admin, leader)",
    "bulletins:preview": "public.access.access_bulletin_read (admin, leader)",
    "bulletins:file": "public.access.access_bulletin_read (admin, leader)",
    "bulletins:publish": "public.access.access_bulletin_manage",
    "bulletins:withdraw": "public.access.access_bulletin_manage",
    "jobs:detail": "jobs.access.access_job (whoever started it, admin)",
    "jobs:status": "jobs.access.access_job (whoever started it, admin)",
    "accounts:users": "accounts.access.users_for_admin",
    "accounts:user_create": "accounts.access.require_user_admin",
    "accounts:user_detail": "accounts.access.access_user_manage",
    "accounts:user_password": "accounts.access.access_user_manage",
    "accounts:user_active": "accounts.access.access_user_manage",
    "accounts:user_role": "accounts.access.access_user_manage",
    "registry:enterprises": "login; registry.access.enterprises_for_user (tests/web/test_registry.py)",
    "registry:export": "login; registry.access.enterprises_for_user",
    "registry:import": "login; registry.access.can_write; records outside registry_scopes refused",
    "registry:enterprise": "registry.access.access_enterprise",
    "registry:merge": "registry.access.access_enterprise(write) + require_registry_admin",
    "registry:pools": "login; registry.access.proposals_for_user; POST require_registry_admin",
    "registry:decide": "registry.access.access_proposal(decide)",
    "registry:projects": "login; registry.access.projects_for_user",
    "registry:project_stage": "registry.access.access_project(write)",
    "registry:reconcile": "login; registry.access.enterprises_for_user + projects_for_user",
    # editing (tests/web/test_registry_editing.py tries each as every role)
    "registry:enterprise_edit": "registry.access.access_enterprise(write) + may_write_at",
    "registry:project": "registry.access.access_project",
    "registry:project_new": "registry.access.require_registry_reader + can_write; scope by may_write_at",
    "registry:project_edit": "editing._project_for_write (access.access_project(write)) + may_write_at",
    "registry:project_funds": "editing._project_for_write (access.access_project(write))",
    "registry:project_problem": "editing._project_for_write (access.access_project(write))",
    "registry:projects_import": "registry.access.require_registry_reader + can_write; rows outside the scope refused",
    "registry:projects_export": "login; registry.views.filtered_projects (access.projects_for_user)",
    # 链长制 (tests/web/test_chains_web.py tries each as every role)
    "chains:index": "login; chains.access.chains_for_user",
    "chains:todo": "login; chains.access.problems_for_user",
    "chains:workspace": "chains.access.access_chain_workspace",
    "chains:raise": "chains.access.access_chain_act",
    "chains:fill_role": "chains.access.access_chain_manage",
    "chains:add_policy": "chains.access.access_chain_manage",
    "chains:item": "chains.access.access_problem_read",
    "chains:act": "chains.access.access_problem_act",
    "chains:brief_html": "chains.access.access_chain_workspace",
    "chains:brief_docx": "chains.access.access_chain_workspace",
    "chains:brief_pdf": "chains.access.access_chain_workspace",
    "chains:clear_role": "chains.access.access_chain_manage",
    "chains:edit_policy": "chains.access.access_policy_manage",
    "chains:delete_policy": "chains.access.access_policy_manage",
    "chains:target_status": "chains.access.access_chain_manage",
}


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_endpoint_is_listed_with_its_protection() -> None:
    assert _names(get_resolver()) == set(ENDPOINTS)


def _fill(user: User, sub: Submission, value: float) -> None:
    actions.do_save_values(
        user,
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, value),
            ValueInput("new_scale_enterprises", Measure.YTD, 3.0),
            ValueInput("county_sci_parks", Measure.LEVEL, 0.0),
        ],
        expected_version=None,
    )


@pytest.fixture
def luxi(users: dict[str, User], subs: dict[str, Submission]) -> Submission:
    """泸溪县's unpublished (submitted) form with values."""
    _fill(users["luxi"], subs["luxi"], 31.0)
    return actions.do_submit(users["luxi"], subs["luxi"].pk)


@pytest.fixture
def luxi_published(users: dict[str, User], luxi: Submission) -> Submission:
    actions.do_approve(users["admin"], luxi.pk)
    return actions.do_publish(users["admin"], luxi.pk)


def _xlsx() -> io.BytesIO:
    buf = io.BytesIO(b"PK\x03\x04 not really a workbook")
    buf.name = "luxi.xlsx"
    return buf


def _attempts(client: Client, pk: int) -> dict[str, int]:
    """Every endpoint that takes a submission id, as a read or a write."""
    detail = reverse("submissions:detail", args=[pk])
    return {
        "read form": client.get(detail).status_code,
        "read template": client.get(reverse("submissions:template", args=[pk])).status_code,
        "save": client.post(
            detail, {"version": "1", "action": "save", "v__scale_enterprises:level": "999"}
        ).status_code,
        "submit": client.post(detail, {"version": "1", "action": "submit"}).status_code,
        "upload": client.post(reverse("submissions:upload", args=[pk]), {"file": _xlsx()}).status_code,
        "approve": client.post(
            reverse("submissions:review", args=[pk]), {"transition": "approve"}
        ).status_code,
        "return": client.post(
            reverse("submissions:review", args=[pk]), {"transition": "return", "reason": "x"}
        ).status_code,
    }


def _unchanged(sub: Submission, state: str, value: float) -> None:
    sub.refresh_from_db()
    assert sub.state == state
    assert DataValue.objects.get(submission=sub, indicator="scale_enterprises").value == value


def test_county_cannot_read_or_write_another_countys_unpublished_form(
    login: Callable[[str], Client], luxi: Submission
) -> None:
    codes = _attempts(login("jishou"), luxi.pk)
    assert codes == dict.fromkeys(codes, 404)
    _unchanged(luxi, "submitted", 31.0)


def test_county_can_read_but_not_write_another_countys_published_form(
    login: Callable[[str], Client], luxi_published: Submission
) -> None:
    codes = _attempts(login("jishou"), luxi_published.pk)
    assert codes == {
        "read form": 200,
        "read template": 200,
        "save": 403,
        "submit": 403,
        "upload": 403,
        "approve": 403,
        "return": 403,
    }
    _unchanged(luxi_published, "published", 31.0)


def test_park_user_cannot_reach_its_countys_form(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    _fill(users["jishou"], subs["jishou"], 48.0)
    codes = _attempts(login("park"), subs["jishou"].pk)
    assert codes == dict.fromkeys(codes, 404)
    _unchanged(subs["jishou"], "draft", 48.0)


def test_lists_never_show_another_countys_unpublished_form(
    login: Callable[[str], Client], users: dict[str, User], luxi: Submission, period: ReportingPeriod
) -> None:
    actions.do_set_deadline(users["admin"], period.pk, dt.date(2025, 10, 1))  # past: everything open is overdue
    actions.do_return(users["admin"], luxi.pk, "请核对")  # open again → overdue
    client = login("jishou")
    pages = {
        "tasks": reverse("submissions:tasks"),
        "list": reverse("submissions:list"),
        "filtered": reverse("submissions:list") + "?scope=泸溪县",
        "overdue": reverse("submissions:overdue"),
        "period": reverse("submissions:period", args=[period.pk]),
        "periods": reverse("submissions:periods"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert f"/forms/{luxi.pk}/" not in text, name
        if name == "filtered":  # the filter box echoes what was typed; the result is empty
            assert "共 0 张表" in text
        else:
            assert "泸溪县" not in text, name
    # ...while the admin's overdue list shows it.
    assert "泸溪县" in login("admin").get(pages["overdue"]).content.decode()


def test_leader_reads_everything_and_writes_nothing(login: Callable[[str], Client], luxi: Submission) -> None:
    codes = _attempts(login("leader"), luxi.pk)
    assert codes == {
        "read form": 200,
        "read template": 200,
        "save": 403,
        "submit": 403,
        "upload": 403,
        "approve": 403,
        "return": 403,
    }
    _unchanged(luxi, "submitted", 31.0)
    assert login("leader").get(reverse("submissions:queue")).status_code == 403


def test_chain_chief_works_on_its_chain_only(
    login: Callable[[str], Client], subs: dict[str, Submission], luxi: Submission
) -> None:
    client = login("chain")
    zinc = subs["nm_zinc"]  # 锌及其新材料, under 绿色矿业及新材料
    response = client.post(
        reverse("submissions:detail", args=[zinc.pk]),
        {"version": "0", "action": "save", "v__chain_output:ytd": "61.5"},
    )
    assert response.status_code == 302
    assert DataValue.objects.get(submission=zinc).value == 61.5
    assert client.get(reverse("submissions:detail", args=[subs["liquor"].pk])).status_code == 404
    assert client.get(reverse("submissions:detail", args=[luxi.pk])).status_code == 404


def test_admin_reviews_but_does_not_fill_county_forms(
    login: Callable[[str], Client], luxi: Submission
) -> None:
    client = login("admin")
    detail = reverse("submissions:detail", args=[luxi.pk])
    assert client.get(detail).status_code == 200
    assert (
        client.post(detail, {"version": "1", "action": "save", "v__scale_enterprises:level": "1"}).status_code
        == 403
    )
    assert (
        client.post(reverse("submissions:review", args=[luxi.pk]), {"transition": "approve"}).status_code
        == 302
    )
    luxi.refresh_from_db()
    assert luxi.state == "approved"


def test_anonymous_is_sent_to_login_and_sees_only_public_pages(
    client: Client, luxi_published: Submission
) -> None:
    response = client.get(reverse("submissions:detail", args=[luxi_published.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("submissions:overdue")).status_code == 302
    public = client.get(reverse("public:index"))
    assert public.status_code == 200 and "2025Q3" in public.content.decode()


def test_non_admins_cannot_manage_periods(login: Callable[[str], Client], period: ReportingPeriod) -> None:
    for name in ("jishou", "leader", "chain"):
        client = login(name)
        assert client.post(reverse("submissions:periods"), {"period": "2025Q4"}).status_code == 403
        assert (
            client.post(
                reverse("submissions:period", args=[period.pk]), {"deadline": "2030-01-01"}
            ).status_code
            == 403
        )
        assert client.post(reverse("submissions:publish_period", args=[period.pk])).status_code == 403
        close = reverse("submissions:close_period", args=[period.pk])
        assert client.post(close, {"action": "close", "reason": "x"}).status_code == 403
    assert not ReportingPeriod.objects.filter(period="2025Q4").exists()
    period.refresh_from_db()
    assert period.deadline == dt.date(2025, 10, 15)
