"""Picking members from the ledger by name, pinyin or initials (typing zs finds 张三)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext

UUID_ROLE = Qt.ItemDataRole.UserRole


class _SearchEdit(QLineEdit):
    """Down moves into the results; Enter takes the highlighted (or only) result."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class MemberPicker(QWidget):
    """Search results on the left, the chosen members on the right (or one, if ``single``)."""

    selection_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, single: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.single = single
        self._chosen: list[Any] = []  # MemberChoice
        self._generation = 0
        self._take_when_shown = False

        self.search = _SearchEdit(self)
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText("姓名 / 拼音 / 首字母，如 zs")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("memberResults")
        self.chosen_list = QListWidget(self)
        self.chosen_list.setObjectName("memberChosen")
        self.count_label = QLabel(self)
        self.remove_button = QPushButton("移除" if not single else "清除", self)

        if single:  # search, results, then "已选：张三 [清除]" underneath
            self.chosen_list.setVisible(False)
            self.results.setMaximumHeight(120)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.search)
            layout.addWidget(self.results)
            row = QHBoxLayout()
            row.addWidget(self.count_label, 1)
            row.addWidget(self.remove_button)
            layout.addLayout(row)
        else:
            left = QVBoxLayout()
            left.addWidget(self.search)
            left.addWidget(self.results)
            right = QVBoxLayout()
            right.addWidget(self.count_label)
            right.addWidget(self.chosen_list)
            right.addWidget(self.remove_button)
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addLayout(left, 3)
            layout.addLayout(right, 2)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._take_current)
        self.search.down.connect(self._focus_results)
        self.results.itemActivated.connect(lambda item: self._add(item.data(UUID_ROLE)))
        self.results.itemDoubleClicked.connect(lambda item: self._add(item.data(UUID_ROLE)))
        self.remove_button.clicked.connect(self._remove_selected)
        self._found: dict[str, Any] = {}
        self._update_count()
        self._run_search()

    # -- searching -------------------------------------------------------------
    def _run_search(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.member_lookup import search_members

        self._generation += 1
        generation, query, db = self._generation, self.search.text(), self.ctx.db
        self.ctx.tasks.run(lambda _p: search_members(db, query, limit=60),
                           lambda found: self._show(generation, found))

    def _show(self, generation: int, found: Sequence[Any]) -> None:
        if generation != self._generation:
            return  # an older search finished late
        self.results.clear()
        self._found = {m.uuid: m for m in found}
        taken = {m.uuid for m in self._chosen}
        for m in found:
            item = QListWidgetItem(m.label + ("　（已选）" if m.uuid in taken else ""))
            item.setData(UUID_ROLE, m.uuid)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        if self._take_when_shown:
            self._take_when_shown = False
            self._take_current()

    def _focus_results(self) -> None:
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(min(1, self.results.count() - 1) if self.results.currentRow() == 0 else 0)

    def _take_current(self) -> None:
        if self._debounce.isActive():  # Enter typed before the search ran: take the result when it comes
            self._debounce.stop()
            self._take_when_shown = True
            self._run_search()
            return
        item = self.results.currentItem() or (self.results.item(0) if self.results.count() == 1 else None)
        if item is not None:
            self._add(item.data(UUID_ROLE))
            self.search.selectAll()

    # -- choosing --------------------------------------------------------------
    def _add(self, uuid: str) -> None:
        member = self._found.get(uuid)
        if member is None or any(m.uuid == uuid for m in self._chosen):
            return
        self._chosen = [member] if self.single else [*self._chosen, member]
        self._refresh_chosen()

    def _remove_selected(self) -> None:
        if self.single:
            self._chosen = []
        else:
            gone = {i.data(UUID_ROLE) for i in self.chosen_list.selectedItems()}
            if not gone and self.chosen_list.currentItem() is not None:
                gone = {self.chosen_list.currentItem().data(UUID_ROLE)}
            self._chosen = [m for m in self._chosen if m.uuid not in gone]
        self._refresh_chosen()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete and self.chosen_list.hasFocus():
            self._remove_selected()
            return
        super().keyPressEvent(event)

    def _refresh_chosen(self) -> None:
        self.chosen_list.clear()
        for m in self._chosen:
            item = QListWidgetItem(m.label)
            item.setData(UUID_ROLE, m.uuid)
            self.chosen_list.addItem(item)
        self._update_count()
        self._show(self._generation, list(self._found.values()))
        self.selection_changed.emit()

    def _update_count(self) -> None:
        if self.single:
            self.count_label.setText("已选：" + (self._chosen[0].name if self._chosen else "（未选）"))
        else:
            self.count_label.setText(f"已选 {len(self._chosen)} 人")

    def set_selected(self, members: Sequence[Any]) -> None:
        self._chosen = list(members)[:1] if self.single else list(members)
        self._refresh_chosen()

    def selected(self) -> list[Any]:
        return list(self._chosen)

    def selected_uuids(self) -> list[str]:
        return [m.uuid for m in self._chosen]
