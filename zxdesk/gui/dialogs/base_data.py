"""工作站与界别: the committee's work stations (with the 六有 checklist and check-ins) and sectors."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from .base_data_sectors import SectorsPage
from .base_data_stations import StationsPage


class BaseDataDialog(QDialog):
    """Two tabs; ``changed`` is true once anything was saved (the caller refreshes the app)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("工作站与界别")
        self.setObjectName("BaseDataDialog")
        self.resize(1120, 720)
        self.changed = False
        self.tabs = QTabWidget(self)
        self.stations = StationsPage(ctx, self.tabs)
        self.sectors = SectorsPage(ctx, self.tabs)
        self.tabs.addTab(self.stations, "工作站")
        self.tabs.addTab(self.sectors, "界别")
        for page in (self.stations, self.sectors):
            page.changed.connect(self._mark_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.stations.reload()
        self.sectors.reload()

    def _mark_changed(self) -> None:
        self.changed = True


class CheckinDialog(QDialog):
    """进站报到: pick one member (name, pinyin or initials), the date and a note."""

    def __init__(self, ctx: AppContext, station_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        from ..meetings.member_picker import MemberPicker

        self.setWindowTitle(f"进站报到 — {station_name}")
        self.resize(460, 380)
        self.picker = MemberPicker(ctx, self, single=True)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("如：接待群众来访、参加议事活动")
        form = QFormLayout()
        form.addRow("委员", self.picker)
        form.addRow("报到日期", self.date)
        form.addRow("备注", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("报到")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.picker.selection_changed.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.picker.selected_uuids()))

    def values(self) -> tuple[str, dt.date, str]:
        return self.picker.selected_uuids()[0], self.date.date().toPython(), self.note.text()
