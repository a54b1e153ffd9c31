"""Members: filtering and sorting in SQL over row ids, page fetches, save and trash.

The member table shows ``query_member_ids`` (uuids in display order) and fetches the
rows it paints with ``fetch_member_rows``; both are single indexed queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from ..domain.member_form import DRAFT_FIELDS, MemberDraft, validate_member
from ..domain.pinyin_keys import search_keys
from ..domain.text_norm import clean_text
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import Member, Sector, Station
from . import trash


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""
    sector_uuid: str | None = None
    station_uuid: str | None = None
    party: str = ""
    level: str = ""
    role: str = ""
    status: str = ""
    year: int | None = None  # serving at some time in that year


@dataclass(frozen=True)
class MemberRow:
    uuid: str
    name: str
    gender: str
    ethnicity: str
    birth: str
    party: str
    sector: str
    unit: str
    title: str
    phone: str
    id_number: str
    education: str
    level: str
    term: str
    role: str
    status: str
    station: str
    joined_on: dt.date | None
    left_on: dt.date | None
    note: str = ""

    def as_json(self) -> dict:
        keys = ("uuid", "name", "gender", "ethnicity", "birth", "party", "sector", "level", "role", "unit",
                "phone", "id_number", "station", "status")
        return {k: getattr(self, k) for k in keys}


@dataclass(frozen=True)
class MemberDetail:
    uuid: str
    draft: MemberDraft
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


SORT_KEYS = ("name", "gender", "birth", "ethnicity", "party", "sector", "unit", "phone", "level", "role",
             "station", "status", "term", "id_number")
_ROLE_ORDER = {"主席": 0, "副主席": 1, "常委": 2, "委员": 3}
_LEVEL_ORDER = {"国家": 0, "省": 1, "市": 2, "县": 3}


def like_pattern(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def serving_in_year(year: int):
    """SQL condition: the member served at some time during the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return and_(
        or_(Member.joined_on.is_(None), Member.joined_on <= last),
        or_(and_(Member.left_on.is_(None), Member.status != "离任"), Member.left_on >= first),
    )


def text_condition(text: str):
    q = clean_text(text).lower().replace(" ", "")
    if not q:
        return None
    pat = like_pattern(q)
    if q.isascii() and q.isalpha():
        return or_(Member.name_initials.like(pat + "%", escape="\\"),
                   Member.name_pinyin.like(pat + "%", escape="\\"),
                   func.lower(Member.name).like("%" + pat + "%", escape="\\"))
    if q.isascii() and q.replace("x", "").isdigit():
        return or_(Member.phone.like("%" + pat + "%", escape="\\"),
                   Member.id_number.like("%" + pat.upper() + "%", escape="\\"))
    return or_(Member.name.like("%" + pat + "%", escape="\\"), Member.unit.like("%" + pat + "%", escape="\\"))


def _conditions(flt: MemberFilter) -> list:
    conds = [Member.deleted.is_(False)]
    text = text_condition(flt.text)
    if text is not None:
        conds.append(text)
    for column, value in ((Member.sector_uuid, flt.sector_uuid), (Member.station_uuid, flt.station_uuid),
                          (Member.party, flt.party), (Member.level, flt.level), (Member.role, flt.role),
                          (Member.status, flt.status)):
        if value:
            conds.append(column == value)
    if flt.year:
        conds.append(serving_in_year(flt.year))
    return conds


def _sort_expr(key: str):
    if key == "name":
        return [Member.name_pinyin, Member.name]
    if key == "sector":
        return [func.coalesce(Sector.sort_order, 9999), Sector.name]
    if key == "station":
        return [Station.name]
    if key == "role":
        return [case(_ROLE_ORDER, value=Member.role, else_=9)]
    if key == "level":
        return [case(_LEVEL_ORDER, value=Member.level, else_=9)]
    if key not in SORT_KEYS:
        raise ValidationError(f"不能按“{key}”排序", f"unknown sort key {key}")
    return [getattr(Member, key)]


def query_member_ids(db: Database, flt: MemberFilter = MemberFilter(), sort: str = "name",
                     descending: bool = False) -> list[str]:
    """Uuids of the members that pass the filter, in display order."""
    order = [e.desc() if descending else e.asc() for e in _sort_expr(sort)]
    stmt = select(Member.uuid).where(*_conditions(flt))
    if sort == "sector":
        stmt = stmt.outerjoin(Sector, Sector.uuid == Member.sector_uuid)
    elif sort == "station":
        stmt = stmt.outerjoin(Station, Station.uuid == Member.station_uuid)
    stmt = stmt.order_by(*order, Member.name_pinyin, Member.uuid)
    with db.read() as s:
        return list(s.execute(stmt).scalars())


def count_members(db: Database, flt: MemberFilter = MemberFilter()) -> dict[str, int]:
    """Totals for the status bar: all live members, serving ones, and those passing the filter."""
    with db.read() as s:
        total, serving = s.execute(
            select(func.count(), func.coalesce(func.sum(case((Member.status == "在任", 1), else_=0)), 0))
            .where(Member.deleted.is_(False))
        ).one()
        shown = s.execute(select(func.count()).select_from(Member).where(*_conditions(flt))).scalar_one()
    return {"total": int(total), "serving": int(serving), "shown": int(shown)}


