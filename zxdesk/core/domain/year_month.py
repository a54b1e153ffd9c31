"""Year-month (出生年月) and dates as clerks write them.

Accepted: 1975.03, 1975.3, 1975年3月, 1975年3月5日, 1975-3, 1975/03, 197503, 19750305,
real dates and datetimes, and Excel serial day numbers (27454 -> 1975-03-01).
"""

from __future__ import annotations

import datetime as dt
import re

from .text_norm import to_halfwidth

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_YM = re.compile(r"^(\d{4})\s*(?:[.\-/年]|\s)\s*(\d{1,2})\s*(?:月)?(?:\s*[.\-/]?\s*(\d{1,2})\s*(?:日|号)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")

# Excel serials for 1900-01-01 .. 2100-01-01, the range a roster can hold.
_SERIAL_MIN, _SERIAL_MAX = 1, 73051


class DateText(ValueError):
    """The text is not a date we can read; the message is Chinese."""


def from_excel_serial(serial: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _valid(year: int, month: int, day: int | None) -> tuple[int, int, int | None]:
    if not 1900 <= year <= 2100 or not 1 <= month <= 12:
        raise DateText("年份或月份超出范围")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError as exc:
            raise DateText("日期不存在") from exc
    return year, month, day


def parse_parts(value: object, *, two_decimals: bool = False) -> tuple[int, int, int | None]:
    """(year, month, day or None) from a cell value or typed text.

    ``two_decimals``: the cell was shown with two decimals, so 1975.1 reads 1975.10.
    """
    if value is None or value == "":
        raise DateText("为空")
    if isinstance(value, dt.datetime):
        return value.year, value.month, value.day
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if isinstance(value, bool):
        raise DateText("不是日期")
    if isinstance(value, float) and not value.is_integer():
        return _parse_decimal(value, two_decimals)
    if isinstance(value, (int, float)):
        return _parse_integer(int(value))
    text = to_halfwidth(str(value)).strip().replace("．", ".")
    if re.fullmatch(r"\d+(\.0)?", text):
        return _parse_integer(int(float(text)))
    m = _YM.match(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = re.fullmatch(r"(\d{4})\s*年", text)
    if m:
        raise DateText("只有年份，缺少月份")
    raise DateText(f"无法识别的日期“{text}”")


def _parse_integer(number: int) -> tuple[int, int, int | None]:
    m = _COMPACT.match(str(number))
    if m and 1900 <= int(m.group(1)) <= 2100:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if _SERIAL_MIN <= number <= _SERIAL_MAX and not 1900 <= number <= 2100:
        d = from_excel_serial(number)
        return d.year, d.month, d.day
    if 1900 <= number <= 2100:
        raise DateText("只有年份，缺少月份")
    raise DateText(f"无法识别的日期“{number}”")


def _parse_decimal(value: float, two_decimals: bool) -> tuple[int, int, int | None]:
    """1975.03 typed into a number cell: the year, then the month after the point."""
    text = f"{value:.2f}" if two_decimals else repr(value)
    year, _, frac = text.partition(".")
    if len(frac) == 1:
        month = int(frac) if not two_decimals else int(frac) * 10
    else:
        month = int(frac[:2])
    return _valid(int(year), month, None)


def parse_year_month(value: object, *, two_decimals: bool = False) -> str:
    """'YYYY-MM', raising DateText with a Chinese reason."""
    year, month, _ = parse_parts(value, two_decimals=two_decimals)
    return f"{year:04d}-{month:02d}"


def parse_date(value: object) -> dt.date:
    """A full date; a year-month alone means the first of the month."""
    year, month, day = parse_parts(value)
    return dt.date(year, month, day or 1)


def is_year_month(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text or ""))
