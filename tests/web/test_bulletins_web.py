"""Published bulletins: generate from approved data, preview, publish only when the data are published.

Two tests render for real (HTML through HTTP, DOCX through the action); the others stand a small
fake in for the renderers (``fake_generate``) so the suite stays fast: what they test is the web
layer (access, states, data version, audit), not the bulletin's words (tests/report does that).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.jobs.models import Job, JobState
from planwatch_web.jobs.runner import run_job
from planwatch_web.public import actions as bulletin_actions
from planwatch_web.public import generate
from planwatch_web.public.models import Bulletin, BulletinFile, BulletinState
from planwatch_web.submissions import actions
from planwatch_web.submissions.errors import ActionError
from planwatch_web.submissions.models import ReportingPeriod, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese_again() -> Iterator[None]:
    """Pages switched to English leave the thread's language behind: restore Chinese for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


FAKE_HTML = b"<!DOCTYPE html><html><body><h1>fake bulletin</h1></body></html>"


def _approve(users: dict[str, User], sub: Submission, who: str, scale: float) -> Submission:
    actions.do_save_values(
        users[who],
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, scale),
            ValueInput("new_scale_enterprises", Measure.YTD, 3.0),
            ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
        ],
        expected_version=None,
    )
    actions.do_submit(users[who], sub.pk)
    return actions.do_approve(users["admin"], sub.pk)


@pytest.fixture
def approved(users: dict[str, User], subs: dict[str, Submission]) -> Submission:
    """泸溪县's 2025Q3 form, approved (not yet published)."""
    return _approve(users, subs["luxi"], "luxi", 31.0)


@pytest.fixture
def fake_generate(monkeypatch: pytest.MonkeyPatch) -> list[Period]:
    """The real data version, fake files: (title, as-of) as the real one words them."""
    calls: list[Period] = []

    def fake(
        plan: Plan,
        as_of: Period,
        formats: Sequence[str],
        *,
        issued: date,
        progress: generate.Progress = generate.no_progress,
    ) -> generate.GeneratedBulletin:
        calls.append(as_of)
        made = generate.GeneratedBulletin(
            f"测试通报（{as_of.label_zh}）", as_of, False, generate.data_version(as_of)
        )
        for fmt in formats:
            content = FAKE_HTML if fmt == "html" else b"%PDF-1.7 fake" if fmt == "pdf" else b"PK\x03\x04fake"
            name = f"bulletin-test-{as_of}.{fmt}"
            made.files.append(generate.RenderedFile(fmt, name, generate.content_type_of(fmt, name), content))
        made.seconds = 0.01
        return made

    monkeypatch.setattr(generate, "generate", fake)
    return calls


def _generate(client: Client, period: ReportingPeriod) -> Bulletin:
    """生成通报 through the page: the request only queues a job (no bulletin yet); then the job runs
    here as a worker would run it (tests/web/test_jobs.py runs it through the real queues), and its
    page links the bulletin."""
    response = client.post(reverse("bulletins:index"), {"period": period.pk, "issued": "2025-10-20"})
    assert response.status_code == 302, response.content.decode()[:500]
    job = Job.objects.latest("id")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == JobState.QUEUED and not Bulletin.objects.exists()
    assert run_job(job.pk) is JobState.DONE
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    bulletin = Bulletin.objects.latest("id")
    assert reverse("bulletins:detail", args=[bulletin.pk]) in page.content.decode()
    return bulletin


