"""导入记录: past roster imports on this computer; each can be undone as a whole."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .member_dialog import set_rows


def undo_message(result) -> str:
    text = f"已撤销：{result.removed} 名新增委员移入回收站，{result.reverted} 项修改已还原。"
    if result.kept:
        text += f"\n有 {result.kept} 项在导入后又被修改过，保留了修改后的内容。"
    return text


class ImportHistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("导入记录")
        self.resize(720, 380)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["时间", "文件", "操作人", "新增", "更新", "状态"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.undo_button = QPushButton("撤销选中的导入…")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("撤销一次导入：新增的委员移入回收站，被更新的项目恢复原值。"))
        layout.addWidget(self.table)
        layout.addWidget(self.undo_button)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        from ...core.importing.apply import list_batches

        self.batches = list_batches(self.ctx.db)
        set_rows(self.table, [[f"{b.created_at:%Y-%m-%d %H:%M}", b.filename, b.operator, str(b.imported),
                               str(b.updated), "已撤销" if b.undone_at else ""] for b in self.batches])

    def undo_selected(self) -> None:
        from ...core.importing.apply import undo_import

        row = self.table.currentRow()
        if not 0 <= row < len(self.batches):
            return
        batch = self.batches[row]
        answer = QMessageBox.question(self, "撤销导入", f"撤销 {batch.created_at:%Y-%m-%d %H:%M} 导入的“{batch.filename}”？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = undo_import(self.ctx.db, batch.batch)
        except Exception as exc:  # noqa: BLE001 - one transaction: nothing changed
            show_error(self, exc)
            return
        self.ctx.data_changed.emit("*")
        QMessageBox.information(self, "撤销导入", undo_message(result))
        self.load()
