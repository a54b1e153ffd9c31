"""Adding and editing one duty record (forms/duty_record_form.ui), with its attachments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QFileDialog, QListWidgetItem, QWidget

from ..context import AppContext
from ..errors import show_error
from ..forms.ui_duty_record_form import Ui_RecordForm


def fill_types(combo) -> None:
    from ...core.domain.vocab import DUTY_TYPES

    for code, label in DUTY_TYPES.items():
        combo.addItem(label, code)


def fill_outcomes(combo, duty_type: str, current: str = "") -> None:
    from ...core.domain.vocab import DUTY_OUTCOMES

    combo.clear()
    combo.addItem("（无）", "")
    for outcome in DUTY_OUTCOMES.get(duty_type, ()):
        combo.addItem(outcome, outcome)
    combo.setCurrentIndex(max(combo.findData(current), 0))


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class RecordDialog(QDialog):
    def __init__(self, ctx: AppContext, uuid: str | None, parent: QWidget | None = None, *,
                 member_uuid: str | None = None):
        super().__init__(parent)
        from ...core.services.assessment_rules import load_rules

        self.ctx, self.uuid = ctx, uuid
        self.ui = Ui_RecordForm()
        self.ui.setupUi(self)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.points = load_rules(ctx.db).points
        self.existing = []  # AttachmentInfo
        self.removed: list[str] = []
        self.new_files: list[str] = []
        self._fill_members()
        fill_types(self.ui.typeCombo)
        self.ui.dateEdit.setDate(to_qdate(dt.date.today()))
        if uuid is not None:
            self._load(uuid)
        else:
            self.setWindowTitle("新增履职记录")
            if member_uuid:
                self.ui.memberCombo.setCurrentIndex(max(self.ui.memberCombo.findData(member_uuid), 0))
            self._type_changed()
        self.ui.typeCombo.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.ui.addFileButton.clicked.connect(self.add_files)
        self.ui.removeFileButton.clicked.connect(self.remove_file)
        self.ui.openFileButton.clicked.connect(self.open_file)
        self.ui.attachmentsList.itemDoubleClicked.connect(lambda _i: self.open_file())

    def _fill_members(self) -> None:
        from ...core.services.members import list_members

        combo = self.ui.memberCombo
        combo.addItem("", "")
        for m in list_members(self.ctx.db):
            combo.addItem(f"{m.name}（{m.sector or m.unit or m.role}）" if (m.sector or m.unit) else m.name, m.uuid)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.setInsertPolicy(combo.InsertPolicy.NoInsert)

    def _load(self, uuid: str) -> None:
        from ...core.services.duty_records import get_duty

        draft, files = get_duty(self.ctx.db, uuid)
        self.setWindowTitle(f"履职记录 — {draft.title}")
        combo = self.ui.memberCombo
        combo.setCurrentIndex(max(combo.findData(draft.member_uuid), 0))
        self.ui.typeCombo.setCurrentIndex(max(self.ui.typeCombo.findData(draft.duty_type), 0))
        fill_outcomes(self.ui.outcomeCombo, draft.duty_type, draft.outcome)
        self.ui.dateEdit.setDate(to_qdate(draft.occurred_on))
        self.ui.titleEdit.setText(draft.title)
        self.ui.descriptionEdit.setPlainText(draft.description)
        self.ui.pointsSpin.setValue(draft.points)
        self.station_uuid = draft.station_uuid
        self.existing = files
        self._show_files()

    def _type_changed(self) -> None:
        code = self.ui.typeCombo.currentData()
        fill_outcomes(self.ui.outcomeCombo, code)
        self.ui.pointsSpin.setValue(float(self.points.get(code, 0)))

    # -- attachments -----------------------------------------------------------
    def _show_files(self) -> None:
        lst = self.ui.attachmentsList
        lst.clear()
        for info in self.existing:
            if info.uuid not in self.removed:
                item = QListWidgetItem(f"{info.filename}（{max(info.size // 1024, 1)} KB）")
                item.setData(Qt.ItemDataRole.UserRole, ("stored", info))
                lst.addItem(item)
        for path in self.new_files:
            item = QListWidgetItem(f"{Path(path).name}（待保存）")
            item.setData(Qt.ItemDataRole.UserRole, ("new", path))
            lst.addItem(item)

    def add_files(self, paths: list[str] | None = None) -> None:
        if not paths:
            paths, _ = QFileDialog.getOpenFileNames(self, "添加附件", "", "所有文件 (*)")
        self.new_files += [p for p in paths if p not in self.new_files]
        self._show_files()

    def remove_file(self) -> None:
        item = self.ui.attachmentsList.currentItem()
        if item is None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == "stored":
            self.removed.append(value.uuid)
        else:
            self.new_files.remove(value)
        self._show_files()

    def open_file(self) -> None:
        from ...core.services.attachments import stored_path

        item = self.ui.attachmentsList.currentItem()
        if item is None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        path = stored_path(self.ctx.db, value.sha256) if kind == "stored" else Path(value)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- saving ----------------------------------------------------------------
    def draft(self):
        from ...core.services.duty_records import DutyDraft

        return DutyDraft(
            member_uuid=self.ui.memberCombo.currentData() or "", duty_type=self.ui.typeCombo.currentData(),
            occurred_on=from_qdate(self.ui.dateEdit.date()), title=self.ui.titleEdit.text(),
            description=self.ui.descriptionEdit.toPlainText(), outcome=self.ui.outcomeCombo.currentData() or "",
            points=self.ui.pointsSpin.value(), station_uuid=getattr(self, "station_uuid", None),
        )

    def accept(self) -> None:
        from ...core.services.duty_records import save_duty, validate_duty

        draft = self.draft()
        errors = validate_duty(draft)
        if errors:
            self.ui.errorLabel.setText("\n".join(f"• {m}" for m in errors.values()))
            return
        try:
            self.uuid = save_duty(self.ctx.db, self.uuid, draft, self.new_files, self.removed)
        except Exception as exc:  # noqa: BLE001 - nothing saved; the dialog keeps the input
            show_error(self, exc, "无法保存")
            return
        super().accept()
