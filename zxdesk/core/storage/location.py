"""Where the database lives: --db, then ZXDESK_DB, then the user data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "ZXDESK_DB"
DEFAULT_FILENAME = "zxdesk.sqlite3"


@dataclass(frozen=True)
class DbLocation:
    url: str
    path: Path | None  # the SQLite file, None for a server database

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def display(self) -> str:
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("zxdesk", appauthor=False))


def resolve(arg: str | os.PathLike | None = None) -> DbLocation:
    """Turn a --db value (a file path or a SQLAlchemy URL) into a location."""
    value = os.fspath(arg) if arg else (os.environ.get(ENV_VAR) or "")
    if "://" in value:
        if value.startswith("sqlite"):
            from sqlalchemy.engine import make_url

            database = make_url(value).database
            path = Path(database).expanduser().resolve() if database and database != ":memory:" else None
            return DbLocation(url=value, path=path)
        return DbLocation(url=value, path=None)
    path = Path(value).expanduser() if value else default_data_dir() / DEFAULT_FILENAME
    path = path.resolve()
    return DbLocation(url=f"sqlite:///{path.as_posix()}", path=path)


def data_dir_for(location: DbLocation) -> Path:
    """The folder that holds attachments and backups for a database."""
    if location.path is not None:
        return location.path.parent / (location.path.stem + "-files")
    return default_data_dir() / "files"
