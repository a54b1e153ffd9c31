"""Attachment files: copied into the data folder and identified by their SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..errors import ValidationError
from ..storage.database import Database
from ..storage.models import Attachment

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentInfo:
    uuid: str
    owner_table: str
    owner_uuid: str
    sha256: str
    filename: str
    mime_type: str
    size: int
    caption: str


def store_dir(db: Database) -> Path:
    return db.data_dir / "attachments"


def stored_path(db: Database, sha256: str) -> Path:
    return store_dir(db) / sha256[:2] / sha256


def store_file(db: Database, source: str | os.PathLike) -> tuple[str, int]:
    """Copy a file into the store (once per content); return (sha256, size)."""
    src = Path(source)
    if not src.is_file():
        raise ValidationError(f"找不到文件：{src}", f"file not found: {src}")
    size = src.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("附件过大（超过 200 MB）", "attachment too large (over 200 MB)")
    digest = hashlib.sha256()
    with src.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = stored_path(db, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return sha, size


def store_bytes(db: Database, data: bytes) -> str:
    """Store content given in memory (a generated PDF, a photo); return its sha256."""
    sha = hashlib.sha256(data).hexdigest()
    target = stored_path(db, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    return sha


def attach(db: Database, owner_table: str, owner_uuid: str, source: str | os.PathLike,
           caption: str = "") -> AttachmentInfo:
    """Store a file and record it against a row of any synced table."""
    sha, size = store_file(db, source)
    name = Path(source).name
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    with db.write() as w:
        row = Attachment(owner_table=owner_table, owner_uuid=owner_uuid, sha256=sha, filename=name,
                         mime_type=mime, size=size, caption=caption)
        w.session.add(row)
        w.session.flush()
        return _info(row)


def list_attachments(db: Database, owner_uuid: str) -> list[AttachmentInfo]:
    with db.read() as s:
        rows = s.execute(
            select(Attachment).where(Attachment.owner_uuid == owner_uuid, Attachment.deleted.is_(False))
            .order_by(Attachment.created_at)
        ).scalars()
        return [_info(r) for r in rows]


def _info(row: Attachment) -> AttachmentInfo:
    return AttachmentInfo(row.uuid, row.owner_table, row.owner_uuid, row.sha256, row.filename,
                          row.mime_type, row.size, row.caption)
