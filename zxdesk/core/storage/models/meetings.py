"""Consultation meetings (协商议事), follow-ups, mediation cases and the duty rota."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class Meeting(Synced, Base):
    __tablename__ = "meeting"

    kind: Mapped[str] = mapped_column(String(20), default="协商议事")
    topic: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    host: Mapped[str] = mapped_column(String(60), default="")
    residents_count: Mapped[int] = mapped_column(Integer, default=0)
    residents_names: Mapped[str] = mapped_column(Text, default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes_briefing: Mapped[str] = mapped_column(Text, default="")  # 情况通报
    minutes_opinions: Mapped[str] = mapped_column(Text, default="")  # 意见建议
    minutes_consensus: Mapped[str] = mapped_column(Text, default="")  # 协商共识


class MeetingAttendee(Synced, Base):
    __tablename__ = "meeting_attendee"
    # Covering index for "live attendees per meeting" (the meeting list counts them).
    __table_args__ = (Index("ix_meeting_attendee_meeting_live", "meeting_uuid", "deleted"),)

    meeting_uuid: Mapped[str] = uuid_fk("meeting", index=False)
    member_uuid: Mapped[str] = uuid_fk("member")


class Resolution(Synced, Base):
    """协商成果: a resolution or consensus item of a meeting."""

    __tablename__ = "resolution"
    __table_args__ = (Index("ix_resolution_meeting_live", "meeting_uuid", "deleted"),)

    meeting_uuid: Mapped[str] = uuid_fk("meeting", index=False)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)


class FollowUp(Synced, Base):
    """A follow-up item tracked until it is closed."""

    __tablename__ = "follow_up"
    # Covering index for the per-meeting counts (total, open, overdue) of the meeting list.
    __table_args__ = (Index("ix_follow_up_meeting_live", "meeting_uuid", "deleted", "status", "due_on"),)

    meeting_uuid: Mapped[str] = uuid_fk("meeting", index=False)
    resolution_uuid: Mapped[str | None] = uuid_fk("resolution", nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(10), default="problem")  # conflict 化解矛盾 | problem 破解问题
    responsible_unit: Mapped[str] = mapped_column(String(100), default="")
    responsible_member_uuid: Mapped[str | None] = uuid_fk("member", nullable=True, index=False)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(10), default="todo", index=True)  # todo/doing/done/failed
    reason: Mapped[str] = mapped_column(Text, default="")  # why it could not be closed
    result: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class MediationCase(Synced, Base):
    """人民调解 / 警调联动 case; the parties are masked on every printout."""

    __tablename__ = "mediation_case"

    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    parties: Mapped[str] = mapped_column(Text, default="")  # names, one per line
    dispute_type: Mapped[str] = mapped_column(String(40), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")  # success/failed/transferred
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class MediationMediator(Synced, Base):
    __tablename__ = "mediation_mediator"

    case_uuid: Mapped[str] = uuid_fk("mediation_case")
    member_uuid: Mapped[str] = uuid_fk("member")


class RotaEntry(Synced, Base):
    """一月一轮值: a member on duty at a station or another place on a day."""

    __tablename__ = "rota_entry"

    duty_on: Mapped[dt.date] = mapped_column(Date, index=True)
    member_uuid: Mapped[str] = uuid_fk("member")
    station_uuid: Mapped[str | None] = uuid_fk("station", nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
