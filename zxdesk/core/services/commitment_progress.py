"""Fulfilment (践诺): progress updates with evidence and duty-record links, and the
period-end review."""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..domain.commitment_terms import REVIEW_RESULTS
from ..domain.periods import Period
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import (
    Attachment,
    Commitment,
    CommitmentUpdate,
    CommitmentUpdateRecord,
    DutyRecord,
    GroupMember,
    Member,
)
from .attachments import AttachmentInfo, store_file

UPDATE_TABLE = "commitment_update"
# Duty records offered for linking: dated in the period or up to this long after it.
LINK_GRACE_DAYS = 90


@dataclass
class UpdateInput:
    updated_on: dt.date
    text: str
    files: list[str | os.PathLike] = field(default_factory=list)  # evidence to attach
    duty_record_uuids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LinkedRecord:
    uuid: str
    occurred_on: dt.date
    duty_type: str
    title: str
    member_name: str


@dataclass(frozen=True)
class UpdateInfo:
    uuid: str
    updated_on: dt.date
    text: str
    attachments: tuple[AttachmentInfo, ...]
    records: tuple[LinkedRecord, ...]


@dataclass(frozen=True)
class ReviewInput:
    reviewed_by: str
    result: str  # a REVIEW_RESULTS code
    remark: str = ""
    reviewed_on: dt.date | None = None


def _commitment(session, uuid: str) -> Commitment:
    row = session.get(Commitment, uuid)
    if row is None or row.deleted:
        raise NotFoundError("这项承诺不存在或已删除", f"commitment {uuid} not found")
    return row


# -- progress updates ---------------------------------------------------------------
def add_update(db: Database, commitment_uuid: str, inp: UpdateInput) -> str:
    """Record progress. Files are copied into the attachment store first (by hash, so a
    failed save leaves only unreferenced copies); the update, its attachments and links
    are written in one transaction. A commitment not yet started becomes 推进中."""
    text = (inp.text or "").strip()
    if not text:
        raise ValidationError("进展情况不能为空", "a progress update needs text")
    if inp.updated_on is None:
        raise ValidationError("请填写进展日期", "a progress update needs a date")
    if inp.updated_on > dt.date.today() + dt.timedelta(days=1):
        raise ValidationError("进展日期不能晚于今天", "a progress update cannot be dated in the future")
    stored = [(Path(f), *store_file(db, f)) for f in inp.files]
    with db.write() as w:
        s = w.session
        row = _commitment(s, commitment_uuid)
        record_ids = list(dict.fromkeys(inp.duty_record_uuids))
        if record_ids:
            found = set(s.execute(select(DutyRecord.uuid).where(DutyRecord.uuid.in_(record_ids),
                                                                DutyRecord.deleted.is_(False))).scalars())
            if missing := [r for r in record_ids if r not in found]:
                raise ValidationError("所选履职记录不存在或已删除", f"duty records not found: {', '.join(missing)}")
        update = CommitmentUpdate(commitment_uuid=commitment_uuid, updated_on=inp.updated_on, text=text)
        s.add(update)
        s.flush()
        for path, sha, size in stored:
            s.add(Attachment(owner_table=UPDATE_TABLE, owner_uuid=update.uuid, sha256=sha, filename=path.name,
                             mime_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                             size=size))
        for rid in record_ids:
            s.add(CommitmentUpdateRecord(update_uuid=update.uuid, duty_record_uuid=rid))
        if row.status == "not_started":
            row.status = "in_progress"
        return update.uuid


def delete_update(db: Database, update_uuid: str) -> None:
    """Tombstone a progress update (its attachments and links stay with it)."""
    with db.write() as w:
        row = w.session.get(CommitmentUpdate, update_uuid)
        if row is None or row.deleted:
            raise NotFoundError("这条进展不存在", f"update {update_uuid} not found")
        row.deleted = True


def restore_update(db: Database, update_uuid: str) -> None:
    with db.write() as w:
        row = w.session.get(CommitmentUpdate, update_uuid)
        if row is None:
            raise NotFoundError("这条进展不存在", f"update {update_uuid} not found")
        row.deleted = False


