"""The meeting editor (forms/meeting_editor.ui): all fields, attendees, minutes,
resolutions and attachments. Saving runs on a worker; a refused save keeps the dialog
open with the reason, so nothing typed is lost."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidgetItem, QMessageBox, QVBoxLayout, QWidget

from ..context import AppContext
from ..forms.ui_meeting_editor import Ui_MeetingEditor
from .member_picker import MemberPicker

DATA_ROLE = Qt.ItemDataRole.UserRole
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
PHOTO_FILTER = "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp);;所有文件 (*)"
SCAN_FILTER = "扫描件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;所有文件 (*)"


class MeetingEditorDialog(QDialog):
    def __init__(self, ctx: AppContext, *, kinds: list[str], stations: list, detail: Any = None,
                 attachments: list | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.saved_uuid: str | None = None
        self.ui = Ui_MeetingEditor()
        self.ui.setupUi(self)
        self.setWindowTitle("编辑会议" if detail else "新建会议")
        self.picker = MemberPicker(ctx, self.ui.attendeesHost)
        host_layout = QVBoxLayout(self.ui.attendeesHost)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.picker)
        self._removed: list[str] = []

        for kind in kinds:
            self.ui.kindCombo.addItem(kind)
        self.ui.stationCombo.addItem("（不指定工作站）", None)
        for st in stations:
            self.ui.stationCombo.addItem(st.name, st.uuid)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.addResolutionButton.clicked.connect(self._add_resolution)
        self.ui.removeResolutionButton.clicked.connect(self._remove_resolution)
        self.ui.upResolutionButton.clicked.connect(lambda: self._move_resolution(-1))
        self.ui.downResolutionButton.clicked.connect(lambda: self._move_resolution(1))
        self.ui.addPhotoButton.clicked.connect(lambda: self._add_files("照片", PHOTO_FILTER))
        self.ui.addSignInButton.clicked.connect(lambda: self._add_files("签到表", SCAN_FILTER))
        self.ui.openAttachmentButton.clicked.connect(self._open_attachment)
        self.ui.removeAttachmentButton.clicked.connect(self._remove_attachment)
        self.ui.attachmentsList.itemDoubleClicked.connect(lambda _i: self._open_attachment())
        self.ui.residentsNamesEdit.textChanged.connect(self._names_changed)
        self._fill(detail, attachments or [])
        self._initial = self._snapshot()

    # -- loading ---------------------------------------------------------------
    def _fill(self, d: Any, attachments: list) -> None:
        ui = self.ui
        if d is None:
            now = QDateTime.currentDateTime()
            ui.startsAtEdit.setDateTime(QDateTime(now.date(), now.time().fromString("09:00", "HH:mm")))
            return
        if ui.kindCombo.findText(d.kind) < 0:
            ui.kindCombo.addItem(d.kind)
        ui.kindCombo.setCurrentText(d.kind)
        ui.topicEdit.setText(d.topic)
        ui.startsAtEdit.setDateTime(QDateTime(d.starts_at))
        ui.stationCombo.setCurrentIndex(max(ui.stationCombo.findData(d.station_uuid), 0) if d.station_uuid else 0)
        ui.placeEdit.setText(d.place)
        ui.hostEdit.setText(d.host)
        ui.residentsCountSpin.setValue(d.residents_count)
        ui.residentsNamesEdit.setPlainText(d.residents_names)
        ui.agendaEdit.setPlainText(d.agenda)
        ui.briefingEdit.setPlainText(d.minutes_briefing)
        ui.opinionsEdit.setPlainText(d.minutes_opinions)
        ui.consensusEdit.setPlainText(d.minutes_consensus)
        self.picker.set_selected(d.attendees)
        for r in d.resolutions:
            self._resolution_item(r.text, r.uuid)
        for a in attachments:
            self._attachment_item(a.filename, a.caption, ("old", a.uuid, a.sha256, a.filename))

    def _names_changed(self) -> None:
        text = self.ui.residentsNamesEdit.toPlainText().replace("、", "\n").replace("，", "\n")
        names = [n for n in text.splitlines() if n.strip()]
        if len(names) > self.ui.residentsCountSpin.value():
            self.ui.residentsCountSpin.setValue(len(names))

    # -- resolutions -----------------------------------------------------------
    def _resolution_item(self, text: str, uuid: str | None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(DATA_ROLE, uuid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.ui.resolutionsList.addItem(item)
        return item

    def _add_resolution(self) -> None:
        item = self._resolution_item("新的协商成果", None)
        self.ui.resolutionsList.setCurrentItem(item)
        self.ui.resolutionsList.editItem(item)

    def _remove_resolution(self) -> None:
        row = self.ui.resolutionsList.currentRow()
        if row >= 0:
            self.ui.resolutionsList.takeItem(row)

    def _move_resolution(self, step: int) -> None:
        lst = self.ui.resolutionsList
        row = lst.currentRow()
        if row < 0 or not (0 <= row + step < lst.count()):
            return
        item = lst.takeItem(row)
        lst.insertItem(row + step, item)
        lst.setCurrentRow(row + step)

    # -- attachments -----------------------------------------------------------
    def _attachment_item(self, filename: str, caption: str, data: tuple) -> None:
        item = QListWidgetItem(f"{caption}：{filename}" if caption else filename)
        item.setData(DATA_ROLE, data)
        path = self._local_path(data)
        if path is not None and Path(filename).suffix.lower() in IMAGE_SUFFIXES:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation)))
        self.ui.attachmentsList.addItem(item)

    def _local_path(self, data: tuple) -> Path | None:
        if data[0] == "new":
            return Path(data[1])
        from ...core.services.attachments import stored_path

        path = stored_path(self.ctx.db, data[2])
        return path if path.exists() else None

    def _add_files(self, caption: str, filters: str) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, f"添加{caption}", "", filters)
        for name in files:
            self._attachment_item(Path(name).name, caption, ("new", name, caption))

    def _open_attachment(self) -> None:
        item = self.ui.attachmentsList.currentItem()
        if item is None:
            return
        data = item.data(DATA_ROLE)
        path = self._local_path(data)
        if path is None:
            QMessageBox.warning(self, "打开附件", "附件文件不在本机的附件库中（可能尚未同步）。")
            return
        if data[0] == "old":  # stored by hash without a name: open a named copy
            copy = Path(tempfile.mkdtemp(prefix="zxdesk-")) / data[3]
            shutil.copyfile(path, copy)
            path = copy
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _remove_attachment(self) -> None:
        row = self.ui.attachmentsList.currentRow()
        if row < 0:
            return
        data = self.ui.attachmentsList.takeItem(row).data(DATA_ROLE)
        if data[0] == "old":
            self._removed.append(data[1])

    # -- saving ----------------------------------------------------------------
    def payload(self) -> tuple[Any, list[tuple[str, str]], list[str]]:
        from ...core.services.meetings import MeetingInput, ResolutionInput

        ui = self.ui
        resolutions = []
        for i in range(ui.resolutionsList.count()):
            item = ui.resolutionsList.item(i)
            resolutions.append(ResolutionInput(item.text(), item.data(DATA_ROLE)))
        files = []
        for i in range(ui.attachmentsList.count()):
            data = ui.attachmentsList.item(i).data(DATA_ROLE)
            if data[0] == "new":
                files.append((data[1], data[2]))
        data = MeetingInput(
            uuid=self.detail.uuid if self.detail else None,
            kind=ui.kindCombo.currentText(), topic=ui.topicEdit.text(),
            starts_at=ui.startsAtEdit.dateTime().toPython().replace(second=0, microsecond=0),
            station_uuid=ui.stationCombo.currentData(), place=ui.placeEdit.text(), host=ui.hostEdit.text(),
            attendee_uuids=self.picker.selected_uuids(), residents_count=ui.residentsCountSpin.value(),
            residents_names=ui.residentsNamesEdit.toPlainText().strip(), agenda=ui.agendaEdit.toPlainText().strip(),
            minutes_briefing=ui.briefingEdit.toPlainText().strip(),
            minutes_opinions=ui.opinionsEdit.toPlainText().strip(),
            minutes_consensus=ui.consensusEdit.toPlainText().strip(), resolutions=resolutions,
        )
        return data, files, list(self._removed)

    def _snapshot(self) -> str:
        data, files, removed = self.payload()
        return repr((data, files, removed))

    def save(self) -> None:
        if not self.ui.topicEdit.text().strip():
            self._fail("请填写会议议题", self.ui.topicEdit)
            return
        data, files, removed = self.payload()
        from ...core.services.meetings import save_meeting

        db = self.ctx.db
        self.ui.buttonBox.setEnabled(False)
        self.ctx.tasks.run(lambda _p: save_meeting(db, data, add_files=files, remove_attachments=removed),
                           self._saved, self._refused, title="正在保存会议", parent=self)

    def _saved(self, uuid: str) -> None:
        self.ui.buttonBox.setEnabled(True)
        self.saved_uuid = uuid
        self._initial = self._snapshot()
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.ui.buttonBox.setEnabled(True)
        from ...core.errors import ZxError

        if isinstance(exc, ZxError):
            self._fail(exc.zh)
        else:
            from ..errors import show_error

            show_error(self, exc)

    def _fail(self, message: str, focus: QWidget | None = None) -> None:
        self.ui.errorLabel.setText(message)
        if focus is not None:
            self.ui.tabs.setCurrentIndex(0)
            focus.setFocus()

    def reject(self) -> None:
        if self._snapshot() != self._initial:
            answer = QMessageBox.question(self, "放弃修改", "会议记录有未保存的修改，确定放弃吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

