"""The month calendar of the duty rota: a 7-column grid model, Monday first."""

from __future__ import annotations

import calendar
import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
DATE_ROLE = Qt.ItemDataRole.UserRole + 10

Index = QModelIndex | QPersistentModelIndex


class MonthGridModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self.weeks: list[list[dt.date]] = calendar.Calendar(0).monthdatescalendar(self.year, self.month)
        self.by_day: dict[dt.date, list[Any]] = {}

    def set_month(self, year: int, month: int, entries: list[Any]) -> None:
        self.beginResetModel()
        self.year, self.month = year, month
        self.weeks = calendar.Calendar(0).monthdatescalendar(year, month)
        self.by_day = {}
        for e in entries:
            self.by_day.setdefault(e.duty_on, []).append(e)
        self.endResetModel()

    def day_at(self, index: Index) -> dt.date | None:
        if not index.isValid():
            return None
        return self.weeks[index.row()][index.column()]

    def index_of(self, day: dt.date) -> QModelIndex:
        for r, week in enumerate(self.weeks):
            if day in week:
                return self.index(r, week.index(day))
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.weeks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.weeks)):
            return None
        day = self.weeks[index.row()][index.column()]
        inside = day.month == self.month
        entries = self.by_day.get(day, []) if inside else []
        if role == Qt.ItemDataRole.DisplayRole:
            if not inside:
                return str(day.day)
            if len(entries) <= 2:
                lines = [f"{e.member_name}　{e.where}" for e in entries]
            else:  # a busy day (all stations shown): the count and names; the list on the right has the rest
                lines = [f"{len(entries)} 人值班", "、".join(e.member_name for e in entries)]
            return "\n".join([str(day.day), *lines])
        if role == DATE_ROLE:
            return day.isoformat()
        if role == Qt.ItemDataRole.ToolTipRole and entries:
            return "\n".join(f"{e.member_name}　{e.where}" for e in entries)
        if role == Qt.ItemDataRole.ForegroundRole and not inside:
            return QBrush(QColor("#b0b0b0"))
        if role == Qt.ItemDataRole.BackgroundRole:
            if day == dt.date.today():
                return QBrush(QColor("#e3f0ff"))
            if inside and day.weekday() >= 5:
                return QBrush(QColor("#faf6ec"))
        if role == Qt.ItemDataRole.FontRole and day == dt.date.today():
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return WEEKDAYS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.weeks):
            return f"第{section + 1}周"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def to_html(self, title: str, subtitle: str) -> str:
        """The month as an HTML table for QTextDocument printing."""
        head = "".join(f"<th>{d}</th>" for d in WEEKDAYS)
        rows = []
        for week in self.weeks:
            cells = []
            for day in week:
                if day.month != self.month:
                    cells.append("<td></td>")
                    continue
                names = "<br>".join(html.escape(f"{e.member_name} {e.where}") for e in self.by_day.get(day, []))
                cells.append(f"<td><b>{day.day}</b><br><small>{names}</small></td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (f"<h2 align='center'>{html.escape(title)}</h2><p align='center'>{html.escape(subtitle)}</p>"
                "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                f"<tr>{head}</tr>{''.join(rows)}</table>")
