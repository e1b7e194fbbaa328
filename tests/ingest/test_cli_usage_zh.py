"""Usage errors through ``planwatch``'s entry point: Chinese sentences (English with --lang en), exit 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planwatch.cli import main


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["planwatch", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "--bogus"], "错误：没有选项 --bogus"),
        (["nosuch"], "错误：没有命令「nosuch」"),
        (["aggregate", "--microdata", "x.csv", "--out", "o.csv", "--threads", "abc"], "错误：参数 --threads 的值无效：「abc」不是整数"),
        (["assess", "--as-of", "2024", "--format", "xml"], "错误：参数 --format 的值无效：「xml」不是可选值之一"),
        (["aggregate", "--out", "o.csv"], "错误：缺少必填的参数 --microdata"),
        (["assess", "--as-of"], "错误：选项 --as-of 需要一个值"),
    ],
)
def test_usage_errors_in_chinese(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(args, monkeypatch, capsys)
    assert code == 2
    assert message in err
    assert "Error:" not in err and "Invalid value" not in err


def test_out_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["template", "--out", str(tmp_path), "--scope", "吉首市", "--period", "2024Q3"], monkeypatch, capsys)
    assert code == 2
    assert f"错误：参数 --out 的值无效：「{tmp_path}」是目录，不是文件" in err


def test_english_on_request(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["aggregate", "--microdata", "x.csv", "--out", "o.csv", "--threads", "abc", "--lang", "en"], monkeypatch, capsys)
    assert code == 2
    assert "Invalid value for '--threads'" in err


def test_help_still_exits_zero(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["planwatch", "--help"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 0
    assert "planwatch" in capsys.readouterr().out
