"""Members (委员), their terms, and their duty records (履职记录)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class Member(Synced, Base):
    __tablename__ = "member"

    name: Mapped[str] = mapped_column(String(40), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")  # "zhangsan"
    name_initials: Mapped[str] = mapped_column(String(20), default="")  # "zs"
    gender: Mapped[str] = mapped_column(String(2), default="")  # 男/女
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    birth: Mapped[str] = mapped_column(String(7), default="")  # YYYY-MM
    party: Mapped[str] = mapped_column(String(20), default="")
    sector_uuid: Mapped[str | None] = uuid_fk("sector", nullable=True)
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    unit: Mapped[str] = mapped_column(String(200), default="")  # work unit
    title: Mapped[str] = mapped_column(String(100), default="")  # job title
    phone: Mapped[str] = mapped_column(String(40), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    education: Mapped[str] = mapped_column(String(20), default="")
    level: Mapped[str] = mapped_column(String(4), default="县")  # 国家/省/市/县
    term: Mapped[str] = mapped_column(String(20), default="")  # 届次, e.g. 第十五届
    role: Mapped[str] = mapped_column(String(10), default="委员")  # 主席/副主席/常委/委员
    status: Mapped[str] = mapped_column(String(6), default="在任")  # 在任/离任
    joined_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    photo_sha256: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class MemberTerm(Synced, Base):
    """One term of office: 届次, level and role with dates."""

    __tablename__ = "member_term"

    member_uuid: Mapped[str] = uuid_fk("member")
    term: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(4))
    role: Mapped[str] = mapped_column(String(10), default="委员")
    started_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class DutyRecord(Synced, Base):
    """One duty performed by one member; see core.domain.duty_types for the types."""

    __tablename__ = "duty_record"
    __table_args__ = (Index("ix_duty_record_member_date", "member_uuid", "occurred_on"),)

    member_uuid: Mapped[str] = uuid_fk("member", index=False)
    duty_type: Mapped[str] = mapped_column(String(20), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")
    points: Mapped[float] = mapped_column(Float, default=0.0)
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True, index=False)
    # Set when the record was written by another record (a meeting's attendance).
    source_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


class Attachment(Synced, Base):
    """A file attached to any record; the file itself lives in the data folder by hash."""

    __tablename__ = "attachment"

    owner_table: Mapped[str] = mapped_column(String(40))
    owner_uuid: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(String(200), default="")
