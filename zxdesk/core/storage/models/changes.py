"""The change log (outbox) and the local site's counters; these never sync as rows."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SiteState(Base):
    """This database's identity and counters (exactly one row)."""

    __tablename__ = "site_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[str] = mapped_column(String(40))
    next_seq: Mapped[int] = mapped_column(BigInteger, default=1)  # gap-free per site
    lamport: Mapped[int] = mapped_column(BigInteger, default=0)
    role: Mapped[str] = mapped_column(String(12), default="")  # '' until setup
    county_code: Mapped[str] = mapped_column(String(12), default="")
    site_name: Mapped[str] = mapped_column(String(100), default="")


class ChangeLog(Base):
    """One changed field: the outbox that both the audit log and sync read.

    change id = ``site:seq``. Inserting a record logs every field; a delete logs
    ``deleted`` going to true. Values are JSON text. Changes applied from a sync file
    keep their original site, seq and lamport.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        UniqueConstraint("site", "seq"),
        Index("ix_change_log_record_field", "record_uuid", "field"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger)
    lamport: Mapped[int] = mapped_column(BigInteger)
    table_name: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    operator: Mapped[str] = mapped_column(String(60), default="")
    wall_time: Mapped[str] = mapped_column(String(20))  # ISO UTC, display only
    batch: Mapped[str] = mapped_column(String(36), index=True)  # one write transaction
    # Set by sync when the county refused the change (a workstation changing another
    # township's record): it is kept for the audit trail but no longer counts.
    refused: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))

    @property
    def change_id(self) -> str:
        return f"{self.site}:{self.seq}"
