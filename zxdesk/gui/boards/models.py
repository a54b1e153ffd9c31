"""Table models of the posting register and the due boards (plain core dataclasses)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#B3261E")


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def scope_label(code: str) -> str:
    if code == "all":
        return "全体委员"
    return code.partition(":")[2] or code


class _RowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def cell(self, item, column: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.color(item, index.column())
        return None

    def color(self, item, column: int):
        return None


class PostingsModel(_RowsModel):
    HEADERS = ("类型", "范围", "期间", "张贴地点", "张贴日期", "公示期至", "撤下日期", "状态", "现场照片")

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()

    def cell(self, p, column: int) -> str:
        return (p.kind_label, scope_label(p.scope), p.period, p.location, _date(p.posted_on),
                _date(p.publicity_ends_on), _date(p.taken_down_on), p.status(self.today),
                "有" if p.photo_sha256 else "缺")[column]

    def color(self, p, column: int):
        if column == 7 and p.status(self.today) == "公示期满待撤下" or column == 8 and not p.photo_sha256:
            return QBrush(OVERDUE)
        return None


class DueModel(_RowsModel):
    HEADERS = ("状态", "类型", "范围", "期间", "事项", "截止日期")

    def cell(self, d, column: int) -> str:
        state = "已逾期" if d.overdue else ("提醒" if d.due_on is None else "待办")
        return (state, d.kind_label, scope_label(d.scope), d.period, d.reason, _date(d.due_on))[column]

    def color(self, d, column: int):
        return QBrush(OVERDUE) if d.overdue and column in (0, 5) else None
