"""Duty records written by other records (meeting attendance, mediation), kept in step.

A record made for member M by source S has a uuid derived from (type, S, M): making it
again, here or at another workstation, gives the same row, so re-adding an attendee
restores the old record instead of duplicating it, and two sites never both create one.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.vocab import DEFAULT_POINTS
from ..storage.models import Committee, DutyPoints, DutyRecord

# Fixed namespace for derived uuids (never change it: synced data depends on it).
DERIVED_NAMESPACE = uuidlib.UUID("6b0f3c0e-52f4-4a0c-9d0e-7a1f2d5e9c31")


def derived_uuid(kind: str, source_uuid: str, member_uuid: str) -> str:
    return str(uuidlib.uuid5(DERIVED_NAMESPACE, f"{kind}:{source_uuid}:{member_uuid}"))


@dataclass(frozen=True)
class DerivedDuty:
    """What the records of one source should say."""

    duty_type: str
    source_uuid: str
    occurred_on: dt.date
    title: str
    description: str = ""
    outcome: str = ""
    station_uuid: str | None = None


def points_for(session: Session, duty_type: str) -> float:
    """The committee's points for a duty type, or the default points."""
    row = session.execute(
        select(DutyPoints.points)
        .join(Committee, Committee.uuid == DutyPoints.committee_uuid)
        .where(DutyPoints.duty_type == duty_type, DutyPoints.deleted.is_(False), Committee.deleted.is_(False))
        .order_by(Committee.created_at).limit(1)
    ).scalar_one_or_none()
    return float(row) if row is not None else float(DEFAULT_POINTS.get(duty_type, 0))


def sync_derived(session: Session, duty: DerivedDuty, member_uuids: list[str] | set[str], *,
                 active: bool = True) -> None:
    """Make the source's live records exactly one per member in ``member_uuids``.

    Records of members no longer listed (or all, when ``active`` is false) become
    tombstones; listed members get their record created or restored; every live record
    takes the source's current date, title and place.
    """
    wanted = set(member_uuids) if active else set()
    session.flush()
    existing = session.execute(
        select(DutyRecord).where(DutyRecord.source_uuid == duty.source_uuid, DutyRecord.duty_type == duty.duty_type)
    ).scalars().all()
    by_member: dict[str, DutyRecord] = {}
    for rec in existing:
        keep = by_member.get(rec.member_uuid)
        # Keep one record per member (prefer a live one); extra copies become tombstones.
        if keep is None or (keep.deleted and not rec.deleted):
            if keep is not None and not keep.deleted:
                keep.deleted = True
            by_member[rec.member_uuid] = rec
        elif not rec.deleted:
            rec.deleted = True
    points = None
    for member, rec in by_member.items():
        if member not in wanted:
            if not rec.deleted:
                rec.deleted = True
            continue
        if rec.deleted:
            rec.deleted = False
            points = points_for(session, duty.duty_type) if points is None else points
            rec.points = points
        _fill(rec, duty)
    for member in sorted(wanted - by_member.keys()):
        points = points_for(session, duty.duty_type) if points is None else points
        rec = DutyRecord(uuid=derived_uuid(duty.duty_type, duty.source_uuid, member), member_uuid=member,
                         duty_type=duty.duty_type, source_uuid=duty.source_uuid, points=points)
        _fill(rec, duty)
        session.add(rec)


def _fill(rec: DutyRecord, duty: DerivedDuty) -> None:
    for field in ("occurred_on", "title", "description", "outcome", "station_uuid"):
        value = getattr(duty, field)
        if getattr(rec, field) != value:
            setattr(rec, field, value)
