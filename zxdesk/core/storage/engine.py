"""Engines with the pragmas zxdesk relies on, and checks before anything is opened."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseError
from .location import DbLocation

SQLITE_MAGIC = b"SQLite format 3\x00"
BULK_CACHE_KIB = 128 * 1024
BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy manage transactions; pragmas must run outside one.
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse a missing file (unless creating) or a file that is not SQLite."""
    if not path.exists():
        if not create:
            raise DatabaseError(f"数据库文件不存在：{path}", f"database file not found: {path}")
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"无法创建数据库所在文件夹：{path.parent}", f"cannot create folder {path.parent}: {exc}"
                ) from exc
        return
    if path.is_dir():
        raise DatabaseError(f"这是一个文件夹，不是数据库文件：{path}", f"{path} is a folder, not a database")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件：{path}", f"cannot read {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise DatabaseError(
            f"不是 zxdesk 数据库文件（格式无法识别）：{path}", f"not a zxdesk database (unknown format): {path}"
        )


def make_engine(location: DbLocation) -> Engine:
    if location.is_sqlite:
        # Sessions are short and per call; the GUI runs them on worker threads.
        engine = create_engine(
            location.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(location.url, pool_pre_ping=True)


@contextlib.contextmanager
def bulk_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for one bulk write (demo, import, sync).

    The change log's indexes outgrow SQLite's default 2 MB cache at once; 128 MB keeps
    their pages in memory for the transaction. Other databases are left alone.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(DBAPIError):  # never hide the error that got us here
            conn.exec_driver_sql(f"PRAGMA cache_size = {previous}")
