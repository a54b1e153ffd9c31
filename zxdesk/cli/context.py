"""Opening the database a command asked for."""

from __future__ import annotations

from ..core.storage.database import Database, open_database


def open_db(args, *, create: bool = False) -> Database:
    return open_database(getattr(args, "db", None), create=create)
