"""Follow-up items of meetings (跟踪事项): from a resolution to closure, and the overdue list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from ..domain.vocab import FOLLOW_UP_CATEGORIES, FOLLOW_UP_STATUSES
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import FollowUp, Member, Meeting, Resolution, Station

OPEN_STATUSES = ("todo", "doing")


@dataclass
class FollowUpInput:
    meeting_uuid: str
    title: str
    due_on: dt.date | None
    category: str = "problem"
    responsible_unit: str = ""
    responsible_member_uuid: str | None = None
    resolution_uuid: str | None = None
    uuid: str | None = None  # None: a new item (status 待办)


@dataclass(slots=True)  # not frozen: built by the thousand, and frozen init is 8x slower
class FollowUpRow:
    uuid: str
    meeting_uuid: str
    meeting_topic: str
    meeting_date: dt.date
    meeting_kind: str
    station_name: str
    resolution_uuid: str | None
    title: str
    category: str
    responsible_unit: str
    responsible_member_uuid: str | None
    responsible_member_name: str
    due_on: dt.date | None
    status: str
    reason: str
    result: str
    closed_on: dt.date | None
    days_overdue: int  # 0 unless open and past its due date

    @property
    def responsible(self) -> str:
        return "、".join(p for p in (self.responsible_unit, self.responsible_member_name) if p)

    @property
    def status_label(self) -> str:
        return FOLLOW_UP_STATUSES.get(self.status, self.status)

    @property
    def category_label(self) -> str:
        return FOLLOW_UP_CATEGORIES.get(self.category, self.category)

    def as_input(self) -> FollowUpInput:
        return FollowUpInput(self.meeting_uuid, self.title, self.due_on, self.category, self.responsible_unit,
                             self.responsible_member_uuid, self.resolution_uuid, self.uuid)


@dataclass
class FollowUpFilter:
    status: str | None = None  # a status code, "open" or "overdue"
    station_uuid: str | None = None  # the meeting's station
    kind: str | None = None  # the meeting's kind
    date_from: dt.date | None = None  # due date, inclusive
    date_to: dt.date | None = None
    category: str | None = None
    meeting_uuid: str | None = None
    text: str = ""
    today: dt.date | None = None


def _validate(s, data: FollowUpInput) -> None:
    data.title = data.title.strip()
    data.responsible_unit = data.responsible_unit.strip()
    if not data.title:
        raise ValidationError("请填写跟踪事项内容", "the follow-up needs a title")
    if len(data.title) > 200:
        raise ValidationError("跟踪事项内容过长（最多 200 字）", "title too long (max 200)")
    if len(data.responsible_unit) > 100:
        raise ValidationError("责任单位名称过长（最多 100 字）", "responsible unit too long (max 100)")
    if data.category not in FOLLOW_UP_CATEGORIES:
        raise ValidationError("请选择事项类别（化解矛盾或破解问题）", f"unknown category {data.category!r}")
    if not data.responsible_unit and not data.responsible_member_uuid:
        raise ValidationError("请填写责任单位或责任委员", "a responsible unit or member is needed")
    if data.due_on is None:
        raise ValidationError("请填写办理期限", "the follow-up needs a due date")
    meeting = s.get(Meeting, data.meeting_uuid)
    if meeting is None or meeting.deleted:
        raise ValidationError("所属会议不存在或已删除", "meeting not found")
    if data.due_on < meeting.starts_at.date():
        raise ValidationError("办理期限不能早于会议日期", "due date before the meeting date")
    if data.resolution_uuid is not None:
        res = s.get(Resolution, data.resolution_uuid)
        if res is None or res.deleted or res.meeting_uuid != data.meeting_uuid:
            raise ValidationError("所选协商成果不属于这次会议", "resolution not in this meeting")
    if data.responsible_member_uuid is not None:
        member = s.get(Member, data.responsible_member_uuid)
        if member is None or member.deleted:
            raise ValidationError("责任委员在台账中不存在或已删除", "responsible member not found")


def save_follow_up(db: Database, data: FollowUpInput) -> str:
    """Create (status 待办) or edit a follow-up item; returns its uuid."""
    with db.write() as w:
        s = w.session
        _validate(s, data)
        if data.uuid is None:
            row = FollowUp(meeting_uuid=data.meeting_uuid, title=data.title, status="todo")
            s.add(row)
        else:
            row = s.get(FollowUp, data.uuid)
            if row is None or row.deleted:
                raise NotFoundError("跟踪事项不存在或已删除", "follow-up not found")
            if row.meeting_uuid != data.meeting_uuid:
                raise ValidationError("跟踪事项不能改到其他会议", "a follow-up cannot move to another meeting")
        for key in ("title", "category", "responsible_unit", "responsible_member_uuid", "due_on",
                    "resolution_uuid"):
            value = getattr(data, key)
            if getattr(row, key) != value:
                setattr(row, key, value)
        s.flush()
        return row.uuid


def follow_up_from_resolution(db: Database, resolution_uuid: str, *, due_on: dt.date, category: str = "problem",
                              responsible_unit: str = "", responsible_member_uuid: str | None = None,
                              title: str = "") -> str:
    """A follow-up item for a resolution; its title defaults to the resolution's text."""
    with db.read() as s:
        res = s.get(Resolution, resolution_uuid)
        if res is None or res.deleted:
            raise NotFoundError("协商成果不存在或已删除", "resolution not found")
        meeting_uuid, text = res.meeting_uuid, res.text
    return save_follow_up(db, FollowUpInput(meeting_uuid, title or text[:200], due_on, category, responsible_unit,
                                            responsible_member_uuid, resolution_uuid))


