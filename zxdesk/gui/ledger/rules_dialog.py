"""The assessment rules of the committee (forms/assessment_rules.ui): indicators, which duty
types and outcomes count, minimum counts, the duty-report requirement, points per type."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QListWidgetItem,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from ..forms.ui_assessment_rules import Ui_RulesForm


class RulesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from ...core.domain.vocab import DUTY_TYPES
        from ...core.services.assessment_rules import load_rules

        self.ctx = ctx
        self.ui = Ui_RulesForm()
        self.ui.setupUi(self)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        loaded = load_rules(ctx.db)
        self.rules = [replace(r, duty_types=list(r.duty_types), outcomes=list(r.outcomes)) for r in loaded.indicators]
        self.points = dict(loaded.points)
        self._updating = False
        for code, label in DUTY_TYPES.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.typesList.addItem(item)
        self._show_rules()
        self._show_points()
        self.ui.rulesTable.currentCellChanged.connect(lambda *_a: self._show_detail())
        self.ui.rulesTable.itemChanged.connect(self._label_edited)
        self.ui.typesList.itemChanged.connect(lambda _i: self._types_edited())
        self.ui.outcomesList.itemChanged.connect(lambda _i: self._outcomes_edited())
        self.ui.addRuleButton.clicked.connect(self.add_rule)
        self.ui.removeRuleButton.clicked.connect(self.remove_rule)
        self.ui.upButton.clicked.connect(lambda: self.move(-1))
        self.ui.downButton.clicked.connect(lambda: self.move(1))
        self.ui.resetButton.clicked.connect(self.reset)
        if self.rules:
            self.ui.rulesTable.setCurrentCell(0, 0)

    # -- showing ---------------------------------------------------------------
    def _show_rules(self) -> None:
        from ...core.services.assessment_rules import KINDS

        self._updating = True
        table = self.ui.rulesTable
        table.setRowCount(len(self.rules))
        for r, rule in enumerate(self.rules):
            table.setItem(r, 0, QTableWidgetItem(rule.label))
            kind = QComboBox()
            for code, label in KINDS.items():
                kind.addItem(label, code)
            kind.setCurrentIndex(max(kind.findData(rule.kind), 0))
            kind.currentIndexChanged.connect(lambda _i, rr=r, box=kind: self._set(rr, kind=box.currentData()))
            table.setCellWidget(r, 1, kind)
            count = QSpinBox()
            count.setRange(1, 100)
            count.setValue(rule.min_count)
            count.valueChanged.connect(lambda v, rr=r: self._set(rr, min_count=v))
            table.setCellWidget(r, 2, count)
            described = QTableWidgetItem(rule.describe())
            described.setFlags(described.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, 3, described)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self._updating = False

    def _show_points(self) -> None:
        from ...core.domain.vocab import DUTY_TYPES

        table = self.ui.pointsTable
        table.setRowCount(len(DUTY_TYPES))
        self.point_spins: dict[str, QDoubleSpinBox] = {}
        for r, (code, label) in enumerate(DUTY_TYPES.items()):
            item = QTableWidgetItem(label)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, 0, item)
            spin = QDoubleSpinBox()
            spin.setRange(0, 1000)
            spin.setDecimals(1)
            spin.setValue(float(self.points.get(code, 0)))
            table.setCellWidget(r, 1, spin)
            self.point_spins[code] = spin
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def current(self) -> int:
        return self.ui.rulesTable.currentRow()

    def _show_detail(self) -> None:
        from ...core.domain.vocab import DUTY_OUTCOMES

        r = self.current()
        if not 0 <= r < len(self.rules):
            return
        rule = self.rules[r]
        self._updating = True
        for i in range(self.ui.typesList.count()):
            item = self.ui.typesList.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in rule.duty_types
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.ui.outcomesList.clear()
        for outcome in dict.fromkeys(o for t in rule.duty_types for o in DUTY_OUTCOMES.get(t, ())):
            item = QListWidgetItem(outcome)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if outcome in rule.outcomes else Qt.CheckState.Unchecked)
            self.ui.outcomesList.addItem(item)
        self._updating = False

    # -- editing ---------------------------------------------------------------
    def _set(self, row: int, **values) -> None:
        if 0 <= row < len(self.rules):
            self.rules[row] = replace(self.rules[row], **values)
            self._refresh_description(row)

    def _refresh_description(self, row: int) -> None:
        item = self.ui.rulesTable.item(row, 3)
        if item is not None:
            self._updating = True
            item.setText(self.rules[row].describe())
            self._updating = False

    def _label_edited(self, item: QTableWidgetItem) -> None:
        if not self._updating and item.column() == 0:
            self._set(item.row(), label=item.text())

    def _types_edited(self) -> None:
        if self._updating:
            return
        lst = self.ui.typesList
        types = [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
                 if lst.item(i).checkState() == Qt.CheckState.Checked]
        r = self.current()
        from ...core.domain.vocab import DUTY_OUTCOMES

        allowed = {o for t in types for o in DUTY_OUTCOMES.get(t, ())}
        self._set(r, duty_types=types, outcomes=[o for o in self.rules[r].outcomes if o in allowed])
        self._show_detail()

    def _outcomes_edited(self) -> None:
        if self._updating:
            return
        lst = self.ui.outcomesList
        outcomes = [lst.item(i).text() for i in range(lst.count()) if lst.item(i).checkState() == Qt.CheckState.Checked]
        self._set(self.current(), outcomes=outcomes)

    def add_rule(self) -> None:
        from ...core.services.assessment_rules import IndicatorRule

        codes = {r.code for r in self.rules}
        n = 1
        while f"custom{n}" in codes:
            n += 1
        self.rules.append(IndicatorRule(f"custom{n}", "新指标", ["lecture"], [], 1))
        self._show_rules()
        self.ui.rulesTable.setCurrentCell(len(self.rules) - 1, 0)

    def remove_rule(self) -> None:
        r = self.current()
        if 0 <= r < len(self.rules):
            del self.rules[r]
            self._show_rules()
            self.ui.rulesTable.setCurrentCell(min(r, len(self.rules) - 1), 0)

    def move(self, step: int) -> None:
        r = self.current()
        target = r + step
        if 0 <= r < len(self.rules) and 0 <= target < len(self.rules):
            self.rules[r], self.rules[target] = self.rules[target], self.rules[r]
            self._show_rules()
            self.ui.rulesTable.setCurrentCell(target, 0)

    def reset(self) -> None:
        from ...core.services.assessment_rules import default_rules

        defaults = default_rules()
        self.rules = defaults.indicators
        self.points = defaults.points
        self._show_rules()
        self._show_points()
        self.ui.rulesTable.setCurrentCell(0, 0)

    def collected(self):
        from ...core.services.assessment_rules import Rules

        return Rules(self.rules, {code: spin.value() for code, spin in self.point_spins.items()})

    def accept(self) -> None:
        from ...core.errors import ValidationError
        from ...core.services.assessment_rules import save_rules

        try:
            save_rules(self.ctx.db, self.collected())
        except ValidationError as exc:
            self.ui.errorLabel.setText(exc.zh)
            return
        except Exception as exc:  # noqa: BLE001 - nothing saved
            show_error(self, exc, "无法保存规则")
            return
        super().accept()
