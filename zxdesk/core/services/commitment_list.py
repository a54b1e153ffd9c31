"""Listing commitments: compact rows for the table (one query) and the CLI's JSON list.

``table_rows`` returns one plain tuple per commitment, fetched by a single SELECT that
joins the owner and station names and aggregates deeds and updates; the GUI model
keeps these tuples and sorts them in memory. Filters are applied in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, and_, case, cast, func, or_, select, true
from sqlalchemy.orm import aliased

from ..domain.commitment_terms import COL, ROW_FIELDS
from ..domain.periods import Period, normalise
from ..domain.periods import label as period_label
from ..domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
from ..errors import ValidationError
from ..storage.database import Database
from ..storage.models import Commitment, CommitmentDeed, CommitmentUpdate, Member, OrgGroup, Station


@dataclass(frozen=True)
class CommitmentFilter:
    period: str | None = None
    owner_type: str | None = None
    station_uuid: str | None = None
    status: str | None = None
    category: str | None = None
    text: str | None = None  # part of the content or the owner's name
    overdue_only: bool = False
    owner_uuid: str | None = None

    def checked(self) -> CommitmentFilter:
        if self.owner_type and self.owner_type not in OWNER_TYPES:
            raise ValidationError(f"未知的承诺主体类型：{self.owner_type}（可选 member/group/branch）",
                                  f"unknown owner type: {self.owner_type} (member/group/branch)")
        if self.status and self.status not in COMMITMENT_STATUSES:
            raise ValidationError(
                f"未知的承诺状态：{self.status}（可选 not_started/in_progress/fulfilled/unfulfilled）",
                f"unknown status: {self.status} (not_started/in_progress/fulfilled/unfulfilled)")
        period = normalise(self.period) if self.period else None
        return CommitmentFilter(period, self.owner_type or None, self.station_uuid or None, self.status or None,
                                self.category if self.category else None, (self.text or "").strip() or None,
                                self.overdue_only, self.owner_uuid or None)




@dataclass(frozen=True)
class TableRows:
    rows: list[tuple]
    today: dt.date


@dataclass(frozen=True)
class FilterOptions:
    periods: list[str]  # newest first
    categories: list[str]
    stations: list[tuple[str, str]]  # (uuid, name)


def _names():
    """(member alias, group alias, owner-name expression)."""
    m = aliased(Member)
    g = aliased(OrgGroup)
    return m, g, func.coalesce(m.name, g.name, "")


def _joined(stmt, m, g):
    c = Commitment
    return (stmt.outerjoin(m, and_(c.owner_type == "member", m.uuid == c.owner_uuid))
            .outerjoin(g, and_(c.owner_type != "member", g.uuid == c.owner_uuid)))


def _in_period(column, period: str | None):
    """Restrict an aggregate over child rows to commitments of one period (cheaper)."""
    if period is None:
        return true()
    return column.in_(select(Commitment.uuid).where(Commitment.period == period))


def deed_stats(today: dt.date, period: str | None = None):
    """Per commitment: deed count, done count, next open target, open deeds past due."""
    d = CommitmentDeed
    open_deed = d.done_on.is_(None)
    return (
        select(
            d.commitment_uuid.label("cu"),
            func.count().label("total"),
            func.sum(case((open_deed, 0), else_=1)).label("done"),
            func.min(case((open_deed, d.target_on), else_=None)).label("next_target"),
            func.sum(case((and_(open_deed, d.target_on < today), 1), else_=0)).label("late"),
        )
        .where(d.deleted.is_(False), _in_period(d.commitment_uuid, period))
        .group_by(d.commitment_uuid)
        .subquery()
    )


def _update_stats(period: str | None = None):
    u = CommitmentUpdate
    return (select(u.commitment_uuid.label("cu"), func.max(u.updated_on).label("last_on"))
            .where(u.deleted.is_(False), _in_period(u.commitment_uuid, period))
            .group_by(u.commitment_uuid).subquery())


def _iso_text(column):
    """A date column read as its ISO text: no per-value date parsing for big lists."""
    return cast(column, String(10))


def overdue_expr(deeds, today: dt.date):
    """SQL for ``commitment_terms.is_overdue``: a period ends before the current one."""
    current = Period.of_date(today).code
    return and_(Commitment.status != "fulfilled",
                or_(Commitment.period < current, func.coalesce(deeds.c.late, 0) > 0))


def _where(stmt, f: CommitmentFilter, owner_name, overdue):
    c = Commitment
    stmt = stmt.where(c.deleted.is_(False))
    if f.period:
        stmt = stmt.where(c.period == f.period)
    if f.owner_type:
        stmt = stmt.where(c.owner_type == f.owner_type)
    if f.owner_uuid:
        stmt = stmt.where(c.owner_uuid == f.owner_uuid)
    if f.station_uuid:
        stmt = stmt.where(c.station_uuid == f.station_uuid)
    if f.status:
        stmt = stmt.where(c.status == f.status)
    if f.category is not None:
        stmt = stmt.where(c.category == f.category)
    if f.text:
        like = f"%{f.text}%"
        stmt = stmt.where(or_(c.content.like(like), owner_name.like(like), c.category.like(like)))
    if f.overdue_only:
        stmt = stmt.where(overdue)
    return stmt


def table_rows(db: Database, flt: CommitmentFilter | None = None, today: dt.date | None = None) -> TableRows:
    """Every commitment matching the filter as a compact tuple (see ``ROW_FIELDS``).

    Dates are ISO text ('2023-06-30') or None, which sorts and displays as is;
    ``overdue`` and ``carried`` are 0/1; ``deeds_total``/``deeds_done`` integers.
    """
    f = (flt or CommitmentFilter()).checked()
    today = today or dt.date.today()
    c = Commitment
    m, g, owner_name = _names()
    deeds = deed_stats(today, f.period)
    updates = _update_stats(f.period)
    overdue = overdue_expr(deeds, today)
    stmt = select(
        c.uuid, c.period, c.owner_type, owner_name, func.coalesce(Station.name, ""), c.category, c.content,
        func.coalesce(deeds.c.total, 0), func.coalesce(deeds.c.done, 0), _iso_text(deeds.c.next_target), c.status,
        _iso_text(updates.c.last_on), c.review_result, case((overdue, 1), else_=0),
        case((c.carried_from_uuid.is_not(None), 1), else_=0), _iso_text(c.published_on),
    ).select_from(c)
    stmt = _joined(stmt, m, g).outerjoin(Station, Station.uuid == c.station_uuid)
    stmt = stmt.outerjoin(deeds, deeds.c.cu == c.uuid).outerjoin(updates, updates.c.cu == c.uuid)
    stmt = _where(stmt, f, owner_name, overdue).order_by(c.period.desc(), owner_name, c.uuid)
    with db.read() as s:
        rows = [tuple(r) for r in s.execute(stmt)]
    return TableRows(rows, today)


def filter_options(db: Database) -> FilterOptions:
    c = Commitment
    with db.read() as s:
        periods = [p for (p,) in s.execute(select(c.period).where(c.deleted.is_(False)).distinct()
                                           .order_by(c.period.desc()))]
        categories = [x for (x,) in s.execute(select(c.category).where(c.deleted.is_(False), c.category != "")
                                              .distinct().order_by(c.category))]
        stations = [(u, n) for u, n in s.execute(select(Station.uuid, Station.name)
                                                  .where(Station.deleted.is_(False)).order_by(Station.name))]
    return FilterOptions(periods, categories, stations)


def list_commitments(db: Database, flt: CommitmentFilter | None = None,
                     today: dt.date | None = None) -> list[dict]:
    """The CLI's ``commitments list --json``: one dict per commitment with deeds and
    the last progress update ({date, text} or None)."""
    f = (flt or CommitmentFilter()).checked()
    today = today or dt.date.today()
    c = Commitment
    m, g, owner_name = _names()
    deeds_stats = deed_stats(today, f.period)
    overdue = overdue_expr(deeds_stats, today)
    base = select(c.uuid).select_from(c)
    base = _joined(base, m, g).outerjoin(deeds_stats, deeds_stats.c.cu == c.uuid)
    ids = _where(base, f, owner_name, overdue)
    stmt = select(
        c.uuid, c.period, c.owner_type, c.owner_uuid, owner_name, c.category, c.content, c.status, c.reason,
        c.station_uuid, Station.name, c.published_on, c.carried_from_uuid, c.reviewed_by, c.review_result,
        c.review_remark, c.reviewed_on, case((overdue, True), else_=False),
    ).select_from(c)
    stmt = _joined(stmt, m, g).outerjoin(Station, Station.uuid == c.station_uuid)
    stmt = stmt.outerjoin(deeds_stats, deeds_stats.c.cu == c.uuid)
    stmt = _where(stmt, f, owner_name, overdue).order_by(c.period, c.owner_type, owner_name, c.uuid)
    d, u = CommitmentDeed, CommitmentUpdate
    with db.read() as s:
        heads = s.execute(stmt).all()
        deeds: dict[str, list[dict]] = {}
        for cu, text, target, done in s.execute(
            select(d.commitment_uuid, d.text, d.target_on, d.done_on)
            .where(d.deleted.is_(False), d.commitment_uuid.in_(ids))
            .order_by(d.commitment_uuid, d.target_on.is_(None), d.target_on, d.created_at, d.text)
        ):
            deeds.setdefault(cu, []).append({"text": text, "target_date": _iso(target), "done_on": _iso(done)})
        last: dict[str, dict] = {}
        for cu, on, text in s.execute(
            select(u.commitment_uuid, u.updated_on, u.text)
            .where(u.deleted.is_(False), u.commitment_uuid.in_(ids))
            .order_by(u.commitment_uuid, u.updated_on, u.created_at, u.uuid)
        ):
            last[cu] = {"date": _iso(on), "text": text}
    out = []
    for (uuid, period, otype, ouuid, oname, category, content, status, reason, st_uuid, st_name, published,
         carried, rby, rres, rrem, ron, late) in heads:
        out.append({
            "uuid": uuid, "period": period, "period_label": period_label(period),
            "owner_type": otype, "owner_type_label": OWNER_TYPES.get(otype, otype),
            "owner_uuid": ouuid, "owner_name": oname,
            "category": category, "content": content,
            "deeds": deeds.get(uuid, []),
            "status": status, "status_label": COMMITMENT_STATUSES.get(status, status), "reason": reason,
            "last_update": last.get(uuid),
            "station": st_name, "station_uuid": st_uuid,
            "published_on": _iso(published), "carried_from_uuid": carried, "overdue": bool(late),
            "review": {"reviewed_by": rby, "result": rres, "remark": rrem, "reviewed_on": _iso(ron)}
            if rres else None,
        })
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


__all__ = ["COL", "ROW_FIELDS", "CommitmentFilter", "FilterOptions", "TableRows", "filter_options",
           "list_commitments", "table_rows"]
