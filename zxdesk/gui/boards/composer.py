"""The form that composes a document: kind, scope or meeting, period, paper, date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QRadioButton, QSpinBox, QWidget,
)

from .dialogs import pydate, qdate

KINDS = (
    ("performance", "政协委员业绩公示栏（亮业绩）"),
    ("commitments", "承诺公示 / 践诺情况（亮承诺）"),
    ("assessment", "年度履职考核结果公示"),
    ("selection", "优秀委员评选公示"),
    ("notice", "会议通知"),
    ("minutes", "会议纪要"),
    ("signin", "会议签到表"),
    ("badge", "委员胸牌（亮身份）"),
    ("table", "委员桌牌"),
    ("door", "工作站门牌"),
)
BOARDS = ("performance", "commitments", "assessment", "selection")
MEETING_PAPERS = ("notice", "minutes", "signin")
YEARLY = ("assessment", "selection")


class Composer(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("boardComposer")
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindCombo")
        for code, label in KINDS:
            self.kind.addItem(label, code)
        self.scope = QComboBox(self)
        self.scope.setObjectName("scopeCombo")
        self.scope.setEditable(False)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meetingCombo")
        self.meeting.setMinimumContentsLength(18)
        self.period = QComboBox(self)
        self.period.setObjectName("periodCombo")
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperCombo")
        self.paper.addItems(["A4", "A3", "A2"])
        self.portrait = QRadioButton("纵向", self)
        self.landscape = QRadioButton("横向", self)
        self.portrait.setChecked(True)
        self._orientation = QButtonGroup(self)
        self._orientation.addButton(self.portrait)
        self._orientation.addButton(self.landscape)
        orientation = QHBoxLayout()
        orientation.addWidget(self.portrait)
        orientation.addWidget(self.landscape)
        orientation.addStretch(1)
        self.badge_size = QComboBox(self)
        self.badge_size.setObjectName("badgeSizeCombo")
        self.badge_size.addItem("90×55 毫米（每张 A4 10 个）", "90x55")
        self.badge_size.addItem("100×70 毫米（每张 A4 4 个）", "100x70")
        self.date = QDateEdit(self)
        self.date.setObjectName("dateEdit")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(qdate(dt.date.today()))
        self.days = QSpinBox(self)
        self.days.setObjectName("publicityDays")
        self.days.setRange(1, 60)
        self.days.setValue(7)
        self.days.setSuffix(" 天")
        form.addRow("类型(&K)：", self.kind)
        form.addRow("范围(&R)：", self.scope)
        form.addRow("会议(&M)：", self.meeting)
        form.addRow("期间(&Q)：", self.period)
        form.addRow("纸张(&Z)：", self.paper)
        form.addRow("方向：", orientation)
        form.addRow("胸牌尺寸：", self.badge_size)
        form.addRow("落款日期(&D)：", self.date)
        form.addRow("公示期：", self.days)
        self._form = form
        self._orientation_row = orientation
        self._periods: list[tuple[str, str]] = []
        for w in (self.kind, self.scope, self.meeting, self.period, self.paper, self.badge_size):
            w.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._orientation.buttonToggled.connect(lambda *_: self.changed.emit())
        self.date.dateChanged.connect(lambda *_: self.changed.emit())
        self.days.valueChanged.connect(lambda *_: self.changed.emit())
        self._kind_changed()

    # -- choices ---------------------------------------------------------------
    def set_scopes(self, scopes) -> None:
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        for s in scopes:
            self.scope.addItem(s.label, s.code)
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)

    def set_meetings(self, meetings) -> None:
        current = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for m in meetings:
            self.meeting.addItem(m.label, m.code)
        self.meeting.setCurrentIndex(max(self.meeting.findData(current), 0))
        self.meeting.blockSignals(False)

    def set_periods(self, periods) -> None:
        self._periods = [(p.code, p.label) for p in periods]
        self._fill_periods()

    def _fill_periods(self) -> None:
        current = self.period.currentData()
        yearly = self.kind_code() in YEARLY
        self.period.blockSignals(True)
        self.period.clear()
        for code, label in self._periods:
            if not yearly or len(code) == 4:
                self.period.addItem(f"{label}（{code}）", code)
        self.period.setCurrentIndex(max(self.period.findData(current), 0))
        self.period.blockSignals(False)

    # -- state -----------------------------------------------------------------
    def kind_code(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.kind_code()
        rows = {
            self.scope: kind not in MEETING_PAPERS,
            self.meeting: kind in MEETING_PAPERS,
            self.period: kind in BOARDS,
            self.paper: kind in BOARDS or kind in MEETING_PAPERS,
            self._orientation_row: kind in BOARDS,
            self.badge_size: kind == "badge",
            self.days: kind in YEARLY,
            self.date: kind not in ("badge", "table", "door"),
        }
        for row, show in rows.items():
            self._form.setRowVisible(row, show)
        self._fill_periods()

    def select(self, kind: str, scope: str | None = None, period: str | None = None) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        if scope is not None and self.scope.findData(scope) >= 0:
            self.scope.setCurrentIndex(self.scope.findData(scope))
        if period is not None and self.period.findData(period) >= 0:
            self.period.setCurrentIndex(self.period.findData(period))

    def request(self) -> dict:
        """Keyword arguments for ``core.documents.render.render_request``."""
        kind = self.kind_code()
        return {
            "kind": kind,
            "scope": self.scope.currentData() or "all",
            "period": self.period.currentData() or "",
            "paper": self.paper.currentText() if kind in BOARDS or kind in MEETING_PAPERS else "A4",
            "landscape": kind in BOARDS and self.landscape.isChecked(),
            "day": pydate(self.date.date()),
            "publicity_days": self.days.value(),
            "meeting_uuid": self.meeting.currentData() or "",
            "size": self.badge_size.currentData(),
        }

    def summary(self) -> str:
        r = self.request()
        kind = self.kind.currentText()
        if r["kind"] in MEETING_PAPERS:
            return f"{kind}：{self.meeting.currentText()}"
        parts = [kind, self.scope.currentText()]
        if r["kind"] in BOARDS:
            parts += [self.period.currentText(), f"{r['paper']}{'横向' if r['landscape'] else '纵向'}"]
        return " · ".join(parts)
