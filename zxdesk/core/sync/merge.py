"""Applying changes from a file: per field, decided by version counters, never wall time.

A field's value is the value of its winning change: the highest (Lamport, site id)
among the field's changes that were not refused. Every replica that holds the same
changes therefore holds the same data, whatever order the files came in. On top of
that, each field change is classified against what is already here:

- its change id is already here with the same content: skipped;
- the same change id with different content: the whole file is refused;
- it happened after everything here for that field (its author had seen it): applied;
- it is concurrent with a change here and the values differ: applied to the log, the
  provisional winner decides the value, and a conflict is queued with both values;
- concurrent but the same value: no conflict.

A delete (``deleted`` set to true) concurrent with an edit of any other field of the
record is a conflict too: the record stays in the trash with the edit kept, and
someone decides. Row bookkeeping follows the winners: ``version`` is the highest
winning Lamport value, ``updated_at`` its wall time, ``origin_site``/``created_at``
those of the record's first change.
"""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection

from .causality import Causality
from .conflict_store import ConflictStore
from .errors import ChangeIdClash, InvalidContent
from .payload import Change
from .tables import MISSING, parse_wall, synced_tables, to_db

_LOG_COLS = ("site", "seq", "lamport", "table_name", "record_uuid", "field", "old_value", "new_value",
             "operator", "wall_time", "batch", "refused")
_CHUNK = 500

Key = tuple[str, str]  # (table, record uuid)
RANK = attrgetter("lamport", "site", "seq")  # who wins: see Change.rank
Authorizer = Callable[[Connection, dict[Key, tuple[dict | None, dict, str]]], dict[Key, str]]


@dataclass
class MergeResult:
    applied: int = 0
    skipped: int = 0
    records_changed: int = 0
    refused: list[Change] = field(default_factory=list)
    refused_records: dict[Key, str] = field(default_factory=dict)
    conflict_ids: list[int] = field(default_factory=list)
    max_lamport: int = 0


# -- loading -----------------------------------------------------------------
def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def existing_changes(conn: Connection, incoming: list[Change]) -> dict[tuple[str, int], tuple]:
    """Content of the incoming change ids that are already here."""
    by_site: dict[str, list[int]] = defaultdict(list)
    for c in incoming:
        by_site[c.site].append(c.seq)
    found: dict[tuple[str, int], tuple] = {}
    stmt = text("SELECT seq, lamport, table_name, record_uuid, field, new_value FROM change_log "
                "WHERE site = :s AND seq >= :lo AND seq <= :hi")
    for site, seqs in by_site.items():
        for seq, lamport, table, record, fld, new in conn.execute(stmt, {"s": site, "lo": min(seqs), "hi": max(seqs)}):
            found[(site, seq)] = (lamport, table, record, fld, new)
    return found


def history(conn: Connection, uuids: Iterable[str]) -> dict[str, list[Change]]:
    """Every change here (not refused) of the given records, by record uuid."""
    out: dict[str, list[Change]] = defaultdict(list)
    ids = sorted(set(uuids))
    for part in _chunks(ids):
        marks = ",".join(f":u{i}" for i in range(len(part)))
        rows = conn.execute(
            text("SELECT site, seq, lamport, table_name, record_uuid, field, old_value, new_value, operator, "
                 f"wall_time, batch FROM change_log WHERE refused = :f AND record_uuid IN ({marks})"),
            {"f": False, **{f"u{i}": u for i, u in enumerate(part)}},
        )
        for row in rows:
            out[row[4]].append(Change(*row))
    return out


def current_rows(conn: Connection, keys: Iterable[Key]) -> dict[Key, dict]:
    by_table: dict[str, list[str]] = defaultdict(list)
    for table, uuid in keys:
        by_table[table].append(uuid)
    tables = synced_tables()
    out: dict[Key, dict] = {}
    for table, uuids in by_table.items():
        t = tables[table].table
        for part in _chunks(sorted(set(uuids))):
            for row in conn.execute(select(t).where(t.c.uuid.in_(part))).mappings():
                out[(table, row["uuid"])] = dict(row)
    return out


# -- winners -----------------------------------------------------------------
def winners(changes: list[Change]) -> dict[str, Change]:
    best: dict[str, Change] = {}
    for c in changes:
        cur = best.get(c.field)
        if cur is None or RANK(c) > RANK(cur):
            best[c.field] = c
    return best


