"""The conflict queue for people: list conflicts with both values, resolve one.

Resolving writes the chosen value as a new local change made after both sides, so it
travels like any edit and closes the same conflict at every other replica.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select, text, update

from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import utcnow
from .causality import Causality
from .conflict_store import OPEN, ConflictStore
from .labels import field_label, record_label, show_value, table_label
from .merge import history
from .scope import may_change
from .sites import identity
from .tables import synced_tables, to_db


@dataclass
class Side:
    change: str
    site: str
    site_name: str
    field: str
    value: Any
    display: str
    lamport: int
    wall_time: str
    operator: str


@dataclass
class ConflictView:
    id: int
    kind: str
    table: str
    table_label: str
    record: str
    record_label: str
    field: str
    field_label: str
    status: str
    winner: str  # local | incoming: the provisional winner, the same on every replica
    local: Side
    incoming: Side
    others: list[Side] = field(default_factory=list)
    detected_at: str = ""
    resolution: str = ""
    resolved_at: str = ""
    can_resolve: bool = True  # False at a workstation for another township's record

    def as_json(self) -> dict:
        return asdict(self)


def _side(cand: dict, kind: str, names: dict[str, str], table: str) -> Side:
    value = json.loads(cand["value"]) if cand.get("value") is not None else None
    if kind == "delete":
        display = ("删除此记录" if cand["field"] == "deleted"
                   else f"修改“{field_label(cand['field'], table)}”为 {show_value(value)}")
    else:
        display = show_value(value)
    return Side(cand["change"], cand["site"], names.get(cand["site"], cand["site"]), cand["field"], value, display,
                int(cand["lamport"]), cand.get("wall", ""), cand.get("operator", ""))


def reconcile(db: Database) -> None:
    """Close open conflicts that later local edits settled (made in other tabs)."""
    with db.read() as s:
        rows = s.execute(text("SELECT record_uuid, field FROM sync_conflict WHERE status = :o"), {"o": OPEN}).all()
    if not rows:
        return
    with db.write() as w:
        conn = w.session.connection()
        touched: dict[str, set[str]] = {}
        for uuid, name in rows:
            touched.setdefault(uuid, set()).add(name)
        hist = history(conn, touched)
        ConflictStore(conn, "", utcnow()).maintain(Causality.load(conn), touched, hist, hist, set())


def _may_resolve(conn, me, table: str, rec: dict | None) -> bool:
    if me is None or me.is_county:
        return True
    return may_change(conn, me.site_id, me.name, table, rec)


def list_conflicts(db: Database, *, include_closed: bool = False) -> list[ConflictView]:
    reconcile(db)
    me = identity(db)
    sql = "SELECT * FROM sync_conflict" + ("" if include_closed else " WHERE status = :o") + " ORDER BY id"
    with db.read() as s:
        conn = s.connection()
        rows = conn.execute(text(sql), {"o": OPEN}).mappings().all()
        names = dict(conn.execute(text("SELECT site_id, name FROM sync_site")).all())
        out = []
        for row in rows:
            info = synced_tables().get(row["table_name"])
            rec = None
            if info is not None:
                rec = conn.execute(select(info.table).where(info.table.c.uuid == row["record_uuid"])).mappings().first()
            view = _view(dict(row), names, dict(rec) if rec else None)
            view.can_resolve = _may_resolve(conn, me, row["table_name"], dict(rec) if rec else None)
            out.append(view)
    return out


def _view(row: dict, names: dict[str, str], rec: dict | None) -> ConflictView:
    cands = json.loads(row["candidates"])
    by_id = {c["change"]: c for c in cands}
    local = by_id.get(row["local_change"]) or cands[-1]
    incoming = by_id.get(row["incoming_change"]) or cands[0]
    others = [c for c in cands if c["change"] not in (local["change"], incoming["change"])]
    kind = row["kind"]
    if kind == "delete":
        winning_delete = rec is not None and bool(rec.get("deleted"))
        winner = "local" if (local["field"] == "deleted") == winning_delete else "incoming"
    else:
        winner = "local" if row["winner_change"] == local["change"] else "incoming"
    return ConflictView(
        int(row["id"]), kind, row["table_name"], table_label(row["table_name"]), row["record_uuid"],
        record_label(rec), row["field"], "整条记录" if kind == "delete" else field_label(row["field"], row["table_name"]),
        row["status"], winner, _side(local, kind, names, row["table_name"]),
        _side(incoming, kind, names, row["table_name"]), [_side(c, kind, names, row["table_name"]) for c in others],
        str(row["detected_at"] or ""), row["resolution"] or "", str(row["resolved_at"] or ""),
    )


def parse_conflict_id(text_id: str | int) -> int:
    raw = str(text_id).strip().lstrip("#")
    if not raw.isdigit():
        raise ValidationError(f"冲突编号应为数字：{text_id}", f"a conflict id is a number: {text_id!r}")
    return int(raw)


def resolve(db: Database, conflict_id: str | int, take: str) -> ConflictView:
    if take not in ("local", "incoming"):
        raise ValidationError("请选择采用本机值（local）或传入值（incoming）", "--take must be local or incoming")
    cid = parse_conflict_id(conflict_id)
    with db.read() as s:
        row = s.execute(text("SELECT * FROM sync_conflict WHERE id = :i"), {"i": cid}).mappings().first()
    if row is None:
        raise NotFoundError(f"没有编号为 {cid} 的冲突", f"no conflict with id {cid}")
    if row["status"] != OPEN:
        raise ValidationError(f"冲突 {cid} 已经处理过了", f"conflict {cid} is already closed ({row['status']})")
    cands = {c["change"]: c for c in json.loads(row["candidates"])}
    chosen = cands[row["local_change"] if take == "local" else row["incoming_change"]]
    table, uuid = row["table_name"], row["record_uuid"]
    if row["kind"] == "delete":
        name, new_text = "deleted", ("true" if chosen["field"] == "deleted" else "false")
    else:
        name, new_text = row["field"], chosen["value"]
    info = synced_tables()[table]
    col = info.columns[name]
    new_value = json.loads(new_text) if new_text is not None else None
    me = identity(db)
    with db.write() as w:
        conn = w.session.connection()
        rec = conn.execute(select(info.table).where(info.table.c.uuid == uuid)).mappings().first()
        if not _may_resolve(conn, me, table, dict(rec) if rec else None):
            raise ValidationError("这条记录属于其他乡镇，本站不能修改，请由县政协处理这处冲突",
                                  "the record belongs to another township: the county resolves this conflict")
        current = conn.execute(select(info.table.c[name]).where(info.table.c.uuid == uuid)).scalar()
        # A forced entry even when the value is unchanged: it is the decision that travels.
        w.write([(table, uuid, name, current, new_value)])
        conn.execute(update(info.table).where(info.table.c.uuid == uuid)
                     .values({name: to_db(col, new_value), "version": w.lamport, "updated_at": w.wall_time}))
        conn.execute(text("UPDATE sync_conflict SET status = 'resolved', resolution = :r, resolved_at = :t, "
                          "resolved_by = :b WHERE id = :i"),
                     {"r": take, "t": utcnow(), "b": w.operator[:60], "i": cid})
    views = [v for v in list_conflicts(db, include_closed=True) if v.id == cid]
    return views[0]