def list_updates(db: Database, commitment_uuid: str) -> list[UpdateInfo]:
    """Progress updates, newest first, with their attachments and linked duty records."""
    u, a, link = CommitmentUpdate, Attachment, CommitmentUpdateRecord
    with db.read() as s:
        updates = s.execute(select(u).where(u.commitment_uuid == commitment_uuid, u.deleted.is_(False))
                            .order_by(u.updated_on.desc(), u.created_at.desc())).scalars().all()
        ids = [x.uuid for x in updates]
        files: dict[str, list[AttachmentInfo]] = {}
        for r in s.execute(select(a).where(a.owner_uuid.in_(ids), a.deleted.is_(False))
                           .order_by(a.created_at, a.filename)).scalars():
            files.setdefault(r.owner_uuid, []).append(AttachmentInfo(
                r.uuid, r.owner_table, r.owner_uuid, r.sha256, r.filename, r.mime_type, r.size, r.caption))
        records: dict[str, list[LinkedRecord]] = {}
        for upd, rid, on, dtype, title, name in s.execute(
            select(link.update_uuid, DutyRecord.uuid, DutyRecord.occurred_on, DutyRecord.duty_type,
                   DutyRecord.title, Member.name)
            .join(DutyRecord, DutyRecord.uuid == link.duty_record_uuid)
            .join(Member, Member.uuid == DutyRecord.member_uuid)
            .where(link.update_uuid.in_(ids), link.deleted.is_(False))
            .order_by(DutyRecord.occurred_on)
        ):
            records.setdefault(upd, []).append(LinkedRecord(rid, on, dtype, title, name))
    return [UpdateInfo(x.uuid, x.updated_on, x.text, tuple(files.get(x.uuid, ())), tuple(records.get(x.uuid, ())))
            for x in updates]


def linkable_duty_records(db: Database, commitment_uuid: str) -> list[LinkedRecord]:
    """Duty records that can back this commitment: the owner's own (for a group or
    branch: its members'), dated in the period or up to LINK_GRACE_DAYS after it."""
    with db.read() as s:
        row = _commitment(s, commitment_uuid)
        period = Period.parse(row.period)
        if row.owner_type == "member":
            members = [row.owner_uuid]
        else:
            members = list(s.execute(select(GroupMember.member_uuid).where(
                GroupMember.group_uuid == row.owner_uuid, GroupMember.deleted.is_(False))).scalars())
        d = DutyRecord
        rows = s.execute(
            select(d.uuid, d.occurred_on, d.duty_type, d.title, Member.name)
            .join(Member, Member.uuid == d.member_uuid)
            .where(d.member_uuid.in_(members), d.deleted.is_(False),
                   d.occurred_on >= period.start,
                   d.occurred_on <= period.end + dt.timedelta(days=LINK_GRACE_DAYS))
            .order_by(d.occurred_on.desc(), d.title)
        ).all()
    return [LinkedRecord(*r) for r in rows]


# -- period-end review ---------------------------------------------------------------
def review_commitments(db: Database, uuids: list[str], inp: ReviewInput) -> int:
    """Record the period-end review (who, result, remark, date) on each commitment."""
    who = (inp.reviewed_by or "").strip()
    if not who:
        raise ValidationError("请填写评议人", "the review needs a reviewer")
    if inp.result not in REVIEW_RESULTS:
        raise ValidationError(f"未知的评议结果：{inp.result}", f"unknown review result: {inp.result}")
    on = inp.reviewed_on or dt.date.today()
    if not uuids:
        raise ValidationError("请先选择要评议的承诺", "choose the commitments to review")
    with db.write() as w:
        rows = [_commitment(w.session, x) for x in uuids]
        for row in rows:
            if on < Period.parse(row.period).start:
                raise ValidationError(f"评议日期 {on} 早于承诺期 {Period.parse(row.period).label} 的开始",
                                      f"review date {on} is before the period {row.period} starts")
            row.reviewed_by, row.review_result = who, inp.result
            row.review_remark, row.reviewed_on = (inp.remark or "").strip(), on
    return len(rows)


def clear_review(db: Database, uuids: list[str]) -> int:
    with db.write() as w:
        rows = [_commitment(w.session, x) for x in uuids]
        for row in rows:
            row.reviewed_by = row.review_result = row.review_remark = ""
            row.reviewed_on = None
    return len(rows)