def set_status(db: Database, uuid: str, status: str, *, reason: str = "", result: str = "",
               closed_on: dt.date | None = None, today: dt.date | None = None) -> None:
    """Move an item to 待办/办理中/已办结/无法办结.

    已办结 needs a result and a closing date; 无法办结 needs a reason. Reopening clears the
    closing date but keeps the texts written so far.
    """
    today = today or dt.date.today()
    if status not in FOLLOW_UP_STATUSES:
        raise ValidationError(f"未知的办理状态：{status}", f"unknown status {status!r}")
    reason, result = reason.strip(), result.strip()
    if status == "done":
        if not result:
            raise ValidationError("已办结的事项请填写办理结果", "a closed item needs a result")
        if closed_on is None:
            raise ValidationError("已办结的事项请填写办结日期", "a closed item needs a closing date")
    if status == "failed" and not reason:
        raise ValidationError("无法办结的事项请说明原因", "an item that cannot be closed needs a reason")
    if closed_on is not None and closed_on > today:
        raise ValidationError("办结日期不能晚于今天", "closing date in the future")
    with db.write() as w:
        row = w.session.get(FollowUp, uuid)
        if row is None or row.deleted:
            raise NotFoundError("跟踪事项不存在或已删除", "follow-up not found")
        meeting = w.session.get(Meeting, row.meeting_uuid)
        if closed_on is not None and meeting is not None and closed_on < meeting.starts_at.date():
            raise ValidationError("办结日期不能早于会议日期", "closing date before the meeting")
        changes: dict = {"status": status}
        if status == "done":
            changes.update(result=result, closed_on=closed_on)
        elif status == "failed":
            changes.update(reason=reason, closed_on=closed_on or today)
            if result:
                changes["result"] = result
        else:
            changes["closed_on"] = None
            if result:  # progress notes while it is being handled
                changes["result"] = result
        for key, value in changes.items():
            if getattr(row, key) != value:
                setattr(row, key, value)


def _set_deleted(db: Database, uuids: list[str], flag: bool) -> int:
    with db.write() as w:
        rows = w.session.execute(select(FollowUp).where(FollowUp.uuid.in_(uuids))).scalars().all()
        if len(rows) != len(set(uuids)):
            raise NotFoundError("跟踪事项不存在", "follow-up not found")
        for row in rows:
            if row.deleted != flag:
                row.deleted = flag
    return len(rows)


def delete_follow_ups(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, True)


def restore_follow_ups(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, False)


def list_follow_ups(db: Database, f: FollowUpFilter | None = None) -> list[FollowUpRow]:
    """Items of live meetings matching the filter: overdue first, then by due date."""
    f = f or FollowUpFilter()
    today = f.today or dt.date.today()
    who = aliased(Member)
    stmt = (
        select(*_COLUMNS, Meeting.topic, Meeting.starts_at, Meeting.kind, Station.name, who.name)
        .join(Meeting, Meeting.uuid == FollowUp.meeting_uuid)
        .outerjoin(Station, Station.uuid == Meeting.station_uuid)
        .outerjoin(who, who.uuid == FollowUp.responsible_member_uuid)
        .where(FollowUp.deleted.is_(False), Meeting.deleted.is_(False))
    )
    if f.status == "open":
        stmt = stmt.where(FollowUp.status.in_(OPEN_STATUSES))
    elif f.status == "overdue":
        stmt = stmt.where(FollowUp.status.in_(OPEN_STATUSES), FollowUp.due_on < today)
    elif f.status:
        stmt = stmt.where(FollowUp.status == f.status)
    if f.station_uuid:
        stmt = stmt.where(Meeting.station_uuid == f.station_uuid)
    if f.kind:
        stmt = stmt.where(Meeting.kind == f.kind)
    if f.date_from:
        stmt = stmt.where(FollowUp.due_on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(FollowUp.due_on <= f.date_to)
    if f.category:
        stmt = stmt.where(FollowUp.category == f.category)
    if f.meeting_uuid:
        stmt = stmt.where(FollowUp.meeting_uuid == f.meeting_uuid)
    for term in f.text.split():
        stmt = stmt.where(or_(FollowUp.title.contains(term, autoescape=True),
                              FollowUp.responsible_unit.contains(term, autoescape=True),
                              FollowUp.result.contains(term, autoescape=True),
                              Meeting.topic.contains(term, autoescape=True)))
    stmt = stmt.order_by(FollowUp.due_on, Meeting.starts_at, FollowUp.created_at, FollowUp.uuid)
    with db.read() as s:
        out = [_row(row, today) for row in s.execute(stmt)]
    out.sort(key=lambda r: -r.days_overdue)  # stable: overdue items first, most overdue on top
    return out


def overdue_follow_ups(db: Database, today: dt.date | None = None) -> list[FollowUpRow]:
    """Open items past their due date, across all meetings, most overdue first."""
    return list_follow_ups(db, FollowUpFilter(status="overdue", today=today))


_COLUMNS = (FollowUp.uuid, FollowUp.meeting_uuid, FollowUp.resolution_uuid, FollowUp.title, FollowUp.category,
            FollowUp.responsible_unit, FollowUp.responsible_member_uuid, FollowUp.due_on, FollowUp.status,
            FollowUp.reason, FollowUp.result, FollowUp.closed_on)


def _row(r, today: dt.date) -> FollowUpRow:
    (uuid, meeting_uuid, resolution_uuid, title, category, unit, member_uuid, due_on, status, reason, result,
     closed_on, topic, at, kind, sname, mname) = r
    late = (today - due_on).days if status in OPEN_STATUSES and due_on and due_on < today else 0
    return FollowUpRow(uuid, meeting_uuid, topic, at.date(), kind, sname or "", resolution_uuid, title, category,
                       unit, member_uuid, mname or "", due_on, status, reason, result, closed_on, late)
