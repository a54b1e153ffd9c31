"""The mediation case editor (forms/mediation_editor.ui)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.domain.vocab import MEDIATION_OUTCOMES
from ..context import AppContext
from ..forms.ui_mediation_editor import Ui_MediationEditor
from .member_picker import MemberPicker
from .page_base import SavingDialog

DISPUTE_TYPES = ("婚姻家庭", "邻里纠纷", "房屋宅基地", "土地承包", "山林土地", "劳动争议", "损害赔偿", "合同债务",
                 "物业纠纷", "征地拆迁", "其他")


class MediationEditorDialog(SavingDialog):
    def __init__(self, ctx: AppContext, *, stations: list, row: Any = None, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.result_value: Any = None
        self.ui = Ui_MediationEditor()
        self.ui.setupUi(self)
        self.error_label, self.buttons = self.ui.errorLabel, self.ui.buttonBox
        self.setWindowTitle("编辑调解案件" if row else "登记调解案件")
        self.picker = MemberPicker(ctx, self.ui.mediatorsHost)
        layout = QVBoxLayout(self.ui.mediatorsHost)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        self.ui.disputeCombo.addItems(DISPUTE_TYPES)
        self.ui.disputeCombo.setCurrentIndex(-1)
        self.ui.stationCombo.addItem("（不指定工作站）", None)
        for st in stations:
            self.ui.stationCombo.addItem(st.name, st.uuid)
        self.ui.outcomeCombo.addItem("调解中", "")
        for code, label in MEDIATION_OUTCOMES.items():
            self.ui.outcomeCombo.addItem(label, code)
        today_q = QDate(today or dt.date.today())
        self.ui.openedEdit.setDate(today_q)
        self.ui.closedEdit.setDate(today_q)
        self.ui.outcomeCombo.currentIndexChanged.connect(self._outcome_changed)
        self.ui.buttonBox.accepted.connect(self.save)
        if row is not None:
            self.ui.partiesEdit.setPlainText(row.parties)
            self.ui.disputeCombo.setCurrentText(row.dispute_type)
            self.ui.stationCombo.setCurrentIndex(max(self.ui.stationCombo.findData(row.station_uuid), 0)
                                                 if row.station_uuid else 0)
            self.ui.placeEdit.setText(row.place)
            self.ui.openedEdit.setDate(QDate(row.opened_on))
            self.ui.outcomeCombo.setCurrentIndex(self.ui.outcomeCombo.findData(row.outcome))
            if row.closed_on:
                self.ui.closedEdit.setDate(QDate(row.closed_on))
            self.ui.summaryEdit.setPlainText(row.summary)
            self.picker.set_selected(list(row.mediators))
        self._outcome_changed()

    def _outcome_changed(self, *_args) -> None:
        self.ui.closedEdit.setEnabled(bool(self.ui.outcomeCombo.currentData()))

    def payload(self) -> Any:
        from ...core.services.mediation import MediationInput

        outcome = self.ui.outcomeCombo.currentData()
        return MediationInput(
            parties=self.ui.partiesEdit.toPlainText(), opened_on=self.ui.openedEdit.date().toPython(),
            mediator_uuids=self.picker.selected_uuids(), dispute_type=self.ui.disputeCombo.currentText(),
            place=self.ui.placeEdit.text(), station_uuid=self.ui.stationCombo.currentData(),
            summary=self.ui.summaryEdit.toPlainText().strip(), outcome=outcome,
            closed_on=self.ui.closedEdit.date().toPython() if outcome else None,
            uuid=self.row.uuid if self.row else None)

    def save(self) -> None:
        from ...core.services.mediation import save_case

        data, db = self.payload(), self.ctx.db
        self.submit(lambda: save_case(db, data))
