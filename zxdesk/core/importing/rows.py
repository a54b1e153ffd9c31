"""Turning one roster row into clean member values, or a reason it cannot be imported.

Handles what real rosters hold: blank rows, 合计/填表人 footers, the header repeated on
each printed page, full-width digits and stray spaces, dates in every notation, gender
taken from the ID number, and ID numbers that Excel has damaged (refused, never stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.identity import EXCEL_DAMAGED, check_id_number, damaged_by_excel, id_birth_month
from ..domain.member_fields import MEMBER_LABELS
from ..domain.member_form import MemberDraft, validate_member
from ..domain.text_norm import clean_name, clean_text
from ..domain.year_month import DateText, parse_date, parse_year_month
from .headers import MULTI, normalize_header
from .sheets import as_text

FOOTER_WORDS = ("合计", "总计", "小计", "共计", "填表人", "填报人", "制表", "审核", "负责人", "联系人", "注:",
                "说明:", "单位盖章", "盖章")
# Draft fields filled straight from text (the rest need parsing).
_TEXT_FIELDS = ("ethnicity", "party", "unit", "title", "education", "level", "term", "role", "status", "note")


@dataclass
class ParsedRow:
    line: int  # row number in the sheet, 1-based, as the clerk sees it
    raw: list[object]  # the cells as read
    kind: str = "data"  # data | blank | footer | header
    values: dict[str, object] = field(default_factory=dict)  # only fields the file gives
    error: str = ""

    @property
    def cells(self) -> list[str]:
        """The row as text, for the rejection list."""
        return [as_text(v) for v in self.raw]

    @property
    def name(self) -> str:
        return str(self.values.get("name", "")) or next((c for c in self.cells if c), "")


def _by_field(row: list[object], mapping: list[str]) -> dict[str, list[tuple[int, object]]]:
    out: dict[str, list[tuple[int, object]]] = {}
    for col, key in enumerate(mapping):
        if key and col < len(row):
            value = row[col]
            if value is None or (value.__class__ is str and not value.strip()):
                continue
            out.setdefault(key, []).append((col, value))
    return out


def _is_footer(row: list[object]) -> bool:
    for value in row:
        text = normalize_header(value) if value is not None else ""
        if text:
            return text.startswith(FOOTER_WORDS)
    return False


def _birth(raw: object, two: bool, id_number: str) -> str:
    """YYYY-MM; 1975.1 typed in a number cell reads as October if the ID number says so."""
    value = parse_year_month(raw, two_decimals=two)
    if id_number and isinstance(raw, float) and not two and value.endswith("-01"):
        october = parse_year_month(raw, two_decimals=True)
        if october == id_birth_month(id_number):
            return october
    return value


def parse_row(line: int, row: list[object], mapping: list[str], two_decimals: set[tuple[int, int]],
              row_index: int) -> ParsedRow:
    parsed = ParsedRow(line, row)
    if not any(c is not None and (c.__class__ is not str or c.strip()) for c in row):
        parsed.kind = "blank"
        return parsed
    if _is_footer(row):
        parsed.kind = "footer"
        return parsed
    got = _by_field(row, mapping)
    if not got:
        parsed.kind = "blank"  # only a 序号 or unmapped notes
        return parsed
    names = got.get("name", [])
    if names and normalize_header(names[0][1]) in ("姓名", "名字", "委员姓名"):
        parsed.kind = "header"  # the header repeated on a printed page
        return parsed
    errors: list[str] = []
    text = {k: (clean_text("、".join(as_text(v) for _c, v in vals)) if k in MULTI else as_text(vals[0][1]))
            for k, vals in got.items()}

    id_number = ""
    if "id_number" in got:
        raw_id = got["id_number"][0][1]
        if damaged_by_excel(raw_id):
            parsed.values = {"name": clean_name(text.get("name", ""))}
            parsed.error = EXCEL_DAMAGED
            return parsed
        idc = check_id_number(as_text(raw_id))
        if not idc.ok:
            errors.append(idc.error)
        else:
            id_number = idc.value

    birth = ""
    if "birth" in got:
        col, raw = got["birth"][0]
        try:
            birth = _birth(raw, (row_index, col) in two_decimals, id_number)
        except DateText as exc:
            errors.append(f"出生年月无法识别（{exc}）")

    draft = MemberDraft(
        name=text.get("name", ""), gender=text.get("gender", ""), birth=birth, phone=text.get("phone", ""),
        id_number=id_number, **{k: text.get(k, "") for k in _TEXT_FIELDS},
    )
    for key in ("joined_on", "left_on"):
        if key in got:
            try:
                setattr(draft, key, parse_date(got[key][0][1]))
            except DateText as exc:
                errors.append(f"{MEMBER_LABELS[key]}无法识别（{exc}）")
    if "status" not in got and draft.left_on:
        draft.status = "离任"
    clean, problems = validate_member(draft, checked=True)
    for key, msg in problems.items():
        if key == "id_number" and errors:
            continue
        errors.append(msg if key in ("name", "birth", "gender") else f"{MEMBER_LABELS.get(key, key)}：{msg}")

    values: dict[str, object] = {"name": clean.name}
    for key in got:
        if key in ("sector", "station"):
            values[key] = clean_text(text[key])
        elif key != "name":
            values[key] = getattr(clean, key)
    if id_number:
        values["birth"] = clean.birth
        values["gender"] = clean.gender
    if "status" not in got and draft.left_on:
        values["status"] = "离任"
    parsed.values = values
    parsed.error = "；".join(dict.fromkeys(errors))
    return parsed


def parse_rows(rows: list[list[object]], header_row: int, mapping: list[str],
               two_decimals: set[tuple[int, int]]) -> list[ParsedRow]:
    """Every row under the header, parsed; rows after a 合计 footer are footer too."""
    out: list[ParsedRow] = []
    after_footer = False
    for index in range(header_row + 1, len(rows)):
        parsed = parse_row(index + 1, rows[index], mapping, two_decimals, index)
        if parsed.kind == "footer":
            after_footer = True
        elif after_footer and parsed.kind == "data" and parsed.error:
            parsed.kind = "footer"  # signatures and notes under the total
        out.append(parsed)
    return out
