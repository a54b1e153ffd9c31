"""Lists of meetings: filters (station, kind, period, follow-up status), full-text search
in the minutes, and the full records behind ``zxdesk meetings list --json``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from ..domain.vocab import FOLLOW_UP_CATEGORIES, FOLLOW_UP_STATUSES
from ..storage.database import Database
from ..storage.models import FollowUp, Meeting, Member, MeetingAttendee, Resolution, Station

OPEN_STATUSES = ("todo", "doing")
# Follow-up status filters besides the four codes.
STATUS_FILTERS = {"open": "有未办结事项", "overdue": "有逾期事项", **FOLLOW_UP_STATUSES}
SEARCHED_FIELDS = ("topic", "agenda", "minutes_briefing", "minutes_opinions", "minutes_consensus", "place", "host")


@dataclass
class MeetingFilter:
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    station_uuid: str | None = None
    kind: str | None = None
    follow_up_status: str | None = None  # a FOLLOW_UP_STATUSES code, "open" or "overdue"
    text: str = ""  # words searched in the topic, agenda, minutes and resolutions
    today: dt.date | None = None  # for "overdue"; defaults to the real date


@dataclass(slots=True)  # not frozen: built by the thousand, and frozen init is 8x slower
class MeetingRow:
    uuid: str
    starts_at: dt.datetime
    kind: str
    topic: str
    station_name: str
    place: str
    host: str
    attendees_count: int
    residents_count: int
    resolutions_count: int
    follow_ups_total: int
    follow_ups_open: int
    follow_ups_overdue: int


def search_terms(text: str) -> list[str]:
    return [t for t in text.replace("\u3000", " ").split() if t]


def _conditions(f: MeetingFilter, today: dt.date) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Meeting.deleted.is_(False)]
    if f.date_from is not None:
        conds.append(Meeting.starts_at >= dt.datetime.combine(f.date_from, dt.time()))
    if f.date_to is not None:
        conds.append(Meeting.starts_at < dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time()))
    if f.station_uuid:
        conds.append(Meeting.station_uuid == f.station_uuid)
    if f.kind:
        conds.append(Meeting.kind == f.kind)
    if f.follow_up_status:
        fu = [FollowUp.meeting_uuid == Meeting.uuid, FollowUp.deleted.is_(False)]
        if f.follow_up_status == "open":
            fu.append(FollowUp.status.in_(OPEN_STATUSES))
        elif f.follow_up_status == "overdue":
            fu += [FollowUp.status.in_(OPEN_STATUSES), FollowUp.due_on < today]
        else:
            fu.append(FollowUp.status == f.follow_up_status)
        conds.append(exists().where(*fu))
    for term in search_terms(f.text):
        in_meeting = [getattr(Meeting, name).contains(term, autoescape=True) for name in SEARCHED_FIELDS]
        in_resolution = exists().where(Resolution.meeting_uuid == Meeting.uuid, Resolution.deleted.is_(False),
                                       Resolution.text.contains(term, autoescape=True))
        conds.append(or_(*in_meeting, in_resolution))
    return conds


def list_meetings(db: Database, f: MeetingFilter | None = None) -> list[MeetingRow]:
    """Meetings matching the filter, newest first, with their counts.

    One scan of the meeting table, then the counts grouped per table (for the matched
    meetings only when they are few); this is several times faster on SQLite than
    correlated subqueries read through the date index (see benchmarks/bench_meetings.py).
    """
    f = f or MeetingFilter()
    today = f.today or dt.date.today()
    stmt = (select(Meeting.uuid, Meeting.starts_at, Meeting.kind, Meeting.topic, Meeting.station_uuid, Meeting.place,
                   Meeting.host, Meeting.residents_count).where(*_conditions(f, today)))
    with db.read() as session:
        s = session.connection()  # plain Core rows: the ORM's row handling costs more than the query
        meetings = s.execute(stmt).all()
        if not meetings:
            return []
        ids = [m[0] for m in meetings] if len(meetings) <= _FEW else None
        stations = dict(s.execute(select(Station.uuid, Station.name)).all())
        attendees = _counts(s, MeetingAttendee, ids)
        resolutions = _counts(s, Resolution, ids)
        open_ = case((FollowUp.status.in_(OPEN_STATUSES), 1), else_=0)
        late = case((and_(FollowUp.status.in_(OPEN_STATUSES), FollowUp.due_on < today), 1), else_=0)
        fu_stmt = (select(FollowUp.meeting_uuid, func.count(), func.sum(open_), func.sum(late))
                   .where(FollowUp.deleted.is_(False)).group_by(FollowUp.meeting_uuid))
        follow_ups = {mid: (total, nopen, nlate) for mid, total, nopen, nlate in _chunked(s, fu_stmt, FollowUp, ids)}
    rows = []
    for uuid, at, kind, topic, station, place, host, people in meetings:
        total, nopen, nlate = follow_ups.get(uuid, (0, 0, 0))
        rows.append(MeetingRow(uuid, at, kind, topic, stations.get(station, "") if station else "", place, host,
                               attendees.get(uuid, 0), people or 0, resolutions.get(uuid, 0), total or 0, nopen or 0,
                               nlate or 0))
    rows.sort(key=lambda r: r.uuid)
    rows.sort(key=lambda r: r.starts_at, reverse=True)
    return rows


_FEW = 400  # up to this many meetings, counts are looked up by meeting; beyond, grouped over the table


def _chunked(s, stmt, model, ids: list[str] | None):
    if ids is None:
        yield from s.execute(stmt).all()
        return
    for start in range(0, len(ids), 200):
        yield from s.execute(stmt.where(model.meeting_uuid.in_(ids[start:start + 200]))).all()


def _counts(s, model, ids: list[str] | None) -> dict[str, int]:
    stmt = (select(model.meeting_uuid, func.count()).where(model.deleted.is_(False))
            .group_by(model.meeting_uuid))
    return dict(_chunked(s, stmt, model, ids))


def search_excerpt(db: Database, meeting_uuid: str, text: str, width: int = 24) -> str:
    """Where the first search word occurs in a meeting, as a short excerpt."""
    terms = search_terms(text)
    if not terms:
        return ""
    with db.read() as s:
        m = s.get(Meeting, meeting_uuid)
        if m is None:
            return ""
        sources = [(name, getattr(m, name)) for name in SEARCHED_FIELDS]
        sources += [("resolution", t) for t in s.execute(
            select(Resolution.text).where(Resolution.meeting_uuid == meeting_uuid, Resolution.deleted.is_(False))
        ).scalars()]
    labels = {"topic": "议题", "agenda": "议程", "minutes_briefing": "情况通报", "minutes_opinions": "意见建议",
              "minutes_consensus": "协商共识", "place": "地点", "host": "主持人", "resolution": "协商成果"}
    term = terms[0]
    for name, value in sources:
        pos = (value or "").lower().find(term.lower())
        if pos >= 0:
            start = max(0, pos - width)
            end = min(len(value), pos + len(term) + width)
            snippet = value[start:end].replace("\n", " ")
            return f"{labels[name]}：{'…' if start else ''}{snippet}{'…' if end < len(value) else ''}"
    return ""


# -- full records for the command line ------------------------------------------------
@dataclass(frozen=True)
class FollowUpBrief:
    uuid: str
    title: str
    status: str
    category: str
    due_on: dt.date | None
    closed_on: dt.date | None
    responsible_unit: str
    responsible_member_uuid: str | None
    resolution_uuid: str | None
    result: str
    reason: str

    def as_json(self, today: dt.date) -> dict:
        overdue = self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today
        return {
            "uuid": self.uuid, "title": self.title, "status": self.status,
            "status_label": FOLLOW_UP_STATUSES.get(self.status, self.status),
            "category": self.category, "category_label": FOLLOW_UP_CATEGORIES.get(self.category, self.category),
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "responsible_unit": self.responsible_unit, "responsible_member_uuid": self.responsible_member_uuid,
            "resolution_uuid": self.resolution_uuid, "result": self.result, "reason": self.reason,
            "overdue": overdue,
        }


@dataclass
class MeetingRecord:
    row: MeetingRow
    station_uuid: str | None
    attendees: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpBrief] = field(default_factory=list)

    def as_json(self, today: dt.date) -> dict:
        r = self.row
        return {
            "uuid": r.uuid, "kind": r.kind, "topic": r.topic,
            "date": r.starts_at.date().isoformat(), "starts_at": r.starts_at.isoformat(timespec="seconds"),
            "time": r.starts_at.strftime("%H:%M"),
            "place": r.place, "station_uuid": self.station_uuid, "station": r.station_name, "host": r.host,
            "attendees": self.attendees, "attendees_count": len(self.attendees),
            "residents_count": r.residents_count, "resolutions_count": r.resolutions_count,
            "follow_ups": [fu.as_json(today) for fu in self.follow_ups],
        }


def meeting_records(db: Database, f: MeetingFilter | None = None) -> list[MeetingRecord]:
    """Meetings with attendee uuids and follow-ups, oldest first (for export)."""
    f = f or MeetingFilter()
    rows = sorted(list_meetings(db, f), key=lambda r: (r.starts_at, r.uuid))
    records = {r.uuid: MeetingRecord(r, None) for r in rows}
    ids = list(records)
    with db.read() as s:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for mid, sid in s.execute(select(Meeting.uuid, Meeting.station_uuid).where(Meeting.uuid.in_(chunk))):
                records[mid].station_uuid = sid
            for mid, member in s.execute(
                select(MeetingAttendee.meeting_uuid, MeetingAttendee.member_uuid)
                .outerjoin(Member, Member.uuid == MeetingAttendee.member_uuid)
                .where(MeetingAttendee.meeting_uuid.in_(chunk), MeetingAttendee.deleted.is_(False))
                .order_by(Member.name_pinyin, Member.name, MeetingAttendee.member_uuid)
            ):
                if member not in records[mid].attendees:
                    records[mid].attendees.append(member)
            for fu in s.execute(
                select(FollowUp).where(FollowUp.meeting_uuid.in_(chunk), FollowUp.deleted.is_(False))
                .order_by(FollowUp.created_at, FollowUp.uuid)
            ).scalars():
                records[fu.meeting_uuid].follow_ups.append(FollowUpBrief(
                    fu.uuid, fu.title, fu.status, fu.category, fu.due_on, fu.closed_on, fu.responsible_unit,
                    fu.responsible_member_uuid, fu.resolution_uuid, fu.result, fu.reason))
    return list(records.values())
