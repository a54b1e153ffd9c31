"""Dialogs for follow-up items: create or edit one, and change its status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.domain.vocab import FOLLOW_UP_CATEGORIES, FOLLOW_UP_STATUSES
from ..context import AppContext
from ..forms.ui_followup_editor import Ui_FollowUpEditor
from ..forms.ui_followup_status import Ui_FollowUpStatus
from .member_picker import MemberPicker
from .page_base import SavingDialog


class FollowUpEditorDialog(SavingDialog):
    """``meeting``: a MeetingDetail; ``row``: the FollowUpRow being edited, or None."""

    def __init__(self, ctx: AppContext, meeting: Any, *, row: Any = None, resolution_uuid: str | None = None,
                 members: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.meeting, self.row = ctx, meeting, row
        self.result_value: Any = None
        self.ui = Ui_FollowUpEditor()
        self.ui.setupUi(self)
        self.error_label, self.buttons = self.ui.errorLabel, self.ui.buttonBox
        self.setWindowTitle("编辑跟踪事项" if row else "新建跟踪事项")
        self.ui.meetingLabel.setText(f"{meeting.starts_at:%Y-%m-%d}　{meeting.topic}")
        self.ui.resolutionCombo.addItem("（不对应具体成果）", None)
        for r in meeting.resolutions:
            self.ui.resolutionCombo.addItem(f"{r.seq}. {r.text[:40]}", r.uuid)
        for code, label in FOLLOW_UP_CATEGORIES.items():
            self.ui.categoryCombo.addItem(label, code)
        self.picker = MemberPicker(ctx, self.ui.memberHost, single=True)
        layout = QVBoxLayout(self.ui.memberHost)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        self.ui.dueEdit.setMinimumDate(QDate(meeting.starts_at.date()))
        self.ui.dueEdit.setDate(QDate(meeting.starts_at.date()).addMonths(1))
        self.ui.resolutionCombo.currentIndexChanged.connect(self._resolution_chosen)
        self.ui.buttonBox.accepted.connect(self.save)
        if row is not None:
            self.ui.resolutionCombo.setCurrentIndex(max(self.ui.resolutionCombo.findData(row.resolution_uuid), 0))
            self.ui.titleEdit.setPlainText(row.title)
            self.ui.categoryCombo.setCurrentIndex(self.ui.categoryCombo.findData(row.category))
            self.ui.unitEdit.setText(row.responsible_unit)
            if row.due_on:
                self.ui.dueEdit.setDate(QDate(row.due_on))
            if row.responsible_member_uuid and members and row.responsible_member_uuid in members:
                self.picker.set_selected([members[row.responsible_member_uuid]])
        elif resolution_uuid:
            self.ui.resolutionCombo.setCurrentIndex(max(self.ui.resolutionCombo.findData(resolution_uuid), 0))

    def _resolution_chosen(self, _index: int) -> None:
        uuid = self.ui.resolutionCombo.currentData()
        if uuid and not self.ui.titleEdit.toPlainText().strip():
            text = next((r.text for r in self.meeting.resolutions if r.uuid == uuid), "")
            self.ui.titleEdit.setPlainText(text[:200])

    def payload(self) -> Any:
        from ...core.services.followups import FollowUpInput

        chosen = self.picker.selected_uuids()
        return FollowUpInput(
            meeting_uuid=self.meeting.uuid, title=self.ui.titleEdit.toPlainText(),
            due_on=self.ui.dueEdit.date().toPython(), category=self.ui.categoryCombo.currentData(),
            responsible_unit=self.ui.unitEdit.text(), responsible_member_uuid=chosen[0] if chosen else None,
            resolution_uuid=self.ui.resolutionCombo.currentData(), uuid=self.row.uuid if self.row else None)

    def save(self) -> None:
        from ...core.services.followups import save_follow_up

        data, db = self.payload(), self.ctx.db
        self.submit(lambda: save_follow_up(db, data))


class StatusDialog(SavingDialog):
    """Change the status: 已办结 asks for the result and date, 无法办结 for the reason."""

    def __init__(self, ctx: AppContext, row: Any, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.result_value: Any = None
        self.ui = Ui_FollowUpStatus()
        self.ui.setupUi(self)
        self.error_label, self.buttons = self.ui.errorLabel, self.ui.buttonBox
        today = today or dt.date.today()
        due = f"，期限 {row.due_on}" if row.due_on else ""
        self.ui.itemLabel.setText(f"<b>{row.title}</b><br>会议：{row.meeting_topic}{due}")
        for code, label in FOLLOW_UP_STATUSES.items():
            self.ui.statusCombo.addItem(label, code)
        self.ui.statusCombo.setCurrentIndex(self.ui.statusCombo.findData(row.status))
        self.ui.resultEdit.setPlainText(row.result)
        self.ui.reasonEdit.setPlainText(row.reason)
        self.ui.closedEdit.setMaximumDate(QDate(today))
        self.ui.closedEdit.setMinimumDate(QDate(row.meeting_date))
        self.ui.closedEdit.setDate(QDate(row.closed_on or today))
        self.ui.statusCombo.currentIndexChanged.connect(self._status_changed)
        self.ui.buttonBox.accepted.connect(self.save)
        self._status_changed()

    def _status_changed(self, *_args) -> None:
        code = self.ui.statusCombo.currentData()
        self.ui.resultEdit.setEnabled(code in ("done", "failed", "doing"))
        self.ui.closedEdit.setEnabled(code in ("done", "failed"))
        self.ui.reasonEdit.setEnabled(code == "failed")
        self.ui.errorLabel.clear()

    def save(self) -> None:
        from ...core.services.followups import set_status

        code = self.ui.statusCombo.currentData()
        reason, result = self.ui.reasonEdit.toPlainText(), self.ui.resultEdit.toPlainText()
        closed = self.ui.closedEdit.date().toPython() if code in ("done", "failed") else None
        db, uuid = self.ctx.db, self.row.uuid
        self.submit(lambda: set_status(db, uuid, code, reason=reason, result=result, closed_on=closed))
