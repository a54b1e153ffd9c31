"""Read-only queries for documents: board settings, the redactor, member cards.

These are deliberately small and independent of the ledger's services, so that printing
does not wait on them; see the note in ``board_assessment`` about unifying later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.vocab import DEFAULT_POINTS, DUTY_TYPES
from ..services.attachments import stored_path
from ..storage.database import Database
from ..storage.models import (
    BoardSettings, Committee, DutyPoints, DutyRecord, MediationCase, Meeting, Member, Sector, Station,
)
from .masking import Redactor, split_names
from .period import Period
from .photos import print_photo

SHORT_TYPES = {
    "proposal": "提案", "sentiment": "社情民意", "research": "调研", "inspection": "视察", "deed": "办实事",
    "reading": "读书", "contact": "联系群众", "consultation": "协商议事", "mediation": "调解",
    "lecture": "微讲堂", "duty_report": "述职",
}


@dataclass(frozen=True)
class BoardFrame:
    """What every printed board carries, from the settings (or the committee)."""

    committee_uuid: str | None
    committee_name: str
    supervision_phone: str
    seal_text: str
    footer: str
    objection_contact: str


def board_frame(session: Session) -> BoardFrame:
    committee = session.execute(
        select(Committee).where(Committee.deleted.is_(False)).order_by(Committee.created_at).limit(1)
    ).scalar_one_or_none()
    settings = None
    if committee is not None:
        settings = session.execute(
            select(BoardSettings).where(BoardSettings.committee_uuid == committee.uuid,
                                        BoardSettings.deleted.is_(False)).limit(1)
        ).scalar_one_or_none()
    name = (settings.committee_name if settings else "") or (committee.name if committee else "") or "政协委员会"
    phone = (settings.supervision_phone if settings else "") or (committee.supervision_phone if committee else "")
    return BoardFrame(
        committee_uuid=committee.uuid if committee else None,
        committee_name=name,
        supervision_phone=phone,
        seal_text=(settings.seal_text if settings else "") or "（盖章）",
        footer=settings.footer if settings else "",
        objection_contact=(settings.objection_contact if settings else "") or phone,
    )


def redactor_for(session: Session) -> Redactor:
    """Masks the residents named anywhere (mediation parties, residents at meetings)."""
    residents: list[str] = []
    for text in session.execute(select(MediationCase.parties).where(MediationCase.deleted.is_(False))).scalars():
        residents.extend(split_names(text))
    for text in session.execute(select(Meeting.residents_names).where(Meeting.deleted.is_(False))).scalars():
        residents.extend(split_names(text))
    members = session.execute(select(Member.name).where(Member.deleted.is_(False))).scalars()
    return Redactor(residents, keep_names=members)


def points_table(session: Session) -> dict[str, float]:
    rows = session.execute(select(DutyPoints.duty_type, DutyPoints.points).where(DutyPoints.deleted.is_(False))).all()
    return {t: p for t, p in rows} if rows else dict(DEFAULT_POINTS)


@dataclass
class MemberCard:
    uuid: str
    name: str
    gender: str
    sector: str
    role: str
    unit: str
    title: str
    level: str
    station: str
    photo: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    points: float = 0.0
    highlights: list[str] = field(default_factory=list)

    @property
    def unit_title(self) -> str:
        return f"{self.unit}{self.title}" if self.title and self.title not in self.unit else self.unit or self.title


def load_members(db: Database, session: Session, uuids: list[str], *, photos: bool = True) -> list[MemberCard]:
    """Member cards in the order of ``uuids`` (no duty figures yet)."""
    if not uuids:
        return []
    sectors = dict(session.execute(select(Sector.uuid, Sector.name)).all())
    stations = dict(session.execute(select(Station.uuid, Station.name)).all())
    cards: dict[str, MemberCard] = {}
    cols = (Member.uuid, Member.name, Member.gender, Member.sector_uuid, Member.role, Member.unit, Member.title,
            Member.level, Member.station_uuid, Member.photo_sha256)
    for chunk in _chunks(uuids, 500):
        for r in session.execute(select(*cols).where(Member.uuid.in_(chunk))).all():
            photo = None
            if photos and r.photo_sha256:
                photo = print_photo(db.data_dir, stored_path(db, r.photo_sha256), r.photo_sha256)
            cards[r.uuid] = MemberCard(r.uuid, r.name, r.gender, sectors.get(r.sector_uuid, ""), r.role or "委员",
                                       r.unit, r.title, r.level, stations.get(r.station_uuid, ""), photo)
    return [cards[u] for u in uuids if u in cards]


def add_duty_figures(session: Session, cards: list[MemberCard], period: Period, redact: Redactor,
                     highlights: int = 3) -> None:
    """Counts per duty type, points and the best few records of each member in the period."""
    by_uuid = {c.uuid: c for c in cards}
    points = points_table(session)
    records: dict[str, list] = defaultdict(list)
    query = select(DutyRecord.member_uuid, DutyRecord.duty_type, DutyRecord.occurred_on, DutyRecord.title,
                   DutyRecord.outcome, DutyRecord.points).where(DutyRecord.deleted.is_(False),
                                             DutyRecord.occurred_on >= period.start,
                                             DutyRecord.occurred_on <= period.end)
    for r in session.execute(query):
        if r.member_uuid in by_uuid:
            records[r.member_uuid].append(r)
    for uuid, rows in records.items():
        card = by_uuid[uuid]
        counts: dict[str, int] = defaultdict(int)
        for r in rows:
            counts[r.duty_type] += 1
            # As in the assessment: a record's own points, or its type's when it has none.
            card.points += r.points if r.points and r.points > 0 else points.get(r.duty_type, 0.0)
        card.counts = {t: counts[t] for t in DUTY_TYPES if counts.get(t)} | {
            t: n for t, n in counts.items() if t not in DUTY_TYPES}
        best = sorted(rows, key=lambda r: (-points.get(r.duty_type, 0.0), -r.occurred_on.toordinal()))
        seen: set[str] = set()
        for r in best:
            if r.title in seen:
                continue
            seen.add(r.title)
            label = SHORT_TYPES.get(r.duty_type, DUTY_TYPES.get(r.duty_type, r.duty_type))
            outcome = f"（{r.outcome}）" if r.outcome else ""
            card.highlights.append(f"{label}：{redact(r.title)}{outcome}")
            if len(card.highlights) >= highlights:
                break


def counts_text(counts: dict[str, int]) -> str:
    return "　".join(f"{SHORT_TYPES.get(t, DUTY_TYPES.get(t, t))} {n}" for t, n in counts.items())


def _chunks(items: list[str], size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
