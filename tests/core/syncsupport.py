"""Helpers for the sync tests: sites made fast from a migrated template database."""

from __future__ import annotations

import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import text

from zxdesk.core.storage.database import Database, open_database
from zxdesk.core.sync import export, importer, sites

COUNTY = "230381"
_template: Path | None = None


def scratch_dir(prefix: str = "zxdesk-sync-") -> tempfile.TemporaryDirectory:
    """A temporary folder, in memory (/dev/shm) where there is one: fsync is what makes
    hundreds of small SQLite commits slow, and these tests are not about the disk."""
    shm = Path("/dev/shm")
    return tempfile.TemporaryDirectory(prefix=prefix, dir=shm if shm.is_dir() else None)


def template() -> Path:
    """A migrated, empty database file, made once per test process."""
    global _template
    if _template is None or not _template.exists():
        shm = Path("/dev/shm")
        folder = Path(tempfile.mkdtemp(prefix="zxdesk-sync-template-", dir=shm if shm.is_dir() else None))
        path = folder / "template.sqlite3"
        open_database(path, create=True).dispose()
        _template = path
    return _template


def new_db(path: Path, site_id: str | None = None) -> Database:
    """A fresh database at ``path`` with its own site id (a copy of the template)."""
    shutil.copyfile(template(), path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE site_state SET site_id = ?", (site_id or secrets.token_hex(6),))
    return open_database(path)


def copy_db(db: Database, dest: Path) -> Path:
    """A backup of a database with its files folder (keys), as a clerk would restore it."""
    db.engine.dispose()
    src = db.location.path
    assert src is not None
    shutil.copyfile(src, dest)
    shutil.copytree(src.parent / f"{src.stem}-files", dest.parent / f"{dest.stem}-files")
    return dest


def county(folder: Path, name: str = "county", site_id: str | None = None) -> Database:
    db = new_db(folder / f"{name}.sqlite3", site_id)
    sites.setup(db, "county", COUNTY)
    return db


def workstation(folder: Path, township: str, county_db: Database | None = None, name: str | None = None,
                site_id: str | None = None) -> Database:
    """A workstation, enrolled at ``county_db`` if given (not yet holding a roster)."""
    db = new_db(folder / f"{name or township}.sqlite3", site_id)
    sites.setup(db, "workstation", COUNTY, township)
    if county_db is not None:
        request, _fp = sites.make_enroll_request(db)
        sites.enroll(county_db, sites.read_enroll_request(county_db, request))
    return db


def roster(county_db: Database, township: str) -> bytes:
    """A roster file as written to a stick (and so remembered as sent)."""
    built = export.build(county_db, site=township)
    export.record_export(county_db, built, "roster.zxsync")
    return built.data


def changes(ws_db: Database) -> bytes:
    built = export.build(ws_db)
    export.record_export(ws_db, built, "changes.zxsync")
    return built.data


def send(data: bytes, to: Database, name: str = "f.zxsync", **kw) -> importer.ImportReport:
    return importer.import_bytes(to, data, name=name, **kw)


def dump(db: Database) -> list[str]:
    """Every row of every table, as SQL: the 'byte-identical' comparison."""
    db.engine.dispose()
    path = db.location.path
    assert path is not None
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return list(conn.iterdump())
    finally:
        conn.close()


def data_rows(db: Database, tables: list[str]) -> dict[str, list[tuple]]:
    out = {}
    with db.engine.connect() as conn:
        for table in tables:
            out[table] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY uuid"))]
    return out


def synced_fields(table: str) -> list[str]:
    from zxdesk.core.sync.tables import synced_tables

    return list(synced_tables()[table].columns)
