"""What a township's workstation may see: the contents of its roster files.

- 'full': the records of its own township (found through their work station, see
  ``scope``) and the shared records that belong to no township (the committee, its
  settings, sectors, assessment rules) - with every field;
- 'ref': records of other townships that one of those records points at (a member of
  another township who attended its meeting, that member's station) - without their
  personal fields (ID number, phone, birth month, ...), which are never sent there.

Everything else stays at the county. A record's visibility can change (a member moves
to another township); the county remembers per workstation what it has sent and what the
workstation confirmed, and sends a record's whole history when it becomes visible.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .scope import parents
from .tables import synced_tables

FULL, REF = "full", "ref"
RANK = {"": 0, REF: 1, FULL: 2}
_EXTRA = {"station": ("township",), "attachment": ("owner_table", "owner_uuid"),
          "commitment": ("owner_type", "owner_uuid")}
_MAX_DEPTH = 6


def _load(conn: Connection) -> dict[str, tuple[str, dict[str, Any]]]:
    """uuid -> (table, the non-empty values of the columns that link records)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, info in synced_tables().items():
        cols = [c.name for c in info.columns.values() if c.fk_table] + list(_EXTRA.get(name, ()))
        t = info.table
        for row in conn.execute(select(t.c.uuid, *[t.c[c] for c in cols])):
            out[row[0]] = (name, {c: v for c, v in zip(cols, row[1:]) if v})
    return out


def visible_records(conn: Connection, township: str, sent_before: set[str] | frozenset[str] = frozenset()
                    ) -> dict[str, tuple[str, str]]:
    """uuid -> (table, level) for every record the township's workstation may hold.

    Records it was sent before and may no longer see in full (a member who moved away)
    stay visible as references, so the workstation learns that they moved.
    """
    records = _load(conn)
    memo: dict[str, str | None] = {}

    def town(uuid: str, depth: int = 0) -> str | None:
        if uuid in memo:
            return memo[uuid]
        item = records.get(uuid)
        found = None
        if item is not None and depth <= _MAX_DEPTH:
            table, values = item
            if table == "station":
                found = values.get("township") or None
            else:
                for _parent_table, target in parents(table, values):
                    found = town(target, depth + 1)
                    if found is not None:
                        break
        memo[uuid] = found
        return found

    out: dict[str, tuple[str, str]] = {}
    for uuid, (table, _values) in records.items():
        where = town(uuid)
        if where is None or where == township:
            out[uuid] = (table, FULL)
        elif uuid in sent_before:
            out[uuid] = (table, REF)
    tables = synced_tables()
    frontier = list(out)
    while frontier:
        added = []
        for uuid in frontier:
            table, values = records[uuid]
            targets = [values.get(c.name) for c in tables[table].columns.values() if c.fk_table]
            targets += [target for _t, target in parents(table, values)]
            for target in targets:
                if target and target not in out and target in records:
                    out[target] = (records[target][0], REF)
                    added.append(target)
        frontier = added
    return out


__all__ = ["FULL", "RANK", "REF", "visible_records"]
