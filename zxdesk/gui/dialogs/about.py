"""The About box, designed in forms/about_dialog.ui."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ... import __version__
from ..forms.ui_about_dialog import Ui_AboutDialog


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.versionLabel.setText(f"版本 {__version__}")