def _text(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- the whole path, rendered for real ---------------------------------------------------------------
def test_generate_preview_publish_download_html(
    login: Callable[[str], Client],
    client: Client,
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    settings: object,
) -> None:
    settings.PLANWATCH_BULLETIN_FORMATS = "html"  # type: ignore[attr-defined]
    admin = login("admin")
    bulletin = _generate(admin, period)
    assert bulletin.state == BulletinState.DRAFT
    assert bulletin.title.endswith("主要指标完成情况通报（2025年第三季度）")
    assert bulletin.generated_by == users["admin"] and bulletin.issued == date(2025, 10, 20)
    # Data version: the one approved form (泸溪县 2025Q3) and its three values.
    assert bulletin.data_version == [[approved.pk, approved.version, "2025Q3", "luxi"]]
    assert (bulletin.data_submissions, bulletin.data_values) == (1, 3)
    html = BulletinFile.objects.get(bulletin=bulletin, format="html")
    assert html.content_type == "text/html; charset=utf-8"
    assert "2025年第三季度" in bytes(html.content).decode()

    # The preview page: files, the frame, and why it cannot be published yet (Chinese, form named).
    page = admin.get(reverse("bulletins:detail", args=[bulletin.pk]))
    text = _text(page)
    assert page.status_code == 200
    assert "已审核但尚未发布：泸溪县（2025Q3）" in text
    assert reverse("bulletins:preview", args=[bulletin.pk]) in page.content.decode()
    framed = admin.get(reverse("bulletins:preview", args=[bulletin.pk]))
    assert framed.status_code == 200 and framed["X-Frame-Options"] == "SAMEORIGIN"
    assert framed["Content-Security-Policy"].startswith("sandbox;")

    # Not publishable while its data are only approved; the public sees nothing.
    refused = admin.post(reverse("bulletins:publish", args=[bulletin.pk]), follow=True)
    assert "公开通报只能使用已发布的数据" in _text(refused)
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.DRAFT
    assert "暂无已发布的通报" in _text(client.get(reverse("public:bulletins")))
    assert client.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 404
    assert client.get(reverse("public:bulletin_file", args=[bulletin.pk, "html"])).status_code == 404

    # Publish the data, then the bulletin.
    actions.do_publish(users["admin"], approved.pk)
    assert admin.post(reverse("bulletins:publish", args=[bulletin.pk])).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.PUBLISHED and bulletin.published_by == users["admin"]

    listing = client.get(reverse("public:bulletins"))
    assert bulletin.title in _text(listing)
    assert reverse("public:bulletin_file", args=[bulletin.pk, "html"]) in listing.content.decode()
    assert client.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 200
    download = client.get(reverse("public:bulletin_file", args=[bulletin.pk, "html"]))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/html; charset=utf-8"
    assert download["Content-Disposition"] == f'inline; filename="{html.filename}"'
    assert download["Content-Security-Policy"].startswith("sandbox;")
    assert "frame-ancestors 'none'" in download["Content-Security-Policy"]
    assert download.content == bytes(html.content)
    assert client.get(reverse("public:bulletin_file", args=[bulletin.pk, "docx"])).status_code == 404

    trail = list(AuditEntry.objects.filter(object_type="bulletin", object_id=str(bulletin.pk)).order_by("id"))
    assert [(a.action, a.actor_name) for a in trail] == [
        (AuditAction.GENERATE_BULLETIN, "admin"),
        (AuditAction.PUBLISH_BULLETIN, "admin"),
    ]
    generated = trail[0].after or {}
    assert generated["data_submissions"] == 1 and generated["formats"] == ["html"]
    assert (trail[1].before, trail[1].after) == ({"state": "draft"}, {"state": "published"})


def test_docx_is_generated_and_downloads_as_word(
    users: dict[str, User], approved: Submission, period: ReportingPeriod, client: Client
) -> None:
    actions.do_publish(users["admin"], approved.pk)
    bulletin = bulletin_actions.do_generate_bulletin(
        users["admin"], period.pk, formats=["docx"], issued=date(2025, 10, 20)
    )
    bulletin_actions.do_publish_bulletin(users["admin"], bulletin.pk)
    response = client.get(reverse("public:bulletin_file", args=[bulletin.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment; filename=")
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        body = docx.read("word/document.xml").decode()
    assert "2025年第三季度" in body and "泸溪县" in body


# -- rules ---------------------------------------------------------------------------------------------
def test_no_bulletin_without_approved_data(
    login: Callable[[str], Client],
    subs: dict[str, Submission],
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    response = login("admin").post(reverse("bulletins:index"), {"period": period.pk}, follow=True)
    assert "2025年第三季度还没有已审核的数据，不能生成通报。请先审核本期报表。" in _text(response)
    assert not Bulletin.objects.exists() and fake_generate == []
    assert not AuditEntry.objects.filter(object_type="bulletin").exists()


def test_data_changed_after_generation_blocks_publishing(
    users: dict[str, User],
    subs: dict[str, Submission],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    admin = users["admin"]
    bulletin = bulletin_actions.do_generate_bulletin(admin, period.pk)
    actions.do_publish(admin, approved.pk)
    assert bulletin_actions.publish_blockers(bulletin) == []  # approved → published changes nothing
    # Another county approved after the bulletin was made: its data are not in the bulletin.
    _approve(users, subs["jishou"], "jishou", 48.0)
    bulletin.refresh_from_db()
    with pytest.raises(ActionError) as refused:
        bulletin_actions.do_publish_bulletin(admin, bulletin.pk)
    assert "通报生成后数据已有变动" in str(refused.value.message)
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.DRAFT
    # A fresh bulletin has it; publishable once jishou is published too.
    fresh = bulletin_actions.do_generate_bulletin(admin, period.pk)
    assert fresh.data_submissions == 2 and fresh.data_values == 6
    assert "吉首市（2025Q3）" in bulletin_actions.publish_blockers(fresh)[0]
    actions.do_publish(admin, subs["jishou"].pk)
    assert bulletin_actions.do_publish_bulletin(admin, fresh.pk).state == BulletinState.PUBLISHED


def test_reopened_data_block_publishing(
    users: dict[str, User], approved: Submission, period: ReportingPeriod, fake_generate: list[Period]
) -> None:
    admin = users["admin"]
    actions.do_publish(admin, approved.pk)
    bulletin = bulletin_actions.do_generate_bulletin(admin, period.pk)
    actions.do_reopen(admin, approved.pk, "数据有误")
    assert "通报生成后数据已有变动" in bulletin_actions.publish_blockers(bulletin)[0]


def test_a_new_bulletin_replaces_the_published_one_of_its_period(
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
    client: Client,
) -> None:
    admin = users["admin"]
    actions.do_publish(admin, approved.pk)
    first = bulletin_actions.do_generate_bulletin(admin, period.pk)
    bulletin_actions.do_publish_bulletin(admin, first.pk)
    second = bulletin_actions.do_generate_bulletin(admin, period.pk)
    bulletin_actions.do_publish_bulletin(admin, second.pk)
    first.refresh_from_db()
    assert first.state == BulletinState.WITHDRAWN
    assert first.withdraw_reason == f"已由新版通报（编号 {second.pk}）替代"
    listing = client.get(reverse("public:bulletins")).content.decode()
    assert reverse("public:bulletin", args=[second.pk]) in listing
    assert reverse("public:bulletin", args=[first.pk]) not in listing
    assert client.get(reverse("public:bulletin", args=[first.pk])).status_code == 404
    withdrawn = AuditEntry.objects.get(
        object_type="bulletin", object_id=str(first.pk), action=AuditAction.WITHDRAW_BULLETIN
    )
    assert withdrawn.reason == first.withdraw_reason and withdrawn.after == {"state": "withdrawn"}


def test_withdrawing_needs_a_reason_and_hides_the_bulletin(
    login: Callable[[str], Client],
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
    client: Client,
) -> None:
    actions.do_publish(users["admin"], approved.pk)
    bulletin = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    bulletin_actions.do_publish_bulletin(users["admin"], bulletin.pk)
    admin = login("admin")
    url = reverse("bulletins:withdraw", args=[bulletin.pk])
    assert "请填写原因" in _text(admin.post(url, {"reason": "  "}, follow=True))
    assert client.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 200
    admin.post(url, {"reason": "表述有误，修改后重发"})
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.WITHDRAWN and bulletin.withdrawn_by == users["admin"]
    assert client.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 404
    assert "已撤回" in _text(admin.get(reverse("bulletins:detail", args=[bulletin.pk])))


def test_a_failing_renderer_saves_nothing(
    users: dict[str, User], approved: Submission, period: ReportingPeriod, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> generate.GeneratedBulletin:
        raise generate.RenderError("pdf", "字体缺失")

    monkeypatch.setattr(generate, "generate", broken)
    with pytest.raises(ActionError) as refused:
        bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    assert str(refused.value.message) == "生成 pdf 格式的通报失败：字体缺失"
    assert not Bulletin.objects.exists() and not BulletinFile.objects.exists()
    assert not AuditEntry.objects.filter(object_type="bulletin").exists()


def test_one_generation_at_a_time(
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
    settings: object,
) -> None:
    settings.PLANWATCH_BULLETIN_WAIT_SECONDS = 0.01  # type: ignore[attr-defined]
    assert bulletin_actions._GENERATING.acquire()
    try:
        with pytest.raises(ActionError) as busy:
            bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    finally:
        bulletin_actions._GENERATING.release()
    assert str(busy.value.message) == "另一份通报正在生成，请稍后再试。" and fake_generate == []


def test_management_command_generates_and_publishes(
    users: dict[str, User],
    approved: Submission,
    fake_generate: list[Period],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(CommandError, match="已审核但尚未发布"):
        call_command("generate_bulletin", "2025Q3", user="admin", formats="html", publish=True)
    actions.do_publish(users["admin"], approved.pk)
    call_command("generate_bulletin", "2025Q3", user="admin", formats="html,pdf", publish=True)
    out = capsys.readouterr().out
    latest = Bulletin.objects.latest("id")
    assert f"published bulletin {latest.pk}" in out and "pdf: bulletin-test-2025Q3.pdf" in out
    assert latest.state == BulletinState.PUBLISHED
    with pytest.raises(CommandError, match="没有填报期「2030Q1」"):
        call_command("generate_bulletin", "2030Q1", user="admin")


# -- access per role -------------------------------------------------------------------------------------
def _codes(client: Client, bulletin: Bulletin, period: ReportingPeriod) -> dict[str, int]:
    pk = bulletin.pk
    return {
        "manage list": client.get(reverse("bulletins:index")).status_code,
        "generate": client.post(reverse("bulletins:index"), {"period": period.pk}).status_code,
        "detail": client.get(reverse("bulletins:detail", args=[pk])).status_code,
        "preview": client.get(reverse("bulletins:preview", args=[pk])).status_code,
        "file": client.get(reverse("bulletins:file", args=[pk, "html"])).status_code,
        "publish": client.post(reverse("bulletins:publish", args=[pk])).status_code,
        "withdraw": client.post(reverse("bulletins:withdraw", args=[pk]), {"reason": "x"}).status_code,
        "public page": client.get(reverse("public:bulletin", args=[pk])).status_code,
        "public file": client.get(reverse("public:bulletin_file", args=[pk, "html"])).status_code,
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # a draft: only the administrator manages it, the leader reads it, nobody sees it on the public site
        (
            "jishou",
            dict.fromkeys(
                ["manage list", "generate", "detail", "preview", "file", "publish", "withdraw"], 403
            ),
        ),
        (
            "chain",
            dict.fromkeys(
                ["manage list", "generate", "detail", "preview", "file", "publish", "withdraw"], 403
            ),
        ),
        (
            "leader",
            {
                "manage list": 200,
                "generate": 403,
                "detail": 200,
                "preview": 200,
                "file": 200,
                "publish": 403,
                "withdraw": 403,
            },
        ),
    ],
)
def test_roles_on_a_draft_bulletin(
    who: str,
    expected: dict[str, int],
    login: Callable[[str], Client],
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    bulletin = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    codes = _codes(login(who), bulletin, period)
    assert codes == {**expected, "public page": 404, "public file": 404}
    assert Bulletin.objects.count() == 1
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.DRAFT


def test_anonymous_on_draft_and_published_bulletins(
    client: Client,
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    bulletin = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    codes = _codes(client, bulletin, period)
    login_redirects = {k: v for k, v in codes.items() if not k.startswith("public")}
    assert login_redirects == dict.fromkeys(login_redirects, 302)
    assert (codes["public page"], codes["public file"]) == (404, 404)
    actions.do_publish(users["admin"], approved.pk)
    bulletin_actions.do_publish_bulletin(users["admin"], bulletin.pk)
    assert client.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 200
    assert client.get(reverse("public:bulletin_file", args=[bulletin.pk, "html"])).content == FAKE_HTML
    # The management pages still need a sign-in; the audit trail is not on the public page.
    assert client.get(reverse("bulletins:detail", args=[bulletin.pk])).status_code == 302
    assert "生成通报" not in _text(client.get(reverse("public:bulletin", args=[bulletin.pk])))


def test_admin_sees_drafts_on_the_management_page_only(
    login: Callable[[str], Client],
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    bulletin = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    admin = login("admin")
    assert (
        reverse("bulletins:detail", args=[bulletin.pk])
        in admin.get(reverse("bulletins:index")).content.decode()
    )
    assert admin.get(reverse("public:bulletin", args=[bulletin.pk])).status_code == 404
    assert "2025Q3（已审核 1 / " in _text(admin.get(reverse("bulletins:index")))


def test_public_list_queries_do_not_grow_with_bulletins(
    client: Client,
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    actions.do_publish(users["admin"], approved.pk)
    for _ in range(4):
        b = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
        Bulletin.objects.filter(pk=b.pk).update(
            state=BulletinState.PUBLISHED
        )  # four published, for the count
    with django_assert_max_num_queries(4):
        response = client.get(reverse("public:bulletins"))
    assert response.content.decode().count("/html/") == 4


def test_bulletin_pages_in_english(
    login: Callable[[str], Client],
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    fake_generate: list[Period],
) -> None:
    actions.do_publish(users["admin"], approved.pk)
    draft = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    published = bulletin_actions.do_generate_bulletin(users["admin"], period.pk)
    bulletin_actions.do_publish_bulletin(users["admin"], published.pk)
    admin = login("admin")
    admin.post(reverse("set_language"), {"language": "en", "next": "/"})
    for url in (
        reverse("bulletins:index"),
        reverse("bulletins:detail", args=[draft.pk]),
        reverse("bulletins:detail", args=[published.pk]),
        reverse("public:bulletins"),
        reverse("public:bulletin", args=[published.pk]),
    ):
        # The bulletin itself (its title) is always Chinese; everything around it is English.
        text = _text(admin.get(url)).replace(published.title, "").replace("中文", "")
        assert re.findall(r"[\u4e00-\u9fff]+", text) == [], url
