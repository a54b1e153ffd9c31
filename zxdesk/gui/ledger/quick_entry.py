"""Quick entry: one activity, and every member who attended gets their own duty record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QListWidgetItem, QWidget

from ..context import AppContext
from ..errors import show_error
from ..forms.ui_quick_entry import Ui_QuickEntryForm
from .record_dialog import fill_outcomes, fill_types, from_qdate, to_qdate


class QuickEntryDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from ...core.services.assessment_rules import load_rules
        from ...core.services.members import MemberFilter, list_members

        self.ctx = ctx
        self.ui = Ui_QuickEntryForm()
        self.ui.setupUi(self)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("录入")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.points = load_rules(ctx.db).points
        self.files: list[str] = []
        fill_types(self.ui.typeCombo)
        self.ui.typeCombo.setCurrentIndex(max(self.ui.typeCombo.findData("consultation"), 0))
        self._type_changed()
        self.ui.dateEdit.setDate(to_qdate(dt.date.today()))
        self.members = list_members(ctx.db, MemberFilter(status="在任"))
        for m in self.members:
            item = QListWidgetItem(f"{m.name}　{m.sector}" if m.sector else m.name)
            item.setData(Qt.ItemDataRole.UserRole, m.uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.membersList.addItem(item)
        self.ui.typeCombo.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.ui.searchEdit.textChanged.connect(self._filter)
        self.ui.membersList.itemChanged.connect(lambda _i: self._count())
        self.ui.selectAllButton.clicked.connect(lambda: self._check_visible(Qt.CheckState.Checked))
        self.ui.clearButton.clicked.connect(self._clear)
        self.ui.addFileButton.clicked.connect(self.add_files)
        self.ui.removeFileButton.clicked.connect(self.remove_file)
        self.ui.openFileButton.setVisible(False)
        self.created: list[str] = []

    def _type_changed(self) -> None:
        code = self.ui.typeCombo.currentData()
        fill_outcomes(self.ui.outcomeCombo, code)
        self.ui.pointsSpin.setValue(float(self.points.get(code, 0)))

    def _filter(self, text: str) -> None:
        from ...core.services.members import MemberFilter, query_member_ids

        visible = set(query_member_ids(self.ctx.db, MemberFilter(text=text, status="在任"))) if text.strip() else None
        for i in range(self.ui.membersList.count()):
            item = self.ui.membersList.item(i)
            item.setHidden(visible is not None and item.data(Qt.ItemDataRole.UserRole) not in visible)

    def _check_visible(self, state: Qt.CheckState) -> None:
        for i in range(self.ui.membersList.count()):
            item = self.ui.membersList.item(i)
            if not item.isHidden():
                item.setCheckState(state)

    def _clear(self) -> None:
        for i in range(self.ui.membersList.count()):
            self.ui.membersList.item(i).setCheckState(Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        lst = self.ui.membersList
        return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
                if lst.item(i).checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        self.ui.selectedLabel.setText(f"已选 {len(self.checked())} 人")

    def add_files(self, paths: list[str] | None = None) -> None:
        if not paths:
            paths, _ = QFileDialog.getOpenFileNames(self, "添加附件（签到表、照片等）", "", "所有文件 (*)")
        for p in paths:
            if p not in self.files:
                self.files.append(p)
                self.ui.attachmentsList.addItem(p)

    def remove_file(self) -> None:
        row = self.ui.attachmentsList.currentRow()
        if row >= 0:
            self.files.pop(row)
            self.ui.attachmentsList.takeItem(row)

    def accept(self) -> None:
        from ...core.services.duty_records import DutyDraft, QuickEntry, quick_entry, validate_duty

        members = self.checked()
        entry = QuickEntry(members, self.ui.typeCombo.currentData(), from_qdate(self.ui.dateEdit.date()),
                           self.ui.titleEdit.text(), self.ui.descriptionEdit.toPlainText(),
                           self.ui.outcomeCombo.currentData() or "", self.ui.pointsSpin.value(), None, list(self.files))
        probe = DutyDraft(members[0] if members else "", entry.duty_type, entry.occurred_on, entry.title,
                          entry.description, entry.outcome, entry.points)
        errors = validate_duty(probe)
        if not members:
            errors["member_uuid"] = "请至少勾选一名参加的委员"
        if errors:
            self.ui.errorLabel.setText("\n".join(f"• {m}" for m in errors.values()))
            return
        try:
            self.created = quick_entry(self.ctx.db, entry)
        except Exception as exc:  # noqa: BLE001 - one transaction: nothing was written
            show_error(self, exc, "无法录入")
            return
        self.ctx.status_message.emit(f"已为 {len(self.created)} 名委员录入“{entry.title}”")
        super().accept()
