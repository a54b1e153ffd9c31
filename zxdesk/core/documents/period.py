"""Periods boards cover: a half year (2023H1, 2023H2) or a year (2023)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ValidationError

_PERIOD_RE = re.compile(r"^(\d{4})(?:H([12]))?$")


@dataclass(frozen=True)
class Period:
    code: str  # '2023H1' or '2023'
    year: int
    half: int  # 1, 2, or 0 for a whole year

    @property
    def is_year(self) -> bool:
        return self.half == 0

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """'2023年上半年' or '2023年度'."""
        if self.is_year:
            return f"{self.year}年度"
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"

    def halves(self) -> list[str]:
        """The half-year codes inside this period."""
        return [f"{self.year}H1", f"{self.year}H2"] if self.is_year else [self.code]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """Parse '2023H1', '2023H2' or '2023' (case and surrounding spaces ignored)."""
    raw = (text or "").strip().upper()
    m = _PERIOD_RE.match(raw)
    if not m:
        raise ValidationError(
            f"期间“{text}”无效：应为半年（如 2023H1、2023H2）或年度（如 2023）",
            f"invalid period {text!r}: use a half year (2023H1, 2023H2) or a year (2023)",
        )
    year = int(m.group(1))
    if not 1990 <= year <= 2100:
        raise ValidationError(f"期间年份 {year} 超出范围（1990–2100）", f"period year {year} out of range (1990-2100)")
    half = int(m.group(2) or 0)
    return Period(raw, year, half)


def half_of(day: dt.date) -> Period:
    half = 1 if day.month <= 6 else 2
    return Period(f"{day.year}H{half}", day.year, half)


def previous_half(period: Period) -> Period:
    if period.half == 2:
        return Period(f"{period.year}H1", period.year, 1)
    return Period(f"{period.year - 1}H2", period.year - 1, 2)


def require_year(period: Period, what_zh: str, what_en: str) -> Period:
    if not period.is_year:
        raise ValidationError(
            f"{what_zh}按年度公示，期间应为年份（如 {period.year}），而不是“{period.code}”",
            f"the {what_en} is published per year: give a year such as {period.year}, not {period.code}",
        )
    return period
