"""Duty records (履职记录): filter and sort in SQL over row ids, save with attachments, trash.

``quick_entry`` gives every attendee of one activity their own record in one
transaction; the records share a ``source_uuid`` naming the activity.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import extract, func, or_, select

from ..domain.text_norm import clean_text
from ..domain.vocab import DUTY_OUTCOMES, DUTY_TYPES
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Attachment, DutyRecord, Member, new_uuid
from . import trash
from .attachments import AttachmentInfo, list_attachments, store_file
from .members import like_pattern, text_condition


@dataclass(frozen=True)
class DutyFilter:
    text: str = ""  # member name / pinyin, or words of the title
    member_uuid: str | None = None
    duty_type: str = ""
    year: int | None = None


@dataclass(frozen=True)
class DutyRow:
    uuid: str
    member_uuid: str
    member_name: str
    duty_type: str
    occurred_on: dt.date
    title: str
    outcome: str
    points: float
    attachments: int
    source_uuid: str | None

    @property
    def type_label(self) -> str:
        return DUTY_TYPES.get(self.duty_type, self.duty_type)


@dataclass
class DutyDraft:
    member_uuid: str = ""
    duty_type: str = "proposal"
    occurred_on: dt.date | None = None
    title: str = ""
    description: str = ""
    outcome: str = ""
    points: float = 0.0
    station_uuid: str | None = None


@dataclass
class QuickEntry:
    """One activity; every member in ``member_uuids`` gets a record of it."""

    member_uuids: list[str]
    duty_type: str
    occurred_on: dt.date
    title: str
    description: str = ""
    outcome: str = ""
    points: float = 0.0
    station_uuid: str | None = None
    attachments: list[str] = field(default_factory=list)  # file paths


SORT_KEYS = ("occurred_on", "member", "duty_type", "title", "outcome", "points")


def validate_duty(d: DutyDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not d.member_uuid:
        errors["member_uuid"] = "请选择委员"
    if d.duty_type not in DUTY_TYPES:
        errors["duty_type"] = "请选择履职类型"
    if d.occurred_on is None:
        errors["occurred_on"] = "请填写日期"
    elif d.occurred_on > dt.date.today() + dt.timedelta(days=366):
        errors["occurred_on"] = "日期过晚"
    elif d.occurred_on.year < 1950:
        errors["occurred_on"] = "日期过早"
    if not clean_text(d.title):
        errors["title"] = "请填写标题"
    elif len(clean_text(d.title)) > 200:
        errors["title"] = "标题过长（最多200字）"
    if d.outcome and d.outcome not in DUTY_OUTCOMES.get(d.duty_type, ()):
        allowed = "、".join(DUTY_OUTCOMES.get(d.duty_type, ())) or "（此类型不填成果）"
        errors["outcome"] = f"成果应为：{allowed}"
    if not 0 <= float(d.points) <= 1000:
        errors["points"] = "分值应在 0 到 1000 之间"
    return errors


def _raise_first(errors: dict[str, str]) -> None:
    if errors:
        key, msg = next(iter(errors.items()))
        raise ValidationError(msg, f"invalid {key}")


def _conditions(flt: DutyFilter) -> list:
    conds = [DutyRecord.deleted.is_(False), Member.deleted.is_(False)]
    if flt.member_uuid:
        conds.append(DutyRecord.member_uuid == flt.member_uuid)
    if flt.duty_type:
        conds.append(DutyRecord.duty_type == flt.duty_type)
    if flt.year:
        conds.append(DutyRecord.occurred_on.between(dt.date(flt.year, 1, 1), dt.date(flt.year, 12, 31)))
    q = clean_text(flt.text)
    if q:
        by_title = DutyRecord.title.like(f"%{like_pattern(q)}%", escape="\\")
        by_member = text_condition(q)
        conds.append(or_(by_member, by_title) if by_member is not None else by_title)
    return conds


def query_duty_ids(db: Database, flt: DutyFilter = DutyFilter(), sort: str = "occurred_on",
                   descending: bool = True) -> list[str]:
    if sort not in SORT_KEYS:
        raise ValidationError(f"不能按“{sort}”排序", f"unknown sort key {sort}")
    exprs = {"member": [Member.name_pinyin], "occurred_on": [DutyRecord.occurred_on],
             "duty_type": [DutyRecord.duty_type], "title": [DutyRecord.title], "outcome": [DutyRecord.outcome],
             "points": [DutyRecord.points]}[sort]
    order = [e.desc() if descending else e.asc() for e in exprs]
    stmt = (select(DutyRecord.uuid).join(Member, Member.uuid == DutyRecord.member_uuid)
            .where(*_conditions(flt)).order_by(*order, DutyRecord.uuid))
    with db.read() as s:
        return list(s.execute(stmt).scalars())


def fetch_duty_rows(db: Database, uuids: list[str]) -> dict[str, DutyRow]:
    out: dict[str, DutyRow] = {}
    with db.read() as s:
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            counts = dict(s.execute(
                select(Attachment.owner_uuid, func.count()).where(Attachment.owner_uuid.in_(chunk),
                                                                   Attachment.deleted.is_(False))
                .group_by(Attachment.owner_uuid)).all())
            rows = s.execute(select(DutyRecord, Member.name).join(Member, Member.uuid == DutyRecord.member_uuid)
                             .where(DutyRecord.uuid.in_(chunk)))
            for r, name in rows:
                out[r.uuid] = DutyRow(r.uuid, r.member_uuid, name, r.duty_type, r.occurred_on, r.title, r.outcome,
                                      float(r.points or 0), counts.get(r.uuid, 0), r.source_uuid)
    return out


def list_duties(db: Database, flt: DutyFilter = DutyFilter()) -> list[DutyRow]:
    ids = query_duty_ids(db, flt)
    rows = fetch_duty_rows(db, ids)
    return [rows[u] for u in ids]


def duty_years(db: Database) -> list[int]:
    with db.read() as s:
        years = s.execute(select(extract("year", DutyRecord.occurred_on)).where(DutyRecord.deleted.is_(False))
                          .distinct()).scalars().all()
    this = dt.date.today().year
    return sorted({int(y) for y in years if y} | {this}, reverse=True)


def get_duty(db: Database, uuid: str) -> tuple[DutyDraft, list[AttachmentInfo]]:
    with db.read() as s:
        r = s.get(DutyRecord, uuid)
        if r is None:
            raise NotFoundError("找不到该履职记录", f"duty record {uuid} not found")
        draft = DutyDraft(r.member_uuid, r.duty_type, r.occurred_on, r.title, r.description, r.outcome,
                          float(r.points or 0), r.station_uuid)
    return draft, list_attachments(db, uuid)


def _store_all(db: Database, paths: list[str]) -> list[dict]:
    """Copy files into the store (by hash) before the transaction; rows to insert after."""
    out = []
    for p in paths:
        sha, size = store_file(db, p)
        name = Path(p).name
        out.append({"owner_table": "duty_record", "sha256": sha, "filename": name[-255:], "size": size,
                    "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream"})
    return out


def save_duty(db: Database, uuid: str | None, draft: DutyDraft, add_files: list[str] = (),
              remove_attachments: list[str] = ()) -> str:
    """Create or update a record; files are copied into the data folder by hash."""
    _raise_first(validate_duty(draft))
    stored = _store_all(db, list(add_files))
    with db.write() as w:
        s = w.session
        member = s.get(Member, draft.member_uuid)
        if member is None or member.deleted:
            raise NotFoundError("所选委员不存在或已删除", "member not found")
        values = {"member_uuid": draft.member_uuid, "duty_type": draft.duty_type, "occurred_on": draft.occurred_on,
                  "title": clean_text(draft.title), "description": draft.description.strip(),
                  "outcome": draft.outcome, "points": float(draft.points),
                  "station_uuid": draft.station_uuid or member.station_uuid}
        if uuid is None:
            record = DutyRecord(**values)
            s.add(record)
            s.flush()
        else:
            record = s.get(DutyRecord, uuid)
            if record is None or record.deleted:
                raise NotFoundError("该履职记录已被删除，无法保存", "duty record not found")
            for key, value in values.items():
                if getattr(record, key) != value:
                    setattr(record, key, value)
        for a in stored:
            s.add(Attachment(owner_uuid=record.uuid, **a))
        if remove_attachments:
            for a in s.execute(select(Attachment).where(Attachment.uuid.in_(list(remove_attachments)),
                                                        Attachment.owner_uuid == record.uuid)).scalars():
                a.deleted = True
        s.flush()
        return record.uuid


def quick_entry(db: Database, entry: QuickEntry) -> list[str]:
    """One record per attendee, in one transaction; returns the new records' uuids."""
    if not entry.member_uuids:
        raise ValidationError("请至少选择一名参加的委员", "no attendees")
    members = list(dict.fromkeys(entry.member_uuids))
    probe = DutyDraft(members[0], entry.duty_type, entry.occurred_on, entry.title, entry.description,
                      entry.outcome, entry.points, entry.station_uuid)
    _raise_first(validate_duty(probe))
    stored = _store_all(db, list(entry.attachments))
    source = new_uuid()
    with db.write() as w:
        found = dict(w.session.execute(select(Member.uuid, Member.station_uuid).where(
            Member.uuid.in_(members), Member.deleted.is_(False))).all())
        missing = [m for m in members if m not in found]
        if missing:
            raise NotFoundError(f"有{len(missing)}名委员不存在或已删除", "some members not found")
        rows = [{"member_uuid": m, "duty_type": entry.duty_type, "occurred_on": entry.occurred_on,
                 "title": clean_text(entry.title), "description": entry.description.strip(),
                 "outcome": entry.outcome, "points": float(entry.points),
                 "station_uuid": entry.station_uuid or found[m], "source_uuid": source} for m in members]
        uuids = w.insert_rows(DutyRecord, rows)
        if stored:
            w.insert_rows(Attachment, [{**a, "owner_uuid": u} for u in uuids for a in stored])
        return uuids


def delete_duties(db: Database, uuids: list[str]) -> int:
    return trash.move_to_trash(db, "duty_record", uuids)


def restore_duties(db: Database, uuids: list[str]) -> int:
    return trash.restore(db, "duty_record", uuids)
