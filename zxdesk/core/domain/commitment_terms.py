"""Words of the commitment area beyond the shared vocabulary (see vocab.py for statuses).

Codes are stored; labels are shown and printed.
"""

from __future__ import annotations

# Period-end review (期末评议) of one commitment, best first. The stored value is the
# Chinese grade itself (as the demo data and the yearly assessment write it).
REVIEW_RESULTS: dict[str, str] = {
    "优秀": "优秀",
    "合格": "合格",
    "基本合格": "基本合格",
    "不合格": "不合格",
}

# Rank of a review result, higher is better; used to summarise a member's year.
REVIEW_RANK: dict[str, int] = {"优秀": 4, "合格": 3, "基本合格": 2, "不合格": 1}

# Categories offered in the editor; clerks may type others (the column is free text).
SUGGESTED_CATEGORIES: tuple[str, ...] = (
    "为民办实事",
    "建言献策",
    "调研视察",
    "社情民意",
    "协商议事",
    "联系界别群众",
    "学习提升",
    "宣传宣讲",
    "调解矛盾",
)

# Positions in a row tuple of ``services.commitment_list.table_rows`` (kept here, free
# of the ORM, so that the GUI's table model can use them at import time).
ROW_FIELDS = (
    "uuid", "period", "owner_type", "owner_name", "station_name", "category", "content",
    "deeds_total", "deeds_done", "next_target", "status", "last_update_on", "review_result",
    "overdue", "carried", "published_on",
)
COL = {name: i for i, name in enumerate(ROW_FIELDS)}

# Statuses that count as "open": carried over into the next period.
OPEN_STATUSES: tuple[str, ...] = ("not_started", "in_progress", "unfulfilled")


def review_label(code: str) -> str:
    return REVIEW_RESULTS.get(code, code)


def is_overdue(status: str, period, deeds, today) -> bool:
    """Overdue (逾期): not fulfilled, and either a deed is past its target date without
    being done, or the period has ended.

    ``period`` is a ``periods.Period``; ``deeds`` are (target_on, done_on) pairs. A
    deed due today is not yet overdue. The SQL of ``commitment_list`` computes the
    same rule for many rows at once.
    """
    if status == "fulfilled":
        return False
    if period.end < today:
        return True
    return any(target is not None and done is None and target < today for target, done in deeds)
