"""人民调解: mediation cases (警调联动 included), with a masked printable ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.documents.masking import mask_name, split_names
from ...core.domain.vocab import MEDIATION_OUTCOMES
from ..context import AppContext
from .columns import where
from .filter_bar import FilterBar
from .page_base import PageBase, trash_with_undo, write_file
from .row_model import Column, RowTableModel
from .table_view import RowTable

OUTCOME_FILTERS = (("open", "调解中"), *MEDIATION_OUTCOMES.items())


class MediationPage(PageBase):
    tables = ("mediation_case", "member", "station")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.stations: list = []
        self.filters = FilterBar(self, kinds=False, statuses=OUTCOME_FILTERS, period_caption="受理日期",
                                 search_hint="搜索当事人、纠纷类型、地点、案情")
        self.new_button = QPushButton("登记案件", self)
        self.edit_button = QPushButton("编辑", self)
        self.delete_button = QPushButton("删除", self)
        self.print_button = QPushButton("打印台账…", self)
        self.print_button.setToolTip("生成调解台账 PDF；当事人姓名自动脱敏（如 张**）")
        self.mask_box = QCheckBox("屏幕上也隐去当事人姓名", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("mediationSummary")
        self.model = RowTableModel([
            Column("受理日期", lambda r: r.opened_on, width=95),
            Column("当事人", self._parties, tooltip=self._parties, width=160),
            Column("纠纷类型", lambda r: r.dispute_type, width=90),
            Column("调解地点", lambda r: where(r.station_name, r.place), tooltip=lambda r: where(r.station_name, r.place),
                   width=200),
            Column("调解委员", lambda r: r.mediator_names, width=150),
            Column("调解结果", lambda r: r.outcome_label, width=80),
            Column("结案日期", lambda r: r.closed_on, width=95),
            Column("案情与处理", lambda r: "（已隐去）" if self.mask_box.isChecked() else r.summary.replace("\n", " "),
                   width=240),
        ], self)
        self.table = RowTable(self.model, self, stretch=7)
        self.table.setObjectName("mediationTable")

        top = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.delete_button, self.print_button):
            top.addWidget(w)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.mask_box)
        layout.addLayout(bottom)

        self.filters.changed.connect(self.refresh)
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(lambda: self.open_editor(self.table.current()))
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button.clicked.connect(self.print_ledger)
        self.mask_box.toggled.connect(lambda _on: self.model.set_rows(self.model.rows))
        self.table.row_activated.connect(self.open_editor)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _parties(self, row: Any) -> str:
        names = split_names(row.parties)
        return "、".join(mask_name(n) for n in names) if self.mask_box.isChecked() else "、".join(names)

    def _filter(self) -> Any:
        from ...core.services.mediation import MediationFilter

        v = self.filters.values()
        return MediationFilter(station_uuid=v.station_uuid, outcome=v.status, date_from=v.date_from,
                               date_to=v.date_to, text=v.text)

    def refresh(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.mediation import list_cases
        from ...core.services.member_lookup import list_stations

        db, f = self.ctx.db, self._filter()
        self.run(lambda _p: (list_stations(db), list_cases(db, f)), self._show)

    def _show(self, result: tuple) -> None:
        self.stations, rows = result
        self.filters.set_stations(self.stations)
        self.model.set_rows(rows)
        counts = {label: sum(1 for r in rows if r.outcome == code) for code, label in MEDIATION_OUTCOMES.items()}
        pending = sum(1 for r in rows if not r.outcome)
        self.summary.setText(f"共 {len(rows)} 件：" + "，".join(f"{k} {v} 件" for k, v in counts.items())
                             + f"，调解中 {pending} 件")

    def open_editor(self, row: Any) -> None:
        from .mediation_editor import MediationEditorDialog

        self.dialog = MediationEditorDialog(self.ctx, stations=self.stations, row=row, parent=self)
        if self.dialog.exec():
            self.changed("mediation_case")
            self.changed("duty_record")

    def delete_selected(self) -> None:
        rows = self.table.selected()
        if not rows or not self.confirm("删除调解案件", f"将选中的 {len(rows)} 件调解案件移入回收站？（可撤销）"):
            return
        from ...core.services.mediation import delete_cases, restore_cases

        db, uuids = self.ctx.db, [r.uuid for r in rows]
        trash_with_undo(self, f"删除 {len(uuids)} 件调解案件", "mediation_case",
                        lambda: delete_cases(db, uuids), lambda: restore_cases(db, uuids))

    def print_ledger(self, _checked: bool = False, target: str | None = None) -> None:
        """Save the masked ledger as PDF (the clerk prints it from the PDF viewer)."""
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "保存调解台账", str(Path.home() / "调解台账.pdf"),
                                                    "PDF 文件 (*.pdf)")
            if not target:
                return
        from ...core.services.mediation import mediation_pdf

        db, f, period = self.ctx.db, self._filter(), self.filters.period.currentText()
        label = "" if period == "全部时间" else period

        def done(path: str) -> None:
            self.ctx.status_message.emit(f"调解台账已保存：{path}")
            self.saved_pdf = path
            if self.open_after_save:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        self.run(lambda _p: write_file(target, mediation_pdf(db, f, label)), done, title="正在生成调解台账")
