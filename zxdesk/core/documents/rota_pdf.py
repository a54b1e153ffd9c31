"""The month's duty rota (一月一轮值) as an A4 landscape PDF: a calendar, then the full list."""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Sequence
from typing import Protocol

from .sheet_style import FONT, escape, footer_painter, styles

MAX_NAMES_PER_DAY = 6
MIN_LINES = 4
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class RotaLine(Protocol):
    duty_on: dt.date
    member_name: str

    @property
    def where(self) -> str: ...


def build_rota_pdf(committee: str, year: int, month: int, entries: Sequence[RotaLine], *,
                   station_label: str = "", printed_on: dt.date | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = styles()
    printed_on = printed_on or dt.date.today()
    by_day: dict[dt.date, list[RotaLine]] = {}
    for e in entries:
        by_day.setdefault(e.duty_on, []).append(e)

    page = landscape(A4)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=14 * mm, title=f"{year}年{month}月委员轮值表", author=committee)
    width = page[0] - doc.leftMargin - doc.rightMargin
    story = [Paragraph(escape(f"{year}年{month}月委员轮值表"), st["title"]),
             Paragraph(escape(f"{committee}{'　' + station_label if station_label else ''}　一月一轮值"),
                       st["subtitle"])]

    rows = [[Paragraph(d, st["head"]) for d in WEEKDAYS]]
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append("")
                continue
            parts = [Paragraph(str(day.day), st["day"])]
            lines = by_day.get(day, [])
            for e in lines[:MAX_NAMES_PER_DAY]:
                parts.append(Paragraph(escape(f"{e.member_name}　{e.where}"), st["small"]))
            if len(lines) > MAX_NAMES_PER_DAY:
                parts.append(Paragraph(f"……另 {len(lines) - MAX_NAMES_PER_DAY} 人，见明细", st["muted"]))
            shown = min(len(lines), MAX_NAMES_PER_DAY + 1)
            parts.append(Spacer(1, max(2, (MIN_LINES - shown) * 10)))  # cells keep a readable minimum height
            cells.append(parts)
        rows.append(cells)
    grid = Table(rows, colWidths=[width / 7] * 7, repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#666666")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7")),
        ("BACKGROUND", (5, 1), (6, -1), colors.HexColor("#FAF6EC")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story.append(grid)

    if entries:
        story += [Spacer(1, 6 * mm), Paragraph("值班安排明细", st["head"]), Spacer(1, 2 * mm)]
        detail = [[Paragraph(h, st["head"]) for h in ("日期", "星期", "值班委员", "值班地点")]]
        for e in sorted(entries, key=lambda x: (x.duty_on, x.where, x.member_name)):
            detail.append([e.duty_on.strftime("%Y-%m-%d"), WEEKDAYS[e.duty_on.weekday()],
                           Paragraph(escape(e.member_name), st["body"]), Paragraph(escape(e.where), st["body"])])
        table = Table(detail, colWidths=[30 * mm, 22 * mm, 50 * mm, width - 102 * mm], repeatRows=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        story.append(table)
    else:
        story += [Spacer(1, 6 * mm), Paragraph("本月尚未安排值班。", st["body"])]

    footer = f"{committee}　打印日期：{printed_on.isoformat()}"

    on_page = footer_painter(footer, page[0])

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
