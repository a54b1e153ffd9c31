"""Finding the header row of a roster and mapping its columns to member fields.

Rosters have title rows above the header and name their columns in many ways; the
header row is the one of the first rows that matches most known column names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.text_norm import clean_text

# Import targets in the order the wizard offers them; "" means "do not import".
FIELDS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth": "出生年月",
    "party": "政治面貌",
    "sector": "界别",
    "unit": "工作单位",
    "title": "职务",
    "phone": "联系电话",
    "id_number": "身份证号",
    "education": "学历",
    "level": "级别",
    "term": "届次",
    "role": "政协职务",
    "status": "状态",
    "station": "工作站",
    "joined_on": "任职日期",
    "left_on": "离任日期",
    "note": "备注",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "委员姓名", "委员", "姓名(必填)"),
    "gender": ("性别",),
    "ethnicity": ("民族", "族别"),
    "birth": ("出生年月", "出生日期", "出生年月日", "生日", "出生时间", "出生年份", "出生"),
    "party": ("政治面貌", "党派", "党派团体", "政党", "党派面貌"),
    "sector": ("界别", "所属界别", "界别名称", "界别组"),
    "unit": ("工作单位", "单位", "工作单位及职务", "单位及职务", "工作单位和职务", "所在单位", "现工作单位",
             "工作单位及职务职称"),
    "title": ("职务", "职称", "现任职务", "单位职务", "工作职务", "职务职称"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "移动电话", "办公电话",
              "固定电话"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码", "公民身份证号码"),
    "education": ("学历", "文化程度", "最高学历", "学历学位"),
    "level": ("级别", "委员级别", "层级", "委员层级", "政协级别"),
    "term": ("届次", "届别", "届", "任届"),
    "role": ("政协职务", "委员职务", "政协任职", "政协身份", "委员类别"),
    "status": ("状态", "在任状态", "任职状态", "在任情况"),
    "station": ("工作站", "所属工作站", "委员工作站", "联系工作站", "工作站室", "委员工作室", "所在工作站"),
    "joined_on": ("任职日期", "任职时间", "当选时间", "当选日期", "加入时间"),
    "left_on": ("离任日期", "离任时间"),
    "note": ("备注", "说明", "其他"),
}
IGNORED = ("序号", "编号", "序", "no", "no.")
# Fields that may come from several columns (joined); others take the first column.
MULTI = {"phone", "note"}
_LOOKUP = {syn: key for key, names in SYNONYMS.items() for syn in names}
_BRACKETS = re.compile(r"[（(\[【].*?[)）\]】]")


def normalize_header(value: object) -> str:
    text = clean_text(value).replace(" ", "").lower()
    text = _BRACKETS.sub("", text)
    return text.strip("*:：#")


def field_for_header(value: object) -> str:
    """The field a header names (exact match after cleaning), or ""."""
    text = normalize_header(value)
    if not text or text in IGNORED:
        return ""
    return _LOOKUP.get(text, "")


@dataclass
class HeaderGuess:
    row: int  # 0-based index of the header row
    headers: list[str]
    mapping: list[str]  # per column: a key of FIELDS or ""


def auto_mapping(headers: list[str]) -> list[str]:
    mapping: list[str] = []
    taken: set[str] = set()
    for h in headers:
        key = field_for_header(h)
        if key and key in taken and key not in MULTI:
            key = ""
        if key:
            taken.add(key)
        mapping.append(key)
    return mapping


def _exact_score(row: list[object]) -> tuple[int, bool]:
    keys = [_LOOKUP.get(normalize_header(v)) for v in row if v is not None]
    found = {k for k in keys if k}
    return len(found), "name" in found


def find_header(rows: list[list[object]], scan: int = 15) -> HeaderGuess | None:
    """The most header-like of the first rows (must name a name column), or None."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:scan]):
        distinct = {normalize_header(v) for v in row if v is not None and str(v).strip()}
        if len(distinct) < 2:
            continue  # a title row (merged across) or an empty one
        score, has_name = _exact_score(row)
        if has_name and score >= 2 and (best is None or score > best[1]):
            best = (index, score)
    if best is None:
        return None
    index = best[0]
    headers = [clean_text(v) for v in rows[index]]
    return HeaderGuess(index, headers, auto_mapping(headers))
