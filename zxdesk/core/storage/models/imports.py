"""Spreadsheet imports on this workstation: batches (for undo) and saved column mappings.

Both are local bookkeeping and never sync: the rows an import wrote travel as ordinary
changes, identified in the change log by the batch id (the write transaction).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ImportBatch(Base):
    """One import: its change-log batch, file and counts; undone_batch once undone."""

    __tablename__ = "import_batch"

    batch: Mapped[str] = mapped_column(String(36), primary_key=True)  # change_log.batch
    kind: Mapped[str] = mapped_column(String(20), default="members")
    filename: Mapped[str] = mapped_column(String(255), default="")
    operator: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    undone_batch: Mapped[str] = mapped_column(String(36), default="")


class ImportMapping(Base):
    """A saved column mapping, found again by the file's header row."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)  # hash of the headers
    name: Mapped[str] = mapped_column(String(100), default="")
    headers: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, for display
    mapping: Mapped[str] = mapped_column(Text, default="{}")  # JSON {column index: field}
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
