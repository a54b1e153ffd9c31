"""The posting register and the due boards, below the preview."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..errors import show_error
from .dialogs import PostingDialog
from .models import DueModel, PostingsModel, scope_label


def _table(parent: QWidget, model, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class TrashPosting(QUndoCommand):
    """Deleting a posting moves it to the trash; undo restores it."""

    def __init__(self, panel: RegisterPanel, uuid: str, label: str):
        super().__init__(f"删除张贴记录“{label}”")
        self.panel, self.uuid = panel, uuid
        self._done = True  # the first delete happens before the push, where errors can be shown

    def redo(self) -> None:
        from ...core.services.trash import move_to_trash

        if self._done:
            self._done = False
            return
        move_to_trash(self.panel.ctx.db, "board_posting", [self.uuid])
        self.panel.changed.emit()

    def undo(self) -> None:
        from ...core.services.trash import restore

        restore(self.panel.ctx.db, "board_posting", [self.uuid])
        self.panel.changed.emit()


class RegisterPanel(QTabWidget):
    changed = Signal()  # a posting was added, edited or deleted
    compose = Signal(str, str, str)  # kind, scope, period: make the board that is due

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("boardRegister")
        self.postings = PostingsModel(self)
        self.due = DueModel(self)

        page = QWidget(self)
        self.postings_view = _table(page, self.postings, "postingsView")
        self.edit_button = QPushButton("编辑 / 登记撤下(&E)…", page)
        self.pdf_button = QPushButton("打开张贴的 PDF", page)
        self.photo_button = QPushButton("查看现场照片", page)
        self.delete_button = QPushButton("删除", page)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.pdf_button, self.photo_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.postings_view)
        self.addTab(page, "张贴登记")

        self.due_view = _table(self, self.due, "dueView")
        self.due_view.setToolTip("双击一项：生成该公示栏，或打开该张贴记录")
        self.addTab(self.due_view, "到期提醒")

        self.edit_button.clicked.connect(self.edit_selected)
        self.postings_view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.pdf_button.clicked.connect(lambda: self.open_file("pdf_sha256"))
        self.photo_button.clicked.connect(lambda: self.open_file("photo_sha256"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.due_view.doubleClicked.connect(self._due_activated)
        self.postings_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_data(self, postings, due) -> None:
        self.postings.set_rows(postings)
        self.due.set_rows(due)
        overdue = sum(1 for d in due if d.overdue)
        self.setTabText(1, f"到期提醒（{len(due)}）" + (f"，逾期 {overdue}" if overdue else ""))
        self._update_buttons()

    def selected(self):
        rows = self.postings_view.selectionModel().selectedRows()
        return self.postings.row_at(rows[0].row()) if rows else None

    def select_posting(self, uuid: str) -> None:
        for n, p in enumerate(self.postings.rows):
            if p.uuid == uuid:
                self.setCurrentIndex(0)
                self.postings_view.selectRow(n)
                return

    def _update_buttons(self) -> None:
        p = self.selected()
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(p is not None)
        self.pdf_button.setEnabled(bool(p and p.pdf_sha256))
        self.photo_button.setEnabled(bool(p and p.photo_sha256))

    def edit_selected(self) -> None:
        p = self.selected()
        if p is None:
            return
        dialog = PostingDialog(f"{p.kind_label} · {scope_label(p.scope)} · {p.period}", self, location=p.location,
                               posted_on=p.posted_on, publicity_ends_on=p.publicity_ends_on,
                               taken_down_on=p.taken_down_on, note=p.note, has_photo=bool(p.photo_sha256))
        dialog.setWindowTitle("编辑张贴记录")
        if dialog.exec() != PostingDialog.DialogCode.Accepted:
            return
        self.save_edit(p.uuid, dialog.values())

    def save_edit(self, uuid: str, values: dict) -> None:
        from ...core.services.boards import update_posting

        db = self.ctx.db
        values = dict(values)
        clear = values["taken_down_on"] is None
        self.ctx.tasks.run(lambda _p: update_posting(db, uuid, clear_taken_down=clear, **values),
                           lambda _r: self.changed.emit(), lambda exc: show_error(self, exc, "无法保存"))

    def open_file(self, field: str) -> None:
        from ...core.services.boards import stored_file

        p = self.selected()
        if p is None:
            return
        try:
            path = stored_file(self.ctx.db, getattr(p, field))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def delete_selected(self) -> None:
        p = self.selected()
        if p is None:
            return
        from ...core.services.trash import move_to_trash

        try:
            move_to_trash(self.ctx.db, "board_posting", [p.uuid])
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, "无法删除")
            return
        self.ctx.undo_stack.push(TrashPosting(self, p.uuid, f"{p.kind_label} {p.location}"))
        self.ctx.status_message.emit("已删除张贴记录（可用“撤销”恢复）")
        self.changed.emit()

    def _due_activated(self, index) -> None:
        d = self.due.row_at(index.row())
        if d is None:
            return
        if d.posting_uuid:
            self.select_posting(d.posting_uuid)
            self.edit_selected()
        else:
            self.compose.emit(d.kind, d.scope, d.period)
