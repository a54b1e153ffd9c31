"""Fulfilment rates (兑现率) of a period, per owner, owner type, group, station and overall.

Definition (the same everywhere zxdesk shows a rate):
    rate = fulfilled / total
where ``total`` counts the live (not deleted) commitments of the period in the set and
``fulfilled`` those whose status is 已兑现. Commitments still 未开始 or 推进中 count in
the total, so a rate during a period shows progress so far; a set with no commitments
has no rate (None / null). A carried-over commitment counts in the period it was
carried into; its original stays in the old period with its own status.
Sets: by owner (the member, group or branch that made it); by owner type; by group
(an activity group or sector branch: its own commitments plus those of its current
members, so a member in two groups counts in both); by station (the commitment's
station; none → 未指定工作站); and overall.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlalchemy import case, func, select

from ..domain.periods import Period, normalise
from ..domain.periods import label as period_label
from ..domain.vocab import OWNER_TYPES
from ..storage.database import Database
from ..storage.models import Commitment, GroupMember, Member, OrgGroup, Station
from .commitment_list import deed_stats, overdue_expr

DEFINITION = {
    "zh": "兑现率 = 已兑现项数 ÷ 承诺总项数（本期未删除的承诺，含未开始和推进中）；无承诺时为空",
    "en": "rate = fulfilled / total, where total counts the period's live commitments including not started "
          "and in progress; null when there are none",
}
NO_STATION = "未指定工作站"


@dataclass
class Counts:
    total: int = 0
    fulfilled: int = 0
    unfulfilled: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0

    def add(self, status: str, overdue: bool) -> None:
        self.total += 1
        if status in ("fulfilled", "unfulfilled", "in_progress", "not_started"):
            setattr(self, status, getattr(self, status) + 1)
        self.overdue += bool(overdue)

    @property
    def rate(self) -> float | None:
        return self.fulfilled / self.total if self.total else None

    def as_json(self) -> dict:
        return {**asdict(self), "rate": self.rate}


@dataclass
class RateRow:
    key: str  # owner/group/station uuid, owner type code, or period code
    label: str
    kind: str  # owner type code for owners and groups; '' otherwise
    counts: Counts = field(default_factory=Counts)


@dataclass
class RateReport:
    period: str
    today: dt.date
    overall: Counts
    by_owner_type: list[RateRow]
    by_group: list[RateRow]
    by_station: list[RateRow]
    by_owner: list[RateRow]

    def as_json(self) -> dict:
        def rows(items: list[RateRow], key: str, label: str, kind: str | None = None) -> list[dict]:
            out = []
            for r in items:
                item = {key: r.key or None, label: r.label}
                if kind:
                    item[kind] = r.kind
                    item[f"{kind}_label"] = OWNER_TYPES.get(r.kind, r.kind)
                out.append({**item, **r.counts.as_json()})
            return out

        return {
            "period": self.period,
            "period_label": Period.parse(self.period).label,
            "as_of": self.today.isoformat(),
            "definition": DEFINITION,
            "overall": self.overall.as_json(),
            "by_owner_type": [{"owner_type": r.key, "owner_type_label": r.label, **r.counts.as_json()}
                              for r in self.by_owner_type],
            "by_group": rows(self.by_group, "group_uuid", "group_name", "owner_type"),
            "by_station": rows(self.by_station, "station_uuid", "station_name"),
            "by_owner": rows(self.by_owner, "owner_uuid", "owner_name", "owner_type"),
        }


def _sort(rows: dict[str, RateRow]) -> list[RateRow]:
    return sorted(rows.values(), key=lambda r: (-(r.counts.rate or 0), -r.counts.total, r.label, r.key))


def commitment_rates(db: Database, period: str, today: dt.date | None = None) -> RateReport:
    code = normalise(period)
    today = today or dt.date.today()
    c = Commitment
    deeds = deed_stats(today, code)
    late = overdue_expr(deeds, today)
    with db.read() as s:
        rows = s.execute(
            select(c.owner_type, c.owner_uuid, c.station_uuid, c.status, case((late, True), else_=False))
            .outerjoin(deeds, deeds.c.cu == c.uuid)
            .where(c.period == code, c.deleted.is_(False))
        ).all()
        members = dict(s.execute(select(Member.uuid, Member.name)).all())
        groups = {u: (n, k) for u, n, k in s.execute(select(OrgGroup.uuid, OrgGroup.name, OrgGroup.kind)
                                                      .where(OrgGroup.deleted.is_(False)))}
        stations = dict(s.execute(select(Station.uuid, Station.name)).all())
        membership: dict[str, list[str]] = defaultdict(list)
        for g, m in s.execute(select(GroupMember.group_uuid, GroupMember.member_uuid)
                              .where(GroupMember.deleted.is_(False))):
            if g in groups:
                membership[m].append(g)
    overall = Counts()
    by_type = {t: RateRow(t, label, "") for t, label in OWNER_TYPES.items()}
    by_owner: dict[str, RateRow] = {}
    by_group: dict[str, RateRow] = {}
    by_station: dict[str, RateRow] = {}
    for otype, ouuid, station, status, overdue in rows:
        overall.add(status, overdue)
        by_type.setdefault(otype, RateRow(otype, otype, "")).counts.add(status, overdue)
        name = members.get(ouuid, "") if otype == "member" else groups.get(ouuid, ("", ""))[0]
        by_owner.setdefault(ouuid, RateRow(ouuid, name or "（已删除）", otype)).counts.add(status, overdue)
        in_groups = membership.get(ouuid, []) if otype == "member" else ([ouuid] if ouuid in groups else [])
        for g in in_groups:
            gname, kind = groups[g]
            by_group.setdefault(g, RateRow(g, gname, kind)).counts.add(status, overdue)
        skey = station or ""
        by_station.setdefault(skey, RateRow(skey, stations.get(station, NO_STATION) if station else NO_STATION,
                                            "")).counts.add(status, overdue)
    return RateReport(code, today, overall, list(by_type.values()), _sort(by_group), _sort(by_station),
                      _sort(by_owner))


def period_rates(db: Database, today: dt.date | None = None) -> list[RateRow]:
    """Overall counts for every period that has commitments, newest first."""
    today = today or dt.date.today()
    c = Commitment
    deeds = deed_stats(today)
    late = overdue_expr(deeds, today)
    with db.read() as s:
        rows = s.execute(
            select(c.period, c.status, func.count(), func.sum(case((late, 1), else_=0)))
            .outerjoin(deeds, deeds.c.cu == c.uuid)
            .where(c.deleted.is_(False)).group_by(c.period, c.status)
        ).all()
    out: dict[str, RateRow] = {}
    for period, status, n, overdue in rows:
        row = out.setdefault(period, RateRow(period, period_label(period), ""))
        row.counts.total += n
        row.counts.overdue += int(overdue or 0)
        if status in ("fulfilled", "unfulfilled", "in_progress", "not_started"):
            setattr(row.counts, status, getattr(row.counts, status) + n)
    return sorted(out.values(), key=lambda r: r.key, reverse=True)
