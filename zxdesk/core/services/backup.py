"""Copying the database to a file the clerk chooses (for a USB stick or an archive)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ValidationError
from ..storage.database import Database


def backup_to(db: Database, target: str | os.PathLike) -> Path:
    """Write a consistent copy of a SQLite database with VACUUM INTO (never a file copy)."""
    if db.location.path is None:
        raise ValidationError("服务器数据库请使用数据库自带的备份工具", "use the server's own backup tools")
    dest = Path(target).resolve()
    if dest == db.location.path:
        raise ValidationError("不能备份到数据库文件本身", "cannot back up onto the database itself")
    if dest.exists():
        raise ValidationError(f"目标文件已存在：{dest}", f"target exists: {dest}")
    if not dest.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{dest.parent}", f"folder not found: {dest.parent}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("VACUUM INTO ?", (str(dest),))
    return dest
