"""Putting a list of members on the rota in turn for a whole month."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from .member_picker import MemberPicker


class FillMonthDialog(QDialog):
    def __init__(self, ctx: AppContext, year: int, month: int, stations: list, station_uuid: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.year, self.month = ctx, year, month
        self.created: list[str] = []
        self.setWindowTitle(f"{year}年{month}月 按名单轮流排班")
        self.resize(620, 460)
        self.picker = MemberPicker(ctx, self)
        self.station = QComboBox(self)
        self.station.addItem("（不在工作站，填写地点）", None)
        for st in stations:
            self.station.addItem(st.name, st.uuid)
        self.station.setCurrentIndex(max(self.station.findData(station_uuid), 0) if station_uuid else 0)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText("如 城关派出所；在工作站值班可不填")
        self.weekdays = QCheckBox("只排工作日（周一至周五）", self)
        self.weekdays.setChecked(True)
        self.skip = QCheckBox("已有人值班的日子跳过", self)
        self.skip.setChecked(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("排班")
        form = QFormLayout()
        form.addRow("值班地点", self.station)
        form.addRow("", self.place)
        form.addRow("", self.weekdays)
        form.addRow("", self.skip)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("按选择顺序每天安排一位委员，轮流到月底：", self))
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        from ...core.services.rota import fill_month

        db, y, m = self.ctx.db, self.year, self.month
        members, station, place = self.picker.selected_uuids(), self.station.currentData(), self.place.text()
        weekdays, skip = self.weekdays.isChecked(), self.skip.isChecked()
        self.ctx.tasks.run(lambda _p: fill_month(db, y, m, members, station_uuid=station, place=place,
                                                 weekdays_only=weekdays, skip_covered=skip),
                           self._done, self._refused, title="正在排班", parent=self)

    def _done(self, created: list[str]) -> None:
        self.created = created
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        from ...core.errors import ZxError

        if isinstance(exc, ZxError):
            self.error.setText(exc.zh)
        else:
            from ..errors import show_error

            show_error(self, exc)

    def chosen(self) -> Any:
        return self.picker.selected()
