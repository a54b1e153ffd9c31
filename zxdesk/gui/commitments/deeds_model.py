"""The editable list of planned deeds (拟办实事) in the commitment editor, and a date
delegate whose empty value is shown as "—" (no date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDateEdit, QStyledItemDelegate, QWidget

HEADERS = ("拟办实事", "目标日期", "完成日期")
TEXT, TARGET, DONE = range(3)
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "—"


@dataclass
class DeedRow:
    text: str = ""
    target_on: dt.date | None = None
    done_on: dt.date | None = None
    uuid: str | None = None


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate()


def from_qdate(value: Any) -> dt.date | None:
    if isinstance(value, QDate) and value.isValid() and value > NO_DATE:
        return dt.date(value.year(), value.month(), value.day())
    if isinstance(value, dt.date):
        return value
    return None


class DeedsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DeedRow] = []

    def set_deeds(self, rows: list[DeedRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def deeds(self) -> list[DeedRow]:
        return list(self._rows)

    def add_deed(self, target_on: dt.date | None = None) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(DeedRow(target_on=target_on))
        self.endInsertRows()
        return row

    def remove_deed(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        deed = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TEXT:
                return deed.text
            value = deed.target_on if column == TARGET else deed.done_on
            if role == Qt.ItemDataRole.EditRole:
                return to_qdate(value)
            return value.isoformat() if value else "—"
        if role == Qt.ItemDataRole.ToolTipRole and column != TEXT:
            return "双击修改日期；选中后按 Delete 清除日期"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TEXT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        deed = self._rows[index.row()]
        column = index.column()
        if column == TEXT:
            deed.text = str(value or "")
        elif column == TARGET:
            deed.target_on = from_qdate(value)
        else:
            deed.done_on = from_qdate(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class DateDelegate(QStyledItemDelegate):
    """A calendar date editor; its lowest value means "no date" and shows as —."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText("—")
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        assert isinstance(editor, QDateEdit)
        editor.setDate(value if isinstance(value, QDate) and value.isValid() else QDate.currentDate())

    def setModelData(self, editor: QWidget, model, index) -> None:  # noqa: N802
        assert isinstance(editor, QDateEdit)
        model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
