"""Issue 9 (web, item 9), through HTTP: no-store for signed-in responses, compressed assets, HEAD,
a 403 logged without a traceback, /forms/all/ in pages, where a leader lands, /public/'s text, what
an upload accepts, and a bad workbook explained in Chinese (never "BadZipFile").
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from planwatch_web.accounts.models import User
from planwatch_web.submissions.models import DataValue, ReportingPeriod, Submission

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _get_urls(subs: dict[str, Submission], period: ReportingPeriod) -> list[str]:
    return [
        reverse("submissions:tasks"),
        reverse("submissions:list"),
        reverse("submissions:detail", args=[subs["jishou"].pk]),
        reverse("submissions:template", args=[subs["jishou"].pk]),
        reverse("submissions:periods"),
        reverse("submissions:period", args=[period.pk]),
        reverse("submissions:overdue"),
        reverse("accounts:password_change") if _has("accounts:password_change") else reverse("submissions:tasks"),
    ]


def _has(name: str) -> bool:
    try:
        reverse(name)
    except Exception:
        return False
    return True


# -- Cache-Control --------------------------------------------------------------------------------------
def test_every_signed_in_page_and_download_is_no_store(
    login: Callable[[str], Client], subs: dict[str, Submission], period: ReportingPeriod
) -> None:
    client = login("jishou")
    for url in _get_urls(subs, period):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store, private", url


def test_public_assets_keep_their_caching_when_signed_in(login: Callable[[str], Client]) -> None:
    response = login("jishou").get(reverse("public:plotly_css"))
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "no-store" not in Client().get(reverse("public:index")).get("Cache-Control", "")


# -- compression ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("", None), ("br;q=0, gzip", "gzip")])
def test_plotly_is_served_compressed_to_browsers_that_accept_it(accept: str, encoding: str | None) -> None:
    response = Client().get(reverse("public:plotly_js"), HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    if encoding == "br":
        import brotli  # type: ignore[import-untyped]

        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    from planwatch_web.dashboards.assets import PLOTLY_JS

    assert body == PLOTLY_JS.read_bytes()  # the same file, byte for byte
    if encoding is not None:  # 4.8 MB → about 1.3 (br) / 1.5 (gzip) MB
        assert int(response["Content-Length"]) < PLOTLY_JS.stat().st_size / 3
        etag = response["ETag"]
        again = Client().get(reverse("public:plotly_js"), HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304


def test_collectstatic_writes_compressed_copies(settings: Any) -> None:
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedStaticFilesStorage"


# -- HEAD -----------------------------------------------------------------------------------------------
def _names(resolver: URLResolver | Any, prefix: str = "") -> list[str]:
    out = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            out += _names(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            out.append(prefix + p.name)
    return out


def test_head_is_answered_wherever_get_is(
    login: Callable[[str], Client], subs: dict[str, Submission], period: ReportingPeriod
) -> None:
    admin = login("admin")
    urls = [*_get_urls(subs, period), reverse("public:index"), reverse("public:indicators"), reverse("public:plotly_js"), reverse("public:plotly_css"), reverse("public:bulletins"), reverse("dashboards:index"), reverse("accounts:users"), reverse("accounts:login")]
    for url in urls:
        get, head = admin.get(url), admin.head(url)
        assert get.status_code in (200, 302), url
        assert head.status_code == get.status_code, url
        body = b"".join(head.streaming_content) if head.streaming else head.content  # type: ignore[attr-defined]
        assert body == b"", url


# -- a 403 is one line in the log -------------------------------------------------------------------------
def test_a_403_is_logged_without_a_traceback(
    login: Callable[[str], Client], subs: dict[str, Submission], caplog: pytest.LogCaptureFixture
) -> None:
    from planwatch_web.core.log_filters import NoTracebackForClientErrors

    # the filter settings.LOGGING puts on django.request (Django's dictConfig at setup)
    assert any(isinstance(f, NoTracebackForClientErrors) for f in logging.getLogger("django.request").filters)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = login("jishou").get(reverse("submissions:queue"))
    assert response.status_code == 403
    forbidden = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert forbidden and all(r.exc_info is None for r in forbidden)
    assert "Traceback" not in caplog.text


def test_the_filter_is_configured_for_django_request(settings: Any) -> None:
    assert settings.LOGGING["loggers"]["django.request"]["filters"] == ["no_client_error_traceback"]


# -- /forms/all/ in pages -------------------------------------------------------------------------------
def test_the_list_of_forms_is_paginated_and_keeps_the_filters(
    login: Callable[[str], Client], users: dict[str, User], period: ReportingPeriod
) -> None:
    from planwatch_web.submissions.actions import do_open_period

    for text in ("2025Q1", "2025Q2", "2024Q4"):
        do_open_period(users["admin"], text)
    total = Submission.objects.count()
    assert total == 4 * 33  # four periods × 33 reporting scopes
    client = login("admin")
    first = client.get(reverse("submissions:list")).content.decode()
    assert f"共 {total} 张表" in first and "第 1 / 2 页" in first  # 132 forms, 100 a page
    assert first.count("/forms/") >= 100
    second = client.get(reverse("submissions:list") + "?page=2").content.decode()
    assert "第 2 / 2 页" in second and second.count('<td><a href="/forms/') == total - 100
    filtered = client.get(reverse("submissions:list") + "?state=draft&page=2").content.decode()
    assert 'href="?state=draft&amp;page=1"' in filtered
    assert "第 2 / 2 页" in client.get(reverse("submissions:list") + "?page=99").content.decode()  # clamped


# -- where people land ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("who", "landing"), [("leader", "dashboards:index"), ("jishou", "submissions:tasks"), ("admin", "submissions:tasks")])
def test_a_leader_lands_on_the_cockpit(users: dict[str, User], who: str, landing: str) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": users[who].username, "password": PASSWORD})
    assert response["Location"] == reverse(landing)
    assert client.get("/")["Location"] == reverse(landing)


def test_public_index_has_no_stale_text() -> None:
    page = Client().get(reverse("public:index")).content.decode()
    assert "正在建设中" not in page
    assert reverse("public:indicators") in page and reverse("public:bulletins") in page


# -- uploads --------------------------------------------------------------------------------------------
def _post(client: Client, sub: Submission, name: str, data: bytes) -> Any:
    buf = io.BytesIO(data)
    buf.name = name
    return client.post(reverse("submissions:upload", args=[sub.pk]), {"file": buf}, follow=True)


def test_the_upload_form_names_exactly_what_is_accepted(login: Callable[[str], Client], subs: dict[str, Submission]) -> None:
    client = login("jishou")
    page = client.get(reverse("submissions:detail", args=[subs["jishou"].pk])).content.decode()
    assert 'accept=".xlsx,.xlsm,.csv"' in page
    assert "可上传：Excel 工作簿（.xlsx、.xlsm）或 CSV 文件（.csv，UTF-8 或 GBK 编码），最大 10 MB" in page
    for name in ("data.pdf", "data.xls", "data.ods", "data.txt", "data"):
        text = _post(client, subs["jishou"], name, b"x").content.decode()
        assert "只能上传 Excel 工作簿（.xlsx、.xlsm）或 CSV 文件（.csv，UTF-8 或 GBK 编码）" in text, name


CSV = "指标,范围,时期,口径,数值\n规模工业企业数,吉首市,2025Q3,当期,48\n".encode()


@pytest.mark.parametrize(
    "data",
    [
        CSV,  # a CSV renamed to .xlsx
        CSV.decode().encode("gb18030"),
        b"",  # empty
        b"PK\x03\x04" + b"\x00" * 40,  # a broken zip
        zipfile.ZipFile.__name__.encode(),  # any text
    ],
    ids=["csv", "csv-gbk", "empty", "broken-zip", "text"],
)
@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_a_bad_workbook_is_explained_in_chinese(
    login: Callable[[str], Client], subs: dict[str, Submission], data: bytes, suffix: str
) -> None:
    text = _post(login("jishou"), subs["jishou"], "吉首市" + suffix, data).content.decode()
    assert f"吉首市{suffix} 不是有效的 Excel 文件（.xlsx），可能是改了扩展名的 CSV" in text
    assert not re.search(r"BadZipFile|zip file|KeyError|Traceback", text, flags=re.I)
    assert not DataValue.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_explained_too(login: Callable[[str], Client], subs: dict[str, Submission]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    text = _post(login("jishou"), subs["jishou"], "吉首市.xlsx", buf.getvalue()).content.decode()
    assert "吉首市.xlsx 不是有效的 Excel 文件" in text
    assert not re.search(r"BadZipFile|KeyError|There is no item named", text)


# -- 1. zip bombs (the core's archive check, planwatch.ingest.xlsx_archive) through the web -------------
def _workbook_with(member: str, size: int, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A real template-shaped workbook plus one member of ``size`` zero bytes (compresses ~1000×)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["指标", "范围", "时期", "口径", "数值"])
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        info = zipfile.ZipInfo(member)
        info.compress_type = method
        with dst.open(info, "w", force_zip64=True) as fh:
            chunk = b"\0" * 2**20
            for _ in range(size // 2**20):
                fh.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(
    ("member", "size", "message"),
    [
        ("xl/worksheets/sheet2.xml", 4 * 2**20, "疑似“压缩炸弹”，未打开"),  # 4 MB of zeros in ~4 KB: ratio ≈ 1000 > 200
        ("xl/media/huge.bin", 65 * 2**20, "解压后过大"),  # 65 MB declared > the 64 MB limit per member
    ],
    ids=["ratio", "size"],
)
def test_a_zip_bomb_upload_is_refused_unread(
    login: Callable[[str], Client], subs: dict[str, Submission], member: str, size: int, message: str
) -> None:
    import time

    data = _workbook_with(member, size)
    assert len(data) < 2**20  # what the 10 MB upload check sees: well under it
    start = time.perf_counter()
    response = _post(login("jishou"), subs["jishou"], "吉首市.xlsx", data)
    elapsed = time.perf_counter() - start
    text = response.content.decode()
    assert message in text and "未导入任何数据" in text
    assert not DataValue.objects.exists()
    assert elapsed < 5  # refused from the central directory, nothing inflated (ms; generous for a busy CI)
