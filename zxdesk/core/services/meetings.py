"""Consultation meetings (协商议事): save, open, delete and restore one meeting.

Saving a meeting also keeps its attendee rows and resolutions in step with the editor,
and the attendance duty records (type ``consultation``) in step with the attendees and
the meeting's date. Lists and search are in ``meeting_list``.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Attachment, Member, Meeting, MeetingAttendee, Resolution, Station
from .attachments import store_file
from .derived_duties import DerivedDuty, derived_uuid, sync_derived
from .member_lookup import MemberChoice, members_by_uuid

DUTY_TYPE = "consultation"
NOT_CONSULTATION_KINDS = frozenset({"学习交流", "调研视察", "宣传宣讲", "咨询服务"})

_TEXT_LIMITS = {"topic": 200, "place": 200, "host": 60, "kind": 20}
_LABELS = {"topic": "议题", "place": "地点", "host": "主持人", "kind": "会议类型"}


@dataclass
class ResolutionInput:
    text: str
    uuid: str | None = None  # None: a new resolution


@dataclass
class MeetingInput:
    """What the meeting editor sends; ``uuid`` None creates a meeting."""

    topic: str
    starts_at: dt.datetime
    kind: str = "协商议事"
    station_uuid: str | None = None
    place: str = ""
    host: str = ""
    attendee_uuids: list[str] = field(default_factory=list)
    residents_count: int = 0
    residents_names: str = ""
    agenda: str = ""
    minutes_briefing: str = ""
    minutes_opinions: str = ""
    minutes_consensus: str = ""
    resolutions: list[ResolutionInput] = field(default_factory=list)
    uuid: str | None = None


@dataclass(frozen=True)
class ResolutionInfo:
    uuid: str
    seq: int
    text: str


@dataclass
class MeetingDetail:
    uuid: str
    topic: str
    starts_at: dt.datetime
    kind: str
    station_uuid: str | None
    station_name: str
    place: str
    host: str
    attendees: list[MemberChoice]
    residents_count: int
    residents_names: str
    agenda: str
    minutes_briefing: str
    minutes_opinions: str
    minutes_consensus: str
    resolutions: list[ResolutionInfo]

    def as_input(self) -> MeetingInput:
        return MeetingInput(
            uuid=self.uuid, topic=self.topic, starts_at=self.starts_at, kind=self.kind,
            station_uuid=self.station_uuid, place=self.place, host=self.host,
            attendee_uuids=[a.uuid for a in self.attendees], residents_count=self.residents_count,
            residents_names=self.residents_names, agenda=self.agenda, minutes_briefing=self.minutes_briefing,
            minutes_opinions=self.minutes_opinions, minutes_consensus=self.minutes_consensus,
            resolutions=[ResolutionInput(r.text, r.uuid) for r in self.resolutions],
        )


def _validate(data: MeetingInput) -> None:
    data.topic = data.topic.strip()
    data.kind = data.kind.strip()
    if not data.topic:
        raise ValidationError("请填写会议议题", "the meeting needs a topic")
    if not data.kind:
        raise ValidationError("请选择会议类型", "the meeting needs a kind")
    for key, limit in _TEXT_LIMITS.items():
        value = getattr(data, key).strip()
        setattr(data, key, value)
        if len(value) > limit:
            raise ValidationError(f"{_LABELS[key]}过长（最多 {limit} 字）", f"{key} too long (max {limit})")
    if not isinstance(data.starts_at, dt.datetime):
        raise ValidationError("请填写会议日期和时间", "the meeting needs a date and time")
    if data.residents_count < 0:
        raise ValidationError("参会群众人数不能为负数", "residents count cannot be negative")
    names = [n for n in data.residents_names.replace("、", "\n").replace("，", "\n").splitlines() if n.strip()]
    if len(names) > data.residents_count:
        raise ValidationError(f"列出了 {len(names)} 位群众姓名，多于参会群众人数 {data.residents_count}",
                              "more resident names than the residents count")


def save_meeting(db: Database, data: MeetingInput, *, add_files: Sequence[tuple[str | os.PathLike, str]] = (),
                 remove_attachments: Sequence[str] = ()) -> str:
    """Create or update a meeting with its attendees, resolutions and attachments.

    ``add_files`` are (path, caption) pairs, e.g. photos and the scanned sign-in sheet;
    they are copied into the attachment store by hash before the transaction, so a
    missing file refuses the whole save. Returns the meeting's uuid.
    """
    _validate(data)
    attendees = list(dict.fromkeys(data.attendee_uuids))
    stored = [(Path(path), caption, *store_file(db, path)) for path, caption in add_files]
    with db.write() as w:
        s = w.session
        _check_refs(s, data.station_uuid, attendees)
        if data.uuid is None:
            meeting = Meeting(topic=data.topic, starts_at=data.starts_at)
            s.add(meeting)
            s.flush()
        else:
            meeting = s.get(Meeting, data.uuid)
            if meeting is None or meeting.deleted:
                raise NotFoundError("会议不存在或已删除", "meeting not found")
        for key in ("topic", "starts_at", "kind", "station_uuid", "place", "host", "residents_count",
                    "residents_names", "agenda", "minutes_briefing", "minutes_opinions", "minutes_consensus"):
            value = getattr(data, key)
            if getattr(meeting, key) != value:
                setattr(meeting, key, value)
        _sync_attendees(s, meeting.uuid, attendees)
        _sync_resolutions(s, meeting.uuid, data.resolutions)
        sync_attendance_duties(s, meeting)
        for path, caption, sha, size in stored:
            s.add(Attachment(owner_table="meeting", owner_uuid=meeting.uuid, sha256=sha, filename=path.name,
                             mime_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                             size=size, caption=caption[:200]))
        if remove_attachments:
            rows = s.execute(select(Attachment).where(Attachment.uuid.in_(list(remove_attachments)),
                                                      Attachment.owner_uuid == meeting.uuid)).scalars().all()
            for row in rows:
                row.deleted = True
        return meeting.uuid


def _check_refs(s: Session, station_uuid: str | None, members: list[str]) -> None:
    if station_uuid is not None:
        station = s.get(Station, station_uuid)
        if station is None or station.deleted:
            raise ValidationError("所选工作站不存在或已删除", "station not found")
    if members:
        found = set(s.execute(
            select(Member.uuid).where(Member.uuid.in_(members), Member.deleted.is_(False))
        ).scalars())
        missing = [m for m in members if m not in found]
        if missing:
            raise ValidationError(f"有 {len(missing)} 位参会委员在台账中不存在或已删除",
                                  f"{len(missing)} attending members not found")


def _sync_attendees(s: Session, meeting_uuid: str, members: list[str]) -> None:
    rows = s.execute(select(MeetingAttendee).where(MeetingAttendee.meeting_uuid == meeting_uuid)).scalars().all()
    by_member: dict[str, MeetingAttendee] = {}
    for row in rows:
        if row.member_uuid in by_member and not row.deleted:
            other = by_member[row.member_uuid]
            if other.deleted:
                by_member[row.member_uuid] = row
                continue
            row.deleted = True  # a duplicate
            continue
        by_member.setdefault(row.member_uuid, row)
    wanted = set(members)
    for member, row in by_member.items():
        flag = member not in wanted
        if row.deleted != flag:
            row.deleted = flag
    for member in members:
        if member not in by_member:
            s.add(MeetingAttendee(uuid=derived_uuid("attendee", meeting_uuid, member),
                                  meeting_uuid=meeting_uuid, member_uuid=member))


def _sync_resolutions(s: Session, meeting_uuid: str, items: list[ResolutionInput]) -> None:
    rows = {r.uuid: r for r in s.execute(select(Resolution).where(Resolution.meeting_uuid == meeting_uuid)).scalars()}
    kept: set[str] = set()
    seq = 0
    for item in items:
        text = item.text.strip()
        if not text:
            continue
        seq += 1
        row = rows.get(item.uuid) if item.uuid else None
        if row is None:
            if item.uuid is not None:
                raise ValidationError("要修改的协商成果不属于这次会议", "resolution belongs to another meeting")
            s.add(Resolution(meeting_uuid=meeting_uuid, seq=seq, text=text))
            continue
        kept.add(row.uuid)
        if row.deleted:
            row.deleted = False
        if row.text != text:
            row.text = text
        if row.seq != seq:
            row.seq = seq
    for uuid, row in rows.items():
        if uuid not in kept and not row.deleted:
            row.deleted = True


def writes_attendance(kind: str) -> bool:
    """Whether attending a meeting of this kind is a 协商议事 duty.

    The four other standard kinds (study, research visits, publicity, advice days) are
    not consultations; kinds a committee adds itself (小板凳议事会 …) are taken to be.
    """
    return kind not in NOT_CONSULTATION_KINDS


def attendance_duty(s: Session, meeting: Meeting) -> DerivedDuty:
    station = s.get(Station, meeting.station_uuid) if meeting.station_uuid else None
    where = station.name if station is not None else meeting.place
    description = f"参加{where}组织的协商议事活动。" if where else "参加协商议事活动。"
    return DerivedDuty(DUTY_TYPE, meeting.uuid, meeting.starts_at.date(), meeting.topic[:200],
                       description=description, station_uuid=meeting.station_uuid)


def sync_attendance_duties(s: Session, meeting: Meeting) -> None:
    """Attendance records = live attendees of a live consultation meeting, on its date."""
    s.flush()  # sessions do not autoflush: the attendee rows just added must be visible
    members = s.execute(
        select(MeetingAttendee.member_uuid)
        .where(MeetingAttendee.meeting_uuid == meeting.uuid, MeetingAttendee.deleted.is_(False))
    ).scalars().all()
    active = not meeting.deleted and writes_attendance(meeting.kind)
    sync_derived(s, attendance_duty(s, meeting), members, active=active)


def get_meeting(db: Database, uuid: str) -> MeetingDetail:
    with db.read() as s:
        m = s.get(Meeting, uuid)
        if m is None or m.deleted:
            raise NotFoundError("会议不存在或已删除", "meeting not found")
        member_ids = s.execute(
            select(MeetingAttendee.member_uuid).outerjoin(Member, Member.uuid == MeetingAttendee.member_uuid)
            .where(MeetingAttendee.meeting_uuid == uuid, MeetingAttendee.deleted.is_(False))
            .order_by(Member.name_pinyin, Member.name, MeetingAttendee.member_uuid)
        ).scalars().all()
        resolutions = [ResolutionInfo(r.uuid, r.seq, r.text) for r in s.execute(
            select(Resolution).where(Resolution.meeting_uuid == uuid, Resolution.deleted.is_(False))
            .order_by(Resolution.seq, Resolution.created_at)
        ).scalars()]
        station = s.get(Station, m.station_uuid) if m.station_uuid else None
        detail = MeetingDetail(
            uuid=m.uuid, topic=m.topic, starts_at=m.starts_at, kind=m.kind, station_uuid=m.station_uuid,
            station_name=station.name if station else "", place=m.place, host=m.host, attendees=[],
            residents_count=m.residents_count, residents_names=m.residents_names, agenda=m.agenda,
            minutes_briefing=m.minutes_briefing, minutes_opinions=m.minutes_opinions,
            minutes_consensus=m.minutes_consensus, resolutions=resolutions,
        )
    names = members_by_uuid(db, list(member_ids))
    detail.attendees = [names.get(u, MemberChoice(u, "（未知委员）")) for u in member_ids]
    return detail


def _set_meeting_deleted(db: Database, uuids: list[str], flag: bool) -> int:
    with db.write() as w:
        rows = w.session.execute(select(Meeting).where(Meeting.uuid.in_(uuids))).scalars().all()
        if len(rows) != len(set(uuids)):
            raise NotFoundError("要处理的会议不存在", "meeting not found")
        for m in rows:
            if m.deleted != flag:
                m.deleted = flag
            w.session.flush()
            sync_attendance_duties(w.session, m)
    return len(rows)


def delete_meetings(db: Database, uuids: list[str]) -> int:
    """Move meetings to the trash; their attendance records leave the ledger with them."""
    return _set_meeting_deleted(db, uuids, True)


def restore_meetings(db: Database, uuids: list[str]) -> int:
    return _set_meeting_deleted(db, uuids, False)
