"""Opening, creating, upgrading and refusing databases."""

import sqlite3

import pytest
from sqlalchemy import text

from zxdesk.core.errors import DatabaseError, SchemaTooNewError
from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.migrations import head_revision, known_revisions


def test_new_database_is_at_head_with_pragmas(db):
    assert db.revision == head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_site_state_has_one_row_with_an_id(db):
    state = db.site_state()
    assert len(state.site_id) == 12 and state.next_seq == 1


def test_missing_file_is_refused_unless_creating(tmp_path):
    with pytest.raises(DatabaseError) as err:
        open_database(tmp_path / "nope.sqlite3")
    assert "不存在" in err.value.zh
    assert not (tmp_path / "nope.sqlite3").exists()


def test_non_sqlite_file_is_refused(tmp_path):
    bogus = tmp_path / "x.sqlite3"
    bogus.write_text("hello, not a database", encoding="utf-8")
    with pytest.raises(DatabaseError):
        open_database(bogus)
    assert bogus.read_text(encoding="utf-8") == "hello, not a database"


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "不是 zxdesk" in err.value.zh


def test_newer_schema_is_refused_and_left_alone(db, db_path):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as err:
        open_database(db_path)
    assert "更新版本" in err.value.zh
    assert db_path.read_bytes() == before


def test_upgrade_backs_up_first(db, db_path, monkeypatch):
    # Pretend the database is one revision behind a newer zxdesk.
    from zxdesk.core.storage import schema

    db.dispose()
    monkeypatch.setattr(schema, "head_revision", lambda: "0002")
    monkeypatch.setattr(schema, "known_revisions", lambda: [*known_revisions(), "0002"])
    upgraded = []
    monkeypatch.setattr(schema, "_alembic_upgrade", lambda conn, target="head": upgraded.append(True))
    open_database(db_path).dispose()
    backups = list(db_path.parent.glob(db_path.name + ".bak-0001-*"))
    assert upgraded and len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_known_revisions_match_migration_files():
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    from zxdesk.core.storage.migrations import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == head_revision()
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert chain == known_revisions()


def test_models_match_migrations(db):
    """The shipped migrations produce exactly the tables and columns of the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from zxdesk.core.storage.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_new_uuids_are_version_7_unique_and_time_ordered():
    import uuid

    from zxdesk.core.storage.models.base import new_uuid

    made = [new_uuid() for _ in range(5000)]
    assert len(set(made)) == len(made)
    parsed = [uuid.UUID(u) for u in made]
    assert {u.version for u in parsed} == {7}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    millis = [u.int >> 80 for u in parsed]
    assert millis == sorted(millis)
