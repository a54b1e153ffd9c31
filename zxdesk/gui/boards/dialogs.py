"""The board settings dialog and the posting dialog (forms from Qt Designer)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from ..forms.ui_board_posting_dialog import Ui_BoardPostingDialog
from ..forms.ui_board_settings_dialog import Ui_BoardSettingsDialog

def chinese_buttons(box: QDialogButtonBox) -> None:
    """Save/Cancel in Chinese whether or not Qt's own translations are installed."""
    for which, text in ((QDialogButtonBox.StandardButton.Save, "保存"),
                        (QDialogButtonBox.StandardButton.Cancel, "取消")):
        button = box.button(which)
        if button is not None:
            button.setText(text)


SETTINGS_FIELDS = ("committee_name", "supervision_phone", "seal_text", "footer", "objection_contact")


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class BoardSettingsDialog(QDialog):
    """Committee name, supervision phone, seal placeholder, footer, objection contact."""

    def __init__(self, values: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_BoardSettingsDialog()
        self.ui.setupUi(self)
        for key in SETTINGS_FIELDS:
            self._edit(key).setText(values.get(key, ""))
        chinese_buttons(self.ui.buttonBox)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _edit(self, key: str):
        camel = "".join(p.capitalize() if i else p for i, p in enumerate(key.split("_")))
        return getattr(self.ui, f"{camel}Edit")

    def values(self) -> dict[str, str]:
        return {key: self._edit(key).text().strip() for key in SETTINGS_FIELDS}


class PostingDialog(QDialog):
    """Where and when a board was posted, when taken down, and a photo as proof."""

    def __init__(self, summary: str, parent: QWidget | None = None, *, location: str = "",
                 posted_on: dt.date | None = None, publicity_ends_on: dt.date | None = None,
                 taken_down_on: dt.date | None = None, note: str = "", has_photo: bool = False):
        super().__init__(parent)
        self.ui = Ui_BoardPostingDialog()
        self.ui.setupUi(self)
        today = dt.date.today()
        self.ui.summaryLabel.setText(summary)
        self.ui.locationEdit.setText(location)
        self.ui.postedOnEdit.setDate(qdate(posted_on or today))
        self.ui.publicityCheck.setChecked(publicity_ends_on is not None)
        self.ui.publicityEndsEdit.setDate(qdate(publicity_ends_on or today + dt.timedelta(days=6)))
        self.ui.takenDownCheck.setChecked(taken_down_on is not None)
        self.ui.takenDownEdit.setDate(qdate(taken_down_on or today))
        self.ui.noteEdit.setPlainText(note)
        if has_photo:
            self.ui.photoEdit.setPlaceholderText("已有照片；选择新照片可替换")
        self.photo_path = ""
        self.ui.photoButton.clicked.connect(self.choose_photo)
        chinese_buttons(self.ui.buttonBox)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择张贴现场照片", "", "图片 (*.jpg *.jpeg *.png *.webp *.bmp)")
        if path:
            self.set_photo(path)

    def set_photo(self, path: str) -> None:
        self.photo_path = path
        self.ui.photoEdit.setText(path)

    def values(self) -> dict:
        ui = self.ui
        return {
            "location": ui.locationEdit.text().strip(),
            "posted_on": pydate(ui.postedOnEdit.date()),
            "publicity_ends_on": pydate(ui.publicityEndsEdit.date()) if ui.publicityCheck.isChecked() else None,
            "taken_down_on": pydate(ui.takenDownEdit.date()) if ui.takenDownCheck.isChecked() else None,
            "note": ui.noteEdit.toPlainText().strip(),
            "photo": self.photo_path or None,
        }
