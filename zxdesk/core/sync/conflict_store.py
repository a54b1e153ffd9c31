"""Keeping the conflict queue in step with the changes, inside the import transaction.

The queue is a function of the changes held: a field is in conflict while its *heads*
(changes no other change of that field happened after) hold two or more different
values; a record is in delete conflict while a delete head is concurrent with the head
of an edit. So replicas that hold the same changes show the same open conflicts, with
the same provisional winner, whatever order the files came in. A change made after
both sides were known (a resolution, here or at another site) closes the conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .causality import Causality
from .payload import Change

OPEN = "open"


def _candidate(c: Change) -> dict:
    return {"change": c.id, "site": c.site, "lamport": c.lamport, "field": c.field, "value": c.new,
            "wall": c.wall, "operator": c.operator}


def _winners(changes: list[Change]) -> dict[str, Change]:
    best: dict[str, Change] = {}
    for c in changes:
        cur = best.get(c.field)
        if cur is None or c.rank > cur.rank:
            best[c.field] = c
    return best


class ConflictStore:
    def __init__(self, conn: Connection, file_id: str, now: dt.datetime):
        self.conn = conn
        self.file_id = file_id
        self.now = now

    def _load_open(self, uuids: list[str]) -> dict[tuple[str, str, str], dict]:
        out = {}
        for i in range(0, len(uuids), 500):
            part = uuids[i : i + 500]
            marks = ",".join(f":u{j}" for j in range(len(part)))
            rows = self.conn.execute(
                text("SELECT id, kind, record_uuid, field, candidates, local_change, incoming_change "
                     f"FROM sync_conflict WHERE status = :o AND record_uuid IN ({marks})"),
                {"o": OPEN, **{f"u{j}": u for j, u in enumerate(part)}},
            ).mappings()
            for row in rows:
                out[(row["record_uuid"], row["field"], row["kind"])] = dict(row)
        return out

    def maintain(self, causality: Causality, touched: dict[str, set[str]], after: dict[str, list[Change]],
                 prior: dict[str, list[Change]], new_ids: set[str]) -> list[int]:
        """Open, extend or close conflicts of the touched fields; return the ids of
        conflicts opened or extended."""
        uuids = list(touched)
        open_rows = self._load_open(uuids) if uuids else {}
        with_open = {k[0] for k in open_rows}
        out: list[int] = []
        for uuid, fields in touched.items():
            changes = after.get(uuid, [])
            if not changes:
                continue
            if len({c.field for c in changes}) == len(changes) and uuid not in with_open:
                continue  # one change per field (a new record): nothing can conflict
            by_field: dict[str, list[Change]] = defaultdict(list)
            for c in changes:
                by_field[c.field].append(c)
            table = changes[0].table
            before = _winners(prior.get(uuid, []))
            for name in fields:
                existing = open_rows.get((uuid, name, "field"))
                group = by_field.get(name, [])
                if len(group) < 2 and existing is None:
                    continue
                heads = causality.heads(group)
                if len({h.new for h in heads}) >= 2:
                    local = before.get(name)
                    cid = self._upsert(existing, "field", table, uuid, name, heads, local, new_ids,
                                       max(heads, key=lambda c: c.rank))
                    if cid is not None:
                        out.append(cid)
                elif existing is not None:
                    self._close(existing["id"])
            cid = self._delete_conflict(causality, table, uuid, by_field, open_rows.get((uuid, "deleted", "delete")),
                                        before, new_ids)
            if cid is not None:
                out.append(cid)
        return out

    def _delete_conflict(self, causality: Causality, table: str, uuid: str, by_field: dict[str, list[Change]],
                         existing: dict | None, before: dict[str, Change], new_ids: set[str]) -> int | None:
        deletes = by_field.get("deleted", [])
        if existing is None and not any(c.new == "true" for c in deletes):
            return None
        delete_heads = [h for h in causality.heads(deletes) if h.new == "true"]
        edits: list[Change] = []
        if delete_heads:
            for name, group in by_field.items():
                if name == "deleted":
                    continue
                for head in causality.heads(group):
                    if any(causality.concurrent(head, d) for d in delete_heads):
                        edits.append(head)
        if delete_heads and edits:
            old_sides = [c for c in delete_heads + edits if c.id not in new_ids]
            local = max(old_sides, key=lambda c: c.rank) if old_sides else None
            winner = max(by_field["deleted"], key=lambda c: c.rank)
            return self._upsert(existing, "delete", table, uuid, "deleted", delete_heads + edits, local, new_ids,
                                winner)
        if existing is not None:
            self._close(existing["id"])
        return None

    def _upsert(self, existing: dict | None, kind: str, table: str, uuid: str, name: str, heads: list[Change],
                local: Change | None, new_ids: set[str], winner: Change) -> int | None:
        heads = sorted(heads, key=lambda c: c.rank, reverse=True)
        ids = [h.id for h in heads]
        if local is None or local.id not in ids:
            olds = [h for h in heads if h.id not in new_ids]
            local = olds[0] if olds else heads[-1]
        fresh = [h for h in heads if h.id in new_ids and h.id != local.id]
        if kind == "delete":
            # The incoming side is the other kind of change than the local one.
            other = [h for h in heads if (h.field == "deleted") != (local.field == "deleted")]
            fresh = [h for h in other if h.id in new_ids] or other
        incoming = fresh[0] if fresh else next(h for h in heads if h.id != local.id)
        cands = json.dumps([_candidate(h) for h in heads], ensure_ascii=False)
        if existing is None:
            row = self.conn.execute(
                text("INSERT INTO sync_conflict (kind, table_name, record_uuid, field, status, local_change, "
                     "incoming_change, winner_change, candidates, detected_at, file_id, resolution, resolved_by) "
                     "VALUES (:k, :t, :r, :f, :s, :l, :i, :w, :c, :d, :file, '', '') RETURNING id"),
                {"k": kind, "t": table, "r": uuid, "f": name, "s": OPEN, "l": local.id, "i": incoming.id,
                 "w": winner.id, "c": cands, "d": self.now, "file": self.file_id},
            ).scalar_one()
            return int(row)
        old_ids = [c["change"] for c in json.loads(existing["candidates"])]
        if old_ids == ids:
            return None
        keep_local = existing["local_change"] if existing["local_change"] in ids else local.id
        self.conn.execute(
            text("UPDATE sync_conflict SET candidates = :c, winner_change = :w, local_change = :l, "
                 "incoming_change = :i WHERE id = :id"),
            {"c": cands, "w": winner.id, "l": keep_local,
             "i": incoming.id if incoming.id != keep_local else existing["incoming_change"], "id": existing["id"]},
        )
        return int(existing["id"])

    def _close(self, conflict_id: int, status: str = "superseded", resolution: str = "later_edit",
               by: str = "") -> None:
        self.conn.execute(
            text("UPDATE sync_conflict SET status = :s, resolved_at = :t, resolution = :r, resolved_by = :b "
                 "WHERE id = :id"),
            {"s": status, "t": self.now, "r": resolution, "b": by, "id": conflict_id},
        )
