"""The Database object: one per open database, handing out read and write sessions."""

from __future__ import annotations

import getpass
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseError
from . import capture
from .engine import bulk_cache, check_sqlite_file, make_engine
from .location import DbLocation, data_dir_for, resolve
from .models.changes import SiteState
from .schema import ensure_schema


def default_operator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows setups
        return "clerk"


def translate_db_error(exc: DBAPIError) -> DatabaseError:
    """Sort database errors into ones the user can act on."""
    msg = str(exc.orig).lower()
    if "locked" in msg or "busy" in msg:
        return DatabaseError("数据库正被其他程序占用，请稍后再试", "the database is locked by another program")
    if "disk" in msg and ("full" in msg or "i/o" in msg):
        return DatabaseError("磁盘已满或无法写入", "the disk is full or cannot be written")
    if "readonly" in msg or "read-only" in msg:
        return DatabaseError("数据库文件是只读的", "the database file is read-only")
    if "malformed" in msg or "not a database" in msg:
        return DatabaseError("数据库文件已损坏", "the database file is damaged")
    if isinstance(exc, OperationalError):
        return DatabaseError("无法访问数据库", f"cannot use the database: {exc.orig}")
    return DatabaseError("数据库操作失败", f"database operation failed: {exc.orig}")


class Database:
    """An open, upgraded database. The GUI never sees its sessions: services do."""

    def __init__(self, location: DbLocation, engine: Engine, revision: str):
        self.location = location
        self.engine = engine
        self.revision = revision
        self._sessions = sessionmaker(engine, autoflush=False, expire_on_commit=False)
        self.operator = default_operator()

    @property
    def data_dir(self) -> Path:
        return data_dir_for(self.location)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            except DBAPIError as exc:
                raise translate_db_error(exc) from exc

    @contextmanager
    def write(self, operator: str | None = None, *, bulk: bool = False) -> Iterator[capture.ChangeWriter]:
        """A transaction whose changes are captured; commits on success.

        Yields the ChangeWriter: ``w.session`` is the ORM session, ``w.insert_rows`` the
        bulk path. ``bulk=True`` gives SQLite a large page cache for the transaction.
        """
        with self._sessions() as session:
            writer = capture.ChangeWriter(session, operator or self.operator)
            session.info[capture.SESSION_KEY] = writer
            try:
                if bulk:
                    with bulk_cache(session.connection()):
                        yield writer
                        session.flush()
                else:
                    yield writer
                session.commit()
            except DBAPIError as exc:
                session.rollback()
                raise translate_db_error(exc) from exc
            except BaseException:
                session.rollback()
                raise

    def site_state(self) -> SiteState:
        with self.read() as s:
            return s.execute(select(SiteState)).scalar_one()

    def dispose(self) -> None:
        self.engine.dispose()


def _ensure_site_state(engine: Engine) -> None:
    with engine.begin() as conn:
        if conn.execute(text("SELECT COUNT(*) FROM site_state")).scalar_one() == 0:
            conn.execute(
                text("INSERT INTO site_state (id, site_id, next_seq, lamport, role, county_code, site_name) "
                     "VALUES (1, :s, 1, 0, '', '', '')"),
                {"s": secrets.token_hex(6)},
            )


def open_database(target: str | os.PathLike | DbLocation | None = None, *, create: bool = False) -> Database:
    """Open (and, if needed, create or upgrade) a database.

    ``target`` is a path, a SQLAlchemy URL or None for ZXDESK_DB / the default file.
    A missing file is an error unless ``create`` is true.
    """
    location = target if isinstance(target, DbLocation) else resolve(target)
    if location.path is not None:
        check_sqlite_file(location.path, create=create)
    try:
        engine = make_engine(location)
    except Exception as exc:  # noqa: BLE001 - bad URL, missing driver
        raise DatabaseError(f"无法识别的数据库地址：{location.display()}", f"unusable database URL: {exc}") from exc
    try:
        revision = ensure_schema(engine, location.path)
        _ensure_site_state(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise translate_db_error(exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(location, engine, revision)
