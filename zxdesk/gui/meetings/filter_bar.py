"""Filters shared by the pages: station, kind, period, status and search words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

PERIODS = ("全部时间", "本月", "本季度", "本年", "上一年", "自定义")


@dataclass(frozen=True)
class FilterValues:
    station_uuid: str | None = None
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str | None = None
    text: str = ""


def period_range(name: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The dates of a preset period (inclusive)."""
    if name == "本月":
        nxt = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return today.replace(day=1), nxt - dt.timedelta(days=1)
    if name == "本季度":
        first_month = (today.month - 1) // 3 * 3 + 1
        start = today.replace(month=first_month, day=1)
        end_month = first_month + 2
        nxt = dt.date(today.year + (end_month == 12), end_month % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1)
    if name == "本年":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if name == "上一年":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, kinds: bool = True,
                 statuses: Sequence[tuple[str, str]] = (), search_hint: str = "搜索",
                 period_caption: str = "时间"):
        super().__init__(parent)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.station = QComboBox(self)
        self.station.setObjectName("stationFilter")
        self.station.addItem("全部工作站", None)
        self.station.setMinimumContentsLength(10)
        layout.addWidget(self.station)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindFilter")
        self.kind.addItem("全部类型", None)
        self.kind.setVisible(kinds)
        layout.addWidget(self.kind)
        layout.addWidget(QLabel(period_caption, self))
        self.period = QComboBox(self)
        self.period.setObjectName("periodFilter")
        self.period.addItems(PERIODS)
        layout.addWidget(self.period)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setVisible(False)
        self.date_from.setDate(QDate.currentDate().addMonths(-1))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        layout.addWidget(self.date_from)
        layout.addWidget(self.date_to)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem("全部状态", None)
        for code, label in statuses:
            self.status.addItem(label, code)
        self.status.setVisible(bool(statuses))
        layout.addWidget(self.status)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search, 1)

        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._emit)
        for combo in (self.station, self.kind, self.status):
            combo.currentIndexChanged.connect(self._emit)
        self.period.currentIndexChanged.connect(self._period_changed)

    def _emit(self, *_args) -> None:
        self._debounce.stop()
        self.changed.emit()

    def _period_changed(self, _index: int) -> None:
        custom = self.period.currentText() == "自定义"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self._emit()

    def set_stations(self, stations: Sequence) -> None:
        self._refill(self.station, "全部工作站", [(s.name, s.uuid) for s in stations])

    def set_kinds(self, kinds: Sequence[str]) -> None:
        self._refill(self.kind, "全部类型", [(k, k) for k in kinds])

    def _refill(self, combo: QComboBox, first: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(first, None)
        for label, data in items:
            combo.addItem(label, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def values(self, today: dt.date | None = None) -> FilterValues:
        name = self.period.currentText()
        if name == "自定义":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            start, end = period_range(name, today or dt.date.today())
        return FilterValues(self.station.currentData(), self.kind.currentData(), start, end,
                            self.status.currentData(), self.search.text().strip())
