"""Pick lists for the 公示栏 tab: scopes, periods and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..storage.database import Database
from ..storage.models import Meeting, Station
from .period import Period, half_of, previous_half
from .scope import ScopeChoice, list_scopes


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def scope_choices(db: Database) -> list[ScopeChoice]:
    with db.read() as s:
        return list_scopes(s)


def period_choices(today: dt.date | None = None, years: int = 3) -> list[Choice]:
    """Half years and years, most recent first, starting from the one in progress."""
    today = today or dt.date.today()
    out: list[Choice] = []
    half = half_of(today)
    for _ in range(2 * years):
        out.append(Choice(half.code, half.label))
        if half.half == 1:
            year = Period(str(half.year - 1), half.year - 1, 0)
            out.append(Choice(year.code, year.label))
        half = previous_half(half)
    return out


def meeting_choices(db: Database, limit: int = 500) -> list[Choice]:
    """Meetings, most recent first: '2023-05-18 主题（工作站）'."""
    with db.read() as s:
        stations = dict(s.execute(select(Station.uuid, Station.name)).all())
        rows = s.execute(select(Meeting.uuid, Meeting.starts_at, Meeting.topic, Meeting.station_uuid)
                         .where(Meeting.deleted.is_(False)).order_by(Meeting.starts_at.desc()).limit(limit)).all()
    return [Choice(r.uuid, f"{r.starts_at:%Y-%m-%d} {r.topic}" + (f"（{stations[r.station_uuid]}）"
                                                                   if r.station_uuid in stations else ""))
            for r in rows]
