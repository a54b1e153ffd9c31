"""A streaming reader of the first visible sheet of an .xlsx file (values only).

Reads the workbook's sheet list, shared strings, the styles that mark date and
two-decimal number formats, the cells and the merged ranges, with the standard
library's iterparse. Anything unexpected raises, and the caller falls back to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

from .sheets import RawSheet, fill_merged

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# Built-in number formats that are dates: the international ones and the Chinese-locale ones.
_DATE_IDS = set(range(14, 23)) | set(range(27, 32)) | {36} | set(range(45, 48)) | set(range(50, 59))
_TWO_DECIMAL_IDS = {2, 4}
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _ns(tag: str) -> str:
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _first_sheet(z: zipfile.ZipFile) -> tuple[str, str, bool]:
    """(sheet name, zip path, 1904 date system)."""
    rels = {}
    for _ev, el in iterparse(z.open("xl/_rels/workbook.xml.rels")):
        if el.tag == _PKG_REL + "Relationship":
            rels[el.get("Id")] = el.get("Target")
    sheets = []
    date1904 = False
    for _ev, el in iterparse(z.open("xl/workbook.xml")):
        local = el.tag.rsplit("}", 1)[-1]
        if local == "workbookPr":
            date1904 = el.get("date1904") in ("1", "true")
        elif local == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            sheets.append((el.get("name", ""), rels.get(rid, ""), el.get("state", "visible")))
    name, target, _state = next((s for s in sheets if s[2] == "visible"), sheets[0])
    target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return name, target, date1904


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    name = next((n for n in z.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    if name is None:
        return []
    out: list[str] = []
    for _ev, el in iterparse(z.open(name)):
        if el.tag.endswith("}si"):
            ns = _ns(el.tag)
            # Rich text runs (r/t) are joined; phonetic runs (rPh) are not text.
            parts = [t.text or "" for t in el.iter(ns + "t")]
            for rph in el.iter(ns + "rPh"):
                for t in rph.iter(ns + "t"):
                    if t.text:
                        parts.remove(t.text)
            out.append("".join(parts))
            el.clear()
    return out


def _styles(z: zipfile.ZipFile) -> tuple[set[int], set[int]]:
    """(style indexes with a date format, style indexes with a two-decimal format)."""
    if "xl/styles.xml" not in z.namelist():
        return set(), set()
    from openpyxl.styles.numbers import is_date_format

    custom: dict[int, str] = {}
    xfs: list[int] = []
    in_cell_xfs = False
    for ev, el in iterparse(z.open("xl/styles.xml"), events=("start", "end")):
        local = el.tag.rsplit("}", 1)[-1]
        if local == "cellXfs":
            in_cell_xfs = ev == "start"
        elif ev == "end" and local == "numFmt":
            custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
        elif ev == "end" and local == "xf" and in_cell_xfs:
            xfs.append(int(el.get("numFmtId", "0")))
    dates, two = set(), set()
    for index, fmt_id in enumerate(xfs):
        code = custom.get(fmt_id)
        if (code is not None and is_date_format(code)) or (code is None and fmt_id in _DATE_IDS):
            dates.add(index)
        if fmt_id in _TWO_DECIMAL_IDS or (code is not None and code in ("0.00", "#,##0.00")):
            two.add(index)
    return dates, two


def _number(text: str) -> int | float:
    value = float(text)
    if value.is_integer() and abs(value) < 1e15 and "E" not in text.upper():
        return int(value)
    return value


def read_first_sheet(path: Path) -> RawSheet:
    with zipfile.ZipFile(path) as z:
        name, target, date1904 = _first_sheet(z)
        strings = _shared_strings(z)
        date_styles, two_styles = _styles(z)
        epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        rows: list[list[object]] = []
        two: set[tuple[int, int]] = set()
        merged: list[tuple[int, int, int, int]] = []
        for _ev, el in iterparse(z.open(target)):
            tag = el.tag
            if tag.endswith("}row"):
                ns = _ns(tag)
                r_attr = el.get("r")
                r = int(r_attr) - 1 if r_attr else len(rows)
                while len(rows) < r:
                    rows.append([])
                values: list[object] = []
                for c in el:
                    ref = c.get("r")
                    col = _col_index(_CELL_REF.match(ref).group(1)) if ref else len(values)
                    if col > len(values):
                        values.extend([None] * (col - len(values)))
                    kind = c.get("t", "n")
                    v = c.find(ns + "v")
                    text = v.text if v is not None else None
                    style = int(c.get("s", "0"))
                    value: object
                    if kind == "s":
                        value = strings[int(text)] if text is not None else None
                    elif kind == "inlineStr":
                        value = "".join(t.text or "" for t in c.iter(ns + "t"))
                    elif kind in ("str", "e"):
                        value = text if kind == "str" else None
                    elif kind == "b":
                        value = text == "1"
                    elif text is None or text == "":
                        value = None
                    elif kind == "d":
                        value = dt.datetime.fromisoformat(text)
                    elif style in date_styles:
                        value = epoch + dt.timedelta(days=float(text))
                    else:
                        value = _number(text)
                        if style in two_styles and isinstance(value, float):
                            two.add((r, col))
                    values.append(value)
                rows.append(values)
                el.clear()
            elif tag.endswith("}mergeCell"):
                a, _, b = el.get("ref", "").partition(":")
                ma, mb = _CELL_REF.match(a), _CELL_REF.match(b or a)
                merged.append((int(ma.group(2)) - 1, _col_index(ma.group(1)),
                               int(mb.group(2)) - 1, _col_index(mb.group(1))))
        fill_merged(rows, merged)
        return RawSheet(rows, name, two_decimals=two)
