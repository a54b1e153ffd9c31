"""委员台账: members, their duty records and the yearly assessment, as three pages."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import AppContext
from .base import TabBase


class LedgerTab(TabBase):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        from ..ledger.assessment_page import AssessmentPage
        from ..ledger.members_page import MembersPage
        from ..ledger.records_page import RecordsPage

        self.pages = QTabWidget(self)
        self.pages.setObjectName("ledgerPages")
        self.members = MembersPage(ctx, self.pages)
        self.records = RecordsPage(ctx, self.pages)
        self.assessment = AssessmentPage(ctx, self.pages)
        self.pages.addTab(self.members, "委员")
        self.pages.addTab(self.records, "履职记录")
        self.pages.addTab(self.assessment, "年度考核")
        self._loaded: set[int] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._page_shown)
        self.members.open_records.connect(self._open_records)

    def refresh(self) -> None:
        self._loaded = {self.pages.currentIndex()}
        self.pages.currentWidget().refresh()

    def _page_shown(self, index: int) -> None:
        if self.ctx.db is not None and self._activated and index not in self._loaded:
            self._loaded.add(index)
            self.pages.widget(index).refresh()

    def _open_records(self, uuid: str, name: str) -> None:
        self.pages.setCurrentWidget(self.records)
        self.records.show_member(uuid, name)

    def is_busy(self) -> bool:
        return any(getattr(self.pages.widget(i), "busy", False) for i in range(self.pages.count()))
