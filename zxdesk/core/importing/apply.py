"""Writing an import plan in one transaction, and undoing a whole import batch.

New members go in through the bulk path (``insert_rows``, which logs every field);
updates are Core UPDATEs with one change-log entry per changed field. The transaction's
batch id is kept in ``import_batch``: undo finds every change of that batch in the
change log, moves the members it created to the trash and puts updated fields back,
unless someone has changed that field since.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Date, bindparam, select, update

from ..domain.pinyin_keys import search_keys
from ..errors import NotFoundError, ValidationError
from ..progress import NULL_PROGRESS, Progress
from ..storage.database import Database
from ..storage.models import ChangeLog, ImportBatch, Member, Sector, Station
from ..storage.models.base import utcnow
from .plan import ImportPlan


@dataclass(frozen=True)
class BatchInfo:
    batch: str
    filename: str
    operator: str
    created_at: dt.datetime
    imported: int
    updated: int
    rejected: int
    undone_at: dt.datetime | None


@dataclass(frozen=True)
class UndoResult:
    removed: int  # members created by the batch, now in the trash
    reverted: int  # fields put back
    kept: int  # fields changed again since the import, left alone


def _resolve(values: dict, created: dict[str, dict[str, str]]) -> dict:
    out = dict(values)
    for kind in ("sector", "station"):
        ref = out.get(f"{kind}_uuid")
        if isinstance(ref, str) and ref.startswith("new:"):
            out[f"{kind}_uuid"] = created[kind][ref[4:]]
    return out


def _uniform(rows: list[dict]) -> list[dict]:
    """Every row with the same keys (a bulk insert needs them); missing ones take the default."""
    defaults = {c.key: (c.default.arg if c.default is not None and c.default.is_scalar else None)
                for c in Member.__table__.columns}
    keys = {k for r in rows for k in r}
    out = []
    for r in rows:
        row = {k: r[k] if r.get(k) is not None else defaults[k] for k in keys}
        row["name_pinyin"], row["name_initials"] = search_keys(row["name"])
        out.append(row)
    return out


def apply_plan(db: Database, plan: ImportPlan, filename: str = "", progress: Progress = NULL_PROGRESS) -> str | None:
    """Write the plan; return the batch id (None when there was nothing to write)."""
    new_rows = [o for o in plan.outcomes if o.outcome == "imported"]
    changed = [o for o in plan.outcomes if o.outcome == "updated" and o.changes]
    if not new_rows and not changed:
        return None
    progress.report(0, 3, "写入数据库")
    with db.write(bulk=True) as w:
        created: dict[str, dict[str, str]] = {"sector": {}, "station": {}}
        if plan.new_sectors:
            uuids = w.insert_rows(Sector, [{"name": n, "sort_order": 1000 + i} for i, n in enumerate(plan.new_sectors)])
            created["sector"] = dict(zip(plan.new_sectors, uuids))
        if plan.new_stations:
            uuids = w.insert_rows(Station, [{"name": n} for n in plan.new_stations])
            created["station"] = dict(zip(plan.new_stations, uuids))
        rows = _uniform([_resolve(o.values, created) for o in new_rows])
        for o, uuid in zip(new_rows, w.insert_rows(Member, rows)):
            o.member_uuid = uuid
        progress.report(1, 3, "更新已有委员")
        _write_updates(w, changed, created)
        progress.report(2, 3, "保存导入记录")
        w.session.add(ImportBatch(batch=w.batch, filename=filename[-255:], operator=w.operator,
                                  imported=len(new_rows), updated=sum(1 for o in plan.outcomes if o.outcome == "updated"),
                                  rejected=plan.count("rejected")))
        w.session.flush()
        return w.batch


def _write_updates(w, changed, created) -> None:
    entries = []
    by_columns: dict[tuple[str, ...], list[dict]] = {}
    for o in changed:
        new_values = _resolve({c: n for c, _old, n in o.changes}, created)
        for col, old, _new in o.changes:
            entries.append(("member", o.member_uuid, col, old, new_values[col]))
        cols = tuple(sorted(new_values))
        by_columns.setdefault(cols, []).append({"b_uuid": o.member_uuid, **{f"v_{c}": new_values[c] for c in cols}})
    if not entries:
        return
    w.write(entries)
    conn = w.session.connection()
    for cols, params in by_columns.items():
        stmt = (update(Member.__table__).where(Member.__table__.c.uuid == bindparam("b_uuid"))
                .values({**{c: bindparam(f"v_{c}") for c in cols}, "updated_at": w.wall_time, "version": w.lamport}))
        conn.execute(stmt, params)


def list_batches(db: Database) -> list[BatchInfo]:
    with db.read() as s:
        rows = s.execute(select(ImportBatch).order_by(ImportBatch.created_at.desc())).scalars().all()
        return [BatchInfo(r.batch, r.filename, r.operator, r.created_at, r.imported, r.updated, r.rejected,
                          r.undone_at) for r in rows]


def _decode(column, raw: str | None):
    value = json.loads(raw) if raw is not None else None
    if value is not None and isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def undo_import(db: Database, batch: str) -> UndoResult:
    """Undo a whole import in one transaction (itself logged, so it syncs and can be audited)."""
    table = Member.__table__
    with db.write() as w:
        record = w.session.get(ImportBatch, batch)
        if record is None:
            raise NotFoundError("找不到这次导入", f"import batch {batch} not found")
        if record.undone_at is not None:
            raise ValidationError("这次导入已经撤销过了", "this import was already undone")
        logs = w.session.execute(select(ChangeLog).where(ChangeLog.batch == batch)).scalars().all()
        created = {r.record_uuid for r in logs if r.field == "deleted" and r.old_value is None}
        created_members = sorted({r.record_uuid for r in logs if r.table_name == "member"} & created)
        created_other = [(r.table_name, r.record_uuid) for r in logs
                         if r.record_uuid in created and r.field == "deleted" and r.table_name != "member"]
        updates = [r for r in logs if r.table_name == "member" and r.record_uuid not in created]
        entries = [("member", u, "deleted", False, True) for u in created_members]
        entries += [(t, u, "deleted", False, True) for t, u in created_other]
        current: dict[str, dict] = {}
        uuids = sorted({r.record_uuid for r in updates})
        for start in range(0, len(uuids), 500):
            for row in w.session.execute(select(table).where(table.c.uuid.in_(uuids[start:start + 500]))).mappings():
                current[row["uuid"]] = dict(row)
        reverts: dict[str, dict[str, object]] = {}
        kept = 0
        for r in updates:
            col = table.c[r.field]
            now, new, old = current[r.record_uuid][r.field], _decode(col, r.new_value), _decode(col, r.old_value)
            if now != new:
                kept += 1
                continue
            entries.append(("member", r.record_uuid, r.field, new, old))
            reverts.setdefault(r.record_uuid, {})[r.field] = old
        w.write(entries)
        conn = w.session.connection()
        stamp = {"updated_at": w.wall_time, "version": w.lamport}
        for start in range(0, len(created_members), 500):
            chunk = created_members[start:start + 500]
            conn.execute(update(table).where(table.c.uuid.in_(chunk)).values(deleted=True, **stamp))
        for name, uuid in created_other:
            other = Sector.__table__ if name == "sector" else Station.__table__
            conn.execute(update(other).where(other.c.uuid == uuid).values(deleted=True, **stamp))
        for uuid, fields in reverts.items():
            conn.execute(update(table).where(table.c.uuid == uuid).values(**fields, **stamp))
        record.undone_at = utcnow()
        record.undone_batch = w.batch
        return UndoResult(len(created_members), sum(len(f) for f in reverts.values()), kept)
