"""Reading the first sheet of a roster (.xlsx, .xls, .csv) into rows of cell values.

Merged cells are filled with their top-left value, so a sector merged down five rows
gives all five members that sector. Cell values keep their type: str, int, float,
datetime or None; ``two_decimals`` notes number cells shown with two decimals (a
1975.10 stored as 1975.1). .xlsx files are read with a streaming reader of the sheet
XML (three times faster than openpyxl on a 10,000-row roster); a file it cannot read is
read again with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ValidationError

log = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt")
MAX_BYTES = 100 * 1024 * 1024


@dataclass
class RawSheet:
    rows: list[list[object]]
    sheet_name: str = ""
    encoding: str = ""  # CSV only
    two_decimals: set[tuple[int, int]] = field(default_factory=set)


def fill_merged(rows: list[list[object]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's top-left value into its other cells (0-based, inclusive)."""
    for r0, c0, r1, c1 in ranges:
        if r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if r != r0 or c != c0:
                    row[c] = value


def read_sheet(path: str | Path) -> RawSheet:
    """Rows of the first visible sheet; raises ValidationError with a Chinese reason."""
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"找不到文件：{p}", f"file not found: {p}")
    if p.stat().st_size > MAX_BYTES:
        raise ValidationError("文件过大（超过 100 MB）", "file too large")
    suffix = p.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(p)
        if suffix == ".xls":
            return _read_xls(p)
        if suffix in (".csv", ".txt"):
            return read_csv_bytes(p.read_bytes())
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad file for the user
        raise ValidationError(f"无法读取表格文件：{p.name}（文件已损坏或格式不对）",
                              f"cannot read {p.name}: {exc}") from exc
    raise ValidationError(f"不支持的文件类型：{p.suffix or '无扩展名'}（支持 .xlsx、.xls、.csv）",
                          f"unsupported file type {p.suffix}")


def _read_xlsx(path: Path) -> RawSheet:
    from .xlsx_fast import read_first_sheet

    try:
        return read_first_sheet(path)
    except Exception as exc:  # noqa: BLE001 - fall back to the full reader
        log.info("fast xlsx reader failed on %s (%s); using openpyxl", path, exc)
    return _read_xlsx_openpyxl(path)


def _read_xlsx_openpyxl(path: Path) -> RawSheet:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        ws = next((s for s in wb.worksheets if s.sheet_state == "visible"), wb.worksheets[0])
        rows: list[list[object]] = []
        two: set[tuple[int, int]] = set()
        for r, row in enumerate(ws.iter_rows()):
            values = []
            for c, cell in enumerate(row):
                values.append(cell.value)
                if isinstance(cell.value, float) and cell.number_format in ("0.00", "#,##0.00"):
                    two.add((r, c))
            rows.append(values)
        ranges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        fill_merged(rows, ranges)
        return RawSheet(rows, ws.title, two_decimals=two)
    finally:
        wb.close()


def _read_xls(path: Path) -> RawSheet:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    try:
        sheet = book.sheet_by_index(0)
        rows: list[list[object]] = []
        two: set[tuple[int, int]] = set()
        for r in range(sheet.nrows):
            values: list[object] = []
            for c, cell in enumerate(sheet.row(r)):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    values.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    value = cell.value
                    values.append(int(value) if float(value).is_integer() and abs(value) < 1e15 else value)
                    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
                    if fmt is not None and fmt.format_str in ("0.00", "#,##0.00"):
                        two.add((r, c))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    values.append(None)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    values.append(bool(cell.value))
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    values.append(None)
                else:
                    values.append(cell.value)
            rows.append(values)
        ranges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        fill_merged(rows, ranges)
        return RawSheet(rows, sheet.name, two_decimals=two)
    finally:
        book.release_resources()


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM) if it decodes, else detected (GBK family)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = (best.encoding if best is not None else "gb18030").lower()
    if encoding in ("gbk", "gb2312", "cp936", "hz", "gb18030") or best is None:
        encoding = "gb18030"  # a superset of GBK and GB2312
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise ValidationError("无法识别 CSV 文件的编码（请另存为 UTF-8 或 GBK）",
                                  "cannot detect the CSV encoding") from exc


def read_csv_bytes(data: bytes) -> RawSheet:
    text, encoding = decode_csv(data)
    sample = text[:20_000]
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=counts.__getitem__) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[object]] = [[cell if cell != "" else None for cell in row] for row in reader]
    return RawSheet(rows, "", encoding=encoding)


def as_text(value: object) -> str:
    """A cell shown as text, the way a clerk would read it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if not value.is_integer() or abs(value) >= 1e15 else str(int(value))
    return str(value)
