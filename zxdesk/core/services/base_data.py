"""Base data a fresh database needs: work stations with the 六有 checklist, check-ins, sectors.

Deletes go to the trash (tombstones); nothing is removed from the database.
Default sectors get deterministic uuids so that two workstations adding them
independently produce the same records and sync sees no duplicates.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from ..domain.vocab import SECTORS
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Member, Sector, Station, StationCheckin
from . import trash

STATION_KINDS = ("工作站", "工作室", "议事厅")
# The 六有 checklist: (field, label) in the order the committee's rules list them.
CHECKLIST = (
    ("has_staff", "人员配备"),
    ("has_premises", "固定场所"),
    ("has_sign", "统一标识"),
    ("has_rules", "工作制度"),
    ("has_archive", "履职档案"),
    ("has_assessment", "考核评价"),
)
CHECKLIST_FIELDS = tuple(f for f, _ in CHECKLIST)
# Fixed namespace for the default sectors' uuids: never change it, synced data depends on it.
SECTOR_NAMESPACE = uuidlib.UUID("6f1d3c2a-8b4e-5d7f-9a01-2c3e4f5a6b7c")
_LIMITS = {"name": 100, "township": 60, "address": 200, "contact_phone": 40}
_LABELS = {"name": "名称", "township": "所在乡镇", "address": "地址", "contact_phone": "联系电话"}
MAX_SECTOR_NAME = 60


@dataclass(frozen=True)
class StationData:
    """A station as the dialog shows and edits it; ``uuid`` is None for a new one."""

    name: str
    kind: str = "工作站"
    township: str = ""
    address: str = ""
    founded_on: dt.date | None = None
    contact_phone: str = ""
    has_staff: bool = False
    has_premises: bool = False
    has_sign: bool = False
    has_rules: bool = False
    has_archive: bool = False
    has_assessment: bool = False
    uuid: str | None = None
    checkins: int = 0

    @property
    def checklist(self) -> dict[str, bool]:
        return {f: bool(getattr(self, f)) for f in CHECKLIST_FIELDS}

    @property
    def checklist_count(self) -> int:
        return sum(self.checklist.values())

    @property
    def checklist_label(self) -> str:
        return f"六有 {self.checklist_count}/{len(CHECKLIST)}"

    @property
    def missing(self) -> list[str]:
        """The labels of the unmet checklist items."""
        return [label for f, label in CHECKLIST if not getattr(self, f)]


@dataclass(frozen=True)
class CheckinRow:
    uuid: str
    station_uuid: str
    member_uuid: str
    member_name: str
    checked_in_on: dt.date
    note: str = ""


@dataclass(frozen=True)
class SectorRow:
    uuid: str
    name: str
    sort_order: int
    active: bool
    members: int = 0

    @property
    def status(self) -> str:
        return "使用中" if self.active else "已停用"


def default_sector_uuid(name: str) -> str:
    """The same uuid on every workstation for a default sector's name."""
    return str(uuidlib.uuid5(SECTOR_NAMESPACE, f"sector:{name}"))


# -- stations -------------------------------------------------------------------
def _station_data(row: Station, checkins: int = 0) -> StationData:
    return StationData(
        name=row.name, kind=row.kind or "工作站", township=row.township or "", address=row.address or "",
        founded_on=row.founded_on, contact_phone=row.contact_phone or "",
        **{f: bool(getattr(row, f)) for f in CHECKLIST_FIELDS}, uuid=row.uuid, checkins=checkins,
    )


def list_stations(db: Database) -> list[StationData]:
    """Live stations by name, each with its number of check-ins."""
    with db.read() as s:
        counts = dict(s.execute(
            select(StationCheckin.station_uuid, func.count()).where(StationCheckin.deleted.is_(False))
            .group_by(StationCheckin.station_uuid)
        ).all())
        rows = s.execute(select(Station).where(Station.deleted.is_(False)).order_by(Station.name)).scalars().all()
        return [_station_data(r, counts.get(r.uuid, 0)) for r in rows]


def get_station(db: Database, uuid: str) -> StationData:
    with db.read() as s:
        row = s.get(Station, uuid)
        if row is None or row.deleted:
            raise NotFoundError("工作站不存在或已删除", f"station not found: {uuid}")
        n = s.execute(select(func.count()).where(StationCheckin.station_uuid == uuid,
                                                 StationCheckin.deleted.is_(False))).scalar_one()
        return _station_data(row, n)


