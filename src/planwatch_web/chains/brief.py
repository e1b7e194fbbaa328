"""The chain brief (简报) for the 链长: the bulletin's document shape (``planwatch.report.document``),
rendered by the bulletin's own DOCX, HTML and PDF (WeasyPrint) renderers and fonts, so it has the
bulletin's official look."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from planwatch.chains.schema import Chain
from planwatch.report.document import Align, BulletinContext, Cell, Paragraph, Section, Table, Tone
from planwatch.report.renderers.docx import build_document
from planwatch.report.renderers.html import build_html
from planwatch.report.renderers.pdf import render as render_pdf_file
from planwatch_web.chains import data, pages
from planwatch_web.core.plan import get_plan


def _caption(number: int, title: str) -> str:
    """The brief's own table numbering (表N / Table N), apart from the plan's tables."""
    return _("表%(n)s　%(title)s") % {"n": number, "title": title}


def _cell(text: object, *, align: Align = Align.CENTER, tone: Tone = Tone.NONE) -> Cell:
    return Cell(str(text), tone=tone, align=align)


def brief_context(user: object, chain: Chain) -> BulletinContext:
    ws = pages.workspace(user, chain, None)
    plan = get_plan()
    name = ws["chain_name"]
    t = ws["t"]
    target_rows = tuple(
        (
            _cell(
                r["indicator_name"] + ("" if r["a"].scope_id == chain.id else f"（{r['scope_name']}）"),
                align=Align.LEFT,
            ),
            _cell(r["r"].target),
            _cell(r["r"].value),
            _cell(r["r"].completion),
            _cell(r["r"].time),
            _cell(r["r"].status),
            _cell(r["r"].projection),
        )
        for r in t["rows"]
    )
    s = ws["summary"]
    problem_rows = tuple(
        (
            _cell(f"#{row['item'].pk}"),
            _cell(row["item"].title, align=Align.LEFT),
            _cell(row["category"]),
            _cell(row["lead"]),
            _cell(row["item"].get_state_display()),
            _cell(row["item"].deadline.isoformat() if row["item"].deadline else "—"),
            _cell(_("逾期") if row["overdue"] else "", tone=Tone.RED if row["overdue"] else Tone.NONE),
        )
        for row in ws["items"]
        if row["item"].state != "closed"
    )
    gaps = list(dict.fromkeys(r["name"] for m in ws["maps"] for r in m["rows"] if r["gap"]))  # once each
    sections = (
        Section(
            "targets",
            _("一、目标与进度"),
            (
                Paragraph(
                    _("截至%(period)s，本链共有目标 %(n)s 项。")
                    % {"period": t["as_of_text"] or "—", "n": len(t["rows"])}
                ),
                Table(
                    "targets",
                    _caption(1, _("产业链目标完成情况")),
                    (_("指标"), _("目标"), _("最新值"), _("完成进度"), _("时序进度"), _("状态"), _("预测")),
                    target_rows,
                    (3, 1.4, 1.4, 1.1, 1.1, 1.2, 1.4),
                ),
            ),
        ),
        Section(
            "chain",
            _("二、链条与招商"),
            (
                Paragraph(_("补链环节：%(gaps)s。") % {"gaps": "；".join(gaps) if gaps else _("规划未列明")}),
                Paragraph(
                    _("招商目标 %(n)s 个；扶持政策 %(p)s 件。")
                    % {"n": len(chain.investment_targets), "p": len(ws["policies"])}
                ),
                Table(
                    "enterprises",
                    _caption(2, _("重点企业")),
                    (_("企业"), _("县市区"), _("最新产值（亿元）"), _("增速")),
                    tuple(
                        (
                            _cell(x["e"].name + (_("（链主）") if x["leader"] else ""), align=Align.LEFT),
                            _cell(x["county"]),
                            _cell(x["output"]),
                            _cell(x["growth"]),
                        )
                        for x in ws["enterprises"][:10]
                    ),
                    (3, 1.2, 1.4, 1),
                ),
                Table(
                    "projects",
                    _caption(3, _("项目分阶段情况")),
                    (_("阶段"), _("项目数"), _("签约额（亿元）")),
                    tuple((_cell(x["stage"]), _cell(x["count"]), _cell(x["amount"])) for x in ws["projects"]),
                    (1, 1, 1),
                ),
            ),
        ),
        Section(
            "problems",
            _("三、问题清单办理情况"),
            (
                Paragraph(
                    _(
                        "共 %(total)s 个问题，未销号 %(open)s 个，其中逾期 %(overdue)s 个、督办 %(escalated)s 个。"
                    )
                    % s
                ),
                Table(
                    "problems",
                    _caption(4, _("未销号问题")),
                    (_("编号"), _("问题"), _("类别"), _("主办单位"), _("状态"), _("期限"), _("逾期")),
                    problem_rows,
                    (0.8, 3, 1, 2, 1, 1.3, 0.8),
                ),
            ),
        ),
    )
    as_of = t["as_of"]
    from planwatch.domain.periods import Period

    period = as_of if as_of is not None else Period.parse(str(data.today().year))
    synthetic = any(r["a"].synthetic for r in t["rows"])
    notice = _("本简报使用合成演示数据（synthetic demo data），不是真实统计数据。") if synthetic else None
    return BulletinContext(
        title=_("%(chain)s产业链工作简报") % {"chain": name},
        plan_id=plan.meta.id,
        plan_name=plan.meta.name,
        as_of=period,
        period_label=t["as_of_text"],
        synthetic=synthetic,
        notice=notice,
        sections=sections,
        footnotes=tuple(x for x in (notice, _("目标、进度与预测由规划监测平台按规划文件计算。")) if x),
        issued=data.today(),
    )


def render_html(user: object, chain: Chain) -> str:
    return build_html(brief_context(user, chain), fonts="embed")


def render_docx(user: object, chain: Chain) -> bytes:
    buffer = io.BytesIO()
    build_document(brief_context(user, chain)).save(buffer)
    return buffer.getvalue()


def render_pdf(user: object, chain: Chain) -> bytes:
    """The bulletin's PDF renderer (the HTML template with the font files, printed by WeasyPrint)."""
    with tempfile.TemporaryDirectory(prefix="planwatch-brief-") as out:
        return render_pdf_file(brief_context(user, chain), Path(out)).read_bytes()
