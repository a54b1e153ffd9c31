"""Closed follow-ups counted per period as 化解矛盾 and 破解问题 (the figures reports quote)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..errors import ValidationError
from ..storage.database import Database
from ..storage.models import FollowUp, Meeting

GRANULARITIES = {"month": "按月", "quarter": "按季度", "half": "按半年", "year": "按年"}


@dataclass(frozen=True)
class PeriodCount:
    period: str  # "2024-05", "2024Q2", "2024H1", "2024"
    label: str  # 2024年5月, 2024年第二季度, 2024年上半年, 2024年
    conflicts: int  # 化解矛盾
    problems: int  # 破解问题

    @property
    def total(self) -> int:
        return self.conflicts + self.problems


_QUARTERS = "一二三四"


def period_of(day: dt.date, granularity: str) -> tuple[str, str]:
    """The key and Chinese label of the period containing ``day``."""
    y = day.year
    if granularity == "month":
        return f"{y}-{day.month:02d}", f"{y}年{day.month}月"
    if granularity == "quarter":
        q = (day.month - 1) // 3 + 1
        return f"{y}Q{q}", f"{y}年第{_QUARTERS[q - 1]}季度"
    if granularity == "half":
        h = 1 if day.month <= 6 else 2
        return f"{y}H{h}", f"{y}年{'上' if h == 1 else '下'}半年"
    if granularity == "year":
        return str(y), f"{y}年"
    raise ValidationError(f"未知的统计周期：{granularity}", f"unknown period granularity {granularity!r}")


def closure_counts(db: Database, granularity: str = "quarter", *, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, station_uuid: str | None = None,
                   kind: str | None = None) -> list[PeriodCount]:
    """Items closed (已办结) per period by closing date, oldest period first."""
    period_of(dt.date(2000, 1, 1), granularity)  # validates the granularity
    stmt = (
        select(FollowUp.closed_on, FollowUp.category)
        .join(Meeting, Meeting.uuid == FollowUp.meeting_uuid)
        .where(FollowUp.deleted.is_(False), Meeting.deleted.is_(False), FollowUp.status == "done",
               FollowUp.closed_on.is_not(None))
    )
    if date_from:
        stmt = stmt.where(FollowUp.closed_on >= date_from)
    if date_to:
        stmt = stmt.where(FollowUp.closed_on <= date_to)
    if station_uuid:
        stmt = stmt.where(Meeting.station_uuid == station_uuid)
    if kind:
        stmt = stmt.where(Meeting.kind == kind)
    counts: dict[str, list] = {}
    with db.read() as s:
        for closed_on, category in s.execute(stmt):
            key, label = period_of(closed_on, granularity)
            entry = counts.setdefault(key, [label, 0, 0])
            entry[1 if category == "conflict" else 2] += 1
    return [PeriodCount(key, label, c, p) for key, (label, c, p) in sorted(counts.items())]
