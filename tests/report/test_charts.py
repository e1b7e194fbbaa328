"""Charts: Chinese glyphs from the bundled fonts (never boxes), PNG at print resolution, from context data."""

from __future__ import annotations

import io
import subprocess
import warnings
from pathlib import Path

import pytest
from PIL import Image

from planwatch.report import charts
from planwatch.report.document import BarChart, BarItem, StatusChart, Tone, TrendChart, TrendPoint
from planwatch.report.fonts import cjk_fonts, matplotlib_families

TREND = TrendChart(
    title="湘西州工业增加值（亿元）",
    unit="亿元",
    actual=(TrendPoint(2019, 158.3, "2019年"), TrendPoint(2020, 164.3, "2020年"), TrendPoint(2024, 180.0, "2024年1—9月", True)),
    target_path=((2020, 164.3), (2025, 320.0)),
    target_label="2025年目标320亿元",
)
BARS = BarChart(
    title="各园区工业总产值目标完成进度",
    axis_label="完成进度（%）",
    items=(BarItem("永顺经开区", 84.4, "84.4%", Tone.GREEN), BarItem("凤凰产业开发区", 20.5, "20.5%", Tone.RED)),
    reference=80.0,
    reference_label="时序进度80.0%",
)
STATUS = StatusChart(
    title="目标进展状态",
    statuses=(BarItem("已实现", 1, "1"), BarItem("进展顺利", 22, "22"), BarItem("无数据", 3, "3")),
    lights=(BarItem("红灯", 2, "2", Tone.RED), BarItem("黄灯", 1, "1", Tone.YELLOW), BarItem("绿灯", 23, "23", Tone.GREEN)),
)


def test_the_bundled_cjk_fonts_are_found_and_registered() -> None:
    fonts = cjk_fonts()
    assert fonts.origin == "pip"
    assert fonts.sans is not None and fonts.sans.family == "Noto Sans SC" and fonts.sans.path.is_file()
    families = matplotlib_families()
    assert families[0] == "Noto Sans SC"
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False)
    assert Path(found) == fonts.sans.path


def test_charts_draw_chinese_without_missing_glyphs() -> None:
    # png_bytes is cached; call the undecorated function so the drawing really happens here
    for spec in (TREND, BARS, STATUS):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            data = charts.png_bytes.__wrapped__(spec)
        missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
        assert missing == [], missing
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG"
        # 6.3 in at 200 dpi ≈ 1260 px wide before the tight crop
        assert 900 < image.size[0] <= 1300
        dpi = image.info.get("dpi", (0, 0))
        assert round(dpi[0]) == charts.DPI


def test_render_chart_writes_the_file(tmp_path: Path) -> None:
    path = charts.render_chart(BARS, tmp_path / "sub" / "parks.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_system_fonts_are_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.report import fonts

    listing = (
        "/usr/share/fonts/wqy/wqy-microhei.ttc: WenQuanYi Micro Hei,文泉驛微米黑\n"
        "/usr/share/fonts/noto/NotoSerifCJK-Regular.ttc: Noto Serif CJK SC,Noto Serif CJK SC Regular\n"
        "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular\n"
    )
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(
        fonts.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=listing, stderr="")
    )
    found = fonts._system_fonts()
    assert found.origin == "system"
    assert found.sans is not None and found.sans.family == "Noto Sans CJK SC"  # preferred over WenQuanYi
    assert found.serif is not None and found.serif.path.name == "NotoSerifCJK-Regular.ttc"
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts._system_fonts().origin == "none"
