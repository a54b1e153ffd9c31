"""Change capture: every write records one change-log entry per changed field.

The entries are written in the same transaction as the data, so a rollback leaves none.
Sequence numbers are allocated by incrementing ``site_state.next_seq`` inside the
transaction, which keeps them gap-free per site. All changes of one transaction share
one Lamport value (the clock ticks once per write transaction).

Two paths feed it:
- ORM writes: a ``before_flush`` hook on sessions opened with ``Database.write``;
- bulk Core inserts (demo data, spreadsheet import): ``ChangeWriter.insert_rows``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid as uuidlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.orm import Session

from ..errors import ZxError
from .models.base import SYNC_META_COLUMNS, Synced, new_uuid, utcnow
from .models.changes import ChangeLog

SESSION_KEY = "zx_change_writer"

_LOG_COLUMNS = (
    "site", "seq", "lamport", "table_name", "record_uuid", "field",
    "old_value", "new_value", "operator", "wall_time", "batch",
)
_LOG_CHUNK = 50_000
_compiled_log_inserts: dict[str, Any] = {}


def _log_insert(dialect) -> Any:
    """The change-log INSERT compiled once per dialect."""
    key = f"{dialect.name}:{dialect.driver}:{dialect.paramstyle}"
    compiled = _compiled_log_inserts.get(key)
    if compiled is None:
        compiled = insert(ChangeLog).compile(dialect=dialect, column_keys=list(_LOG_COLUMNS))
        _compiled_log_inserts[key] = compiled
    return compiled


def encode(value: Any) -> str | None:
    """JSON text for a field value; dates become ISO strings."""
    if value is None:
        return None
    cls = value.__class__
    # Fast paths with the exact output of json.dumps for the commonest types.
    if cls is str:
        return _quote(value)
    if cls is bool:
        return "true" if value else "false"
    if cls is int or (cls is float and math.isfinite(value)):
        return repr(value)
    if isinstance(value, dt.datetime):
        value = value.isoformat(timespec="seconds")
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


# json.dumps(s, ensure_ascii=False) for a str is exactly this C function; calling it
# directly skips the encoder set-up, which dominates when logging millions of fields.
_quote = json.encoder.encode_basestring


def _memo_encode() -> Callable[[Any], str | None]:
    """An ``encode`` that remembers the JSON of strings and dates, for one bulk write.

    Bulk rows repeat the same values (parent uuids, types, dates) many times. Only
    ``str`` and ``date`` values are remembered: neither compares equal to another type.
    """
    seen: dict[Any, str | None] = {}
    date = dt.date

    def enc(value: Any) -> str | None:
        cls = value.__class__
        if cls is str or cls is date:
            out = seen.get(value)
            if out is None:
                out = seen[value] = _quote(value) if cls is str else encode(value)
            return out
        return encode(value)

    return enc


def data_columns(model: type[Synced]) -> list[str]:
    """The columns of a synced model that are logged field by field."""
    return [c.key for c in model.__table__.columns if c.key not in SYNC_META_COLUMNS]


def _scalar_defaults(model: type[Synced]) -> dict[str, Any]:
    out = {}
    for col in model.__table__.columns:
        if col.key in SYNC_META_COLUMNS or col.default is None:
            continue
        if col.default.is_scalar:
            out[col.key] = col.default.arg
    return out


class ChangeWriter:
    """Allocates change ids and writes change-log rows for one transaction."""

    def __init__(self, session: Session, operator: str):
        self.session = session
        self.operator = operator
        self.batch = str(uuidlib.uuid4())
        self.wall_time = utcnow()
        self._site: str | None = None
        self._lamport: int | None = None
        self.count = 0

    # -- counters --------------------------------------------------------------
    def _allocate(self, n: int) -> int:
        """Reserve n sequence numbers; return the first. Ticks the clock once."""
        conn = self.session.connection()
        bump = 0 if self._lamport is not None else 1
        conn.execute(
            text("UPDATE site_state SET next_seq = next_seq + :n, lamport = lamport + :b"),
            {"n": n, "b": bump},
        )
        site, next_seq, lamport = conn.execute(
            text("SELECT site_id, next_seq, lamport FROM site_state")
        ).one()
        self._site = site
        if self._lamport is None:
            self._lamport = lamport
        return next_seq - n

    @property
    def site(self) -> str:
        if self._site is None:
            self._site = self.session.connection().execute(text("SELECT site_id FROM site_state")).scalar_one()
        return self._site

    @property
    def lamport(self) -> int:
        if self._lamport is None:
            self._allocate(0)
        assert self._lamport is not None
        return self._lamport

    # -- writing ---------------------------------------------------------------
    def write(self, entries: Sequence[tuple[str, str, str, Any, Any]]) -> None:
        """entries: (table, record uuid, field, old value, new value)."""
        if not entries:
            return
        first = self._allocate(len(entries))
        site, lamport, op, wall, batch = self._log_constants()
        enc = _memo_encode()
        self._insert_log(
            [
                (site, first + i, lamport, table, record, field, enc(old), enc(new), op, wall, batch)
                for i, (table, record, field, old, new) in enumerate(entries)
            ]
        )

    def _log_constants(self) -> tuple[str, int, str, str, str]:
        """(site, lamport, operator, wall time, batch): the same for every entry."""
        lamport = self.lamport
        return self.site, lamport, self.operator, self.wall_time.isoformat(timespec="seconds") + "Z", self.batch

    def _insert_log(self, rows: list[tuple]) -> None:
        """Insert change-log rows given as tuples in ``_LOG_COLUMNS`` order.

        On positional-parameter drivers (SQLite) the tuples go straight to the driver's
        executemany: building SQLAlchemy parameter dicts for millions of rows costs
        more than the inserts themselves. Other drivers take the Core path.
        """
        conn = self.session.connection()
        compiled = _log_insert(conn.dialect)
        for start in range(0, len(rows), _LOG_CHUNK):
            chunk = rows[start : start + _LOG_CHUNK]
            if compiled.positional:
                order = [_LOG_COLUMNS.index(k) for k in compiled.positiontup or ()]
                if order != list(range(len(_LOG_COLUMNS))):
                    chunk = [tuple(r[i] for i in order) for r in chunk]
                conn.exec_driver_sql(compiled.string, chunk)
            else:
                conn.execute(insert(ChangeLog), [dict(zip(_LOG_COLUMNS, r)) for r in chunk])
        self.count += len(rows)

    def stamp_row(self, row: dict[str, Any], model: type[Synced]) -> dict[str, Any]:
        """Fill the sync columns and scalar defaults of a new row given as a dict."""
        for key, value in _scalar_defaults(model).items():
            row.setdefault(key, value)
        row.setdefault("uuid", new_uuid())
        row.setdefault("deleted", False)
        row["origin_site"] = self.site
        row["created_at"] = row["updated_at"] = self.wall_time
        row["version"] = self.lamport
        return row

    def insert_rows(self, model: type[Synced], rows: Iterable[dict[str, Any]]) -> list[str]:
        """Bulk-insert new rows with Core, logging every field. Returns their uuids.

        Same result as ``stamp_row`` on each row followed by ``write`` of one entry
        per data column (row by row, columns in table order), done in bulk.
        """
        defaults = _scalar_defaults(model)
        meta = {
            "origin_site": self.site,
            "created_at": self.wall_time,
            "updated_at": self.wall_time,
            "version": self.lamport,
        }
        stamped = []
        for r in rows:
            row = {**defaults, **r}
            if "uuid" not in row:
                row["uuid"] = new_uuid()
            if "deleted" not in row:
                row["deleted"] = False
            row.update(meta)
            stamped.append(row)
        if not stamped:
            return []
        cols = data_columns(model)
        table = model.__tablename__
        conn = self.session.connection()
        for start in range(0, len(stamped), 20_000):
            conn.execute(insert(model.__table__), stamped[start : start + 20_000])
        first = self._allocate(len(stamped) * len(cols))
        site, lamport, op, wall, batch = self._log_constants()
        enc = _memo_encode()
        log: list[tuple] = []
        append = log.append
        seq = first
        for row in stamped:
            record = row["uuid"]
            get = row.get
            for col in cols:
                append((site, seq, lamport, table, record, col, None, enc(get(col)), op, wall, batch))
                seq += 1
        self._insert_log(log)
        return [r["uuid"] for r in stamped]

    # -- ORM hook --------------------------------------------------------------
    def capture_flush(self, session: Session) -> None:
        entries: list[tuple[str, str, str, Any, Any]] = []
        touched: list[Synced] = []
        for obj in session.new:
            if not isinstance(obj, Synced):
                continue
            model = type(obj)
            for key, value in _scalar_defaults(model).items():
                if getattr(obj, key) is None:
                    setattr(obj, key, value)
            if obj.uuid is None:
                obj.uuid = new_uuid()
            if obj.deleted is None:
                obj.deleted = False
            obj.origin_site = self.site
            obj.created_at = self.wall_time
            touched.append(obj)
            for col in data_columns(model):
                entries.append((model.__tablename__, obj.uuid, col, None, getattr(obj, col)))
        for obj in session.dirty:
            if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
                continue
            model = type(obj)
            state = inspect(obj)
            changed = False
            for col in data_columns(model):
                hist = state.attrs[col].history
                if not hist.added:
                    continue
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0]
                if old == new:
                    continue
                changed = True
                entries.append((model.__tablename__, obj.uuid, col, old, new))
            if changed:
                touched.append(obj)
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise ZxError(
                    "记录只能标记删除（移入回收站），不能直接删除", "synced records are deleted by tombstone only"
                )
        if entries:
            self.write(entries)
            for obj in touched:
                obj.updated_at = self.wall_time
                obj.version = self._lamport


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx, _instances) -> None:
    writer: ChangeWriter | None = session.info.get(SESSION_KEY)
    if writer is None:
        if any(isinstance(o, Synced) for o in (*session.new, *session.dirty, *session.deleted)):
            raise ZxError("只读会话不能写入数据", "a read-only session cannot write; use Database.write()")
        return
    writer.capture_flush(session)
