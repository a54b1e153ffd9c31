"""The 年度考核 page: ✓/✗ per indicator, who falls short, ranking, the excellent-member
selection with its reason, the rules, and the export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .assessment_model import AssessmentModel
from .member_dialog import set_rows


class EvidenceDialog(QDialog):
    """The records that earned a ✓."""

    def __init__(self, title: str, records, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 300)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["日期", "类型", "标题", "成果", "分值"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        set_rows(self.table, [[r.occurred_on.isoformat(), r.type_label, r.title, r.outcome, f"{r.points:g}"]
                              for r in records])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class AssessmentPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年度")
        self.only_short = QCheckBox("只看未达标")
        self.rules_button = QPushButton("考核规则…")
        self.select_button = QPushButton("评为优秀委员…")
        self.unselect_button = QPushButton("取消评选")
        self.save_button = QPushButton("保存考核结果")
        self.export_button = QPushButton("导出 Excel…")
        top = QHBoxLayout()
        for w in (QLabel("考核年度"), self.year, self.only_short):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.rules_button)
        actions = QHBoxLayout()
        for w in (self.select_button, self.unselect_button, self.save_button, self.export_button):
            actions.addWidget(w)
        actions.addStretch(1)

        self.model = AssessmentModel(self)
        self.table = QTableView()
        self.table.setObjectName("assessmentTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.clicked.connect(self.cell_clicked)

        self.short_list = QListWidget()
        self.short_title = QLabel("未达标委员")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.short_title)
        side_layout.addWidget(self.short_list)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.summary = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)

        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.only_short.toggled.connect(self.model.set_only_short)
        self.rules_button.clicked.connect(self.edit_rules)
        self.select_button.clicked.connect(self.select_member)
        self.unselect_button.clicked.connect(self.unselect_member)
        self.save_button.clicked.connect(self.save_results)
        self.export_button.clicked.connect(lambda: self.export())
        ctx.data_changed.connect(lambda t: self.refresh() if t in ("duty_record", "member", "*") and
                                 self.isVisible() else None)

    def refresh(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.assessment import assess_year

        db, year = self.ctx.db, self.year.value()
        self.busy = True
        self.ctx.tasks.run(lambda _p: assess_year(db, year), self._shown, self._failed)

    def _shown(self, assessment) -> None:
        self.busy = False
        self.assessment = assessment
        self.model.set_assessment(assessment)
        self.table.resizeColumnsToContents()
        self.short_title.setText(f"未达标委员（{len(assessment.short)} 人）")
        self.short_list.clear()
        for row in assessment.short:
            self.short_list.addItem(f"{row.name}：缺 {'、'.join(row.missing)}")
        total = len(assessment.rows)
        self.summary.setText(f"{assessment.year} 年度参加考核 {total} 人，达标 {total - len(assessment.short)} 人，"
                             f"未达标 {len(assessment.short)} 人，已评优秀委员 {len(assessment.selected)} 人。"
                             "点击 ✓ 可查看相应的履职记录。")

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def cell_clicked(self, index: QModelIndex) -> None:
        rule = self.model.indicator_at(index)
        row = self.model.rows[index.row()]
        if rule is None or not row.met[rule.code]:
            return
        from ...core.services.assessment import indicator_records

        records = indicator_records(self.ctx.db, self.year.value(), row.uuid, rule.code)
        EvidenceDialog(f"{row.name} — {rule.label}（{self.year.value()} 年）", records, self).exec()

    def select_member(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from ...core.services.assessment import set_selection

        default = row.reason or (f"积分 {row.points:g}，排名第 {row.rank}" + ("，各项指标全部完成" if row.passed else ""))
        reason, ok = QInputDialog.getMultiLineText(self, "评为优秀委员", f"{row.name}：评选理由", default)
        if not ok:
            return
        try:
            set_selection(self.ctx.db, self.year.value(), row.uuid, True, reason)
        except Exception as exc:  # noqa: BLE001 - shown; nothing changed
            show_error(self, exc)
            return
        self.refresh()

    def unselect_member(self) -> None:
        row = self.current_row()
        if row is None or not row.selected:
            return
        from ...core.services.assessment import set_selection

        set_selection(self.ctx.db, self.year.value(), row.uuid, False)
        self.refresh()

    def save_results(self) -> None:
        from ...core.services.assessment import save_results

        db, year = self.ctx.db, self.year.value()
        self.ctx.tasks.run(lambda _p: save_results(db, year),
                           lambda n: self.ctx.status_message.emit(f"已保存 {year} 年度 {n} 名委员的考核结果"),
                           self._failed, title="保存考核结果", parent=self)

    def edit_rules(self) -> None:
        from .rules_dialog import RulesDialog

        if RulesDialog(self.ctx, self).exec():
            self.refresh()

    def export(self, path: str | None = None) -> None:
        year = self.year.value()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "导出考核结果", f"{year}年度委员考核.xlsx", "Excel 工作簿 (*.xlsx)")
            if not path:
                return
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        from ...core.importing.assessment_export import export_assessment

        db = self.ctx.db
        self.ctx.tasks.run(lambda _p: export_assessment(db, year, path),
                           lambda n: self.ctx.status_message.emit(f"已导出 {year} 年度考核（{n} 人）到 {path}"),
                           self._failed, title="导出考核结果", parent=self)
