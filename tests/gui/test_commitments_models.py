"""The commitments' Qt models pass qtmodeltester and sort/highlight as they should."""

import datetime as dt

from PySide6.QtCore import Qt

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.domain.periods import Period
from zxdesk.core.services.commitment_list import table_rows
from zxdesk.core.services.commitment_rates import commitment_rates
from zxdesk.gui.commitments.deeds_model import DONE, TARGET, TEXT, DeedRow, DeedsModel
from zxdesk.gui.commitments.rates import RatesModel
from zxdesk.gui.commitments.table_model import COLUMNS, OVERDUE_BACKGROUND, UUID_ROLE, CommitmentTableModel

TODAY = dt.date.today()
NOW = Period.current()


def sample(db):
    w = make_world(db)
    late = add_commitment(db, w, "张三", period=NOW.code, deeds=[("甲", TODAY - dt.timedelta(days=1))])
    fine = add_commitment(db, w, "李䶮", period=NOW.code, status="fulfilled", deeds=[("乙", TODAY, TODAY)])
    old = add_commitment(db, w, "教育界活动组", period=NOW.previous().code)
    return w, late, fine, old


def test_table_model(qtmodeltester, db):
    _, late, fine, old = sample(db)
    model = CommitmentTableModel()
    model.set_rows(table_rows(db).rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == len(COLUMNS)
    by_uuid = {model.index(r, 0).data(UUID_ROLE): r for r in range(3)}
    bg = model.index(by_uuid[late], 0).data(Qt.ItemDataRole.BackgroundRole)
    assert bg.color() == OVERDUE_BACKGROUND
    assert model.index(by_uuid[fine], 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(by_uuid[old], 8).data() == "未开始 · 逾期"  # previous period ended
    assert model.index(by_uuid[late], 6).data() == "0/1"
    # Sort by owner name descending, then ascending; the rows follow.
    owner_col = [f for _, f, _ in COLUMNS].index("owner_name")
    model.sort(owner_col, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, owner_col).data() for r in range(3)]
    assert names == sorted(names)
    model.sort(owner_col, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, owner_col).data() for r in range(3)] == sorted(names, reverse=True)
    status_col = [f for _, f, _ in COLUMNS].index("status")
    model.sort(status_col, Qt.SortOrder.AscendingOrder)  # overdue first
    assert model.index(0, status_col).data().endswith("逾期")
    qtmodeltester.check(model)


def test_persistent_selection_survives_sort(qtmodeltester, db, qtbot):
    from PySide6.QtWidgets import QTableView

    _, late, *_ = sample(db)
    model = CommitmentTableModel()
    model.set_rows(table_rows(db).rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(model.row_of(late))
    for column in range(len(COLUMNS)):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        selected = view.selectionModel().selectedRows()
        assert [i.data(UUID_ROLE) for i in selected] == [late]


def test_deeds_model_edits(qtmodeltester):
    model = DeedsModel()
    model.set_deeds([DeedRow("义诊", dt.date(2023, 5, 1))])
    qtmodeltester.check(model)
    row = model.add_deed()
    assert model.setData(model.index(row, TEXT), "讲座")
    from PySide6.QtCore import QDate

    assert model.setData(model.index(row, TARGET), QDate(2023, 6, 1))
    assert model.setData(model.index(0, DONE), QDate(2023, 5, 2))
    assert model.index(0, DONE).data() == "2023-05-02"
    assert model.setData(model.index(0, TARGET), None)
    assert model.index(0, TARGET).data() == "—"
    assert [(d.text, d.target_on, d.done_on) for d in model.deeds()] == [
        ("义诊", None, dt.date(2023, 5, 2)), ("讲座", dt.date(2023, 6, 1), None)]
    model.remove_deed(0)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_rates_model(qtmodeltester, db):
    sample(db)
    model = RatesModel()
    model.set_rows(commitment_rates(db, NOW.code).by_owner)
    qtmodeltester.check(model)
    rates = {model.index(r, 0).data(): model.index(r, 8).data() for r in range(model.rowCount())}
    assert rates == {"张三": "0.0%", "李䶮": "100.0%"}
    model.sort(8, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "李䶮"
    qtmodeltester.check(model)
