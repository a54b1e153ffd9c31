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


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "zxdesk.sqlite3"


@pytest.fixture
def db(db_path):
    from zxdesk.core.storage.database import open_database

    database = open_database(db_path, create=True)
    yield database
    database.dispose()
