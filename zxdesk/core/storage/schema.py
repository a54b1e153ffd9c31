"""Opening a database: refuse what is not ours or too new, back up, then upgrade."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseError, SchemaTooNewError
from .migrations import MIGRATIONS_DIR, head_revision, known_revisions

log = logging.getLogger(__name__)


def current_revision(conn: Connection) -> str | None:
    """The stored schema revision, None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise DatabaseError("这不是 zxdesk 数据库（缺少版本信息）", "not a zxdesk database (no schema version)")
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _alembic_upgrade(conn: Connection, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def backup_sqlite(engine: Engine, path: Path, revision: str) -> Path:
    """Copy a live SQLite database beside itself with VACUUM INTO (never a file copy)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{revision}-{stamp}-{n}")
    with engine.connect() as conn:
        conn.exec_driver_sql("VACUUM INTO ?", (str(target),))
    return target


def ensure_schema(engine: Engine, sqlite_path: Path | None) -> str:
    """Bring the schema to this zxdesk's head; return the revision."""
    head = head_revision()
    try:
        with engine.connect() as conn:
            rev = current_revision(conn)
    except DBAPIError as exc:
        raise DatabaseError("无法打开数据库（文件损坏或不可读）", f"cannot open the database: {exc.orig}") from exc
    if rev == head:
        return rev
    if rev is not None and rev not in known_revisions():
        raise SchemaTooNewError(
            f"数据库由更新版本的 zxdesk 创建（结构版本 {rev}），请升级 zxdesk 后再打开",
            f"the database was made by a newer zxdesk (schema {rev}, this one knows up to {head}); "
            "update zxdesk to open it",
        )
    if rev is not None and sqlite_path is not None:
        saved = backup_sqlite(engine, sqlite_path, rev)
        log.info("backed up %s to %s before upgrading", sqlite_path, saved)
    with engine.begin() as conn:
        _alembic_upgrade(conn)
    return head
