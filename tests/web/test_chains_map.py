"""The chain map through HTTP: the register's enterprises at each node (链主 marked, latest output and
growth), nodes with none as 补链 gaps (docs/chains.md, "The chain map")."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from planwatch_web.accounts.models import User
from planwatch_web.registry.models import Enterprise, EnterpriseChainNode

pytestmark = pytest.mark.django_db

CHAIN = "new_materials"  # nine nodes in the chain file, none marked weak or missing


def _firm(uscc: str, name: str, nodes: list[tuple[str, str]], **fields: object) -> Enterprise:
    e = Enterprise.objects.create(uscc=uscc, name=name, county="huayuan", chain=CHAIN, **fields)
    for chain, node in nodes:
        EnterpriseChainNode.objects.create(enterprise=e, chain=chain, node=node)
    return e


@pytest.fixture
def register() -> None:
    _firm("91433100MA4L000001", "（测试）锰业甲", [(CHAIN, "mn_ore"), (CHAIN, "mn_metal")],
          is_chain_leader=True, output={"2023": 8000, "2024": 10000})
    _firm("91433100MA4L000002", "（测试）锰业乙", [(CHAIN, "mn_metal")], output={"2024": 30000, "2025": 27000})
    _firm("91433100MA4L000003", "（测试）锌业丙", [(CHAIN, "zinc")], output={})
    kept = _firm("91433100MA4L000004", "（测试）钒业丁", [])
    _firm("91433100MA4L000005", "（测试）钒业戊（已合并）", [(CHAIN, "vanadium")], merged_into=kept)
    _firm("91433100MA4L000006", "（测试）酒业己", [("liquor", "liquor_making")])


def _row(page: str, node: str) -> str:
    match = re.search(rf'<tr class="[^"]*" data-node="{node}">(.*?)</tr>', page)
    assert match, node
    return match.group(1)


def test_the_map_shows_enterprises_per_node_and_the_gaps(users: dict[str, User], register: None) -> None:
    c = Client()
    c.force_login(users["chain"])
    page = c.get(f"/chains/{CHAIN}/").content.decode()
    chain_map = page[page.index('id="map-chain_map"'):page.index('id="map-investment_map"')]
    # 9 nodes; with enterprises: mn_ore (甲), mn_metal (甲, 乙), zinc (丙) = 3; gaps 9 − 3 = 6
    # (vanadium's only firm is merged into 丁, which sits at no node).
    assert "9 个节点：3 个有企业，6 个待补链。" in chain_map
    metal = _row(chain_map, "mn_metal")
    # 甲 is 链主 and comes first: 10000 万元 = 1.00 亿元, 10000 / 8000 − 1 = 25.0%;
    # 乙: 27000 万元 = 2.70 亿元, 27000 / 30000 − 1 = −10.0%.
    assert '<td class="num">2</td>' in metal
    assert metal.index("锰业甲") < metal.index("锰业乙")
    assert '（测试）锰业甲 <strong class="tag">链主</strong> 1.00 · 25.0%' in metal
    assert "（测试）锰业乙 2.70 · -10.0%" in metal
    assert "补链" not in metal
    zinc = _row(chain_map, "zinc")
    assert '<td class="num">1</td>' in zinc and "（测试）锌业丙 — · —" in zinc  # no output in the register
    for gap in ("mn_salts", "mn_battery", "al_powder", "al_composite", "vanadium", "slag"):
        row = _row(chain_map, gap)
        assert '<td class="num">0</td>' in row and '<strong class="tag">补链</strong>' in row, gap
    assert "钒业戊" not in page  # merged: neither on the map nor in the enterprise list
    assert "酒业己" not in chain_map
    # The 招商路线图 (view: gaps) lists exactly the six empty nodes.
    investment = page[page.index('id="map-investment_map"'):]
    investment = investment[:investment.index("</table>")]
    assert "6 个节点：0 个有企业，6 个待补链。" in investment
    assert sorted(re.findall(r'data-node="(\w+)"', investment)) == sorted(
        ["mn_salts", "mn_battery", "al_powder", "al_composite", "vanadium", "slag"])


def test_the_brief_names_the_gaps(users: dict[str, User], register: None) -> None:
    c = Client()
    c.force_login(users["chain"])
    brief = c.get(f"/chains/{CHAIN}/brief.html").content.decode()
    # The six empty nodes once each (both maps show them), by stage then in the file's order; node
    # names hold 、, so the brief separates them with ；.
    assert (
        "补链环节：高纯四氧化三锰、锰锌软磁铁氧体；超微细球形铝粉、高纯铝、铝箔；电池级碳酸锰、氯化锰、硫酸锰；"
        "碳化硅铝基复合材料、背铝浆料；钒电池、钒化工颜料、钒钛合金；冶炼废渣综合利用。"
    ) in brief


def test_another_chain_s_map_is_closed(users: dict[str, User], register: None) -> None:
    c = Client()
    c.force_login(users["chain"])
    assert c.get("/chains/liquor/").status_code == 403


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdffonts) is not installed")
def test_the_brief_in_pdf(users: dict[str, User], register: None, tmp_path: Path) -> None:
    c = Client()
    c.force_login(users["chain"])
    r = c.get(f"/chains/{CHAIN}/brief.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == f'attachment; filename="brief-{CHAIN}.pdf"'
    assert r.content[:5] == b"%PDF-"
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(r.content)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert "绿色矿业及新材料产业链工作简报" in text
    assert "（测试）锰业甲（链主）" in text and "重点企业" in text and "问题清单办理情况" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = [line for line in fonts.splitlines()[2:] if "PW-" in line]  # the bulletin's CJK font families
    assert any("PW-Serif" in line for line in lines) and any("PW-Sans" in line for line in lines)
    assert all(line.split()[-5] == "yes" for line in lines)  # embedded
    # Closed to another chain's chief, as the HTML and DOCX are.
    assert c.get("/chains/liquor/brief.pdf").status_code == 403
    anonymous = Client().get(f"/chains/{CHAIN}/brief.pdf")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
