"""The commitments table: a model over compact row tuples fetched by the core in one
query, sorted in memory. Overdue rows are highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.domain.commitment_terms import COL, review_label
from ...core.domain.periods import label as period_label
from ...core.domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES

UUID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 1

OVERDUE_BACKGROUND = QColor("#fde4e1")
OVERDUE_TEXT = QColor("#a1281b")
STATUS_COLOURS = {"fulfilled": QColor("#1d7a3a"), "unfulfilled": QColor("#8a8a8a"),
                  "in_progress": QColor("#1f5fa8")}

# (header, row field, width in Chinese characters; the content column stretches)
COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("期别", "period", 6),
    ("承诺主体", "owner_name", 6.5),
    ("主体类型", "owner_type", 5),
    ("工作站", "station_name", 8.5),
    ("类别", "category", 5.5),
    ("承诺内容", "content", 20),
    ("拟办实事", "deeds_done", 4.5),
    ("最近目标日期", "next_target", 6),
    ("状态", "status", 7),
    ("最近进展", "last_update_on", 5.5),
    ("评议", "review_result", 4.5),
)
FIELD_OF_COLUMN = [COL[f] for _, f, _ in COLUMNS]
STATUS_COLUMN = next(i for i, (_, f, _) in enumerate(COLUMNS) if f == "status")


def _text(field: str, row: tuple) -> str:
    value = row[COL[field]]
    if field == "period":
        return period_label(value)
    if field == "owner_type":
        return OWNER_TYPES.get(value, value)
    if field == "deeds_done":
        total = row[COL["deeds_total"]]
        return f"{value}/{total}" if total else "—"
    if field == "status":
        label = COMMITMENT_STATUSES.get(value, value)
        return f"{label} · 逾期" if row[COL["overdue"]] else label
    if field == "review_result":
        return review_label(value)
    if field == "content":
        text = " ".join(str(value).split())
        # Mark carried-over commitments unless the content already says so.
        return f"〔结转〕{text}" if row[COL["carried"]] and "结转" not in text[:8] else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _sort_key(field: str):
    index = COL[field]
    if field == "deeds_done":
        total = COL["deeds_total"]
        return lambda r: (r[total] == 0, r[index] / r[total] if r[total] else 0, r[total])
    if field == "status":
        order = {k: i for i, k in enumerate(COMMITMENT_STATUSES)}
        overdue = COL["overdue"]
        return lambda r: (not r[overdue], order.get(r[index], 9))
    return lambda r: (r[index] is None or r[index] == "", r[index] if r[index] is not None else "")


class CommitmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- data ------------------------------------------------------------------
    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def rows(self) -> list[tuple]:
        return self._rows

    def row_tuple(self, row: int) -> tuple:
        return self._rows[row]

    def row_of(self, uuid: str) -> int:
        for i, r in enumerate(self._rows):
            if r[0] == uuid:
                return i
        return -1

    # -- Qt model API --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        field = COLUMNS[column][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(field, row)
        overdue = row[COL["overdue"]]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND) if overdue else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS_COLUMN:
                colour = OVERDUE_TEXT if overdue else STATUS_COLOURS.get(row[COL["status"]])
                return QBrush(colour) if colour is not None else None
            return QBrush(OVERDUE_TEXT) if overdue else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == "content":
                return str(row[COL["content"]])
            if overdue:
                return "逾期：有拟办实事过了目标日期仍未完成，或承诺期已结束仍未兑现"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if field in ("deeds_done", "next_target", "last_update_on", "review_result"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == UUID_ROLE:
            return row[0]
        if role == OVERDUE_ROLE:
            return bool(overdue)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        uuids = [self._rows[i.row()][0] if i.isValid() else None for i in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        position = {r[0]: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(position[u], i.column()) if u in position else QModelIndex()
                         for u, i in zip(uuids, persistent, strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(key=_sort_key(COLUMNS[column][1]), reverse=order == Qt.SortOrder.DescendingOrder)
