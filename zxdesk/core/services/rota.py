"""The duty rota (一月一轮值): who is on duty on which day at which station or police station."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Member, RotaEntry, Station

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class RotaEntryInfo:
    uuid: str
    duty_on: dt.date
    member_uuid: str
    member_name: str
    station_uuid: str | None
    station_name: str
    place: str

    @property
    def where(self) -> str:
        if self.station_name and self.place and self.place != self.station_name:
            return f"{self.station_name}（{self.place}）"
        return self.station_name or self.place


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValidationError(f"月份无效：{year}-{month}", f"bad month {year}-{month}")
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """The calendar weeks (Monday first) covering the month, with neighbouring days."""
    month_bounds(year, month)
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_entries(db: Database, year: int, month: int, station_uuid: str | None = None) -> list[RotaEntryInfo]:
    first, last = month_bounds(year, month)
    stmt = (
        select(RotaEntry, Member.name, Station.name)
        .join(Member, Member.uuid == RotaEntry.member_uuid)
        .outerjoin(Station, Station.uuid == RotaEntry.station_uuid)
        .where(RotaEntry.deleted.is_(False), RotaEntry.duty_on >= first, RotaEntry.duty_on <= last)
        .order_by(RotaEntry.duty_on, Station.name, RotaEntry.place, Member.name_pinyin, Member.name)
    )
    if station_uuid:
        stmt = stmt.where(RotaEntry.station_uuid == station_uuid)
    with db.read() as s:
        return [RotaEntryInfo(e.uuid, e.duty_on, e.member_uuid, mname, e.station_uuid, sname or "", e.place)
                for e, mname, sname in s.execute(stmt)]


def _check(s, member_uuid: str, station_uuid: str | None, place: str) -> None:
    member = s.get(Member, member_uuid)
    if member is None or member.deleted:
        raise ValidationError("所选委员在台账中不存在或已删除", "member not found")
    if station_uuid is not None:
        station = s.get(Station, station_uuid)
        if station is None or station.deleted:
            raise ValidationError("所选工作站不存在或已删除", "station not found")
    elif not place:
        raise ValidationError("请选择值班的工作站或填写值班地点（如派出所）", "a station or place is needed")
    if len(place) > 200:
        raise ValidationError("值班地点过长（最多 200 字）", "place too long (max 200)")


def _at(station_uuid: str | None, place: str):
    """Conditions for "at this station" or, with no station, "at this place"."""
    if station_uuid:
        return [RotaEntry.station_uuid == station_uuid]
    return [RotaEntry.station_uuid.is_(None), RotaEntry.place == place]


def _taken(s, day: dt.date, member_uuid: str, station_uuid: str | None, place: str) -> bool:
    return s.execute(
        select(RotaEntry.uuid).where(RotaEntry.deleted.is_(False), RotaEntry.duty_on == day,
                                     RotaEntry.member_uuid == member_uuid, *_at(station_uuid, place)).limit(1)
    ).first() is not None


def add_entry(db: Database, duty_on: dt.date, member_uuid: str, station_uuid: str | None = None,
              place: str = "") -> str:
    place = place.strip()
    with db.write() as w:
        _check(w.session, member_uuid, station_uuid, place)
        if _taken(w.session, duty_on, member_uuid, station_uuid, place):
            raise ValidationError("这位委员当天已在此处值班", "already on duty there that day")
        row = RotaEntry(duty_on=duty_on, member_uuid=member_uuid, station_uuid=station_uuid, place=place)
        w.session.add(row)
        w.session.flush()
        return row.uuid


def _set_deleted(db: Database, uuids: list[str], flag: bool) -> int:
    with db.write() as w:
        rows = w.session.execute(select(RotaEntry).where(RotaEntry.uuid.in_(uuids))).scalars().all()
        if len(rows) != len(set(uuids)):
            raise NotFoundError("值班安排不存在", "rota entry not found")
        for row in rows:
            if row.deleted != flag:
                row.deleted = flag
    return len(rows)


def remove_entries(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, True)


def restore_entries(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, False)


def fill_month(db: Database, year: int, month: int, member_uuids: list[str], *, station_uuid: str | None = None,
               place: str = "", weekdays_only: bool = True, skip_covered: bool = True) -> list[str]:
    """Put the members on duty in turn, one per day, for the whole month.

    Days that already have someone on duty at that station or place are skipped when
    ``skip_covered``. Returns the uuids of the new entries (for undo).
    """
    first, last = month_bounds(year, month)
    members = list(dict.fromkeys(member_uuids))
    if not members:
        raise ValidationError("请先选择参加轮值的委员", "no members to put on the rota")
    place = place.strip()
    with db.write() as w:
        s = w.session
        for m in members:
            _check(s, m, station_uuid, place)
        covered: set[dt.date] = set()
        if skip_covered:
            covered = set(s.execute(select(RotaEntry.duty_on).where(
                RotaEntry.deleted.is_(False), RotaEntry.duty_on >= first, RotaEntry.duty_on <= last,
                *_at(station_uuid, place))).scalars())
        rows = []
        turn = 0
        day = first
        while day <= last:
            if not (weekdays_only and day.weekday() >= 5) and day not in covered:
                rows.append({"duty_on": day, "member_uuid": members[turn % len(members)],
                             "station_uuid": station_uuid, "place": place})
                turn += 1
            day += dt.timedelta(days=1)
        if not rows:
            return []
        return w.insert_rows(RotaEntry, rows)


def rota_pdf(db: Database, year: int, month: int, station_uuid: str | None = None) -> bytes:
    """The month's rota as a printable A4 PDF."""
    from ..documents.rota_pdf import build_rota_pdf
    from .member_lookup import committee_name

    entries = month_entries(db, year, month, station_uuid)
    station_label = ""
    if station_uuid:
        with db.read() as s:
            station = s.get(Station, station_uuid)
            station_label = station.name if station else ""
    return build_rota_pdf(committee_name(db), year, month, entries, station_label=station_label)
