"""轮值表 (一月一轮值): a month calendar of who is on duty where; printable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from .member_picker import MemberPicker
from .page_base import PageBase, ServiceCommand, write_file
from .rota_grid import WEEKDAYS, MonthGridModel

UUID_ROLE = Qt.ItemDataRole.UserRole


def station_combo(parent: QWidget, first: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(first, None)
    return combo


def fill_stations(combo: QComboBox, first: str, stations: list) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    for st in stations:
        combo.addItem(st.name, st.uuid)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
    combo.blockSignals(False)


class RotaPage(PageBase):
    tables = ("rota_entry", "member", "station")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self.selected_day = today
        self.stations: list = []
        self.entries: list = []

        self.prev_button = QPushButton("◀ 上月", self)
        self.prev_button.setToolTip("PgUp")
        self.next_button = QPushButton("下月 ▶", self)
        self.next_button.setToolTip("PgDown")
        self.today_button = QPushButton("本月", self)
        self.month_label = QLabel(self)
        self.month_label.setObjectName("rotaMonth")
        self.month_label.setStyleSheet("font-size: 16px; font-weight: bold; padding: 0 12px;")
        self.station_filter = station_combo(self, "全部工作站和地点")
        self.fill_button = QPushButton("轮流排班…", self)
        self.fill_button.setToolTip("按所选委员名单，每天一人轮流排满本月")
        self.print_button = QPushButton("打印…", self)
        self.pdf_button = QPushButton("导出 PDF…", self)

        self.grid_model = MonthGridModel(self)
        self.grid = QTableView(self)
        self.grid.setObjectName("rotaGrid")
        self.grid.setModel(self.grid_model)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setMinimumSectionSize(24)

        self.day_label = QLabel(self)
        self.day_label.setObjectName("rotaDay")
        self.day_list = QListWidget(self)
        self.day_list.setObjectName("rotaDayList")
        self.day_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton("删除所选值班", self)
        add_box = QGroupBox("为这一天添加值班", self)
        self.picker = MemberPicker(ctx, add_box, single=True)
        self.add_station = station_combo(add_box, "（不在工作站）")
        self.add_place = QLineEdit(add_box)
        self.add_place.setPlaceholderText("地点，如 城关派出所（警调联动）")
        self.add_button = QPushButton("添加", add_box)
        add_layout = QVBoxLayout(add_box)
        add_layout.addWidget(self.picker)
        add_layout.addWidget(self.add_station)
        add_layout.addWidget(self.add_place)
        add_layout.addWidget(self.add_button)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        for w in (self.fill_button, self.print_button, self.pdf_button):
            actions.addWidget(w)
        side_layout.addLayout(actions)
        side_layout.addWidget(self.day_label)
        side_layout.addWidget(self.day_list, 1)
        side_layout.addWidget(self.remove_button)
        side_layout.addWidget(add_box)
        scroll = QScrollArea(self)  # the side panel scrolls rather than forcing a tall window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.grid)
        split.addWidget(scroll)
        split.setSizes([860, 340])
        top = QHBoxLayout()
        for w in (self.prev_button, self.month_label, self.next_button, self.today_button, self.station_filter):
            top.addWidget(w)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.prev_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.today_button.clicked.connect(lambda: self.set_month(dt.date.today().year, dt.date.today().month))
        self.station_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grid.clicked.connect(self._day_clicked)
        self.grid.activated.connect(self._day_clicked)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.fill_button.clicked.connect(self.fill_month)
        self.print_button.clicked.connect(self.print_month)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.day_list, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        for keys, step in (("PgUp", -1), ("PgDown", 1)):
            QShortcut(QKeySequence(keys), self, lambda s=step: self.step_month(s),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- month -----------------------------------------------------------------
    def step_month(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.set_month(index // 12, index % 12 + 1)

    def set_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        if (self.selected_day.year, self.selected_day.month) != (year, month):
            self.selected_day = dt.date(year, month, 1)
        self.refresh()

    def refresh(self) -> None:
        self.month_label.setText(f"{self.year}年{self.month}月")
        if self.ctx.db is None:
            return
        from ...core.services.member_lookup import list_stations
        from ...core.services.rota import month_entries

        db, y, m, st = self.ctx.db, self.year, self.month, self.station_filter.currentData()
        self.run(lambda _p: (list_stations(db), month_entries(db, y, m, st)), self._show)

    def _show(self, result: tuple) -> None:
        self.stations, self.entries = result
        fill_stations(self.station_filter, "全部工作站和地点", self.stations)
        fill_stations(self.add_station, "（不在工作站）", self.stations)
        self.grid_model.set_month(self.year, self.month, self.entries)
        self.grid.setCurrentIndex(self.grid_model.index_of(self.selected_day))
        self._show_day()

    def _day_clicked(self, index) -> None:
        day = self.grid_model.day_at(index)
        if day is None:
            return
        if day.month != self.month:
            self.selected_day = day
            self.set_month(day.year, day.month)
            return
        self.selected_day = day
        self._show_day()

    def _show_day(self) -> None:
        day = self.selected_day
        self.day_label.setText(f"<b>{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}</b> 值班安排")
        self.day_list.clear()
        for e in self.grid_model.by_day.get(day, []):
            item = QListWidgetItem(f"{e.member_name}　{e.where}")
            item.setData(UUID_ROLE, e.uuid)
            self.day_list.addItem(item)

    # -- editing ---------------------------------------------------------------
    def add_entry(self) -> None:
        chosen = self.picker.selected_uuids()
        if not chosen:
            self.ctx.status_message.emit("请先选择值班委员")
            self.picker.search.setFocus()
            return
        from ...core.services.rota import add_entry

        db, day, member = self.ctx.db, self.selected_day, chosen[0]
        station, place = self.add_station.currentData(), self.add_place.text()
        self.run(lambda _p: add_entry(db, day, member, station, place), lambda _u: self.changed("rota_entry"))

    def remove_selected(self) -> None:
        uuids = [i.data(UUID_ROLE) for i in self.day_list.selectedItems()]
        if not uuids:
            return
        from ...core.services.rota import remove_entries, restore_entries

        from .page_base import trash_with_undo

        db = self.ctx.db
        trash_with_undo(self, f"删除 {len(uuids)} 条值班安排", "rota_entry",
                        lambda: remove_entries(db, uuids), lambda: restore_entries(db, uuids))

    def fill_month(self) -> None:
        from .rota_fill import FillMonthDialog

        self.dialog = FillMonthDialog(self.ctx, self.year, self.month, self.stations,
                                      self.station_filter.currentData(), self)
        if self.dialog.exec() and self.dialog.created:
            from ...core.services.rota import remove_entries, restore_entries

            db, uuids = self.ctx.db, self.dialog.created
            self.ctx.undo_stack.push(ServiceCommand(self, f"排班 {len(uuids)} 天", "rota_entry",
                                                    lambda: restore_entries(db, uuids),
                                                    lambda: remove_entries(db, uuids)))
            self.ctx.status_message.emit(f"已排班 {len(uuids)} 天（可按 Ctrl+Z 撤销）")
            self.changed("rota_entry")

    # -- output ----------------------------------------------------------------
    def _titles(self) -> tuple[str, str]:
        station = self.station_filter.currentText() if self.station_filter.currentData() else ""
        return f"{self.year}年{self.month}月委员轮值表", f"一月一轮值　{station}".strip()

    def document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setHtml(self.grid_model.to_html(*self._titles()))
        return doc

    def print_month(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        from PySide6.QtGui import QPageLayout

        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印轮值表")
        if dialog.exec():
            self.document().print_(printer)

    def export_pdf(self, target: str | None = None) -> None:
        if target is None:
            name = f"{self.year}年{self.month}月轮值表.pdf"
            target, _ = QFileDialog.getSaveFileName(self, "导出轮值表", str(Path.home() / name), "PDF 文件 (*.pdf)")
            if not target:
                return
        from ...core.services.rota import rota_pdf

        db, y, m, st = self.ctx.db, self.year, self.month, self.station_filter.currentData()

        def done(path: str) -> None:
            self.saved_pdf = path
            self.ctx.status_message.emit(f"轮值表已保存：{path}")
            if self.open_after_save:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        self.run(lambda _p: write_file(target, rota_pdf(db, y, m, st)), done, title="正在生成轮值表")

    def current_entries(self) -> list[Any]:
        return list(self.entries)
