"""Who can make a commitment: members, activity groups and sector party branches."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..storage.database import Database
from ..storage.models import Member, OrgGroup, Station


@dataclass(frozen=True)
class OwnerOption:
    owner_type: str  # member/group/branch
    uuid: str
    name: str
    station_uuid: str | None
    detail: str  # a member's work unit, a group's station, for telling namesakes apart
    search: str = ""  # what a clerk may type to find it: name, pinyin, initials, detail


@dataclass(frozen=True)
class EditorChoices:
    owners: list[OwnerOption]
    stations: list[tuple[str, str]]  # (uuid, name)
    categories: list[str]  # categories already used, plus the suggested ones


def owner_options(db: Database) -> list[OwnerOption]:
    """Serving members first by name, then groups and branches, each sorted by name."""
    out: list[OwnerOption] = []
    with db.read() as s:
        stations = dict(s.execute(select(Station.uuid, Station.name)).all())
        for uuid, name, station, unit, status, pinyin, initials in s.execute(
            select(Member.uuid, Member.name, Member.station_uuid, Member.unit, Member.status, Member.name_pinyin,
                   Member.name_initials)
            .where(Member.deleted.is_(False)).order_by(Member.status != "在任", Member.name_pinyin, Member.name)
        ):
            detail = unit if status == "在任" else f"{unit}（{status}）".strip()
            out.append(OwnerOption("member", uuid, name, station, detail,
                                   " ".join(x for x in (name, pinyin, initials, unit) if x)))
        for uuid, name, kind, station in s.execute(
            select(OrgGroup.uuid, OrgGroup.name, OrgGroup.kind, OrgGroup.station_uuid)
            .where(OrgGroup.deleted.is_(False)).order_by(OrgGroup.kind, OrgGroup.name)
        ):
            place = stations.get(station, "") if station else ""
            out.append(OwnerOption(kind, uuid, name, station, place, f"{name} {place}".strip()))
    return out


def editor_choices(db: Database) -> EditorChoices:
    from ..domain.commitment_terms import SUGGESTED_CATEGORIES
    from .commitment_list import filter_options

    options = filter_options(db)
    categories = list(dict.fromkeys([*SUGGESTED_CATEGORIES, *options.categories]))
    return EditorChoices(owner_options(db), options.stations, categories)