_ROW_COLUMNS = (Member.uuid, Member.name, Member.gender, Member.ethnicity, Member.birth, Member.party, Sector.name,
                Member.unit, Member.title, Member.phone, Member.id_number, Member.education, Member.level, Member.term,
                Member.role, Member.status, Station.name, Member.joined_on, Member.left_on, Member.note)


def _row_select():
    # Plain columns, not ORM entities: the table fetches a page per scroll and per keystroke.
    return (
        select(*_ROW_COLUMNS)
        .outerjoin(Sector, Sector.uuid == Member.sector_uuid)
        .outerjoin(Station, Station.uuid == Member.station_uuid)
    )


def fetch_member_rows(db: Database, uuids: list[str]) -> dict[str, MemberRow]:
    """The rows for a page of uuids (any order); missing uuids are left out."""
    out: dict[str, MemberRow] = {}
    with db.read() as s:
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            for r in s.execute(_row_select().where(Member.uuid.in_(chunk))):
                out[r[0]] = MemberRow(*(v if v is not None or i in (17, 18) else "" for i, v in enumerate(r)))
    return out


def list_members(db: Database, flt: MemberFilter = MemberFilter(), sort: str = "name") -> list[MemberRow]:
    ids = query_member_ids(db, flt, sort)
    rows = fetch_member_rows(db, ids)
    return [rows[u] for u in ids]


def get_member(db: Database, uuid: str) -> MemberDetail:
    with db.read() as s:
        m = s.get(Member, uuid)
        if m is None:
            raise NotFoundError("找不到该委员", f"member {uuid} not found")
        draft = MemberDraft(**{k: getattr(m, k) for k in DRAFT_FIELDS})
        return MemberDetail(m.uuid, draft, m.created_at, m.updated_at)


def save_member(db: Database, uuid: str | None, draft: MemberDraft) -> str:
    """Create (uuid None) or update a member; raises ValidationError naming the first bad field."""
    clean, errors = validate_member(draft)
    if errors:
        from ..domain.member_fields import MEMBER_LABELS

        key, msg = next(iter(errors.items()))
        raise ValidationError(f"{MEMBER_LABELS.get(key, key)}：{msg}", f"invalid {key}")
    values = clean.as_dict()
    values["name_pinyin"], values["name_initials"] = search_keys(clean.name)
    with db.write() as w:
        if uuid is None:
            member = Member(**values)
            w.session.add(member)
        else:
            member = w.session.get(Member, uuid)
            if member is None or member.deleted:
                raise NotFoundError("该委员已被删除，无法保存", f"member {uuid} not found")
            for key, value in values.items():
                if getattr(member, key) != value:
                    setattr(member, key, value)
        w.session.flush()
        return member.uuid


def find_duplicate(db: Database, draft: MemberDraft, exclude_uuid: str | None = None) -> str | None:
    """The name of a live member with the same ID number, or same name and birth."""
    clean, _ = validate_member(draft)
    conds = []
    if clean.id_number:
        conds.append(Member.id_number == clean.id_number)
    if clean.name and clean.birth:
        conds.append(and_(Member.name == clean.name, Member.birth == clean.birth))
    if not conds:
        return None
    stmt = select(Member.name).where(Member.deleted.is_(False), or_(*conds))
    if exclude_uuid:
        stmt = stmt.where(Member.uuid != exclude_uuid)
    with db.read() as s:
        return s.execute(stmt.limit(1)).scalar_one_or_none()


def delete_members(db: Database, uuids: list[str]) -> int:
    """Move members to the trash (a tombstone); their records stay and come back on restore."""
    return trash.move_to_trash(db, "member", uuids)


def restore_members(db: Database, uuids: list[str]) -> int:
    return trash.restore(db, "member", uuids)


@dataclass(frozen=True)
class Choices:
    """What the filter and form combos offer."""

    sectors: list[tuple[str, str]]  # (uuid, name), in the configured order
    stations: list[tuple[str, str]]
    parties: list[str]
    years: list[int]


def member_choices(db: Database) -> Choices:
    from ..domain.vocab import PARTIES

    with db.read() as s:
        sectors = s.execute(select(Sector.uuid, Sector.name).where(Sector.deleted.is_(False))
                            .order_by(Sector.sort_order, Sector.name)).all()
        stations = s.execute(select(Station.uuid, Station.name).where(Station.deleted.is_(False))
                             .order_by(Station.name)).all()
        used = s.execute(select(Member.party).where(Member.deleted.is_(False), Member.party != "")
                         .distinct()).scalars().all()
        first = s.execute(select(func.min(Member.joined_on))).scalar_one_or_none()
    parties = list(PARTIES) + sorted(p for p in used if p not in PARTIES)
    this_year = dt.date.today().year
    start = min(first.year if first else this_year - 5, this_year - 5)
    return Choices([tuple(r) for r in sectors], [tuple(r) for r in stations], parties,
                   list(range(this_year, start - 1, -1)))


__all__ = [
    "Choices", "MemberDetail", "MemberFilter", "MemberRow", "count_members", "delete_members",
    "fetch_member_rows", "find_duplicate", "get_member", "list_members", "member_choices", "query_member_ids",
    "restore_members", "save_member",
]
