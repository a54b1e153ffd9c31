"""The commitments' trash: deleted commitments, restorable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.domain.periods import label as period_label
from ..context import AppContext
from .buttons import chinese_buttons

UUID_ROLE = Qt.ItemDataRole.UserRole


class TrashDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.restored: list[str] = []
        self.setWindowTitle("承诺回收站")
        self.resize(640, 420)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.status = QLabel("正在读取…", self)
        self.restore_button = QPushButton("恢复所选(&R)", self)
        buttons = chinese_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self._close)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        from ...core.services.commitments import list_deleted_commitments

        db = self.ctx.db
        self.ctx.tasks.run(lambda _p: list_deleted_commitments(db), self.show_items,
                           lambda exc: self.status.setText(getattr(exc, "zh", "读取失败")))

    def show_items(self, items) -> None:
        self.list.clear()
        for x in items:
            when = x.deleted_at.strftime("%Y-%m-%d %H:%M") if x.deleted_at else ""
            item = QListWidgetItem(f"{period_label(x.period)}  {x.owner_name}：{x.content[:40]}    （删除于 {when}）")
            item.setData(UUID_ROLE, x.uuid)
            self.list.addItem(item)
        self.status.setText(f"回收站中有 {len(items)} 项承诺" if items else "回收站是空的")
        self.restore_button.setEnabled(bool(items))

    def restore_selected(self) -> None:
        from ...core.services.commitments import restore_commitments

        uuids = [i.data(UUID_ROLE) for i in self.list.selectedItems()]
        if not uuids:
            self.status.setText("请先选择要恢复的承诺")
            return
        db = self.ctx.db

        def done(_n) -> None:
            self.restored.extend(uuids)
            self.load()

        self.ctx.tasks.run(lambda _p: restore_commitments(db, uuids), done,
                           lambda exc: self.status.setText(getattr(exc, "zh", "恢复失败")))

    def _close(self) -> None:
        if self.restored:
            self.accept()
        else:
            self.reject()