def row_values(table: str, wins: dict[str, Change], all_changes: list[Change]) -> dict | None:
    """The full row the winners describe, or None if a required field has no value."""
    info = synced_tables()[table]
    values: dict = {}
    for name, col in info.columns.items():
        win = wins.get(name)
        if win is not None:
            values[name] = to_db(col, win.value())
        elif col.default is not MISSING:
            values[name] = col.default
        elif col.nullable:
            values[name] = None
        else:
            return None
    first = min(all_changes, key=RANK)
    top = max(wins.values(), key=RANK)
    values["origin_site"] = first.site
    values["created_at"] = parse_wall(first.wall)
    values["updated_at"] = parse_wall(top.wall)
    values["version"] = top.lamport
    return values


# -- writing -----------------------------------------------------------------
def insert_log(conn: Connection, changes: list[Change], refused_ids: set[tuple[str, int]]) -> None:
    if not changes:
        return
    rows = [(c.site, c.seq, c.lamport, c.table, c.record, c.field, c.old, c.new, c.operator, c.wall, c.batch,
             (c.site, c.seq) in refused_ids) for c in changes]
    if conn.dialect.paramstyle == "qmark":
        sql = f"INSERT INTO change_log ({', '.join(_LOG_COLS)}) VALUES ({', '.join('?' * len(_LOG_COLS))})"
        for part in _chunks(rows, 50_000):
            conn.exec_driver_sql(sql, part)
    else:
        sql = text(f"INSERT INTO change_log ({', '.join(_LOG_COLS)}) VALUES ({', '.join(':' + c for c in _LOG_COLS)})")
        for part in _chunks(rows, 10_000):
            conn.execute(sql, [dict(zip(_LOG_COLS, r)) for r in part])


def write_rows(conn: Connection, inserts: dict[str, list[dict]], updates: dict[Key, dict],
               deletes: list[Key]) -> None:
    tables = synced_tables()
    for table in sorted(inserts, key=lambda t: tables[t].order):
        for part in _chunks(inserts[table], 5_000):
            conn.execute(insert(tables[table].table), part)
    grouped: dict[tuple[str, tuple[str, ...]], list[dict]] = defaultdict(list)
    for (table, uuid), values in updates.items():
        cols = tuple(sorted(values))
        grouped[(table, cols)].append({"_u": uuid, **{f"v_{c}": values[c] for c in cols}})
    for (table, cols), params in grouped.items():
        t = tables[table].table
        stmt = update(t).where(t.c.uuid == bindparam("_u")).values({c: bindparam(f"v_{c}") for c in cols})
        conn.execute(stmt, params)
    for table, uuid in sorted(deletes, key=lambda k: -tables[k[0]].order):
        t = tables[table].table
        conn.execute(delete(t).where(t.c.uuid == uuid))


# -- the merge ---------------------------------------------------------------
def apply(
    conn: Connection,
    incoming: list[Change],
    causality: Causality,
    conflicts: ConflictStore,
    *,
    authorize: Authorizer | None = None,
) -> MergeResult:
    """Apply a file's changes; the caller holds the transaction."""
    result = MergeResult()
    here = existing_changes(conn, incoming)
    new: list[Change] = []
    for c in incoming:
        known = here.get((c.site, c.seq))
        if known is None:
            new.append(c)
        elif known == (c.lamport, c.table, c.record, c.field, c.new):
            result.skipped += 1
        else:
            raise ChangeIdClash(
                f"变更 {c.id} 已导入过但内容不同（发出方的数据库可能从备份恢复过），文件未导入",
                f"change {c.id} was imported before with different content; nothing was imported",
            )
    if not new:
        return result
    result.max_lamport = max(c.lamport for c in new)
    new.sort(key=RANK)

    keys = {(c.table, c.record) for c in new}
    prior = history(conn, (k[1] for k in keys))
    rows = current_rows(conn, keys)
    incoming_by: dict[str, list[Change]] = defaultdict(list)
    for c in new:
        incoming_by[c.record].append(c)
    for uuid, changes in prior.items():
        if any(c.table != changes[0].table for c in changes) or incoming_by[uuid][0].table != changes[0].table:
            raise InvalidContent(f"记录编号 {uuid} 在不同的表中出现，文件未导入", f"record {uuid} appears in two tables")

    refused_keys: dict[Key, str] = {}
    fresh_rows: dict[Key, dict] = {}  # rows to insert, worked out once
    if authorize is not None:
        states = {}
        for key in keys:
            before_hist = prior.get(key[1], [])
            after_hist = before_hist + incoming_by[key[1]]
            after = row_values(key[0], winners(after_hist), after_hist)
            origin = min(after_hist, key=RANK).site
            if after is None:
                refused_keys[key] = "incomplete"
                continue
            states[key] = (rows.get(key), after, origin)
            if key not in rows:
                fresh_rows[key] = after
        refused_keys.update(authorize(conn, states))
    refused_ids = {(c.site, c.seq) for c in new if (c.table, c.record) in refused_keys}
    result.refused = [c for c in new if (c.site, c.seq) in refused_ids]
    result.refused_records = refused_keys
    insert_log(conn, new, refused_ids)
    accepted = [c for c in new if (c.site, c.seq) not in refused_ids]
    result.applied = len(accepted)

    touched: dict[str, set[str]] = defaultdict(set)
    for c in accepted:
        touched[c.record].add(c.field)
    settle(conn, {(incoming_by[u][0].table, u) for u in touched}, prior, incoming_by, rows, result,
           fresh_rows=fresh_rows)
    after_all = {u: prior.get(u, []) + [c for c in incoming_by[u] if (c.site, c.seq) not in refused_ids]
                 for u in touched}
    new_ids = {c.id for c in accepted}
    result.conflict_ids = conflicts.maintain(causality, touched, after_all, prior, new_ids)
    return result