def clean_station(data: StationData) -> StationData:
    """Trimmed fields, or a ValidationError saying what is wrong."""
    fields = {k: (getattr(data, k) or "").strip() for k in _LIMITS}
    if not fields["name"]:
        raise ValidationError("工作站名称不能为空", "the station name is required")
    for key, limit in _LIMITS.items():
        if len(fields[key]) > limit:
            raise ValidationError(f"{_LABELS[key]}过长（最多 {limit} 字）", f"{key} too long (max {limit} characters)")
    if data.kind not in STATION_KINDS:
        raise ValidationError(f"类型只能是：{'、'.join(STATION_KINDS)}", f"unknown station kind: {data.kind}")
    if data.founded_on is not None and data.founded_on > dt.date.today():
        raise ValidationError("成立日期不能晚于今天", "the founding date is in the future")
    return replace(data, **fields)


def save_station(db: Database, data: StationData) -> StationData:
    """Create (uuid None) or update a station; the name must be unique among live stations."""
    data = clean_station(data)
    with db.write() as w:
        clash = w.session.execute(
            select(Station.uuid).where(Station.name == data.name, Station.deleted.is_(False))
        ).scalars().all()
        if any(u != data.uuid for u in clash):
            raise ValidationError(f"已有名为“{data.name}”的工作站", f"a station named {data.name!r} already exists")
        if data.uuid is None:
            row = Station()
            w.session.add(row)
        else:
            row = w.session.get(Station, data.uuid)
            if row is None or row.deleted:
                raise NotFoundError("工作站不存在或已删除", f"station not found: {data.uuid}")
        for key in ("name", "kind", "township", "address", "founded_on", "contact_phone", *CHECKLIST_FIELDS):
            value = getattr(data, key)
            if getattr(row, key) != value:
                setattr(row, key, value)
        w.session.flush()
        uuid = row.uuid
    return get_station(db, uuid)


def delete_station(db: Database, uuid: str) -> None:
    """Move a station to the trash (restorable there)."""
    get_station(db, uuid)
    trash.move_to_trash(db, "station", [uuid])


# -- check-ins ------------------------------------------------------------------
def list_checkins(db: Database, station_uuid: str) -> list[CheckinRow]:
    """A station's check-ins, newest first."""
    with db.read() as s:
        rows = s.execute(
            select(StationCheckin, Member.name).join(Member, Member.uuid == StationCheckin.member_uuid)
            .where(StationCheckin.station_uuid == station_uuid, StationCheckin.deleted.is_(False))
            .order_by(StationCheckin.checked_in_on.desc(), Member.name)
        ).all()
        return [CheckinRow(c.uuid, c.station_uuid, c.member_uuid, name, c.checked_in_on, c.note or "")
                for c, name in rows]


def add_checkin(db: Database, station_uuid: str, member_uuid: str, checked_in_on: dt.date,
                note: str = "") -> CheckinRow:
    """进站报到. A member checks in at a station at most once a day."""
    if checked_in_on > dt.date.today():
        raise ValidationError("报到日期不能晚于今天", "the check-in date is in the future")
    with db.write() as w:
        station = w.session.get(Station, station_uuid)
        if station is None or station.deleted:
            raise NotFoundError("工作站不存在或已删除", f"station not found: {station_uuid}")
        member = w.session.get(Member, member_uuid)
        if member is None or member.deleted:
            raise ValidationError("请选择一位在册委员", f"member not found: {member_uuid}")
        twice = w.session.execute(
            select(StationCheckin.uuid).where(
                StationCheckin.station_uuid == station_uuid, StationCheckin.member_uuid == member_uuid,
                StationCheckin.checked_in_on == checked_in_on, StationCheckin.deleted.is_(False))
        ).first()
        if twice is not None:
            raise ValidationError(f"{member.name}在 {checked_in_on.isoformat()} 已在本站报到过",
                                  f"{member_uuid} already checked in here on {checked_in_on.isoformat()}")
        row = StationCheckin(station_uuid=station_uuid, member_uuid=member_uuid,
                             checked_in_on=checked_in_on, note=note.strip())
        w.session.add(row)
        w.session.flush()
        return CheckinRow(row.uuid, station_uuid, member_uuid, member.name, checked_in_on, row.note)


def delete_checkin(db: Database, uuid: str) -> None:
    trash.move_to_trash(db, "station_checkin", [uuid])


# -- sectors --------------------------------------------------------------------
def list_sectors(db: Database, *, include_inactive: bool = True) -> list[SectorRow]:
    """Live sectors in their display order, each with its number of members."""
    with db.read() as s:
        counts = dict(s.execute(
            select(Member.sector_uuid, func.count()).where(Member.deleted.is_(False))
            .group_by(Member.sector_uuid)
        ).all())
        stmt = select(Sector).where(Sector.deleted.is_(False))
        if not include_inactive:
            stmt = stmt.where(Sector.active.is_(True))
        rows = s.execute(stmt.order_by(Sector.sort_order, Sector.name)).scalars().all()
        return [SectorRow(r.uuid, r.name, r.sort_order, bool(r.active), counts.get(r.uuid, 0)) for r in rows]


