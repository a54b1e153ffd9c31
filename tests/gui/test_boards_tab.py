"""The 公示栏 tab: compose, preview, save, print, register postings, due boards."""

import datetime as dt
import random

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from tests.printing_data import build, photo_bytes

STATION = "station:新华镇委员工作站"


@pytest.fixture
def data(ctx):
    return build(ctx.db, members=14)


@pytest.fixture
def tab(qtbot, ctx, data):
    from zxdesk.gui.tabs.boards import BoardsTab

    widget = BoardsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.activate()
    return widget


def preview(tab, kind="performance", scope=STATION, period="2023"):
    tab.composer.select(kind, scope, period)
    tab.render_preview()
    assert tab.doc is not None and not tab.is_busy()
    return tab.doc


def test_choices_are_loaded(tab):
    c = tab.composer
    scopes = [c.scope.itemData(i) for i in range(c.scope.count())]
    assert scopes[0] == "all" and STATION in scopes and "sector:教育界" in scopes
    assert c.meeting.count() == 1 and c.period.count() >= 6


def test_kind_decides_the_fields(tab):
    c = tab.composer
    c.select("assessment")
    periods = [c.period.itemData(i) for i in range(c.period.count())]
    assert periods and all(len(p) == 4 for p in periods)  # years only
    assert c._form.isRowVisible(c.days) and not c._form.isRowVisible(c.meeting)
    c.select("minutes")
    assert c._form.isRowVisible(c.meeting) and not c._form.isRowVisible(c.scope)
    c.select("badge")
    assert c._form.isRowVisible(c.badge_size) and not c._form.isRowVisible(c.period)


def test_preview_shows_every_page(tab):
    doc = preview(tab)
    assert tab.preview.page_count() == doc.pages >= 2
    assert "共" in tab.info.text() and tab.print_button.isEnabled()
    assert tab.warning.isHidden()
    tab.composer.paper.setCurrentText("A3")
    assert tab.doc is None and not tab.print_button.isEnabled()  # changed: preview again


def test_zoom_rerenders(tab):
    preview(tab)
    before = tab.preview.zoom
    tab.step_zoom(+1)
    assert tab.preview.zoom > before


@pytest.mark.parametrize("kind", ["commitments", "selection", "badge", "door", "signin"])
def test_other_documents_preview(tab, kind):
    doc = preview(tab, kind, STATION, "2023H1" if kind == "commitments" else "2023")
    assert doc.kind in (kind, "badges")


def test_missing_character_warning_before_saving(tab, ctx, data, tmp_path, monkeypatch):
    from zxdesk.core.storage.models import Member

    with ctx.db.write() as w:
        w.session.get(Member, data["members"][1]).name = "张𠮷"
    preview(tab)
    assert tab.warning.isVisible() and "𠮷" in tab.warning.text() and "U+20BB7" in tab.warning.text()
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    saved = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: saved.append(1) or ("", ""))
    tab.save_pdf()
    assert asked and "𠮷" in asked[0] and saved == []  # refused: never reaches the file dialog


def test_save_pdf_writes_exactly_the_preview(tab, tmp_path):
    doc = preview(tab)
    target = tmp_path / "board.pdf"
    tab.write_pdf(str(target))
    assert target.read_bytes() == doc.pdf


def test_printing_paints_every_page(tab, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from zxdesk.gui.boards.printer import paint_pages, prepare_printer

    doc = preview(tab, "commitments", STATION, "2023H1")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    prepare_printer(printer, doc.pdf, doc.title)
    assert paint_pages(printer, doc.pdf) == doc.pages
    printed = PdfReader(out)
    assert len(printed.pages) == doc.pages
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3


def test_register_a_posting_then_delete_and_undo(tab, ctx, qtmodeltester, tmp_path):
    from zxdesk.core.services.attachments import stored_path

    doc = preview(tab, "commitments", STATION, "2023H1")
    photo = tmp_path / "posted.jpg"
    photo.write_bytes(photo_bytes(random.Random(3)))
    tab.save_posting({"location": "新华镇政务大厅", "posted_on": dt.date(2023, 1, 12),
                      "publicity_ends_on": dt.date(2023, 1, 18), "taken_down_on": None, "note": "",
                      "photo": str(photo)})
    model = tab.register.postings
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    posting = model.row_at(0)
    assert stored_path(ctx.db, posting.pdf_sha256).read_bytes() == doc.pdf
    assert model.data(model.index(0, 3)) == "新华镇政务大厅" and model.data(model.index(0, 8)) == "有"
    tab.register.postings_view.selectRow(0)
    assert tab.register.pdf_button.isEnabled()
    tab.register.delete_selected()
    assert model.rowCount() == 0
    ctx.undo_stack.undo()
    assert model.rowCount() == 1


def test_due_boards_listed_and_composed_on_double_click(tab, qtmodeltester):
    due = tab.register.due
    qtmodeltester.check(due)
    assert due.rowCount() >= 1
    kinds = [due.row_at(i).kind for i in range(due.rowCount())]
    row = kinds.index("commitments") if "commitments" in kinds else 0
    tab.register._due_activated(due.index(row, 0))
    assert tab.doc is not None and tab.composer.kind_code() == due.row_at(row).kind


def test_settings_dialog_round_trip(qtbot):
    from zxdesk.gui.boards.dialogs import BoardSettingsDialog

    values = {"committee_name": "政协某县委员会", "supervision_phone": "0451-1", "seal_text": "（章）",
              "footer": "办公室", "objection_contact": "工作室"}
    dialog = BoardSettingsDialog(values)
    qtbot.addWidget(dialog)
    assert dialog.values() == values
    dialog.ui.committeeNameEdit.setText(" 新名称 ")
    assert dialog.values()["committee_name"] == "新名称"


def test_posting_dialog_values(qtbot, tmp_path):
    from zxdesk.gui.boards.dialogs import PostingDialog

    dialog = PostingDialog("承诺公示", publicity_ends_on=dt.date(2024, 1, 16))
    qtbot.addWidget(dialog)
    dialog.ui.locationEdit.setText("大厅")
    dialog.set_photo(str(tmp_path / "a.jpg"))
    v = dialog.values()
    assert v["location"] == "大厅" and v["publicity_ends_on"] == dt.date(2024, 1, 16)
    assert v["taken_down_on"] is None and v["photo"].endswith("a.jpg")
    dialog.ui.takenDownCheck.setChecked(True)
    assert dialog.ui.takenDownEdit.isEnabled() and dialog.values()["taken_down_on"] is not None


def test_long_documents_preview_only_their_first_pages(tab, monkeypatch):
    monkeypatch.setattr("zxdesk.gui.tabs.boards.MAX_PREVIEW_PAGES", 2)
    doc = preview(tab, "performance", "all", "2023")
    assert doc.pages > 2 and tab.preview.page_count() == 2
    assert f"全部 {doc.pages} 页" in tab.info.text()


def test_a_failed_preview_says_why(tab, monkeypatch):
    shown = []
    monkeypatch.setattr("zxdesk.gui.tabs.boards.show_error", lambda parent, exc, title="": shown.append(exc))
    tab.composer.select("minutes")
    tab.composer.meeting.clear()  # no meeting chosen
    tab.render_preview()
    assert tab.doc is None and shown and "会议" in shown[0].zh
    assert "无法生成" in tab.preview.message.text() and not tab.print_button.isEnabled()
