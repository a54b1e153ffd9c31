"""A tab whose feature has not been built yet: says so, with the record counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import AppContext
from .base import TabBase


class PendingTab(TabBase):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        label = QLabel(f"“{title}”功能正在建设中。", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("pendingLabel")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
