"""The roster import wizard: choose a file → check and correct the column mapping →
dry run with a reason per row → import in one transaction, undoable as a whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..context import AppContext
from ..errors import show_error
from .import_history import undo_message

OUTCOME_LABELS = {"imported": "新增", "updated": "更新", "rejected": "未导入"}
_RED = QColor("#c62828")


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第一步：选择名册文件")
        self.setSubTitle("支持 Excel（.xlsx、.xls）和 CSV（UTF-8 或 GBK 编码）。表格上方可以有标题行，可以有合并单元格。")
        self.path = QLineEdit()
        self.path.setPlaceholderText("名册文件的位置")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("path*", self.path)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择名册", "", "名册 (*.xlsx *.xls *.csv);;所有文件 (*)")
        if path:
            self.path.setText(path)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        from ...core.importing.members_import import open_roster

        try:
            self.wiz.roster = open_roster(self.wiz.ctx.db, self.path.text().strip())
        except Exception as exc:  # noqa: BLE001 - the reason is shown on the page
            self.error.setText(getattr(exc, "zh", None) or f"无法读取：{exc}")
            return False
        self.error.setText("")
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第二步：核对各列对应的项目")
        self.setSubTitle("已按表头自动对应；如有不对，请在第一行改选。不需要的列选“（不导入）”。")
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("mappingTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.save = QCheckBox("记住这种表格的对应关系（下次导入同样表头的名册时自动使用）")
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save)
        layout.addWidget(self.error)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from ...core.importing.headers import FIELDS

        roster = self.wiz.roster
        preview = roster.preview(20)
        headers = roster.headers
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(2 + len(preview))
        self.table.setVerticalHeaderLabels(["导入为", "表头"] + [str(roster.header_row + 2 + i)
                                                              for i in range(len(preview))])
        self.combos = []
        for c, header in enumerate(headers):
            box = QComboBox()
            box.addItem("（不导入）", "")
            for key, label in FIELDS.items():
                box.addItem(label, key)
            box.setCurrentIndex(max(box.findData(roster.mapping[c] if c < len(roster.mapping) else ""), 0))
            self.table.setCellWidget(0, c, box)
            self.combos.append(box)
            item = QTableWidgetItem(header)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.table.setItem(1, c, item)
            for r, row in enumerate(preview):
                self.table.setItem(2 + r, c, QTableWidgetItem(row[c] if c < len(row) else ""))
        self.table.resizeColumnsToContents()
        for c in range(len(headers)):
            self.table.setColumnWidth(c, max(self.table.columnWidth(c), 120))
        source = "已使用保存过的对应关系。" if roster.mapping_saved else ""
        encoding = f"文件编码：{roster.sheet.encoding.upper()}。" if roster.sheet.encoding else ""
        self.info.setText(f"“{roster.path.name}”：表头在第 {roster.header_row + 1} 行，其下共 {roster.data_rows} 行。"
                          f"{encoding}{source}下面是前 {len(preview)} 行。")
        self.save.setChecked(False)
        self.error.setText("")

    def mapping(self) -> list[str]:
        return [box.currentData() or "" for box in self.combos]

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        from ...core.errors import ValidationError
        from ...core.importing.mappings import save_mapping
        from ...core.importing.members_import import set_mapping

        try:
            set_mapping(self.wiz.roster, self.mapping())
        except ValidationError as exc:
            self.error.setText(exc.zh)
            return False
        if self.save.isChecked():
            save_mapping(self.wiz.ctx.db, self.wiz.roster.headers, self.wiz.roster.mapping)
        return True


def updated_text(report) -> str:
    updated = [o for o in report.outcomes if o.outcome == "updated"]
    same = sum(1 for o in updated if not o.changes)
    return f"更新 {len(updated)} 人" + (f"（其中 {same} 人内容无变化）" if same else "")


def fill_outcomes(table: QTableWidget, outcomes, only_rejected: bool) -> None:
    rows = [o for o in outcomes if o.outcome == "rejected" or not only_rejected]
    table.setRowCount(len(rows))
    from ...core.domain.member_fields import MEMBER_LABELS

    for r, o in enumerate(rows):
        if o.outcome == "updated":
            changed = [MEMBER_LABELS.get(c, c) for c, _a, _b in o.changes if c not in ("name_pinyin", "name_initials")]
            note = ("将修改：" + "、".join(changed)) if changed else "无变化"
        else:
            note = o.reason
        cells = [str(o.line), o.name, OUTCOME_LABELS[o.outcome], note]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if o.outcome == "rejected":
                item.setForeground(QBrush(_RED))
            table.setItem(r, c, item)
    table.resizeColumnToContents(0)
    table.resizeColumnToContents(2)


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第三步：检查结果（尚未写入）")
        self.setSubTitle("每一行将新增、更新或不导入；不导入的行写明了原因。确认无误后点“开始导入”。")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "开始导入")
        self.summary = QLabel("正在检查…")
        self.summary.setWordWrap(True)
        self.only_rejected = QCheckBox("只看未导入的行")
        self.download = QPushButton("下载未导入的行（.xlsx）…")
        self.download.clicked.connect(lambda: self.save_rejections())
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("checkTable")
        self.table.setHorizontalHeaderLabels(["行号", "姓名", "结果", "原因或修改内容"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        bar = QHBoxLayout()
        bar.addWidget(self.only_rejected)
        bar.addStretch(1)
        bar.addWidget(self.download)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.only_rejected.toggled.connect(lambda flag: fill_outcomes(self.table, self.wiz.check.outcomes, flag)
                                           if self.wiz.check else None)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from ...core.importing.members_import import check_import

        self.wiz.check = None
        self.completeChanged.emit()
        db, roster = self.wiz.ctx.db, self.wiz.roster
        self.wiz.ctx.tasks.run(lambda p: check_import(db, roster, p), self._checked, self._failed,
                               title="检查名册", parent=self)

    def _checked(self, report) -> None:
        self.wiz.check = report
        extra = []
        if report.new_sectors:
            extra.append("将新建界别：" + "、".join(report.new_sectors))
        if report.new_stations:
            extra.append("将新建工作站：" + "、".join(report.new_stations))
        skipped = report.skipped
        ignored = f"（已跳过空行 {skipped['blank']} 行、合计及落款 {skipped['footer']} 行、重复表头 {skipped['header']} 行）"
        self.summary.setText(f"新增 {report.count('imported')} 人，{updated_text(report)}，"
                             f"未导入 {report.count('rejected')} 行{ignored}。" + ("\n" + "；".join(extra) if extra else ""))
        self.download.setEnabled(report.count("rejected") > 0)
        fill_outcomes(self.table, report.outcomes, self.only_rejected.isChecked())
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText("检查失败。")
        show_error(self, exc)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.wiz.check is not None and (self.wiz.check.count("imported") + self.wiz.check.count("updated")) > 0

    def save_rejections(self, path: str | None = None) -> None:
        from ...core.importing.export import export_rejections

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "保存未导入的行", "未导入的行.xlsx", "Excel 工作簿 (*.xlsx)")
            if not path:
                return
        try:
            n = export_rejections(self.wiz.check, self.wiz.roster.headers, path)
        except Exception as exc:  # noqa: BLE001 - shown
            show_error(self, exc)
            return
        self.wiz.ctx.status_message.emit(f"已保存 {n} 行未导入的记录到 {path}")


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第四步：导入完成")
        self.setSubTitle("导入结果如下。")
        self.setFinalPage(True)
        self.summary = QLabel("正在导入…")
        self.summary.setWordWrap(True)
        self.undo = QPushButton("撤销本次导入")
        self.undo.clicked.connect(self.undo_import)
        self.undo.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from ...core.importing.members_import import run_import

        db, roster = self.wiz.ctx.db, self.wiz.roster
        self.wiz.ctx.tasks.run(lambda p: run_import(db, roster, p), self._done, self._failed,
                               title="导入名册", parent=self)

    def _done(self, report) -> None:
        self.wiz.result = report
        self.summary.setText(f"已导入：新增 {report.count('imported')} 人，{updated_text(report)}；"
                             f"未导入 {report.count('rejected')} 行。\n全部在一次操作中写入；如发现问题，"
                             "可点“撤销本次导入”，或以后在“导入记录”中撤销。")
        self.undo.setEnabled(report.batch is not None)
        self.wiz.ctx.data_changed.emit("*")

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText("导入失败，数据库未做任何修改。")
        show_error(self, exc)

    def undo_import(self) -> None:
        from ...core.importing.apply import undo_import

        report = self.wiz.result
        if report is None or report.batch is None:
            return
        if QMessageBox.question(self, "撤销导入", "撤销本次导入的全部内容？") != QMessageBox.StandardButton.Yes:
            return
        try:
            result = undo_import(self.wiz.ctx.db, report.batch)
        except Exception as exc:  # noqa: BLE001 - shown; nothing changed
            show_error(self, exc)
            return
        self.undo.setEnabled(False)
        self.summary.setText(undo_message(result))
        self.wiz.ctx.data_changed.emit("*")


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.roster = None
        self.check = None
        self.result = None
        self.setWindowTitle("导入委员名册")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(900, 600)
        for button, text in ((QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.NextButton, "下一步 >"),
                             (QWizard.WizardButton.CancelButton, "取消"),
                             (QWizard.WizardButton.FinishButton, "完成")):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
