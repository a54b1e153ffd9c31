"""The yearly assessment as .xlsx: the ranked table, those who fall short, the selection."""

from __future__ import annotations

from pathlib import Path

from ..storage.database import Database
from .export import check_target, save_workbook, write_table


def export_assessment(db: Database, year: int, path: str | Path) -> int:
    """Write the assessment of a year; returns the number of members assessed."""
    import openpyxl
    from openpyxl.styles import Font

    from ..services.assessment import assess_year

    target = check_target(path)
    a = assess_year(db, year)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"{year}年度考核"
    headers = ["名次", "姓名", "界别"] + [r.label for r in a.rules] + ["积分", "是否达标", "优秀委员", "评选理由"]
    rows = [[r.rank, r.name, r.sector] + ["✓" if r.met[x.code] else "✗" for x in a.rules]
            + [r.points, "达标" if r.passed else "未达标", "是" if r.selected else "", r.reason] for r in a.rows]
    widths = {0: 6, 1: 10, 2: 16} | {3 + i: 12 for i in range(len(a.rules))}
    n = 3 + len(a.rules)
    widths |= {n: 8, n + 1: 10, n + 2: 10, n + 3: 30}
    write_table(ws, f"{year}年度委员履职考核结果（共 {len(a.rows)} 人，达标 {len(a.rows) - len(a.short)} 人）",
                headers, rows, widths=widths)
    red = Font(color="C00000")
    for r in range(3, len(rows) + 3):
        for c in range(4, 4 + len(a.rules)):
            if ws.cell(r, c).value == "✗":
                ws.cell(r, c).font = red

    short = wb.create_sheet("未达标委员")
    write_table(short, f"{year}年度未达标委员（{len(a.short)} 人）", ["姓名", "界别", "未完成的项目", "积分"],
                [[r.name, r.sector, "、".join(r.missing), r.points] for r in a.short],
                widths={0: 10, 1: 16, 2: 60, 3: 8})
    chosen = wb.create_sheet("优秀委员")
    write_table(chosen, f"{year}年度优秀委员（{len(a.selected)} 人）", ["名次", "姓名", "界别", "积分", "评选理由"],
                [[r.rank, r.name, r.sector, r.points, r.reason] for r in a.selected],
                widths={0: 6, 1: 10, 2: 16, 3: 8, 4: 50})
    save_workbook(wb, target)
    return len(a.rows)
