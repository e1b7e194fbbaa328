"""Chinese first, English switchable: every string translated, the catalog compiled, pages in English."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from planwatch_web.submissions.models import Submission

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "planwatch_web"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _entries(po: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry but the header."""
    out = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = "#, fuzzy" in block
        body = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
        m = re.match(r'msgid ((?:".*"\n?)+)', body)
        if not m:
            continue
        msgid = "".join(re.findall(r'"(.*)"', m.group(1)))
        strs = [
            "".join(re.findall(r'"(.*)"', s)) for s in re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', body)
        ]
        if msgid:
            out.append((msgid, strs, fuzzy))
    return out


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    entries = _entries(PO)
    assert len(entries) > 150
    untranslated = [m for m, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert not untranslated
    still_chinese = [m for m, strs, _ in entries if any(HAN.search(s) for s in strs)]
    assert not still_chinese


def test_compiled_catalog_matches_the_po_file(tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True, capture_output=True)
    with MO.open("rb") as a, fresh.open("rb") as b:
        committed, compiled = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    assert committed._catalog == compiled._catalog, "run msgfmt to recompile django.mo (see the .po header)"  # type: ignore[attr-defined]


def test_every_marked_string_is_in_the_catalog(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not installed")
    copy = tmp_path / "planwatch_web"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").unlink()
    django_admin = Path(__import__("sys").executable).with_name("django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "en", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "planwatch_web.settings",
            "PYTHONPATH": str(PACKAGE.parent),
        },
    )
    wanted = {m for m, _, _ in _entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    have = {m for m, _, _ in _entries(PO)}
    assert wanted - have == set(), "new strings: run makemessages and translate them"


def test_chinese_is_the_default(login: Callable[[str], Client], subs: dict[str, Submission]) -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    page = login("jishou").get(reverse("submissions:tasks")).content.decode()
    assert "我的任务" in page and 'lang="zh-CN"' in page


@pytest.mark.parametrize(
    ("who", "url_name", "needs_submission"),
    [
        ("jishou", "submissions:tasks", False),
        ("jishou", "submissions:detail", True),
        ("admin", "submissions:detail", True),
        ("admin", "submissions:queue", False),
        ("admin", "submissions:list", False),
        ("admin", "submissions:periods", False),
        ("admin", "submissions:period", False),
        ("admin", "submissions:overdue", False),
        ("admin", "dashboards:index", False),
        ("admin", "public:index", False),
    ],
)
def test_pages_switch_to_english_entirely(
    who: str,
    url_name: str,
    needs_submission: bool,
    login: Callable[[str], Client],
    subs: dict[str, Submission],
) -> None:
    client = login(who)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    sub = subs["jishou"]
    args = [sub.pk] if needs_submission else ([sub.period_id] if url_name == "submissions:period" else [])
    page = client.get(reverse(url_name, args=args)).content.decode()
    assert 'lang="en"' in page
    text = re.sub(r"<[^>]+>", " ", page).replace(
        "中文", ""
    )  # the switch back to Chinese is written in Chinese
    leftovers = sorted({m.group(0) for m in re.finditer(r"[^\s<>]*[\u4e00-\u9fff]+[^\s<>]*", text)})
    assert leftovers == []


def test_login_page_in_english(client: Client, db: None) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in" in page and "User name" in page


def test_every_unit_of_the_plan_reads_in_english() -> None:
    from planwatch_web.core.plan import UNITS_EN, get_plan

    assert {i.unit for i in get_plan().indicators.values()} <= set(UNITS_EN)


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client: Client, db: None) -> None:
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录" in page and 'lang="zh-CN"' in page
