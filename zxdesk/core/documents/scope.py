"""Scopes a board is made for: a station, a sector, an activity group or branch, or all."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..storage.models import GroupMember, Member, OrgGroup, Sector, Station, StationCheckin
from .period import Period

KINDS = {"station": ("工作站", "station"), "sector": ("界别", "sector"), "group": ("活动组或党支部", "group")}
ROLE_ORDER = {"主席": 0, "副主席": 1, "常委": 2, "委员": 3}


@dataclass(frozen=True)
class Scope:
    kind: str  # station | sector | group | all
    name: str
    uuid: str | None
    label: str  # what the board calls it: '新华镇委员工作站', '教育界', '全体委员'

    @property
    def code(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind}:{self.name}"


ALL = Scope("all", "", None, "全体委员")


def parse_scope_text(text: str) -> tuple[str, str]:
    raw = (text or "").strip()
    if raw.lower() == "all":
        return "all", ""
    kind, sep, name = raw.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not name.strip():
        raise ValidationError(
            f"范围“{text}”无效：应为 station:名称、sector:名称、group:名称 或 all",
            f"invalid scope {text!r}: use station:NAME, sector:NAME, group:NAME or all",
        )
    return kind, name.strip()


def sector_label(name: str) -> str:
    return name if name.endswith(("界", "界别")) else f"{name}界别"


def resolve_scope(session: Session, text: str) -> Scope:
    """The scope named by ``text``; a clear error when the name is unknown."""
    kind, name = parse_scope_text(text)
    if kind == "all":
        return ALL
    model = {"station": Station, "sector": Sector, "group": OrgGroup}[kind]
    row = session.execute(
        select(model.uuid, model.name).where(model.name == name, model.deleted.is_(False)).limit(1)
    ).first()
    if row is None:
        zh, en = KINDS[kind]
        raise ValidationError(f"找不到名为“{name}”的{zh}", f"no {en} named {name!r}")
    label = sector_label(name) if kind == "sector" else name
    return Scope(kind, name, row.uuid, label)


def _serving(period: Period | None):
    conds = [Member.deleted.is_(False)]
    if period is None:
        conds.append(Member.status == "在任")
        return conds
    conds.append(or_(Member.joined_on.is_(None), Member.joined_on <= period.end))
    conds.append(or_(Member.left_on >= period.start, Member.left_on.is_(None) & (Member.status == "在任")))
    return conds


def member_uuids(session: Session, scope: Scope, period: Period | None = None) -> list[str]:
    """Members in the scope who served during the period (serving now when no period),
    ordered by role, then by name in pinyin order."""
    query = select(Member.uuid, Member.role, Member.name_pinyin, Member.name).where(*_serving(period))
    if scope.kind == "station":
        checked_in = select(StationCheckin.member_uuid).where(
            StationCheckin.station_uuid == scope.uuid, StationCheckin.deleted.is_(False))
        query = query.where(or_(Member.station_uuid == scope.uuid, Member.uuid.in_(checked_in)))
    elif scope.kind == "sector":
        query = query.where(Member.sector_uuid == scope.uuid)
    elif scope.kind == "group":
        in_group = select(GroupMember.member_uuid).where(
            GroupMember.group_uuid == scope.uuid, GroupMember.deleted.is_(False))
        query = query.where(Member.uuid.in_(in_group))
    rows = session.execute(query).all()
    rows.sort(key=lambda r: (ROLE_ORDER.get(r.role, 9), r.name_pinyin or "", r.name))
    return [r.uuid for r in rows]


@dataclass(frozen=True)
class ScopeChoice:
    code: str
    label: str


def list_scopes(session: Session) -> list[ScopeChoice]:
    """Every scope a board can be made for, for pick lists."""
    out = [ScopeChoice("all", "全体委员")]
    for model, kind, prefix in ((Station, "station", "工作站"), (Sector, "sector", "界别"),
                                (OrgGroup, "group", "活动组")):
        names = session.execute(
            select(model.name).where(model.deleted.is_(False)).distinct().order_by(model.name)
        ).scalars()
        out.extend(ScopeChoice(f"{kind}:{n}", f"{prefix}：{n}") for n in names)
    return out
