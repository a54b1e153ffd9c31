"""A read-only table model over a list of plain rows (dataclasses from core services)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..column_headers import ColumnHeaders

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#9b1c1c")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]  # the displayed value (str, int, date...)
    sort: Callable[[Any], Any] | None = None  # sort key when the display is not enough
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None
    width: int | None = None


def display(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else value.isoformat()
        return text
    return str(value)


class RowTableModel(ColumnHeaders, QAbstractTableModel):
    """Rows are any objects; columns say how to show them. ``highlight`` marks rows
    (e.g. overdue follow-ups) with a red background."""

    def __init__(self, columns: Sequence[Column], parent=None,
                 highlight: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.highlight = highlight

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(col.value(row))
        if role == SORT_ROLE:
            key = col.sort(row) if col.sort else col.value(row)
            return display(key) if key is not None and not isinstance(key, (int, float)) else (key or 0)
        if role == ROW_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else None
        if self.highlight is not None and self.highlight(row):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_FOREGROUND)
        return None

