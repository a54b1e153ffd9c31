"""Carrying over (结转): last period's open commitments become commitments of the next.

One action copies every commitment of the previous period whose status is not 已兑现
into the target period, with ``carried_from_uuid`` pointing at the original. Running it
again copies nothing twice: an original that already has a copy in the target period
(even one since moved to the trash) is skipped.

What a copy gets: owner, station, category and content unchanged; only the deeds not
yet done, with their target date kept when it falls on or after the start of the new
period and moved to the new period's last day otherwise; status 推进中 if the
original was 推进中, else 未开始; no publication date (it is published anew) and no
review. The original is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.commitment_terms import OPEN_STATUSES
from ..domain.periods import Period
from ..progress import NULL_PROGRESS, Progress
from ..storage.database import Database
from ..storage.models import Commitment, CommitmentDeed, new_uuid


@dataclass(frozen=True)
class CarryResult:
    from_period: str
    to_period: str
    created: int  # copies made now
    skipped: int  # open commitments already carried into the target period
    uuids: tuple[str, ...]  # the new copies


def carry_candidates(db: Database, to_period: str | Period) -> tuple[int, int]:
    """(to copy, already copied) for a preview before ``carry_over``."""
    target = Period.parse(to_period)
    with db.read() as s:
        open_ids = _open_ids(s, target.previous().code)
        done = _already(s, target.code)
    return len([x for x in open_ids if x not in done]), len([x for x in open_ids if x in done])


def _open_ids(session, period: str) -> list[str]:
    c = Commitment
    return list(session.execute(select(c.uuid).where(
        c.period == period, c.deleted.is_(False), c.status.in_(OPEN_STATUSES)).order_by(c.created_at, c.uuid))
        .scalars())


def _already(session, period: str) -> set[str]:
    c = Commitment
    return set(session.execute(select(c.carried_from_uuid).where(
        c.period == period, c.carried_from_uuid.is_not(None))).scalars())


def carry_over(db: Database, to_period: str | Period, progress: Progress = NULL_PROGRESS) -> CarryResult:
    """Copy the previous period's open commitments into ``to_period`` (one transaction)."""
    target = Period.parse(to_period)
    source = target.previous().code
    c, d = Commitment, CommitmentDeed
    with db.write() as w:
        s = w.session
        done = _already(s, target.code)
        originals = s.execute(select(c).where(c.period == source, c.deleted.is_(False),
                                              c.status.in_(OPEN_STATUSES))
                              .order_by(c.created_at, c.uuid)).scalars().all()
        todo = [o for o in originals if o.uuid not in done]
        deeds: dict[str, list[CommitmentDeed]] = {}
        if todo:
            for deed in s.execute(select(d).where(d.deleted.is_(False), d.done_on.is_(None),
                                                  d.commitment_uuid.in_(select(c.uuid).where(c.period == source)))
                                  .order_by(d.target_on, d.created_at)).scalars():
                deeds.setdefault(deed.commitment_uuid, []).append(deed)
        copies: list[dict] = []
        new_deeds: list[dict] = []
        for index, old in enumerate(todo):
            copy = {
                "uuid": new_uuid(), "period": target.code, "owner_type": old.owner_type, "owner_uuid": old.owner_uuid,
                "station_uuid": old.station_uuid, "category": old.category, "content": old.content,
                "status": "in_progress" if old.status == "in_progress" else "not_started",
                "carried_from_uuid": old.uuid,
            }
            copies.append(copy)
            for deed in deeds.get(old.uuid, []):
                target_on = deed.target_on if deed.target_on and deed.target_on >= target.start else target.end
                new_deeds.append({"commitment_uuid": copy["uuid"], "text": deed.text, "target_on": target_on})
            if index % 500 == 0:
                progress.report(index, len(todo), "结转承诺")
        uuids = w.insert_rows(Commitment, copies)
        w.insert_rows(CommitmentDeed, new_deeds)
        progress.report(len(todo), len(todo), "结转承诺")
    return CarryResult(source, target.code, len(uuids), len(originals) - len(todo), tuple(uuids))
