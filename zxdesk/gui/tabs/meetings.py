"""协商议事: meetings, follow-ups and the overdue list, mediation cases, the duty rota."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import AppContext
from ..meetings.followups_page import FollowUpsPage
from ..meetings.mediation_page import MediationPage
from ..meetings.meetings_page import MeetingsPage
from ..meetings.page_base import PageBase
from ..meetings.rota_page import RotaPage
from .base import TabBase


class MeetingsTab(TabBase):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("meetingPages")
        self.meetings = MeetingsPage(ctx, self.pages)
        self.follow_ups = FollowUpsPage(ctx, self.pages)
        self.mediation = MediationPage(ctx, self.pages)
        self.rota = RotaPage(ctx, self.pages)
        self.pages.addTab(self.meetings, "会议")
        self.pages.addTab(self.follow_ups, "跟踪事项/逾期")
        self.pages.addTab(self.mediation, "人民调解")
        self.pages.addTab(self.rota, "轮值表")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self._load_current())

    def current_page(self) -> PageBase:
        return self.pages.currentWidget()  # type: ignore[return-value]

    def _load_current(self) -> None:
        if self._activated:
            self.current_page().ensure_loaded()

    def activate(self) -> None:
        super().activate()
        self._load_current()

    def refresh(self) -> None:
        page = self.current_page()
        page.loaded = True
        page.stale = False
        page.refresh()
        for other in (self.meetings, self.follow_ups, self.mediation, self.rota):
            if other is not page:
                other.stale = True

    def is_busy(self) -> bool:
        return any(p.is_busy() for p in (self.meetings, self.follow_ups, self.mediation, self.rota))
