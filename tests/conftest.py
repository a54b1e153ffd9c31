"""Fixtures shared by all tests: every test gets its own real SQLite file."""

from __future__ import annotations

import pytest

QT_INI_KEYS = ("qt_log_level_fail", "qt_log_ignore", "qt_api")


def pytest_addoption(parser, pluginmanager):
    # tests/core runs with pytest-qt disabled; keep its ini keys known so that
    # warnings-as-errors does not trip over them.
    if pluginmanager.is_blocked("pytest-qt"):
        for key in QT_INI_KEYS:
            parser.addini(key, "pytest-qt option (plugin disabled in this run)", type="linelist")


def pytest_collection_modifyitems(config, items):
    """County-scale tests (marked slow) run only with ZXDESK_SLOW_TESTS=1, as CI does."""
    import os

    if os.environ.get("ZXDESK_SLOW_TESTS"):
        return
    skip = pytest.mark.skip(reason="county scale: set ZXDESK_SLOW_TESTS=1 to run (CI does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def county_db(tmp_path_factory):
    """The county demo (59 stations, 1,000 members, 100,000 records), made once per run.

    Read-only: tests that write must make their own database.
    """
    from zxdesk.core.demo import generate
    from zxdesk.core.storage.database import open_database

    database = open_database(tmp_path_factory.mktemp("county") / "county.sqlite3", create=True)
    generate(database, scale="county", seed=2024)
    yield database
    database.dispose()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "zxdesk.sqlite3"


@pytest.fixture
def db(db_path):
    from zxdesk.core.storage.database import open_database

    database = open_database(db_path, create=True)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(request):
    """A fresh PostgreSQL database per test, from the server at ZXDESK_TEST_PG_URL.

    CI starts a server (.ci/postgres.sh); elsewhere these tests are skipped.
    """
    import os
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = os.environ.get("ZXDESK_TEST_PG_URL")
    if not admin_url:
        pytest.skip("ZXDESK_TEST_PG_URL not set (CI starts a PostgreSQL server)")
    from zxdesk.core.storage.database import open_database

    name = f"zx_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    database = open_database(url)
    yield database
    database.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
