"""What the commitments tab can do: its actions (toolbar, shortcuts) and their handlers.

Every write runs a core service on the task runner; deletes go to the trash and onto
the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ...core.domain.periods import label as period_label
from ..errors import show_error

if TYPE_CHECKING:
    from ..tabs.commitments import CommitmentsTab

SETTINGS_REVIEWER = "commitments/reviewer"


class TrashCommand(QUndoCommand):
    """Delete (to the trash) on redo, restore on undo; ``kind`` 'commitment' or 'update'."""

    def __init__(self, tab: CommitmentsTab, kind: str, uuids: list[str], text: str):
        super().__init__(text)
        self.tab, self.kind, self.uuids = tab, kind, list(uuids)

    def _run(self, delete: bool) -> None:
        from ...core.services import commitment_progress as prog
        from ...core.services import commitments as svc

        db, uuids, kind = self.tab.ctx.db, self.uuids, self.kind

        def work(_p):
            if kind == "update":
                for u in uuids:
                    (prog.delete_update if delete else prog.restore_update)(db, u)
            else:
                (svc.delete_commitments if delete else svc.restore_commitments)(db, uuids)

        select = None if delete or kind == "update" else uuids[0]
        self.tab.ctx.tasks.run(work, lambda _r: self.tab.after_write(select))

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)


class CommitmentActions:
    def __init__(self, tab: CommitmentsTab):
        self.tab = tab
        self.ctx = tab.ctx
        a = self._action
        self.new = a("新建承诺", self.create, QKeySequence.StandardKey.New, "新建一项承诺（Ctrl+N）")
        self.edit_action = a("修改", self.edit, "F2", "修改所选承诺和拟办实事（F2 或双击）")
        self.progress = a("记录进展", self.add_update, "Ctrl+G", "记录践诺进展、佐证材料和关联履职记录（Ctrl+G）")
        self.status = a("更改状态", self.change_status, "Ctrl+T", "更改所选承诺的状态（Ctrl+T）")
        self.review = a("期末评议", self.review_selected, "Ctrl+E", "对所选承诺做期末评议（Ctrl+E）")
        self.carry = a("结转上期", self.carry_over, None, "把上一期未兑现的承诺结转到本期")
        self.rates = a("兑现率", self.show_rates, "Ctrl+L", "按主体、活动组、工作站统计兑现率（Ctrl+L）")
        self.delete = a("删除", self.delete_selected, QKeySequence.StandardKey.Delete, "移入回收站，可撤销（Del）")
        self.trash = a("回收站", self.show_trash, None, "恢复已删除的承诺")

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self.tab)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def all(self) -> list[QAction | None]:
        return [self.new, self.edit_action, None, self.progress, self.status, self.review, None, self.carry,
                self.rates, None, self.delete, self.trash]

    def update_enabled(self, selected: int) -> None:
        for action in (self.edit_action, self.progress):
            action.setEnabled(selected == 1)
        for action in (self.status, self.review, self.delete):
            action.setEnabled(selected >= 1)

    def current_uuid(self) -> str | None:
        uuids = self.tab.selected_uuids()
        return uuids[0] if uuids else None

    def _fail(self, exc: BaseException) -> None:
        show_error(self.tab, exc)

    def _show(self, dialog: QDialog, on_accepted: Callable[[], None] | None) -> None:
        """Open a window-modal dialog without blocking; ``tab.dialog`` is the open one."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_accepted is not None:
            dialog.accepted.connect(on_accepted)
        self.tab.dialog = dialog

        def forget(*_args) -> None:
            if self.tab.dialog is dialog:
                self.tab.dialog = None

        dialog.finished.connect(forget)
        dialog.open()

    # -- editing -----------------------------------------------------------------
    def create(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        uuid = self.current_uuid()
        if uuid:
            self._open_editor(uuid)

    def _open_editor(self, uuid: str | None) -> None:
        from ...core.services import commitments as svc
        from ...core.services.commitment_owners import editor_choices

        db = self.ctx.db
        if db is None:
            return
        period = self.tab.current_filter().period

        def load(_p):
            return editor_choices(db), (svc.get_commitment(db, uuid) if uuid else None)

        def opened(result) -> None:
            from .editor import CommitmentEditor

            choices, detail = result
            if uuid:
                def save(inp):
                    svc.update_commitment(db, uuid, inp)
                    return uuid
            else:
                def save(inp):
                    return svc.create_commitment(db, inp)
            dialog = CommitmentEditor(self.ctx, choices, save, detail, period, self.tab)
            self._show(dialog, lambda: self.tab.after_write(dialog.saved_uuid))

        self.ctx.tasks.run(load, opened, self._fail)

    # -- fulfilment ---------------------------------------------------------------------
    def _title(self) -> str:
        index = self.tab.view.currentIndex()
        row = self.tab.model.row_tuple(index.row()) if index.isValid() else None
        return f"{row[3]}：{row[6][:40]}" if row else ""

    def add_update(self) -> None:
        from .dialogs import UpdateDialog

        uuid = self.current_uuid()
        if uuid and self.ctx.db is not None:
            self._show(UpdateDialog(self.ctx, uuid, self._title(), self.tab), lambda: self.tab.after_write(uuid))

    def change_status(self) -> None:
        from ...core.domain.commitment_terms import COL
        from .dialogs import StatusDialog

        uuids = self.tab.selected_uuids()
        if not uuids:
            return
        row = self.tab.model.row_tuple(self.tab.model.row_of(uuids[0]))
        self._show(StatusDialog(self.ctx, uuids, row[COL["status"]], self.tab),
                   lambda: self.tab.after_write(uuids[0]))

    def review_selected(self) -> None:
        from .dialogs import ReviewDialog

        uuids = self.tab.selected_uuids()
        if not uuids:
            return
        scope = f"评议所选 {len(uuids)} 项承诺" if len(uuids) > 1 else f"评议：{self._title()}"
        reviewer = QSettings().value(SETTINGS_REVIEWER, "", type=str)
        dialog = ReviewDialog(self.ctx, uuids, scope, self.tab, reviewer)

        def reviewed() -> None:
            QSettings().setValue(SETTINGS_REVIEWER, dialog.ui.reviewerEdit.text().strip())
            self.tab.after_write(uuids[0])

        self._show(dialog, reviewed)
        if len(uuids) == 1:
            from ...core.services.commitments import get_commitment

            db = self.ctx.db
            self.ctx.tasks.run(lambda _p: get_commitment(db, uuids[0]),
                               lambda detail: dialog.show_existing(detail) if self.tab.dialog is dialog else None)

    # -- carrying over -------------------------------------------------------------------
    def carry_target(self) -> str | None:
        """Ask which period to carry into (default: the filtered period, else the next)."""
        from ...core.domain.periods import Period

        chosen = self.tab.current_filter().period
        current = Period.current()
        codes = sorted({current.code, current.next().code, current.previous().code,
                        *([chosen] if chosen else [])}, reverse=True)
        default = chosen or current.code
        labels = [f"{period_label(c)}（从{period_label(Period.parse(c).previous().code)}结转）" for c in codes]
        text, ok = QInputDialog.getItem(self.tab, "结转上期承诺", "结转到：", labels, codes.index(default), False)
        return codes[labels.index(text)] if ok else None

    def carry_over(self) -> None:
        from ...core.services.commitment_carry import carry_candidates

        db = self.ctx.db
        target = self.carry_target()
        if db is None or target is None:
            return
        self.ctx.tasks.run(lambda _p: carry_candidates(db, target),
                           lambda counts: self._confirm_carry(target, *counts), self._fail)

    def _confirm_carry(self, target: str, todo: int, done: int) -> None:
        from ...core.domain.periods import Period
        from ...core.services.commitment_carry import carry_over

        db = self.ctx.db
        source = period_label(Period.parse(target).previous().code)
        if todo == 0:
            QMessageBox.information(self.tab, "结转上期承诺",
                                    f"{source}没有需要结转的承诺（已结转过 {done} 项）。")
            return
        answer = QMessageBox.question(
            self.tab, "结转上期承诺",
            f"将把{source}未兑现的 {todo} 项承诺复制到{period_label(target)}。\n"
            f"已结转过的 {done} 项不会重复。是否继续？")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def finished(result) -> None:
            self.ctx.status_message.emit(f"已结转 {result.created} 项承诺到{period_label(result.to_period)}")
            self.tab.show_period(target)
            self.tab.after_write(None)

        self.ctx.tasks.run(lambda p: carry_over(db, target, p), finished, self._fail, title="结转承诺",
                           parent=self.tab)

    # -- rates, delete, trash, evidence -------------------------------------------------
    def show_rates(self) -> None:
        from .rates import RatesDialog

        options = self.tab._options
        periods = options.periods if options else []
        period = self.tab.current_filter().period or (periods[0] if periods else "")
        self._show(RatesDialog(self.ctx, periods, period, self.tab), None)

    def delete_selected(self) -> None:
        uuids = self.tab.selected_uuids()
        if not uuids:
            return
        answer = QMessageBox.question(self.tab, "删除承诺",
                                      f"把所选 {len(uuids)} 项承诺移入回收站？\n可以撤销（Ctrl+Z），也可以在回收站中恢复。")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.undo_stack.push(TrashCommand(self.tab, "commitment", uuids, f"删除 {len(uuids)} 项承诺"))

    def delete_update(self, update_uuid: str) -> None:
        answer = QMessageBox.question(self.tab, "删除进展", "删除这条进展记录？可以撤销（Ctrl+Z）。")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.undo_stack.push(TrashCommand(self.tab, "update", [update_uuid], "删除进展"))

    def show_trash(self) -> None:
        from .trash import TrashDialog

        dialog = TrashDialog(self.ctx, self.tab)
        self._show(dialog, lambda: self.tab.after_write(dialog.restored[0] if dialog.restored else None))

    def open_attachment(self, sha256: str, name: str) -> None:
        """Open evidence with the system's viewer, from a copy under its own file name
        (the store keeps files by hash, without extensions)."""
        import shutil
        import tempfile
        from pathlib import Path

        from ...core.services.attachments import stored_path

        db = self.ctx.db
        if db is None:
            return
        path = stored_path(db, sha256)
        if not path.exists():
            QMessageBox.warning(self.tab, "打开材料", f"找不到材料文件“{name}”，可能尚未同步到本机。")
            return
        copy = Path(tempfile.gettempdir()) / "zxdesk-evidence" / sha256[:12] / Path(name).name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))


__all__ = ["CommitmentActions", "TrashCommand"]
