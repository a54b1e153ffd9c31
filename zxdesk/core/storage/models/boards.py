"""Disclosure boards (公示栏): settings and the posting register."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class BoardSettings(Synced, Base):
    """What every printed board carries; one row per committee."""

    __tablename__ = "board_settings"

    committee_uuid: Mapped[str] = uuid_fk("committee")
    committee_name: Mapped[str] = mapped_column(String(100), default="")
    supervision_phone: Mapped[str] = mapped_column(String(40), default="")
    seal_text: Mapped[str] = mapped_column(String(100), default="")  # seal placeholder
    footer: Mapped[str] = mapped_column(String(200), default="")
    objection_contact: Mapped[str] = mapped_column(String(200), default="")


class BoardPosting(Synced, Base):
    """One board as posted: where, when, the PDF as printed and a photo as proof."""

    __tablename__ = "board_posting"

    kind: Mapped[str] = mapped_column(String(20))  # performance/commitments/assessment/selection/...
    scope: Mapped[str] = mapped_column(String(120), default="all")
    period: Mapped[str] = mapped_column(String(10), default="")
    paper: Mapped[str] = mapped_column(String(12), default="A4")
    location: Mapped[str] = mapped_column(String(200), default="")
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    taken_down_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    publicity_ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    photo_sha256: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True, index=False)
