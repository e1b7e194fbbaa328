"""Register against microdata: 规上 status against revenue, unknown enterprises, counties."""

from __future__ import annotations

from pathlib import Path

from planwatch.enterprises.disagreements import disagreements
from planwatch.enterprises.microdata_years import read_enterprise_years
from planwatch.enterprises.read import read_register
from planwatch.plan.load import load_plan

A = "91433101MA4L7Q2R6E"  # 吉首
B = "91433122MA4L8B3KXC"  # 泸溪
C = "91433124MA4L9C4M06"  # 花垣, not in the register


def micro(path: Path) -> Path:
    lines = ["统一社会信用代码,企业名称,县市区,月份,工业总产值,工业增加值,营业收入,研发费用"]
    for m in range(1, 13):
        lines.append(f"{A},甲,吉首市,2023-{m:02d},200,50,200,10")  # 12 × 200 = 2400 ≥ 2000
        lines.append(f"{B},乙,吉首市,2023-{m:02d},100,25,100,0")  # 12 × 100 = 1200 < 2000; county differs
    lines.append(f"{C},丙,花垣县,2023-01,50,10,50,0")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_disagreements(tmp_path: Path) -> None:
    plan = load_plan(None)
    reg = tmp_path / "r.csv"
    # A is not recorded 规上 in 2024 although 2023 revenue 2400 ≥ 2000; B is recorded 规上 from 2024-01
    # although its 2023 revenue was 1200
    reg.write_text(f"统一社会信用代码,企业名称,县市区,入规年月\n{A},甲,吉首市,\n{B},乙,泸溪县,2024-01\n", encoding="utf-8")
    register = read_register([reg], plan)
    years = read_enterprise_years([micro(tmp_path / "m.csv")], plan)
    assert years[(A, 2023)].revenue == 2400.0 and years[(A, 2023)].rd == 120.0 and years[(A, 2023)].months == 12
    found = {(p.code, p.params.get("code")) for p in disagreements(register.enterprises, years, plan)}
    assert found == {
        ("REG_MICRO_SCALE_NOT_RECORDED", A),
        ("REG_MICRO_SCALE_BELOW", B),
        ("REG_MICRO_COUNTY", B),
        ("REG_MICRO_UNKNOWN", C),
    }
    below = next(p for p in disagreements(register.enterprises, years, plan) if p.code == "REG_MICRO_SCALE_BELOW")
    assert "2023年营业收入仅 1,200 万元" in below.message()
