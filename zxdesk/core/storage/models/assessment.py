"""Yearly assessment rules (data, per committee) and results."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, uuid_fk


class AssessmentIndicator(Synced, Base):
    """One indicator: which duty types (and outcomes) count, and how many are needed."""

    __tablename__ = "assessment_indicator"

    committee_uuid: Mapped[str] = uuid_fk("committee")
    code: Mapped[str] = mapped_column(String(30))
    label: Mapped[str] = mapped_column(String(60))
    duty_types: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of type codes
    outcomes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list; empty = any outcome
    min_count: Mapped[int] = mapped_column(Integer, default=1)
    # 'indicator' (the five "at least one") or 'requirement' (the duty report).
    kind: Mapped[str] = mapped_column(String(12), default="indicator")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class DutyPoints(Synced, Base):
    """Points a duty record of a type earns, per committee."""

    __tablename__ = "duty_points"

    committee_uuid: Mapped[str] = uuid_fk("committee")
    duty_type: Mapped[str] = mapped_column(String(20))
    points: Mapped[float] = mapped_column(Float, default=1.0)


class AssessmentResult(Synced, Base):
    """A member's result for a year, and the excellent-member selection."""

    __tablename__ = "assessment_result"

    year: Mapped[int] = mapped_column(Integer, index=True)
    member_uuid: Mapped[str] = uuid_fk("member")
    met: Mapped[str] = mapped_column(Text, default="{}")  # JSON {indicator code: bool}
    points: Mapped[float] = mapped_column(Float, default=0.0)
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    review_result: Mapped[str] = mapped_column(String(20), default="")  # year-end review
    selected: Mapped[bool] = mapped_column(Boolean, default=False)  # 优秀委员
    selection_reason: Mapped[str] = mapped_column(Text, default="")