def _clean_sector_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError("界别名称不能为空", "the sector name is required")
    if len(name) > MAX_SECTOR_NAME:
        raise ValidationError(f"界别名称过长（最多 {MAX_SECTOR_NAME} 字）",
                              f"sector name too long (max {MAX_SECTOR_NAME} characters)")
    return name


def _check_unique(session, name: str, own: str | None = None) -> None:
    other = session.execute(
        select(Sector).where(Sector.name == name, Sector.deleted.is_(False), Sector.uuid != (own or ""))
    ).scalars().first()
    if other is not None:
        hint = "（已停用，可重新启用）" if not other.active else ""
        raise ValidationError(f"已有名为“{name}”的界别{hint}", f"a sector named {name!r} already exists")


def _live_sector(session, uuid: str) -> Sector:
    row = session.get(Sector, uuid)
    if row is None or row.deleted:
        raise NotFoundError("界别不存在或已删除", f"sector not found: {uuid}")
    return row


def add_sector(db: Database, name: str) -> SectorRow:
    """A new sector at the end of the list."""
    name = _clean_sector_name(name)
    with db.write() as w:
        _check_unique(w.session, name)
        last = w.session.execute(select(func.max(Sector.sort_order)).where(Sector.deleted.is_(False))).scalar()
        row = Sector(name=name, sort_order=(last if last is not None else -1) + 1, active=True)
        w.session.add(row)
        w.session.flush()
        return SectorRow(row.uuid, row.name, row.sort_order, True)


def rename_sector(db: Database, uuid: str, name: str) -> None:
    name = _clean_sector_name(name)
    with db.write() as w:
        row = _live_sector(w.session, uuid)
        _check_unique(w.session, name, uuid)
        if row.name != name:
            row.name = name


def set_sector_active(db: Database, uuid: str, active: bool) -> None:
    """停用 (active False) keeps the sector on existing members but out of pick lists."""
    with db.write() as w:
        row = _live_sector(w.session, uuid)
        if bool(row.active) != active:
            row.active = active


def move_sector(db: Database, uuid: str, step: int) -> None:
    """Move a sector up (step -1) or down (+1); the list is renumbered 0, 1, 2…"""
    with db.write() as w:
        rows = w.session.execute(
            select(Sector).where(Sector.deleted.is_(False)).order_by(Sector.sort_order, Sector.name)
        ).scalars().all()
        pos = next((i for i, r in enumerate(rows) if r.uuid == uuid), None)
        if pos is None:
            raise NotFoundError("界别不存在或已删除", f"sector not found: {uuid}")
        target = max(0, min(len(rows) - 1, pos + step))
        rows.insert(target, rows.pop(pos))
        for i, r in enumerate(rows):
            if r.sort_order != i:
                r.sort_order = i


def delete_sector(db: Database, uuid: str) -> None:
    """Move an unused sector to the trash; one that members still belong to must be 停用 instead."""
    with db.read() as s:
        used = s.execute(select(func.count()).where(Member.sector_uuid == uuid, Member.deleted.is_(False))).scalar_one()
    if used:
        raise ValidationError(f"还有 {used} 位委员属于该界别，不能删除，可以停用",
                              f"{used} members belong to this sector; deactivate it instead")
    trash.move_to_trash(db, "sector", [uuid])


def add_default_sectors(db: Database) -> list[str]:
    """Add the common sectors (vocab.SECTORS) that are missing by name; returns the names added.

    Each gets ``default_sector_uuid(name)`` and its place in the standard list as sort
    order, so every workstation writes identical rows. A default sector that sits in the
    trash is restored rather than duplicated.
    """
    added: list[str] = []
    with db.write() as w:
        live = set(w.session.execute(select(Sector.name).where(Sector.deleted.is_(False))).scalars())
        for order, name in enumerate(SECTORS):
            if name in live:
                continue
            uuid = default_sector_uuid(name)
            row = w.session.get(Sector, uuid)
            if row is None:
                w.session.add(Sector(uuid=uuid, name=name, sort_order=order, active=True))
            else:  # in the trash (or renamed and deleted): bring it back as it was meant to be
                row.deleted, row.name, row.sort_order, row.active = False, name, order, True
            added.append(name)
    return added
