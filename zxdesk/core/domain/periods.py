"""Commitment periods: half years written "2023H1" (上半年) and "2023H2" (下半年).

A period is stored as its six-character code. ``Period`` parses and validates codes,
gives the Chinese label, the first and last day, and the periods before and after.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ValidationError

_CODE = re.compile(r"^\s*(\d{4})\s*[Hh]\s*([12])\s*$")
_LABEL = re.compile(r"^\s*(\d{4})\s*年\s*([上下])\s*半年\s*$")
MIN_YEAR = 1990
MAX_YEAR = 2100


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int  # 1 = 上半年 (January-June), 2 = 下半年 (July-December)

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """'2023H1' (or '2023h1', '2023年上半年') -> Period; a clear error otherwise."""
        if isinstance(text, Period):
            return text
        raw = str(text or "")
        match = _CODE.match(raw) or _LABEL.match(raw)
        if match is None:
            raise ValidationError(
                f"期别“{raw}”格式不对，应写作 2023H1（上半年）或 2023H2（下半年）",
                f"bad period '{raw}': write it as 2023H1 (first half) or 2023H2 (second half)",
            )
        year = int(match.group(1))
        half = {"1": 1, "2": 2, "上": 1, "下": 2}[match.group(2)]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(
                f"期别“{raw}”的年份超出范围（{MIN_YEAR}–{MAX_YEAR}）",
                f"period '{raw}': year out of range ({MIN_YEAR}-{MAX_YEAR})",
            )
        return cls(year, half)

    @classmethod
    def of_date(cls, day: dt.date) -> Period:
        """The half year a date falls in."""
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def current(cls, today: dt.date | None = None) -> Period:
        return cls.of_date(today or dt.date.today())

    @property
    def code(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def label(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def next(self) -> Period:
        return Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)

    def previous(self) -> Period:
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.code


def normalise(text: str | Period) -> str:
    """A validated period code: ' 2023h1 ' -> '2023H1'."""
    return Period.parse(text).code


def label(code: str) -> str:
    """'2023H1' -> '2023年上半年'; an unparseable code is returned unchanged."""
    try:
        return Period.parse(code).label
    except ValidationError:
        return code


def periods_of_year(year: int) -> tuple[Period, Period]:
    return Period(year, 1), Period(year, 2)
