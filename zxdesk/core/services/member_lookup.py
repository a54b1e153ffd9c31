"""Finding members and stations to pick from: name, full pinyin or initials (zs -> 张三).

The ledger fills ``Member.name_pinyin`` / ``name_initials``; for rows where they are
still empty (older imports) the pinyin is worked out here from the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from ..domain.pinyin_keys import search_keys
from ..storage.database import Database
from ..storage.models import Committee, Member, Station


@dataclass(frozen=True)
class MemberChoice:
    uuid: str
    name: str
    unit: str = ""
    station_uuid: str | None = None
    status: str = "在任"

    @property
    def label(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name


@dataclass(frozen=True)
class StationChoice:
    uuid: str
    name: str
    kind: str = ""


def name_pinyin(name: str) -> tuple[str, str]:
    """('zhangsan', 'zs') for 张三: the ledger's search keys (surname readings included)."""
    return search_keys(name)


def _choice(m: Member) -> MemberChoice:
    return MemberChoice(m.uuid, m.name, m.unit or "", m.station_uuid, m.status or "")


def search_members(db: Database, query: str, *, limit: int = 50, include_left: bool = False) -> list[MemberChoice]:
    """Members whose name contains ``query`` or whose pinyin / initials start with it."""
    q = query.strip()
    stmt = select(Member).where(Member.deleted.is_(False))
    if not include_left:
        stmt = stmt.where(Member.status != "离任")
    if not q:
        with db.read() as s:
            rows = s.execute(stmt.order_by(Member.name_pinyin, Member.name).limit(limit)).scalars().all()
            return [_choice(m) for m in rows]
    lowered = q.lower().replace(" ", "")
    conds = [Member.name.contains(q, autoescape=True)]
    ascii_query = lowered.isascii()
    if ascii_query:
        conds += [Member.name_pinyin.startswith(lowered, autoescape=True),
                  Member.name_initials.startswith(lowered, autoescape=True)]
    with db.read() as s:
        found = s.execute(stmt.where(or_(*conds)).order_by(Member.name_pinyin, Member.name).limit(limit)).scalars().all()
        out = [_choice(m) for m in found]
        if ascii_query and len(out) < limit:
            # Rows whose pinyin columns were never filled: match them in Python.
            seen = {c.uuid for c in out}
            blank = s.execute(stmt.where(Member.name_pinyin == "")).scalars().all()
            for m in blank:
                full, initials = name_pinyin(m.name)
                if m.uuid not in seen and (full.startswith(lowered) or initials.startswith(lowered)):
                    out.append(_choice(m))
                    if len(out) >= limit:
                        break
    return out


def members_by_uuid(db: Database, uuids: list[str]) -> dict[str, MemberChoice]:
    """The named members (deleted ones too, so that old records still show a name)."""
    if not uuids:
        return {}
    out: dict[str, MemberChoice] = {}
    with db.read() as s:
        unique = list(dict.fromkeys(uuids))
        for start in range(0, len(unique), 500):
            rows = s.execute(select(Member).where(Member.uuid.in_(unique[start:start + 500]))).scalars()
            out.update({m.uuid: _choice(m) for m in rows})
    return out


def list_stations(db: Database) -> list[StationChoice]:
    with db.read() as s:
        rows = s.execute(
            select(Station.uuid, Station.name, Station.kind).where(Station.deleted.is_(False)).order_by(Station.name)
        ).all()
    return [StationChoice(u, n, k or "") for u, n, k in rows]


def committee_name(db: Database) -> str:
    """The committee's name for printouts, or a neutral title if none is set up."""
    with db.read() as s:
        name = s.execute(
            select(Committee.name).where(Committee.deleted.is_(False)).order_by(Committee.created_at).limit(1)
        ).scalar_one_or_none()
    return name or "政协委员工作站"
