"""The assessment table: every member against every indicator, ✓ or ✗, with points and rank."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
YES, NO = "✓", "✗"
_GREEN, _RED = QColor("#1b7f3b"), QColor("#c62828")


class AssessmentModel(QAbstractTableModel):
    FIXED_LEFT = ("名次", "姓名", "界别", "积分")
    FIXED_RIGHT = ("达标", "优秀委员", "评选理由")
    FIRST = len(FIXED_LEFT)  # the first indicator column

    def __init__(self, parent=None):
        super().__init__(parent)
        self.assessment = None
        self.rules: list = []
        self.rows: list = []
        self.only_short = False
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    def set_assessment(self, assessment) -> None:
        self.beginResetModel()
        self.assessment = assessment
        self.rules = list(assessment.rules) if assessment else []
        self._apply()
        self.endResetModel()

    def set_only_short(self, flag: bool) -> None:
        self.beginResetModel()
        self.only_short = flag
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        rows = list(self.assessment.rows) if self.assessment else []
        if self.only_short:
            rows = [r for r in rows if not r.passed]
        column, order = self._sort
        rows.sort(key=lambda r: self._key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = rows

    def _key(self, row, column: int):
        n, first = len(self.rules), self.FIRST
        if column < first:
            return (row.rank, row.name, row.sector, row.points)[column]
        if column < first + n:
            return row.met[self.rules[column - first].code]
        return (row.passed, row.selected, row.reason)[column - first - n]

    def indicator_at(self, index: Index):
        """The indicator rule of a ✓/✗ cell, or None for other columns."""
        c = index.column() - self.FIRST
        return self.rules[c] if 0 <= c < len(self.rules) else None

    # -- Qt model API ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.FIXED_LEFT) + len(self.rules) + len(self.FIXED_RIGHT)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        passed_column = self.FIRST + len(self.rules)
        rule = self.indicator_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if rule is not None:
                met = row.met[rule.code]
                count = row.counts[rule.code]
                return f"{YES} {count}" if met and count > 1 else (YES if met else NO)
            if column < self.FIRST:
                return (str(row.rank), row.name, row.sector, f"{row.points:g}")[column]
            return ("达标" if row.passed else "未达标", "★ 优秀" if row.selected else "",
                    row.reason)[column - passed_column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if rule is not None:
                return QBrush(_GREEN if row.met[rule.code] else _RED)
            if column == passed_column and not row.passed:
                return QBrush(_RED)
        if role == Qt.ItemDataRole.TextAlignmentRole and (rule is not None or column in (0, 3, passed_column)):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if rule is not None:
                return (f"{rule.describe()}；本年 {row.counts[rule.code]} 次" +
                        ("，点击查看记录" if row.met[rule.code] else ""))
            if column == passed_column and row.missing:
                return "未完成：" + "、".join(row.missing)
        if role == Qt.ItemDataRole.UserRole:
            return row.uuid
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        n, first = len(self.rules), self.FIRST
        if role == Qt.ItemDataRole.DisplayRole:
            if section < first:
                return self.FIXED_LEFT[section]
            if section < first + n:
                return self.rules[section - first].label
            return self.FIXED_RIGHT[section - first - n]
        if role == Qt.ItemDataRole.ToolTipRole and first <= section < first + n:
            return self.rules[section - first].describe()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()
