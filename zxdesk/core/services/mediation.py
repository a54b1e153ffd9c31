"""Mediation cases (人民调解 / 警调联动): parties, dispute, mediators (members), outcome.

Each mediator gets a duty record of type ``mediation`` for the case, kept in step with
the mediator list, the dates and the outcome. The parties' names stay off duty records
and are masked on printouts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..documents.masking import mask_name, split_names
from ..domain.vocab import MEDIATION_OUTCOMES
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import MediationCase, MediationMediator, Member, Station
from .derived_duties import DerivedDuty, derived_uuid, sync_derived
from .member_lookup import MemberChoice, members_by_uuid

DUTY_TYPE = "mediation"
DISPUTE_TYPES = ("婚姻家庭", "邻里纠纷", "房屋宅基地", "土地承包", "山林土地", "劳动争议", "损害赔偿",
                 "合同债务", "物业纠纷", "征地拆迁", "其他")


@dataclass
class MediationInput:
    parties: str
    opened_on: dt.date
    mediator_uuids: list[str] = field(default_factory=list)
    dispute_type: str = ""
    place: str = ""
    station_uuid: str | None = None
    summary: str = ""
    outcome: str = ""  # "" while in progress, else a MEDIATION_OUTCOMES code
    closed_on: dt.date | None = None
    uuid: str | None = None


@dataclass(frozen=True)
class MediationRow:
    uuid: str
    opened_on: dt.date
    closed_on: dt.date | None
    parties: str
    dispute_type: str
    place: str
    station_uuid: str | None
    station_name: str
    summary: str
    outcome: str
    mediators: tuple[MemberChoice, ...]

    @property
    def outcome_label(self) -> str:
        return MEDIATION_OUTCOMES.get(self.outcome, "调解中")

    @property
    def parties_masked(self) -> str:
        return mask_parties(self.parties)

    @property
    def mediator_names(self) -> str:
        return "、".join(m.name for m in self.mediators)

    def as_input(self) -> MediationInput:
        return MediationInput(self.parties, self.opened_on, [m.uuid for m in self.mediators], self.dispute_type,
                              self.place, self.station_uuid, self.summary, self.outcome, self.closed_on, self.uuid)


@dataclass
class MediationFilter:
    station_uuid: str | None = None
    outcome: str | None = None  # a code, or "open" for cases still in progress
    date_from: dt.date | None = None  # opened on, inclusive
    date_to: dt.date | None = None
    text: str = ""
    case_uuid: str | None = None  # just this case


def mask_parties(text: str) -> str:
    """The parties as printed: 张三丰、欧阳娜娜 -> 张**、欧阳**."""
    return "、".join(mask_name(n) for n in split_names(text))


def _validate(s: Session, data: MediationInput) -> list[str]:
    data.parties = "\n".join(p.strip() for p in data.parties.splitlines() if p.strip())
    data.dispute_type, data.place = data.dispute_type.strip(), data.place.strip()
    if not data.parties:
        raise ValidationError("请填写当事人", "the case needs its parties")
    if len(data.dispute_type) > 40:
        raise ValidationError("纠纷类型过长（最多 40 字）", "dispute type too long (max 40)")
    if len(data.place) > 200:
        raise ValidationError("调解地点过长（最多 200 字）", "place too long (max 200)")
    if data.opened_on is None:
        raise ValidationError("请填写受理日期", "the case needs an opening date")
    if data.outcome and data.outcome not in MEDIATION_OUTCOMES:
        raise ValidationError(f"未知的调解结果：{data.outcome}", f"unknown outcome {data.outcome!r}")
    if data.outcome and data.closed_on is None:
        raise ValidationError("已有调解结果的案件请填写结案日期", "a case with an outcome needs a closing date")
    if data.closed_on is not None and not data.outcome:
        raise ValidationError("填写了结案日期，请选择调解结果", "a closed case needs an outcome")
    if data.closed_on is not None and data.closed_on < data.opened_on:
        raise ValidationError("结案日期不能早于受理日期", "closing date before the opening date")
    mediators = list(dict.fromkeys(data.mediator_uuids))
    if not mediators:
        raise ValidationError("请至少选择一位调解委员", "at least one mediator is needed")
    found = set(s.execute(select(Member.uuid).where(Member.uuid.in_(mediators), Member.deleted.is_(False))).scalars())
    if len(found) != len(mediators):
        raise ValidationError("所选调解委员在台账中不存在或已删除", "mediator not found")
    if data.station_uuid is not None:
        station = s.get(Station, data.station_uuid)
        if station is None or station.deleted:
            raise ValidationError("所选工作站不存在或已删除", "station not found")
    return mediators


def save_case(db: Database, data: MediationInput) -> str:
    with db.write() as w:
        s = w.session
        mediators = _validate(s, data)
        if data.uuid is None:
            case = MediationCase(opened_on=data.opened_on)
            s.add(case)
            s.flush()
        else:
            case = s.get(MediationCase, data.uuid)
            if case is None or case.deleted:
                raise NotFoundError("调解案件不存在或已删除", "mediation case not found")
        for key in ("station_uuid", "parties", "dispute_type", "place", "summary", "outcome", "opened_on",
                    "closed_on"):
            value = getattr(data, key)
            if getattr(case, key) != value:
                setattr(case, key, value)
        _sync_mediators(s, case.uuid, mediators)
        _sync_duties(s, case)
        return case.uuid


def _sync_mediators(s: Session, case_uuid: str, members: list[str]) -> None:
    rows = {r.member_uuid: r for r in s.execute(
        select(MediationMediator).where(MediationMediator.case_uuid == case_uuid)).scalars()}
    for member, row in rows.items():
        flag = member not in members
        if row.deleted != flag:
            row.deleted = flag
    for member in members:
        if member not in rows:
            s.add(MediationMediator(uuid=derived_uuid("mediator", case_uuid, member), case_uuid=case_uuid,
                                    member_uuid=member))


def _sync_duties(s: Session, case: MediationCase) -> None:
    s.flush()
    members = s.execute(select(MediationMediator.member_uuid).where(
        MediationMediator.case_uuid == case.uuid, MediationMediator.deleted.is_(False))).scalars().all()
    duty = DerivedDuty(DUTY_TYPE, case.uuid, case.closed_on or case.opened_on,
                       f"参与调解{case.dispute_type or '矛盾纠纷'}", description=case.place,
                       outcome=MEDIATION_OUTCOMES.get(case.outcome, ""), station_uuid=case.station_uuid)
    sync_derived(s, duty, members, active=not case.deleted)


def _set_deleted(db: Database, uuids: list[str], flag: bool) -> int:
    with db.write() as w:
        cases = w.session.execute(select(MediationCase).where(MediationCase.uuid.in_(uuids))).scalars().all()
        if len(cases) != len(set(uuids)):
            raise NotFoundError("调解案件不存在", "mediation case not found")
        for case in cases:
            if case.deleted != flag:
                case.deleted = flag
            _sync_duties(w.session, case)
    return len(cases)


def delete_cases(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, True)


def restore_cases(db: Database, uuids: list[str]) -> int:
    return _set_deleted(db, uuids, False)


def list_cases(db: Database, f: MediationFilter | None = None) -> list[MediationRow]:
    """Cases matching the filter, newest first."""
    f = f or MediationFilter()
    stmt = (select(MediationCase, Station.name).outerjoin(Station, Station.uuid == MediationCase.station_uuid)
            .where(MediationCase.deleted.is_(False)))
    if f.case_uuid:
        stmt = stmt.where(MediationCase.uuid == f.case_uuid)
    if f.station_uuid:
        stmt = stmt.where(MediationCase.station_uuid == f.station_uuid)
    if f.outcome == "open":
        stmt = stmt.where(MediationCase.outcome == "")
    elif f.outcome:
        stmt = stmt.where(MediationCase.outcome == f.outcome)
    if f.date_from:
        stmt = stmt.where(MediationCase.opened_on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(MediationCase.opened_on <= f.date_to)
    for term in f.text.split():
        stmt = stmt.where(or_(*(getattr(MediationCase, c).contains(term, autoescape=True)
                                for c in ("parties", "dispute_type", "place", "summary"))))
    stmt = stmt.order_by(MediationCase.opened_on.desc(), MediationCase.uuid)
    with db.read() as s:
        cases = s.execute(stmt).all()
        ids = [c.uuid for c, _ in cases]
        links: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            for cid, mid in s.execute(
                select(MediationMediator.case_uuid, MediationMediator.member_uuid)
                .where(MediationMediator.case_uuid.in_(ids[start:start + 500]), MediationMediator.deleted.is_(False))
                .order_by(MediationMediator.created_at, MediationMediator.uuid)
            ):
                links.setdefault(cid, []).append(mid)
    names = members_by_uuid(db, [m for ms in links.values() for m in ms])
    return [MediationRow(c.uuid, c.opened_on, c.closed_on, c.parties, c.dispute_type, c.place, c.station_uuid,
                         sname or "", c.summary, c.outcome,
                         tuple(names.get(m, MemberChoice(m, "（未知委员）")) for m in links.get(c.uuid, [])))
            for c, sname in cases]


def get_case(db: Database, uuid: str) -> MediationRow:
    rows = list_cases(db, MediationFilter(case_uuid=uuid))
    if rows:
        return rows[0]
    raise NotFoundError("调解案件不存在或已删除", "mediation case not found")


def mediation_pdf(db: Database, f: MediationFilter | None = None, period_label: str = "") -> bytes:
    """The filtered cases as a printable ledger with the parties masked."""
    from ..documents.mediation_pdf import build_mediation_pdf
    from .member_lookup import committee_name

    cases = sorted(list_cases(db, f), key=lambda c: (c.opened_on, c.uuid))
    return build_mediation_pdf(committee_name(db), cases, period_label=period_label)
