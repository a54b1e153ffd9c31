"""Commitments (亮承诺): create, edit, read one, status changes, delete to the trash.

The GUI and the CLI call these with plain values and get plain dataclasses back.
Listing many commitments fast is in ``commitment_list``, progress and review in
``commitment_progress``, carrying over in ``commitment_carry``, rates in
``commitment_rates``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from ..domain.commitment_terms import is_overdue
from ..domain.periods import Period, normalise
from ..domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Commitment, CommitmentDeed, Member, OrgGroup, Station
from . import trash

MAX_CATEGORY = 40


@dataclass
class DeedInput:
    text: str
    target_on: dt.date | None = None
    done_on: dt.date | None = None
    uuid: str | None = None  # an existing deed being edited


@dataclass
class CommitmentInput:
    period: str
    owner_type: str
    owner_uuid: str
    content: str
    category: str = ""
    station_uuid: str | None = None
    published_on: dt.date | None = None
    status: str = "not_started"
    reason: str = ""
    deeds: list[DeedInput] = field(default_factory=list)


@dataclass(frozen=True)
class DeedInfo:
    uuid: str
    text: str
    target_on: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class CommitmentDetail:
    uuid: str
    period: str
    owner_type: str
    owner_uuid: str
    owner_name: str
    station_uuid: str | None
    station_name: str
    category: str
    content: str
    published_on: dt.date | None
    status: str
    reason: str
    carried_from_uuid: str | None
    carried_from_period: str
    reviewed_by: str
    review_result: str
    review_remark: str
    reviewed_on: dt.date | None
    deeds: tuple[DeedInfo, ...]
    overdue: bool

    def as_input(self) -> CommitmentInput:
        return CommitmentInput(
            period=self.period, owner_type=self.owner_type, owner_uuid=self.owner_uuid,
            content=self.content, category=self.category, station_uuid=self.station_uuid,
            published_on=self.published_on, status=self.status, reason=self.reason,
            deeds=[DeedInput(d.text, d.target_on, d.done_on, d.uuid) for d in self.deeds],
        )


# -- validation ---------------------------------------------------------------------
def validate_status(status: str, reason: str) -> tuple[str, str]:
    if status not in COMMITMENT_STATUSES:
        raise ValidationError(f"未知的承诺状态：{status}", f"unknown commitment status: {status}")
    reason = (reason or "").strip()
    if status == "unfulfilled" and not reason:
        raise ValidationError("状态为“未兑现”时必须填写原因", "an unfulfilled commitment needs a reason")
    return status, reason if status == "unfulfilled" else ""


def _clean_deeds(deeds: list[DeedInput]) -> list[DeedInput]:
    out = []
    for index, deed in enumerate(deeds, start=1):
        text = (deed.text or "").strip()
        if not text:
            if deed.target_on is None and deed.done_on is None:
                continue  # a blank row in the editor
            raise ValidationError(f"第 {index} 件拟办实事没有填写内容", f"deed {index} has no text")
        out.append(DeedInput(text, deed.target_on, deed.done_on, deed.uuid))
    return out


def validate(inp: CommitmentInput) -> CommitmentInput:
    """A cleaned copy of the input, or a ValidationError saying what is wrong."""
    period = normalise(inp.period)
    if inp.owner_type not in OWNER_TYPES:
        raise ValidationError(f"未知的承诺主体类型：{inp.owner_type}", f"unknown owner type: {inp.owner_type}")
    if not inp.owner_uuid:
        raise ValidationError("请选择承诺主体（委员、活动组或界别党支部）", "choose the owner of the commitment")
    content = (inp.content or "").strip()
    if not content:
        raise ValidationError("承诺内容不能为空", "the commitment needs content")
    category = (inp.category or "").strip()
    if len(category) > MAX_CATEGORY:
        raise ValidationError(f"类别不能超过 {MAX_CATEGORY} 个字", f"category longer than {MAX_CATEGORY} characters")
    status, reason = validate_status(inp.status, inp.reason)
    return CommitmentInput(period, inp.owner_type, inp.owner_uuid, content, category, inp.station_uuid or None,
                           inp.published_on, status, reason, _clean_deeds(inp.deeds))


def _check_refs(session, inp: CommitmentInput) -> None:
    if inp.owner_type == "member":
        found = session.execute(select(Member.uuid).where(Member.uuid == inp.owner_uuid,
                                                          Member.deleted.is_(False))).first()
    else:
        found = session.execute(select(OrgGroup.uuid).where(
            OrgGroup.uuid == inp.owner_uuid, OrgGroup.kind == inp.owner_type, OrgGroup.deleted.is_(False))).first()
    if found is None:
        kind = OWNER_TYPES[inp.owner_type]
        raise ValidationError(f"找不到这个{kind}", f"owner {inp.owner_uuid} ({inp.owner_type}) not found")
    if inp.station_uuid is not None:
        if session.get(Station, inp.station_uuid) is None:
            raise ValidationError("找不到所选的工作站", f"station {inp.station_uuid} not found")


# -- writing ------------------------------------------------------------------------
def _apply(row: Commitment, inp: CommitmentInput) -> None:
    row.period = inp.period
    row.owner_type = inp.owner_type
    row.owner_uuid = inp.owner_uuid
    row.station_uuid = inp.station_uuid
    row.category = inp.category
    row.content = inp.content
    row.published_on = inp.published_on
    row.status = inp.status
    row.reason = inp.reason


def create_commitment(db: Database, inp: CommitmentInput) -> str:
    """Save a new commitment with its deeds; returns its uuid."""
    clean = validate(inp)
    with db.write() as w:
        _check_refs(w.session, clean)
        row = Commitment()
        _apply(row, clean)
        w.session.add(row)
        w.session.flush()
        for deed in clean.deeds:
            w.session.add(CommitmentDeed(commitment_uuid=row.uuid, text=deed.text,
                                         target_on=deed.target_on, done_on=deed.done_on))
        return row.uuid


def _live(session, uuid: str) -> Commitment:
    row = session.get(Commitment, uuid)
    if row is None or row.deleted:
        raise NotFoundError("这项承诺不存在或已删除", f"commitment {uuid} not found")
    return row


def update_commitment(db: Database, uuid: str, inp: CommitmentInput) -> None:
    """Save edits; deeds left out of ``inp.deeds`` are removed (tombstoned)."""
    clean = validate(inp)
    with db.write() as w:
        s = w.session
        row = _live(s, uuid)
        _check_refs(s, clean)
        _apply(row, clean)
        existing = {d.uuid: d for d in s.execute(select(CommitmentDeed).where(
            CommitmentDeed.commitment_uuid == uuid, CommitmentDeed.deleted.is_(False))).scalars()}
        kept = set()
        for deed in clean.deeds:
            old = existing.get(deed.uuid or "")
            if old is None:
                s.add(CommitmentDeed(commitment_uuid=uuid, text=deed.text, target_on=deed.target_on,
                                     done_on=deed.done_on))
                continue
            kept.add(old.uuid)
            old.text, old.target_on, old.done_on = deed.text, deed.target_on, deed.done_on
        for old_uuid, old in existing.items():
            if old_uuid not in kept:
                old.deleted = True


def set_status(db: Database, uuids: list[str], status: str, reason: str = "") -> int:
    """Change the status of one or more commitments (未兑现 needs a reason)."""
    status, reason = validate_status(status, reason)
    with db.write() as w:
        rows = [_live(w.session, u) for u in uuids]
        for row in rows:
            row.status = status
            row.reason = reason
    return len(rows)


def mark_deed_done(db: Database, deed_uuid: str, done_on: dt.date | None) -> None:
    with db.write() as w:
        deed = w.session.get(CommitmentDeed, deed_uuid)
        if deed is None or deed.deleted:
            raise NotFoundError("这件拟办实事不存在", f"deed {deed_uuid} not found")
        deed.done_on = done_on


def delete_commitments(db: Database, uuids: list[str]) -> int:
    """Move commitments to the trash (restorable with ``restore_commitments``)."""
    return trash.move_to_trash(db, "commitment", uuids)


def restore_commitments(db: Database, uuids: list[str]) -> int:
    return trash.restore(db, "commitment", uuids)


# -- reading ------------------------------------------------------------------------
def owner_name(session, owner_type: str, owner_uuid: str) -> str:
    model = Member if owner_type == "member" else OrgGroup
    name = session.execute(select(model.name).where(model.uuid == owner_uuid)).scalar_one_or_none()
    return name or "（已删除）"


def get_commitment(db: Database, uuid: str, today: dt.date | None = None) -> CommitmentDetail:
    today = today or dt.date.today()
    with db.read() as s:
        row = _live(s, uuid)
        deeds = tuple(
            DeedInfo(d.uuid, d.text, d.target_on, d.done_on)
            for d in s.execute(select(CommitmentDeed).where(
                CommitmentDeed.commitment_uuid == uuid, CommitmentDeed.deleted.is_(False))
                .order_by(CommitmentDeed.target_on.is_(None), CommitmentDeed.target_on,
                          CommitmentDeed.created_at, CommitmentDeed.text)).scalars()
        )
        station = s.get(Station, row.station_uuid) if row.station_uuid else None
        carried_period = ""
        if row.carried_from_uuid:
            carried_period = s.execute(select(Commitment.period).where(
                Commitment.uuid == row.carried_from_uuid)).scalar_one_or_none() or ""
        return CommitmentDetail(
            uuid=row.uuid, period=row.period, owner_type=row.owner_type, owner_uuid=row.owner_uuid,
            owner_name=owner_name(s, row.owner_type, row.owner_uuid), station_uuid=row.station_uuid,
            station_name=station.name if station else "", category=row.category, content=row.content,
            published_on=row.published_on, status=row.status, reason=row.reason,
            carried_from_uuid=row.carried_from_uuid, carried_from_period=carried_period,
            reviewed_by=row.reviewed_by, review_result=row.review_result, review_remark=row.review_remark,
            reviewed_on=row.reviewed_on, deeds=deeds,
            overdue=is_overdue(row.status, Period.parse(row.period), [(d.target_on, d.done_on) for d in deeds],
                               today),
        )


@dataclass(frozen=True)
class DeletedCommitment:
    uuid: str
    period: str
    owner_name: str
    content: str
    deleted_at: dt.datetime | None


def list_deleted_commitments(db: Database) -> list[DeletedCommitment]:
    """Commitments in the trash, most recently deleted first."""
    c = Commitment
    with db.read() as s:
        rows = s.execute(select(c.uuid, c.period, c.owner_type, c.owner_uuid, c.content, c.updated_at)
                         .where(c.deleted.is_(True)).order_by(c.updated_at.desc(), c.uuid)).all()
        return [DeletedCommitment(u, p, owner_name(s, t, o), content, at) for u, p, t, o, content, at in rows]
