"""Deciding what each roster row does: import a new member, update one, or be rejected.

A row updates the live member with the same ID number; without one, the member with the
same name and birth. The same person listed twice in the file is imported once; the
repeat is rejected and names the row it repeats. Nothing is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..domain.member_fields import MEMBER_LABELS
from ..domain.pinyin_keys import search_keys
from ..storage.database import Database
from ..storage.models import Member, Sector, Station
from .rows import ParsedRow
from .sheets import as_text

# Columns compared and written on update (sector/station are resolved to uuids).
MEMBER_COLUMNS = ("name", "gender", "ethnicity", "birth", "party", "unit", "title", "phone", "id_number",
                  "education", "level", "term", "role", "status", "joined_on", "left_on", "note",
                  "sector_uuid", "station_uuid")

SEARCH_KEYS = ("name_pinyin", "name_initials")


@dataclass
class RowOutcome:
    line: int
    outcome: str  # imported | updated | rejected
    name: str
    reason: str = ""
    member_uuid: str = ""
    values: dict[str, object] = field(default_factory=dict)  # columns to write
    changes: list[tuple[str, object, object]] = field(default_factory=list)  # (column, old, new)
    raw: list[object] = field(default_factory=list)  # the row as read

    @property
    def cells(self) -> list[str]:
        return [as_text(v) for v in self.raw]

    def as_json(self) -> dict:
        out = {"row": self.line, "outcome": self.outcome, "name": self.name, "reason": self.reason}
        if self.member_uuid:
            out["uuid"] = self.member_uuid
        if self.changes:
            out["changes"] = [MEMBER_LABELS.get(c, c) for c, _o, _n in self.changes if c not in SEARCH_KEYS]
        return out


@dataclass
class ImportPlan:
    outcomes: list[RowOutcome]
    new_sectors: list[str]
    new_stations: list[str]
    skipped: dict[str, int]  # blank / footer / header rows

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)


@dataclass
class _Existing:
    by_id: dict[str, str]
    by_name_birth: dict[tuple[str, str], list[str]]
    values: dict[str, dict[str, object]]


def _load_existing(db: Database) -> tuple[_Existing, dict[str, str], dict[str, str]]:
    cols = [getattr(Member, c) for c in (*MEMBER_COLUMNS, *SEARCH_KEYS)]
    existing = _Existing({}, {}, {})
    with db.read() as s:
        for row in s.execute(select(Member.uuid, *cols).where(Member.deleted.is_(False))):
            uuid, values = row[0], dict(zip((*MEMBER_COLUMNS, *SEARCH_KEYS), row[1:]))
            existing.values[uuid] = values
            if values["id_number"]:
                existing.by_id[values["id_number"]] = uuid
            existing.by_name_birth.setdefault((values["name"], values["birth"]), []).append(uuid)
        sectors = dict(s.execute(select(Sector.name, Sector.uuid).where(Sector.deleted.is_(False))).all())
        stations = dict(s.execute(select(Station.name, Station.uuid).where(Station.deleted.is_(False))).all())
    return existing, sectors, stations


def _match(values: dict, existing: _Existing) -> tuple[str | None, str]:
    """(member uuid or None, rejection reason)."""
    id_number = values.get("id_number") or ""
    if id_number and id_number in existing.by_id:
        return existing.by_id[id_number], ""
    candidates = existing.by_name_birth.get((values["name"], values.get("birth") or ""), [])
    if not candidates:
        return None, ""
    if id_number:
        blank = [u for u in candidates if not existing.values[u]["id_number"]]
        if len(blank) == 1:
            return blank[0], ""
        if not blank:
            return None, (f"已有同名、同出生年月的委员“{values['name']}”，但身份证号不同，请核对后再导入")
    if len(candidates) > 1:
        return None, f"已有{len(candidates)}名同名、同出生年月的委员“{values['name']}”，无法确定要更新哪一位"
    return candidates[0], ""


def build_plan(db: Database, parsed: list[ParsedRow]) -> ImportPlan:
    existing, sectors, stations = _load_existing(db)
    new_sectors: dict[str, None] = {}
    new_stations: dict[str, None] = {}
    skipped = {"blank": 0, "footer": 0, "header": 0}
    seen: dict[object, int] = {}
    claimed: dict[str, int] = {}
    outcomes: list[RowOutcome] = []
    for row in parsed:
        if row.kind != "data":
            skipped[row.kind] += 1
            continue
        out = RowOutcome(row.line, "rejected", row.name, raw=row.raw)
        outcomes.append(out)
        if row.error:
            out.reason = row.error
            continue
        values = dict(row.values)
        key = ("id", values["id_number"]) if values.get("id_number") else ("nb", values["name"], values.get("birth", ""))
        if key in seen:
            how = "身份证号" if key[0] == "id" else "姓名和出生年月"
            out.reason = f"与第{seen[key]}行重复（{how}相同），已按第{seen[key]}行导入"
            continue
        seen[key] = row.line
        uuid, reason = _match(values, existing)
        if reason:
            out.reason = reason
            continue
        if uuid is not None and uuid in claimed:
            out.reason = f"与第{claimed[uuid]}行是同一位委员，已按第{claimed[uuid]}行处理"
            continue
        for kind, names, fresh in (("sector", sectors, new_sectors), ("station", stations, new_stations)):
            if kind in values:
                name = values.pop(kind)
                values[f"{kind}_uuid"] = names.get(name) if name else None
                if name and name not in names:
                    fresh[name] = None
                    values[f"{kind}_uuid"] = f"new:{name}"
        out.values = values
        if uuid is None:
            out.outcome = "imported"
            continue
        claimed[uuid] = row.line
        current = existing.values[uuid]
        out.outcome, out.member_uuid = "updated", uuid
        out.changes = [(k, current[k], v) for k, v in values.items()
                       if v not in (None, "") and current.get(k) != v]
        if any(c == "name" for c, _o, _n in out.changes):
            pinyin, initials = search_keys(values["name"])
            out.changes += [("name_pinyin", current["name_pinyin"], pinyin),
                            ("name_initials", current["name_initials"], initials)]
    return ImportPlan(outcomes, list(new_sectors), list(new_stations), skipped)