def settle(conn: Connection, keys: set[Key], prior: dict[str, list[Change]],
           incoming_by: dict[str, list[Change]], rows: dict[Key, dict], result: MergeResult,
           fresh_rows: dict[Key, dict] | None = None) -> None:
    """Bring the rows of ``keys`` in line with their winners after the new changes."""
    refused_ids = {(c.site, c.seq) for c in result.refused}
    fresh_rows = fresh_rows or {}
    inserts: dict[str, list[dict]] = defaultdict(list)
    updates: dict[Key, dict] = {}
    for table, uuid in keys:
        row = rows.get((table, uuid))
        if row is None and (table, uuid) in fresh_rows:
            values = fresh_rows[(table, uuid)]  # refused records were never settled: this is final
            values["uuid"] = uuid
            inserts[table].append(values)
            result.records_changed += 1
            continue
        before_hist = prior.get(uuid, [])
        incoming = incoming_by.get(uuid, [])
        if refused_ids:
            incoming = [c for c in incoming if (c.site, c.seq) not in refused_ids]
        after_hist = before_hist + incoming
        after_wins = winners(after_hist)
        if row is None:
            values = row_values(table, after_wins, after_hist)
            if values is None:
                raise InvalidContent(f"记录 {uuid}（{table}）缺少必填字段，文件未导入",
                                     f"record {uuid} in {table} lacks a required field")
            values["uuid"] = uuid
            inserts[table].append(values)
            result.records_changed += 1
            continue
        before_wins = winners(before_hist)
        info = synced_tables()[table]
        diff = {}
        for name, win in after_wins.items():
            old = before_wins.get(name)
            if old is None or old.seq != win.seq or old.site != win.site:
                diff[name] = to_db(info.columns[name], win.value())
        if diff:
            top = max(after_wins.values(), key=RANK)
            diff["version"] = top.lamport
            diff["updated_at"] = parse_wall(top.wall)
            updates[(table, uuid)] = diff
            result.records_changed += 1
    write_rows(conn, inserts, updates, [])


def resettle(conn: Connection, keys: set[Key], conflicts: ConflictStore, causality: Causality) -> int:
    """Recompute rows from their remaining (not refused) changes, after refusals.

    A record left with no change at all never existed as far as the county is
    concerned and is removed. Returns the number of records changed.
    """
    hist = history(conn, (k[1] for k in keys))
    rows = current_rows(conn, keys)
    updates: dict[Key, dict] = {}
    deletes: list[Key] = []
    for table, uuid in keys:
        changes = hist.get(uuid, [])
        row = rows.get((table, uuid))
        if not changes:
            if row is not None and _referenced(conn, table, uuid):
                updates[(table, uuid)] = {"deleted": True}  # children arrive refused in a later roster
            elif row is not None:
                deletes.append((table, uuid))
            continue
        values = row_values(table, winners(changes), changes)
        if row is None or values is None:
            continue
        diff = {k: v for k, v in values.items() if row.get(k) != v and k not in ("origin_site", "created_at")}
        if diff:
            updates[(table, uuid)] = diff
    write_rows(conn, {}, updates, deletes)
    touched = {uuid: {c.field for c in hist.get(uuid, [])} for _t, uuid in keys}
    conflicts.maintain(causality, touched, hist, hist, set())
    return len(updates) + len(deletes)


def _referenced(conn: Connection, table: str, uuid: str) -> bool:
    """True if another row points at this one (it cannot be removed yet)."""
    for info in synced_tables().values():
        for col in info.columns.values():
            if col.fk_table == table:
                t = info.table
                if conn.execute(select(t.c.uuid).where(t.c[col.name] == uuid).limit(1)).first():
                    return True
    return False
