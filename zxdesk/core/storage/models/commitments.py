"""Public commitments (亮承诺) and their fulfilment (践诺)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class Commitment(Synced, Base):
    __tablename__ = "commitment"

    period: Mapped[str] = mapped_column(String(6), index=True)  # 2023H1
    owner_type: Mapped[str] = mapped_column(String(10))  # member/group/branch
    owner_uuid: Mapped[str] = mapped_column(String(36), index=True)
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    category: Mapped[str] = mapped_column(String(40), default="")
    content: Mapped[str] = mapped_column(Text)
    published_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="not_started")
    reason: Mapped[str] = mapped_column(Text, default="")  # why unfulfilled
    carried_from_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    reviewed_by: Mapped[str] = mapped_column(String(60), default="")
    review_result: Mapped[str] = mapped_column(String(20), default="")
    review_remark: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class CommitmentDeed(Synced, Base):
    """拟办实事: one planned deed of a commitment."""

    __tablename__ = "commitment_deed"

    commitment_uuid: Mapped[str] = uuid_fk("commitment")
    text: Mapped[str] = mapped_column(Text)
    target_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class CommitmentUpdate(Synced, Base):
    """A progress update with evidence (attachments) and linked duty records."""

    __tablename__ = "commitment_update"

    commitment_uuid: Mapped[str] = uuid_fk("commitment")
    updated_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class CommitmentUpdateRecord(Synced, Base):
    __tablename__ = "commitment_update_record"

    update_uuid: Mapped[str] = uuid_fk("commitment_update")
    duty_record_uuid: Mapped[str] = uuid_fk("duty_record")
