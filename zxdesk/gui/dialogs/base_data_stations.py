"""The 工作站 tab of the base-data dialog: station list, editor with the 六有 checklist, check-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.services import base_data as bd
from ..context import AppContext
from ..errors import show_error
from ..meetings.row_model import Column, RowTableModel

NO_DATE = QDate(1900, 1, 1)  # the date edit's minimum, shown as “未填”


def _table(parent: QWidget, model: RowTableModel, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    return view


class StationsPage(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: bd.StationData | None = None  # the station in the editor (uuid None: new)

        self.model = RowTableModel([
            Column("名称", lambda s: s.name),
            Column("类型", lambda s: s.kind),
            Column("所在乡镇", lambda s: s.township),
            Column("六有", lambda s: f"{s.checklist_count}/6", tooltip=lambda s: "缺：" + "、".join(s.missing)
                   if s.missing else "六有齐全"),
            Column("报到人次", lambda s: s.checkins, align_right=True),
        ], self)
        self.view = _table(self, self.model, "stationTable")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select_row(cur.row()))
        self.new_button = QPushButton("新建工作站", self)
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.clicked.connect(self.new_station)
        self.delete_button = QPushButton("删除", self)
        self.delete_button.clicked.connect(self.delete_station)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.view)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        left.addLayout(row)
        left_box = QWidget(self)
        left_box.setLayout(left)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left_box)
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._show_station(None)

    # -- construction ----------------------------------------------------------
    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        self.name_edit = QLineEdit(box)
        self.name_edit.setObjectName("stationName")
        self.name_edit.setPlaceholderText("如：东风镇政协委员工作站")
        self.kind_combo = QComboBox(box)
        self.kind_combo.addItems(bd.STATION_KINDS)
        self.township_edit = QLineEdit(box)
        self.address_edit = QLineEdit(box)
        self.founded_edit = QDateEdit(box)
        self.founded_edit.setDisplayFormat("yyyy-MM-dd")
        self.founded_edit.setCalendarPopup(True)
        self.founded_edit.setMinimumDate(NO_DATE)
        self.founded_edit.setMaximumDate(QDate.currentDate())
        self.founded_edit.setSpecialValueText("未填")
        self.phone_edit = QLineEdit(box)
        form = QFormLayout()
        form.addRow("名称", self.name_edit)
        form.addRow("类型", self.kind_combo)
        form.addRow("所在乡镇", self.township_edit)
        form.addRow("地址", self.address_edit)
        form.addRow("成立日期", self.founded_edit)
        form.addRow("联系电话", self.phone_edit)

        self.checklist_box = QGroupBox("六有建设", box)
        grid = QGridLayout(self.checklist_box)
        self.checks: dict[str, QCheckBox] = {}
        for i, (field, label) in enumerate(bd.CHECKLIST):
            check = QCheckBox(label, self.checklist_box)
            check.setObjectName(field)
            check.toggled.connect(lambda _on: self._update_count())
            grid.addWidget(check, i // 3, i % 3)
            self.checks[field] = check
        self.count_label = QLabel(self.checklist_box)
        self.count_label.setObjectName("checklistCount")
        grid.addWidget(self.count_label, 2, 0, 1, 3)

        self.error_label = QLabel(box)
        self.error_label.setStyleSheet("color: #b91c1c;")
        self.error_label.setWordWrap(True)
        self.save_button = QPushButton("保存 (Ctrl+S)", box)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("放弃修改", box)
        self.revert_button.clicked.connect(lambda: self._show_station(self.current))
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        self.checkin_box = QGroupBox("进站报到", box)
        self.checkin_model = RowTableModel([
            Column("日期", lambda c: c.checked_in_on),
            Column("委员", lambda c: c.member_name),
            Column("备注", lambda c: c.note),
        ], self)
        self.checkin_view = _table(self.checkin_box, self.checkin_model, "checkinTable")
        self.checkin_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.checkin_button = QPushButton("进站报到…", self.checkin_box)
        self.checkin_button.clicked.connect(lambda: self.check_in())
        self.uncheck_button = QPushButton("删除报到", self.checkin_box)
        self.uncheck_button.clicked.connect(self.delete_checkin)
        crow = QHBoxLayout()
        crow.addStretch(1)
        crow.addWidget(self.uncheck_button)
        crow.addWidget(self.checkin_button)
        clayout = QVBoxLayout(self.checkin_box)
        clayout.addWidget(self.checkin_view)
        clayout.addLayout(crow)

        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.checklist_box)
        layout.addLayout(buttons)
        layout.addWidget(self.checkin_box, 1)
        return box

    # -- loading ---------------------------------------------------------------
    def reload(self, select_uuid: str | None = None) -> None:
        db = self.ctx.db
        keep = select_uuid or (self.current.uuid if self.current else None)
        self.ctx.tasks.run(lambda _p: bd.list_stations(db), lambda rows: self._show_rows(rows, keep))

    def _show_rows(self, rows: list[bd.StationData], keep: str | None) -> None:
        self.model.set_rows(rows)
        index = next((i for i, s in enumerate(rows) if s.uuid == keep), 0 if rows else None)
        if index is None:
            self._show_station(None)
        else:
            self.view.selectRow(index)
            self._select_row(index)

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            station = self.model.row_at(row)
            if self.current is None or station.uuid != self.current.uuid:
                self._show_station(station)
            else:  # the same station reloaded: keep any edits in the form, refresh the check-ins
                self.current = station
                self._load_checkins()

    def _show_station(self, station: bd.StationData | None) -> None:
        self.current = station
        s = station or bd.StationData(name="")
        self.name_edit.setText(s.name)
        self.kind_combo.setCurrentText(s.kind)
        self.township_edit.setText(s.township)
        self.address_edit.setText(s.address)
        self.founded_edit.setDate(QDate(s.founded_on) if s.founded_on else NO_DATE)
        self.phone_edit.setText(s.contact_phone)
        for field, check in self.checks.items():
            check.setChecked(getattr(s, field))
        self.error_label.clear()
        saved = station is not None and station.uuid is not None
        self.delete_button.setEnabled(saved)
        self.checkin_box.setEnabled(saved)
        self._update_count()
        self._load_checkins()

    def _load_checkins(self) -> None:
        s = self.current
        saved = s is not None and s.uuid is not None
        self.checkin_box.setTitle(f"进站报到（{s.checkins} 人次）" if saved else "进站报到（保存工作站后可登记）")
        if self.current is None or self.current.uuid is None:
            self.checkin_model.set_rows([])
            return
        db, uuid = self.ctx.db, self.current.uuid
        self.ctx.tasks.run(lambda _p: bd.list_checkins(db, uuid), self.checkin_model.set_rows)

    # -- editing ---------------------------------------------------------------
    def form_data(self) -> bd.StationData:
        founded = self.founded_edit.date()
        return bd.StationData(
            name=self.name_edit.text(), kind=self.kind_combo.currentText(), township=self.township_edit.text(),
            address=self.address_edit.text(), contact_phone=self.phone_edit.text(),
            founded_on=None if founded == NO_DATE else founded.toPython(),
            **{f: c.isChecked() for f, c in self.checks.items()},
            uuid=self.current.uuid if self.current else None,
        )

    def _update_count(self) -> None:
        data = self.form_data()
        missing = "，缺：" + "、".join(data.missing) if data.missing else "，已齐全"
        self.count_label.setText(data.checklist_label + missing)

    def new_station(self) -> None:
        self.view.clearSelection()
        self._show_station(bd.StationData(name=""))
        self.name_edit.setFocus()

    def save(self) -> None:
        data, db = self.form_data(), self.ctx.db
        self.error_label.clear()

        def done(saved: bd.StationData) -> None:
            self._show_station(saved)
            self.changed.emit()
            self.reload(saved.uuid)

        self.ctx.tasks.run(lambda _p: bd.save_station(db, data), done,
                           lambda exc: self.error_label.setText(getattr(exc, "zh", "保存失败")))

    def delete_station(self) -> None:
        station = self.current
        if station is None or station.uuid is None:
            return
        answer = QMessageBox.question(self, "删除工作站", f"把“{station.name}”移入回收站？\n可在回收站中恢复。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        self.current = None
        self._run(lambda: bd.delete_station(db, station.uuid))

    def check_in(self, member_uuid: str | None = None, day: dt.date | None = None, note: str = "") -> None:
        station = self.current
        if station is None or station.uuid is None:
            return
        if member_uuid is None:
            from .base_data import CheckinDialog

            dialog = CheckinDialog(self.ctx, station.name, self)
            if dialog.exec() != CheckinDialog.DialogCode.Accepted:
                return
            member_uuid, day, note = dialog.values()
        db, when = self.ctx.db, day or dt.date.today()
        self._run(lambda: bd.add_checkin(db, station.uuid, member_uuid, when, note))

    def delete_checkin(self) -> None:
        index = self.checkin_view.currentIndex()
        if not index.isValid():
            return
        row = self.checkin_model.row_at(index.row())
        db = self.ctx.db
        self._run(lambda: bd.delete_checkin(db, row.uuid))

    def _run(self, work: Any) -> None:
        def done(_result: Any) -> None:
            self.changed.emit()
            self.reload()

        self.ctx.tasks.run(lambda _p: work(), done, lambda exc: show_error(self, exc))
