"""The zip-bomb guard: every class of unsafe archive is refused before openpyxl opens it.

Each test builds its archives (no binary fixtures): a bomb by ratio, by declared size (one member,
all members), by member count, by compression method, by encryption, and files that are no archive.
Through ``read_file`` and ``check_observations`` (the path the CLI and the web upload take) the
refusal is one Chinese error, in well under a second, with nothing inflated.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from planwatch.ingest import check_observations
from planwatch.ingest.readers import read_file
from planwatch.ingest.xlsx_archive import MAX_RATIO, ArchiveLimits, check_archive
from planwatch.plan.load import Plan


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_real_workbook_passes(fx: Path) -> None:
    assert check_archive(fx / "good.xlsx") is None


@pytest.mark.parametrize("mb", [2, 8, 40])
def test_a_bomb_by_ratio_is_refused(tmp_path: Path, mb: int) -> None:
    # mb MiB of one repeated byte deflate to about mb KiB: a ratio near 1000, far above MAX_RATIO (200)
    path = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"0" * (mb * 2**20)})
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_ARCHIVE_RATIO"
    assert problem.params["member"] == "xl/worksheets/sheet1.xml"
    assert problem.params["ratio"] > MAX_RATIO
    assert "疑似“压缩炸弹”" in problem.message()


def test_a_highly_compressible_small_member_is_allowed(tmp_path: Path) -> None:
    # 512 KiB of one byte has a ratio near 1000 but is under the 1 MiB floor: styles and shared strings do this
    path = _zip(tmp_path / "small.xlsx", {"xl/styles.xml": b" " * 2**19})
    assert check_archive(path) is None


def test_declared_size_of_one_member_and_of_all(tmp_path: Path) -> None:
    # stored (not compressed), so the ratio is 1 and only the size limits can refuse
    path = _zip(tmp_path / "big.xlsx", {"a.xml": b"a" * 3000, "b.xml": b"b" * 3000}, zipfile.ZIP_STORED)
    one = check_archive(path, ArchiveLimits(member_bytes=2999, total_bytes=10**6))
    assert one is not None and one.code == "INGEST_ARCHIVE_TOO_LARGE" and one.params["member"] == "a.xml"
    # 3000 + 3000 = 6000 bytes > a total limit of 5000, each member under the member limit of 4000
    both = check_archive(path, ArchiveLimits(member_bytes=4000, total_bytes=5000))
    assert both is not None and both.code == "INGEST_ARCHIVE_TOO_LARGE" and both.params["member"] == "b.xml"
    assert check_archive(path, ArchiveLimits(member_bytes=3000, total_bytes=6000)) is None


def test_the_default_size_limit_refuses_what_the_ratio_lets_through(tmp_path: Path) -> None:
    # 130 MiB stored: ratio 1, but over the 64 MiB member limit (and the 128 MiB total)
    path = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z, z.open("xl/worksheets/sheet1.xml", "w") as fh:
        chunk = b"<c>1</c>" * 2**17  # 1 MiB
        for _ in range(130):
            fh.write(chunk)
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_ARCHIVE_TOO_LARGE"
    assert problem.params == {"file": "stored.xlsx", "member": "xl/worksheets/sheet1.xml", "size_mb": "130.0", "limit_mb": "64.0"}


def test_too_many_members(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.xlsx", {f"xl/m{i}.xml": b"<x/>" for i in range(1001)})
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_ARCHIVE_MEMBERS"
    assert (problem.params["count"], problem.params["limit"]) == (1001, 1000)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_other_compression_methods(tmp_path: Path, method: int) -> None:
    path = _zip(tmp_path / "method.xlsx", {"xl/workbook.xml": b"<x/>"}, method)
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_ARCHIVE_METHOD"
    assert problem.params["method"] == method


def test_an_encrypted_member(tmp_path: Path) -> None:
    path = tmp_path / "enc.xlsx"
    _zip(path, {"xl/workbook.xml": b"<x/>"})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" bit of the general-purpose flags in the central directory
    path.write_bytes(bytes(data))
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_ARCHIVE_METHOD"


@pytest.mark.parametrize(
    "content",
    [b"", b"\xe6\x8c\x87\xe6\xa0\x87,\xe6\x95\xb0\xe5\x80\xbc\n", b"PK\x03\x04truncated", b"PK\x05\x06" + b"\0" * 10],
    ids=["empty", "csv-renamed", "truncated-local-header", "truncated-directory"],
)
def test_not_an_archive(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    problem = check_archive(path)
    assert problem is not None and problem.code == "INGEST_NOT_WORKBOOK"
    assert problem.message() == (
        "fake.xlsx 不是有效的 Excel 文件（.xlsx），可能是改了扩展名的 CSV 或已损坏：请用 Excel 打开后另存为 .xlsx"
    )


def test_a_zip_that_is_not_a_workbook_is_explained_not_raw(tmp_path: Path) -> None:
    # a valid archive without xl/workbook.xml: openpyxl raises KeyError; the user sees Chinese, not "KeyError"
    path = _zip(tmp_path / "nowb.xlsx", {"hello.txt": b"hi"})
    result = read_file(path)
    assert [p.code for p in result.problems] == ["INGEST_NOT_WORKBOOK"]
    assert "KeyError" not in result.problems[0].message()


def test_the_bomb_never_reaches_openpyxl_through_the_import(tmp_path: Path, plan: Plan) -> None:
    # 144 MiB of zeros written as a stream deflates to about 140 KiB; the check reads only the directory
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", b"<x/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * 2**24
            for _ in range(9):
                fh.write(chunk)
    started = time.perf_counter()
    result = check_observations([path], plan)
    elapsed = time.perf_counter() - started
    assert [p.code for p in result.errors] == ["INGEST_ARCHIVE_TOO_LARGE"]
    assert result.errors[0].params["size_mb"] == "144.0"
    assert elapsed < 1.0
