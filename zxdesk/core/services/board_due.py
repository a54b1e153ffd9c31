"""Which boards are due: a new half year's 承诺公示 not yet posted, last half year's
践诺 results or 业绩 board not posted, last year's assessment and selection not
published, a 公示期 that has ended with the board still up, a posting without its photo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..documents.period import Period, half_of, previous_half
from ..storage.database import Database
from ..storage.models import AssessmentResult, BoardPosting, Commitment, Member, Station
from .boards import KIND_LABELS

GRACE = dt.timedelta(days=30)  # a half year's boards are due within its first month


@dataclass(frozen=True)
class DueBoard:
    kind: str
    scope: str  # as the CLI takes it: station:NAME or all
    period: str
    reason: str
    due_on: dt.date | None
    overdue: bool
    posting_uuid: str | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _posted(postings, kind: str, period: str, scope: str, after: dt.date | None = None) -> bool:
    for p in postings:
        if p.kind == kind and p.period == period and p.scope in (scope, "all") and p.posted_on:
            if after is None or p.posted_on > after:
                return True
    return False


def due_boards(db: Database, today: dt.date | None = None) -> list[DueBoard]:
    today = today or dt.date.today()
    now, last = half_of(today), previous_half(half_of(today))
    out: list[DueBoard] = []
    with db.read() as s:
        postings = s.execute(select(BoardPosting).where(BoardPosting.deleted.is_(False))).scalars().all()
        stations = dict(s.execute(select(Station.uuid, Station.name).where(Station.deleted.is_(False))).all())

        def scopes_with_commitments(per: Period) -> list[str]:
            ids = set(s.execute(select(Commitment.station_uuid).where(
                Commitment.period == per.code, Commitment.deleted.is_(False))).scalars())
            out_scopes = sorted(f"station:{stations[i]}" for i in ids if i in stations)
            return out_scopes or (["all"] if ids else [])

        def add(kind, scope, per_code, reason, due_on):
            out.append(DueBoard(kind, scope, per_code, reason, due_on, due_on is not None and today > due_on))

        for scope in scopes_with_commitments(now):
            if not _posted(postings, "commitments", now.code, scope):
                add("commitments", scope, now.code, f"{now.label}承诺尚未公示", now.start + GRACE)
        for scope in scopes_with_commitments(last):
            if not _posted(postings, "commitments", last.code, scope, after=last.end):
                add("commitments", scope, last.code, f"{last.label}践诺情况尚未公示", now.start + GRACE)
        member_stations = set(s.execute(select(Member.station_uuid).where(
            Member.deleted.is_(False), Member.status == "在任")).scalars())
        for uuid in sorted(member_stations & set(stations), key=lambda u: stations[u]):
            scope = f"station:{stations[uuid]}"
            if not _posted(postings, "performance", last.code, scope) and not _posted(
                    postings, "performance", str(last.year), scope):
                add("performance", scope, last.code, f"{last.label}委员业绩公示栏尚未更新", now.start + GRACE)
        year = today.year - 1
        results = s.execute(select(AssessmentResult.selected).where(
            AssessmentResult.year == year, AssessmentResult.deleted.is_(False))).scalars().all()
        if results:
            if not _posted(postings, "assessment", str(year), "all") and not any(
                    p.kind == "assessment" and p.period == str(year) for p in postings):
                add("assessment", "all", str(year), f"{year}年度履职考核结果尚未公示", dt.date(today.year, 3, 31))
            if any(results) and not any(p.kind == "selection" and p.period == str(year) for p in postings):
                add("selection", "all", str(year), f"{year}年度优秀委员评选结果尚未公示", dt.date(today.year, 3, 31))
        for p in postings:
            if p.taken_down_on is None and p.publicity_ends_on and p.publicity_ends_on < today:
                out.append(DueBoard(p.kind, p.scope, p.period, f"公示期已于{p.publicity_ends_on:%Y-%m-%d}结束，"
                                    f"请撤下{p.location}的公示并登记撤下日期", p.publicity_ends_on, True, p.uuid))
            elif p.taken_down_on is None and p.posted_on and not p.photo_sha256:
                out.append(DueBoard(p.kind, p.scope, p.period, f"{p.location}的张贴缺少现场照片", None, False, p.uuid))
    out.sort(key=lambda d: (not d.overdue, d.due_on or dt.date.max, d.kind, d.scope))
    return out
