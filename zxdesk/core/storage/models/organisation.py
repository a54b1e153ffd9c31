"""The committee, its settings, sectors, work stations, groups and branches."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class Committee(Synced, Base):
    """A CPPCC committee (county level and above) that owns all the records."""

    __tablename__ = "committee"

    code: Mapped[str] = mapped_column(String(12))  # administrative division code
    name: Mapped[str] = mapped_column(String(100))  # 政协××县委员会
    region: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    supervision_phone: Mapped[str] = mapped_column(String(40), default="")


class Setting(Synced, Base):
    """A committee-wide setting; value is JSON text."""

    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("committee_uuid", "key"),)

    committee_uuid: Mapped[str] = uuid_fk("committee")
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(Text, default="null")


class Sector(Synced, Base):
    """界别: the constituency a member represents."""

    __tablename__ = "sector"

    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Station(Synced, Base):
    """委员工作站(室): a place where members meet the public."""

    __tablename__ = "station"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="工作站")  # 工作站/工作室/议事厅
    township: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    founded_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    # The 六有 checklist.
    has_staff: Mapped[bool] = mapped_column(Boolean, default=False)  # 人员配备
    has_premises: Mapped[bool] = mapped_column(Boolean, default=False)  # 固定场所
    has_sign: Mapped[bool] = mapped_column(Boolean, default=False)  # 统一标识
    has_rules: Mapped[bool] = mapped_column(Boolean, default=False)  # 工作制度
    has_archive: Mapped[bool] = mapped_column(Boolean, default=False)  # 履职档案
    has_assessment: Mapped[bool] = mapped_column(Boolean, default=False)  # 考核评价


class StationCheckin(Synced, Base):
    """进站报到: a member of any level checking in at a station."""

    __tablename__ = "station_checkin"

    station_uuid: Mapped[str] = uuid_fk("station")
    member_uuid: Mapped[str] = uuid_fk("member")
    checked_in_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class OrgGroup(Synced, Base):
    """委员活动组 (kind 'group') or 界别党支部 (kind 'branch')."""

    __tablename__ = "org_group"

    kind: Mapped[str] = mapped_column(String(10))  # 'group' | 'branch'
    name: Mapped[str] = mapped_column(String(100))
    sector_uuid: Mapped[str | None] = uuid_fk("sector", nullable=True)
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    leader_uuid: Mapped[str | None] = uuid_fk("member", nullable=True, index=False)


class GroupMember(Synced, Base):
    """A member's place in an activity group or party branch."""

    __tablename__ = "group_member"

    group_uuid: Mapped[str] = uuid_fk("org_group")
    member_uuid: Mapped[str] = uuid_fk("member")
    role: Mapped[str] = mapped_column(String(20), default="成员")
