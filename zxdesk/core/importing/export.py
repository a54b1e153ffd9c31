"""Writing members and import rejections to .xlsx, in a layout the importer reads back.

The member export has a title row, then a header named as the importer expects, one
member per row. ID numbers, phones and birth months are written as text cells so Excel
never turns them into numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import ValidationError
from ..storage.database import Database
from .headers import FIELDS

EXPORT_FIELDS = ("name", "gender", "ethnicity", "birth", "party", "sector", "unit", "title", "phone", "id_number",
                 "education", "level", "term", "role", "status", "station", "joined_on", "left_on", "note")
_TEXT_FIELDS = {"phone", "id_number", "birth"}
_WIDTHS = {"name": 10, "unit": 28, "title": 16, "phone": 15, "id_number": 21, "sector": 14, "station": 18,
           "note": 24, "party": 12, "joined_on": 12, "left_on": 12}


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "title": Font(name="宋体", size=16, bold=True),
        "head": Font(name="宋体", bold=True),
        "fill": PatternFill("solid", fgColor="DDE7F3"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center"),
    }


def check_target(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise ValidationError("导出文件名须以 .xlsx 结尾", "the export file must end in .xlsx")
    if not p.parent.exists():
        raise ValidationError(f"文件夹不存在：{p.parent}", f"folder not found: {p.parent}")
    return p


def save_workbook(wb, path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(path)
    except PermissionError as exc:
        raise ValidationError(f"无法写入 {path.name}（文件可能正在 Excel 中打开）",
                              f"cannot write {path.name}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def write_table(ws, title: str, headers: list[str], rows: list[list[object]], *, text_cols: set[int] = frozenset(),
                widths: dict[int, int] | None = None) -> None:
    """A title row merged across, a styled header, then the rows (text columns stay text)."""
    from openpyxl.utils import get_column_letter

    st = _styles()
    ncols = max(len(headers), 1)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(1, 1).font = st["title"]
    ws.cell(1, 1).alignment = st["center"]
    ws.row_dimensions[1].height = 28
    ws.append(headers)
    for c in range(1, ncols + 1):
        cell = ws.cell(2, c)
        cell.font, cell.fill, cell.border, cell.alignment = st["head"], st["fill"], st["border"], st["center"]
    for row in rows:
        ws.append(row)
    for c in text_cols:
        for r in range(3, len(rows) + 3):
            ws.cell(r, c + 1).number_format = "@"
    for c in range(ncols):
        ws.column_dimensions[get_column_letter(c + 1)].width = (widths or {}).get(c, 12)
    ws.freeze_panes = "B3"


def export_members(db: Database, path: str | Path, flt=None) -> int:
    """Write the members passing ``flt`` (all live members by default); return the count."""
    import openpyxl

    from ..services.members import MemberFilter, list_members

    target = check_target(path)
    members = list_members(db, flt or MemberFilter())
    headers = ["序号"] + [FIELDS[f] for f in EXPORT_FIELDS]
    rows = []
    for i, m in enumerate(members, 1):
        rows.append([i] + [getattr(m, f) if getattr(m, f) is not None else "" for f in EXPORT_FIELDS])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "委员名册"
    text_cols = {i + 1 for i, f in enumerate(EXPORT_FIELDS) if f in _TEXT_FIELDS}
    widths = {i + 1: _WIDTHS.get(f, 10) for i, f in enumerate(EXPORT_FIELDS)}
    widths[0] = 6
    write_table(ws, f"政协委员名册（{dt.date.today().isoformat()} 导出，共 {len(members)} 人）", headers, rows,
                text_cols=text_cols, widths=widths)
    for r in range(3, len(rows) + 3):
        for c, f in enumerate(EXPORT_FIELDS, 2):
            if f in ("joined_on", "left_on") and ws.cell(r, c).value:
                ws.cell(r, c).number_format = "yyyy-mm-dd"
    save_workbook(wb, target)
    return len(members)


def export_rejections(report, headers: list[str], path: str | Path) -> int:
    """The rejected rows as they were in the file, with the reason first; return the count."""
    import openpyxl

    target = check_target(path)
    rejected = report.rejected
    rows = [[o.line, o.reason] + list(o.cells) for o in rejected]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "未导入"
    text_cols = set(range(2, len(headers) + 2))
    widths = {0: 8, 1: 40} | {i: 14 for i in range(2, len(headers) + 2)}
    write_table(ws, f"未能导入的行（{report.filename}，共 {len(rejected)} 行）", ["原行号", "原因", *headers], rows,
                text_cols=text_cols, widths=widths)
    save_workbook(wb, target)
    return len(rejected)
