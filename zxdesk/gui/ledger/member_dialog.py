"""The member form (forms/member_form.ui): every field, a photo, validation as you type,
the member's duty records and the change history from the change log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from ..forms.ui_member_form import Ui_MemberForm

_BAD = "border: 1px solid #c62828; background: #fff5f5;"


def set_rows(table, rows: list[list[str]]) -> None:
    """Fill a read-only QTableWidget."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)


class MemberDialog(QDialog):
    def __init__(self, ctx: AppContext, uuid: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.ui = Ui_MemberForm()
        self.ui.setupUi(self)
        self.photo_sha = ""
        self._touched: set[str] = set()
        self._fields = {
            "name": self.ui.nameEdit, "gender": self.ui.genderCombo, "birth": self.ui.birthEdit,
            "ethnicity": self.ui.ethnicityCombo, "id_number": self.ui.idNumberEdit, "party": self.ui.partyCombo,
            "phone": self.ui.phoneEdit, "education": self.ui.educationCombo, "unit": self.ui.unitEdit,
            "title": self.ui.titleEdit, "sector_uuid": self.ui.sectorCombo, "level": self.ui.levelCombo,
            "term": self.ui.termEdit, "role": self.ui.roleCombo, "station_uuid": self.ui.stationCombo,
            "status": self.ui.statusCombo, "joined_on": self.ui.joinedOnEdit, "left_on": self.ui.leftOnEdit,
        }
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self._load_choices()
        if uuid is not None:
            self._load(uuid)
        else:
            self.setWindowTitle("新增委员")
            self.ui.levelCombo.setCurrentText("县")
            self.ui.roleCombo.setCurrentText("委员")
            for index in (1, 2):
                self.ui.tabs.setTabEnabled(index, False)
        for key, widget in self._fields.items():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, k=key: self._edited(k))
            else:
                widget.currentTextChanged.connect(lambda _t, k=key: self._edited(k))
        self.ui.choosePhotoButton.clicked.connect(self.choose_photo)
        self.ui.clearPhotoButton.clicked.connect(lambda: self.set_photo(""))
        self.ui.addRecordButton.clicked.connect(self.add_record)
        self.ui.editRecordButton.clicked.connect(self.edit_record)
        self.ui.deleteRecordButton.clicked.connect(self.delete_record)
        self.ui.recordsTable.doubleClicked.connect(lambda _i: self.edit_record())
        self.validate()

    # -- loading ---------------------------------------------------------------
    def _load_choices(self) -> None:
        from ...core.services.members import member_choices

        choices = member_choices(self.ctx.db)
        self.ui.partyCombo.addItems([""] + choices.parties)
        for box, items in ((self.ui.sectorCombo, choices.sectors), (self.ui.stationCombo, choices.stations)):
            box.addItem("", None)
            for uuid, name in items:
                box.addItem(name, uuid)

    def _load(self, uuid: str) -> None:
        from ...core.services.members import get_member

        detail = get_member(self.ctx.db, uuid)
        d = detail.draft
        self.setWindowTitle(f"委员信息 — {d.name}")
        for key in ("name", "birth", "id_number", "phone", "unit", "title", "term"):
            self._fields[key].setText(getattr(d, key) or "")
        for key in ("gender", "ethnicity", "party", "education", "level", "role", "status"):
            self._set_combo_text(self._fields[key], getattr(d, key) or "")
        for key in ("sector_uuid", "station_uuid"):
            box: QComboBox = self._fields[key]
            box.setCurrentIndex(max(box.findData(getattr(d, key)), 0))
        self.ui.joinedOnEdit.setText(d.joined_on.isoformat() if d.joined_on else "")
        self.ui.leftOnEdit.setText(d.left_on.isoformat() if d.left_on else "")
        self.ui.noteEdit.setPlainText(d.note or "")
        self.set_photo(d.photo_sha256 or "")
        self.load_records()
        self.load_history()

    @staticmethod
    def _set_combo_text(box: QComboBox, text: str) -> None:
        index = box.findText(text)
        if index < 0 and text:
            box.addItem(text)
            index = box.findText(text)
        box.setCurrentIndex(max(index, 0))
        if box.isEditable():
            box.setEditText(text)

    def load_history(self) -> None:
        from ...core.services.member_history import record_history

        entries = record_history(self.ctx.db, self.uuid)
        set_rows(self.ui.historyTable, [[e.when, e.operator, e.field, e.old, e.new] for e in entries])

    def load_records(self) -> None:
        from ...core.services.duty_records import DutyFilter, list_duties

        self._records = list_duties(self.ctx.db, DutyFilter(member_uuid=self.uuid))
        set_rows(self.ui.recordsTable, [[r.occurred_on.isoformat(), r.type_label, r.title, r.outcome, f"{r.points:g}",
                                         str(r.attachments or "")] for r in self._records])
        self.ui.recordsSummary.setText(f"共 {len(self._records)} 条，合计 {sum(r.points for r in self._records):g} 分")

    # -- validation as you type ------------------------------------------------
    def _edited(self, key: str) -> None:
        from ...core.domain.identity import normalize_id_number
        from ...core.domain.text_norm import to_halfwidth

        self._touched.add(key)
        edit = self._fields[key]
        if key in ("id_number", "phone", "birth", "joined_on", "left_on"):
            text = edit.text()
            fixed = normalize_id_number(text) if key == "id_number" else to_halfwidth(text)
            if fixed != text:
                pos = edit.cursorPosition()
                edit.setText(fixed)
                edit.setCursorPosition(min(pos, len(fixed)))
        if key == "id_number":
            self._fill_from_id()
        self.validate()

    def _fill_from_id(self) -> None:
        from ...core.domain.identity import check_id_number, id_birth_month, id_gender

        idc = check_id_number(self.ui.idNumberEdit.text())
        if idc.ok and idc.value:
            if not self.ui.birthEdit.text().strip():
                self.ui.birthEdit.setText(id_birth_month(idc.value))
            if not self.ui.genderCombo.currentText():
                self.ui.genderCombo.setCurrentText(id_gender(idc.value))

    def draft(self):
        from ...core.domain.member_form import MemberDraft

        f = self._fields
        return MemberDraft(
            name=f["name"].text(), gender=f["gender"].currentText(), ethnicity=f["ethnicity"].currentText(),
            birth=f["birth"].text(), party=f["party"].currentText(), sector_uuid=f["sector_uuid"].currentData(),
            station_uuid=f["station_uuid"].currentData(), unit=f["unit"].text(), title=f["title"].text(),
            phone=f["phone"].text(), id_number=f["id_number"].text(), education=f["education"].currentText(),
            level=f["level"].currentText(), term=f["term"].text(), role=f["role"].currentText(),
            status=f["status"].currentText(), photo_sha256=self.photo_sha, note=self.ui.noteEdit.toPlainText(),
        )

    def validate(self) -> dict[str, str]:
        """Check every field; mark the bad ones; Save is enabled only when all are good."""
        from ...core.domain.member_fields import MEMBER_LABELS
        from ...core.domain.member_form import validate_member
        from ...core.domain.year_month import DateText, parse_date

        draft = self.draft()
        errors: dict[str, str] = {}
        for key in ("joined_on", "left_on"):
            text = self._fields[key].text().strip()
            if text:
                try:
                    setattr(draft, key, parse_date(text))
                except DateText as exc:
                    errors[key] = f"{MEMBER_LABELS[key]}无法识别（{exc}），请写成 2021-01-10"
        _clean, problems = validate_member(draft)
        errors = {**problems, **errors}
        self._draft = draft
        shown = {k: v for k, v in errors.items() if k != "name" or "name" in self._touched or self.uuid}
        for key, widget in self._fields.items():
            widget.setStyleSheet(_BAD if key in shown else "")
            widget.setToolTip(shown.get(key, ""))
        self.ui.errorLabel.setText("\n".join(f"• {MEMBER_LABELS.get(k, k)}：{v}" for k, v in shown.items()))
        self.save_button.setEnabled(not errors)
        return errors

    # -- photo -----------------------------------------------------------------
    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择委员照片", "", "图片 (*.jpg *.jpeg *.png *.bmp)")
        if path:
            self.use_photo_file(path)

    def use_photo_file(self, path: str) -> None:
        from ...core.services.attachments import store_file

        reader = QImageReader(path)
        if not reader.canRead():
            QMessageBox.warning(self, "照片", "无法识别这个图片文件，请选择 JPG 或 PNG 照片。")
            return
        try:
            sha, _size = store_file(self.ctx.db, path)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self.set_photo(sha)

    def set_photo(self, sha: str) -> None:
        from ...core.services.attachments import stored_path

        self.photo_sha = sha
        label = self.ui.photoLabel
        if sha and stored_path(self.ctx.db, sha).is_file():
            pixmap = QPixmap(str(stored_path(self.ctx.db, sha)))
            label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        else:
            label.clear()
            label.setText("无照片")
        self.ui.clearPhotoButton.setEnabled(bool(sha))

    # -- duty records of this member ------------------------------------------
    def _selected_record(self):
        row = self.ui.recordsTable.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def add_record(self) -> None:
        from .record_dialog import RecordDialog

        if RecordDialog(self.ctx, None, self, member_uuid=self.uuid).exec():
            self.load_records()
            self.ctx.data_changed.emit("duty_record")

    def edit_record(self) -> None:
        from .record_dialog import RecordDialog

        record = self._selected_record()
        if record is not None and RecordDialog(self.ctx, record.uuid, self).exec():
            self.load_records()
            self.ctx.data_changed.emit("duty_record")

    def delete_record(self) -> None:
        from ...core.services.duty_records import delete_duties

        record = self._selected_record()
        if record is None:
            return
        if QMessageBox.question(self, "删除履职记录", f"把“{record.title}”移入回收站？") != QMessageBox.StandardButton.Yes:
            return
        delete_duties(self.ctx.db, [record.uuid])
        self.load_records()
        self.ctx.data_changed.emit("duty_record")

    # -- saving ----------------------------------------------------------------
    def accept(self) -> None:
        from ...core.services.members import find_duplicate, save_member

        self._touched.update(self._fields)
        if self.validate():
            return
        draft = self._draft
        same = find_duplicate(self.ctx.db, draft, exclude_uuid=self.uuid)
        if same is not None:
            answer = QMessageBox.question(
                self, "可能重复", f"已有委员“{same}”的身份证号或姓名和出生年月与此相同。\n仍要保存吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.uuid = save_member(self.ctx.db, self.uuid, draft)
        except Exception as exc:  # noqa: BLE001 - nothing was saved; the form keeps what was typed
            show_error(self, exc, "无法保存")
            return
        super().accept()

