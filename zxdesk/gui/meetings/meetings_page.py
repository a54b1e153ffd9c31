"""会议: the list of meetings with filters and search, the record on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...core.domain.vocab import FOLLOW_UP_STATUSES, MEETING_KINDS
from ..context import AppContext
from .columns import is_overdue, meeting_columns
from .filter_bar import FilterBar
from .meeting_detail import MeetingDetailPanel
from .page_base import PageBase, trash_with_undo
from .row_model import RowTableModel
from .table_view import RowTable

MEETING_STATUS_FILTERS = (("open", "有未办结事项"), ("overdue", "有逾期事项"),
                          *((code, f"有{label}事项") for code, label in FOLLOW_UP_STATUSES.items()))


def _load_lists(db) -> tuple[list[str], list]:
    from ...core.services.meeting_kinds import get_meeting_kinds
    from ...core.services.member_lookup import list_stations

    return get_meeting_kinds(db), list_stations(db)


class MeetingsPage(PageBase):
    tables = ("meeting", "follow_up", "member", "station", "setting")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.kinds: list[str] = list(MEETING_KINDS)
        self.stations: list = []
        self.filters = FilterBar(self, statuses=MEETING_STATUS_FILTERS,
                                 search_hint="全文搜索：议题、议程、纪要、协商成果（Ctrl+F）")
        self.new_button = QPushButton("新建会议", self)
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑", self)
        self.delete_button = QPushButton("删除", self)
        self.delete_button.setToolTip("移入回收站，可按 Ctrl+Z 撤销")
        self.kinds_button = QPushButton("会议类型…", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("meetingCount")

        self.model = RowTableModel(meeting_columns(), self, highlight=is_overdue)
        self.table = RowTable(self.model, self, stretch=2)
        self.table.setObjectName("meetingTable")
        self.detail = MeetingDetailPanel(self)

        top = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.delete_button, self.kinds_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)

        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.kinds_button.clicked.connect(self.edit_kinds)
        self.filters.changed.connect(self.refresh)
        self.table.row_activated.connect(lambda row: self.edit_meeting(row.uuid))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.load_detail())
        self.detail.new_follow_up.connect(self.new_follow_up)
        self.detail.edit_follow_up.connect(self.edit_follow_up)
        self.detail.change_status.connect(self.change_status)
        for keys, slot in (("Ctrl+N", self.new_meeting), (QKeySequence.StandardKey.Find, self.filters.search.setFocus)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    # -- loading ---------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.meeting_list import MeetingFilter, list_meetings

        v = self.filters.values()
        f = MeetingFilter(date_from=v.date_from, date_to=v.date_to, station_uuid=v.station_uuid, kind=v.kind,
                          follow_up_status=v.status, text=v.text)
        db = self.ctx.db
        self.run(lambda _p: (_load_lists(db), list_meetings(db, f)), self._show)

    def _show(self, result: tuple) -> None:
        (self.kinds, self.stations), rows = result
        self.filters.set_kinds(self.kinds)
        self.filters.set_stations(self.stations)
        current = self.table.current()
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.follow_ups_overdue)
        self.count_label.setText(f"共 {len(rows)} 次会议" + (f"，{overdue} 次有逾期事项" if overdue else ""))
        if current is None or not self.table.select_uuid(current.uuid):
            if rows:
                self.table.selectRow(0)
        self.load_detail()

    def load_detail(self) -> None:
        row = self.table.current()
        if row is None or self.ctx.db is None:
            self.detail.show_meeting(None, [], [], [])
            return
        from ...core.services.attachments import list_attachments
        from ...core.services.followups import FollowUpFilter, list_follow_ups
        from ...core.services.meeting_list import search_terms
        from ...core.services.meetings import get_meeting

        db, uuid, terms = self.ctx.db, row.uuid, search_terms(self.filters.values().text)

        def work(_p):
            return (get_meeting(db, uuid), list_follow_ups(db, FollowUpFilter(meeting_uuid=uuid)),
                    list_attachments(db, uuid))

        def shown(result: tuple) -> None:
            current = self.table.current()
            if current is not None and current.uuid == uuid:
                self.detail.show_meeting(*result, terms)

        self.run(work, shown, on_error=lambda _e: self.detail.show_meeting(None, [], [], []))

    # -- meetings --------------------------------------------------------------
    def new_meeting(self) -> None:
        self._open_editor(None, [])

    def edit_current(self) -> None:
        row = self.table.current()
        if row is not None:
            self.edit_meeting(row.uuid)

    def edit_meeting(self, uuid: str) -> None:
        from ...core.services.attachments import list_attachments
        from ...core.services.meetings import get_meeting

        db = self.ctx.db
        self.run(lambda _p: (get_meeting(db, uuid), list_attachments(db, uuid)),
                 lambda r: self._open_editor(*r))

    def _open_editor(self, detail: Any, attachments: list) -> None:
        from .meeting_editor import MeetingEditorDialog

        dialog = MeetingEditorDialog(self.ctx, kinds=self.kinds, stations=self.stations, detail=detail,
                                     attachments=attachments, parent=self)
        self.editor = dialog  # tests reach the open dialog here
        if dialog.exec() and dialog.saved_uuid:
            self.ctx.status_message.emit("会议已保存，参会委员的履职记录已同步更新")
            self.changed("meeting")
            self.changed("duty_record")
            self.table.select_uuid(dialog.saved_uuid)

    def delete_selected(self) -> None:
        rows = self.table.selected()
        if not rows:
            return
        names = "、".join(f"“{r.topic}”" for r in rows[:3]) + (f"等 {len(rows)} 次会议" if len(rows) > 3 else "")
        if not self.confirm("删除会议", f"将{names}移入回收站？\n参会委员因此记录的履职也将一并撤下（可撤销）。"):
            return
        from ...core.services.meetings import delete_meetings, restore_meetings

        db, uuids = self.ctx.db, [r.uuid for r in rows]
        trash_with_undo(self, f"删除 {len(uuids)} 次会议", "meeting",
                        lambda: delete_meetings(db, uuids), lambda: restore_meetings(db, uuids))

    def edit_kinds(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "会议类型", "每行一种会议类型（已有会议的类型不受影响）：",
                                                 "\n".join(self.kinds))
        if not ok:
            return
        from ...core.services.meeting_kinds import set_meeting_kinds

        db = self.ctx.db
        self.run(lambda _p: set_meeting_kinds(db, text.splitlines()), lambda _k: self.changed("setting"))

    # -- follow-ups ------------------------------------------------------------
    def new_follow_up(self, resolution_uuid: str | None) -> None:
        self._follow_up_editor(None, resolution_uuid, {})

    def edit_follow_up(self, row: Any) -> None:
        from ...core.services.member_lookup import members_by_uuid

        db = self.ctx.db
        ids = [row.responsible_member_uuid] if row.responsible_member_uuid else []
        self.run(lambda _p: members_by_uuid(db, ids), lambda members: self._follow_up_editor(row, None, members))

    def _follow_up_editor(self, row: Any, resolution_uuid: str | None, members: dict) -> None:
        from .followup_dialogs import FollowUpEditorDialog

        meeting = self.detail.detail
        if meeting is None:
            return
        self.dialog = FollowUpEditorDialog(self.ctx, meeting, row=row, resolution_uuid=resolution_uuid,
                                           members=members, parent=self)
        if self.dialog.exec():
            self.changed("follow_up")

    def change_status(self, row: Any) -> None:
        from .followup_dialogs import StatusDialog

        dialog = StatusDialog(self.ctx, row, self)
        self.dialog = dialog
        if dialog.exec():
            self.changed("follow_up")
