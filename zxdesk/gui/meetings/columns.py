"""Column layouts of the tables in the meetings tab."""

from __future__ import annotations

from ...core.domain.vocab import FOLLOW_UP_STATUSES
from .row_model import Column


def meeting_columns() -> list[Column]:
    return [
        Column("日期时间", lambda r: r.starts_at.strftime("%Y-%m-%d %H:%M"), width=130),
        Column("类型", lambda r: r.kind, width=80),
        Column("议题", lambda r: r.topic, tooltip=lambda r: r.topic, width=260),
        Column("工作站 / 地点", lambda r: where(r.station_name, r.place), width=170),
        Column("委员", lambda r: r.attendees_count, align_right=True, width=50),
        Column("群众", lambda r: r.residents_count, align_right=True, width=50),
        Column("成果", lambda r: r.resolutions_count, align_right=True, width=50),
        Column("跟踪事项", lambda r: _follow_up_summary(r), sort=lambda r: r.follow_ups_overdue * 1000 + r.follow_ups_open,
               tooltip=lambda r: _follow_up_summary(r), width=170),
    ]


def where(station: str, place: str) -> str:
    """Station and place, without saying the station twice (兴隆镇工作站 · 兴隆镇工作站议事厅)."""
    if station and place and not place.startswith(station):
        return f"{station} · {place}"
    return place or station


def _follow_up_summary(r) -> str:
    if not r.follow_ups_total:
        return ""
    if not r.follow_ups_open:
        return f"{r.follow_ups_total} 项，均已了结"
    text = f"{r.follow_ups_total} 项，未办结 {r.follow_ups_open}"
    return text + (f"，逾期 {r.follow_ups_overdue}" if r.follow_ups_overdue else "")


def follow_up_columns(*, with_meeting: bool = True) -> list[Column]:
    cols = [
        Column("状态", lambda r: FOLLOW_UP_STATUSES.get(r.status, r.status), width=70),
        Column("逾期天数", lambda r: r.days_overdue or "", sort=lambda r: r.days_overdue, align_right=True, width=70),
        Column("办理期限", lambda r: r.due_on, width=95),
        Column("事项", lambda r: r.title, tooltip=lambda r: r.title, width=240),
        Column("类别", lambda r: r.category_label, width=70),
        Column("责任单位 / 委员", lambda r: r.responsible, width=150),
    ]
    if with_meeting:
        cols += [Column("所属会议", lambda r: r.meeting_topic, tooltip=lambda r: r.meeting_topic, width=200),
                 Column("会议日期", lambda r: r.meeting_date, width=95),
                 Column("工作站", lambda r: r.station_name, width=140)]
    cols += [Column("办结日期", lambda r: r.closed_on, width=95),
             Column("结果 / 原因", lambda r: r.reason if r.status == "failed" else r.result,
                    tooltip=lambda r: r.reason if r.status == "failed" else r.result, width=200)]
    return cols


def is_overdue(row) -> bool:
    return getattr(row, "days_overdue", 0) > 0 or getattr(row, "follow_ups_overdue", 0) > 0
