"""The mediation ledger (矛盾纠纷调解台账) as a PDF. Parties are always masked (张**);
case summaries are left off because they name people."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from .masking import mask_name, split_names
from ..domain.vocab import MEDIATION_OUTCOMES
from .sheet_style import FONT, escape, footer_painter, styles

HEADERS = ("序号", "受理日期", "当事人", "纠纷类型", "调解地点", "调解委员", "调解结果", "结案日期")


def build_mediation_pdf(committee: str, cases: Sequence, *, period_label: str = "",
                        printed_on: dt.date | None = None) -> bytes:
    """``cases``: objects with opened_on, closed_on, parties, dispute_type, place,
    station_name, mediator_names and outcome (MediationRow)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = styles()
    printed_on = printed_on or dt.date.today()
    page = landscape(A4)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=14 * mm, title="矛盾纠纷调解台账", author=committee)
    width = page[0] - doc.leftMargin - doc.rightMargin
    counts = {code: sum(1 for c in cases if c.outcome == code) for code in MEDIATION_OUTCOMES}
    pending = sum(1 for c in cases if not c.outcome)
    summary = (f"共 {len(cases)} 件：" + "，".join(f"{label} {counts[code]} 件" for code, label in MEDIATION_OUTCOMES.items())
               + f"，调解中 {pending} 件")
    story = [Paragraph("矛盾纠纷调解台账", st["title"]),
             Paragraph(escape(f"{committee}{'　' + period_label if period_label else ''}"), st["subtitle"]),
             Paragraph(escape(summary), st["body"]), Spacer(1, 3 * mm)]
    rows = [[Paragraph(h, st["head"]) for h in HEADERS]]
    for i, c in enumerate(cases, 1):
        where = c.place or c.station_name
        if c.place and c.station_name:
            where = f"{c.station_name}（{c.place}）"
        rows.append([
            str(i), c.opened_on.isoformat(), Paragraph(escape("、".join(mask_name(n) for n in split_names(c.parties))), st["body"]),
            Paragraph(escape(c.dispute_type), st["body"]), Paragraph(escape(where), st["body"]),
            Paragraph(escape(c.mediator_names), st["body"]), MEDIATION_OUTCOMES.get(c.outcome, "调解中"),
            c.closed_on.isoformat() if c.closed_on else "",
        ])
    fixed = [12 * mm, 24 * mm, 45 * mm, 28 * mm, 0, 45 * mm, 20 * mm, 24 * mm]
    fixed[4] = width - sum(fixed)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]))
    story.append(table)
    footer = f"{committee}　当事人信息已作脱敏处理　打印日期：{printed_on.isoformat()}"

    on_page = footer_painter(footer, page[0])

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
