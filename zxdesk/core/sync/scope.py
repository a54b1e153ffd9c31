"""Whose record is it? A workstation may only change its own township's records.

A workstation's site name is its township (``zxdesk setup --site 城关镇``). A record's
township is found through its work station:

- a station: its own ``township`` field;
- a record with a ``station_uuid``: that station's township;
- otherwise through its parent, the first of ``PARENT_COLUMNS`` it has (a meeting's
  attendee follows the meeting, a duty record without a station follows its member, an
  attachment follows the record it is attached to, a commitment its owner);
- a record with no station anywhere on that path (committee settings, sectors,
  assessment rules) has no township: it belongs to the site that created it, so
  the county's reference data can only be changed at the county.

The county checks every change in a workstation's file against the record both as it
was and as it would be after the change (so a workstation cannot move a record into or
out of another township). Refused changes are kept in the change log, marked refused,
and reported back in the next roster file, where the workstation takes them back too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .tables import TableInfo, synced_tables

PARENT_COLUMNS = ("station_uuid", "meeting_uuid", "case_uuid", "group_uuid", "commitment_uuid",
                  "update_uuid", "member_uuid")
COMMITMENT_OWNERS = {"member": "member", "group": "org_group", "branch": "org_group"}
_MAX_DEPTH = 6

Key = tuple[str, str]  # (table, uuid)


class Rows:
    """Row values by (table, uuid): an overlay of in-file values over the database."""

    def __init__(self, conn: Connection, overlay: dict[Key, dict[str, Any] | None] | None = None):
        self.conn = conn
        self.overlay = overlay or {}
        self._cache: dict[Key, dict[str, Any] | None] = {}

    def get(self, table: str, uuid: str) -> dict[str, Any] | None:
        key = (table, uuid)
        if key in self.overlay:
            return self.overlay[key]
        if key not in self._cache:
            info: TableInfo | None = synced_tables().get(table)
            if info is None:
                self._cache[key] = None
            else:
                row = self.conn.execute(select(info.table).where(info.table.c.uuid == uuid)).mappings().first()
                self._cache[key] = dict(row) if row is not None else None
        return self._cache[key]

    def exists(self, table: str, uuid: str) -> bool:
        return self.get(table, uuid) is not None


def township_of(rows: Rows, table: str, values: dict[str, Any] | None, depth: int = 0) -> str | None:
    """The township a record belongs to, or None when no station is on its path."""
    if values is None or depth > _MAX_DEPTH:
        return None
    if table == "station":
        return values.get("township") or None
    for parent_table, target in parents(table, values):
        found = township_of(rows, parent_table, rows.get(parent_table, target), depth + 1)
        if found is not None:
            return found
    return None


def parents(table: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """The records a record's township is looked up through, in order."""
    if table == "attachment":
        owner_table, owner = values.get("owner_table"), values.get("owner_uuid")
        return [(owner_table, owner)] if owner_table in synced_tables() and owner else []
    out = []
    columns = synced_tables()[table].columns
    for name in PARENT_COLUMNS:
        col = columns.get(name)
        target = values.get(name)
        if col is not None and col.fk_table is not None and target:
            out.append((col.fk_table, target))
    if table == "commitment" and values.get("owner_uuid"):
        owner_table = COMMITMENT_OWNERS.get(values.get("owner_type") or "")
        if owner_table:
            out.append((owner_table, values["owner_uuid"]))
    return out


def may_change(conn: Connection, site_id: str, township: str, table: str, values: dict[str, Any] | None) -> bool:
    """Whether the workstation ``site_id`` of ``township`` may change this record."""
    if values is None:
        return False
    town = township_of(Rows(conn), table, values)
    return town == township if town is not None else values.get("origin_site") == site_id


def refused_records(
    conn: Connection,
    ws_site: str,
    ws_township: str,
    records: dict[Key, tuple[dict[str, Any] | None, dict[str, Any], str]],
) -> dict[Key, str]:
    """Which touched records a workstation may not change, with the reason.

    ``records`` maps (table, uuid) to (row before, row after, origin site).
    """
    refused: dict[Key, str] = {}
    before_rows = Rows(conn, {k: v[0] for k, v in records.items()})
    after_rows = Rows(conn, {k: v[1] for k, v in records.items()})

    def owned(rows: Rows, table: str, values: dict[str, Any], origin: str) -> bool:
        town = township_of(rows, table, values)
        return town == ws_township if town is not None else origin == ws_site

    for key, (before, after, origin) in records.items():
        table = key[0]
        if before is not None and not owned(before_rows, table, before, origin):
            refused[key] = "not_own_township"
        elif not owned(after_rows, table, after, origin):
            refused[key] = "into_other_township"
    # A record pointing at a record that is missing (or refused) is refused too.
    changed = True
    while changed:
        changed = False
        for key, (_before, after, _origin) in records.items():
            if key in refused:
                continue
            for col in synced_tables()[key[0]].columns.values():
                target = after.get(col.name)
                if col.fk_table is None or not target:
                    continue
                tkey = (col.fk_table, target)
                if tkey in refused or (tkey not in records and not after_rows.exists(*tkey)):
                    refused[key] = "missing_parent"
                    changed = True
                    break
    return refused


REASONS = {
    "not_own_township": ("不是本乡镇的记录", "not a record of its own township"),
    "into_other_township": ("会把记录移到其他乡镇", "would move a record into another township"),
    "missing_parent": ("引用的记录不存在或被拒收", "refers to a missing or refused record"),
    "incomplete": ("记录不完整", "the record is incomplete"),
}
