"""Resident ID numbers (居民身份证号码, GB 11643): clean, check, and read birth and gender.

The check digit is verified with python-stdnum ``cn.ric``. The area code is not
checked against stdnum's table: codes are renamed over the years and a roster with a
valid check digit is trusted. An ID number that Excel stored as a number has lost its
last digits; it is recognised and refused, never repaired or stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text_norm import to_halfwidth

_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")
_DIGITS_FLOAT = re.compile(r"^\d{15,18}\.0+$")

EXCEL_DAMAGED = "身份证号被 Excel 存成了数字（如 1.23E+17），末几位已丢失，请把该列设为文本后重新填写"


@dataclass(frozen=True)
class IdCheck:
    """The result of checking an ID number: ``value`` is the cleaned number."""

    value: str
    error: str = ""  # Chinese reason; empty when valid

    @property
    def ok(self) -> bool:
        return not self.error


def normalize_id_number(text: str) -> str:
    """Half-width, no spaces, dashes or the apostrophe typed to keep Excel off it; X upper-case."""
    cleaned = to_halfwidth(text).strip()
    for ch in " -'‘’`":
        cleaned = cleaned.replace(ch, "")
    return cleaned.upper()


def damaged_by_excel(value: object) -> bool:
    """True for an ID number that went through Excel as a number.

    A float or int cell (Excel keeps 15 significant digits), scientific notation in
    text (1.23457E+17), or 18 digits ending in zeros that fail the check digit.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return abs(value) >= 1e14
    text = normalize_id_number(str(value))
    if _SCIENTIFIC.match(text) or _DIGITS_FLOAT.match(text):
        return True
    return len(text) == 18 and text.isdigit() and text.endswith("000") and not _checksum_ok(text)


def _checksum_ok(number: str) -> bool:
    from stdnum.cn import ric

    try:
        return number[-1] == ric.calc_check_digit(number)
    except ValueError:
        return False


def check_id_number(text: str, *, today: dt.date | None = None) -> IdCheck:
    """Check an ID number typed or imported; an empty one is valid (not required)."""
    number = normalize_id_number(text)
    if not number:
        return IdCheck("")
    if _SCIENTIFIC.match(number) or _DIGITS_FLOAT.match(number):
        return IdCheck(number, EXCEL_DAMAGED)
    if len(number) == 15 and number.isdigit():
        return IdCheck(number, "这是15位旧身份证号，请填写18位身份证号")
    if len(number) != 18:
        return IdCheck(number, f"身份证号应为18位，现在是{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return IdCheck(number, "身份证号只能由数字和末位的 X 组成")
    birth = id_birth_date(number)
    if birth is None:
        return IdCheck(number, "身份证号中的出生日期无效")
    today = today or dt.date.today()
    if birth.year < 1900 or birth > today:
        return IdCheck(number, "身份证号中的出生日期无效")
    if not _checksum_ok(number):
        if number.endswith("000"):
            return IdCheck(number, "身份证号校验位错误（末尾为000，可能被 Excel 截断）")
        return IdCheck(number, "身份证号校验位错误，请核对")
    return IdCheck(number)


def id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_birth_month(number: str) -> str:
    """'YYYY-MM' from a valid ID number."""
    return f"{number[6:10]}-{number[10:12]}"


def id_gender(number: str) -> str:
    """男 for an odd 17th digit, 女 for an even one."""
    return "男" if int(number[16]) % 2 else "女"
