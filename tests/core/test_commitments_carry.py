"""Carrying open commitments over into the next period."""

import datetime as dt

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.services import commitments as svc
from zxdesk.core.services.commitment_carry import carry_candidates, carry_over
from zxdesk.core.services.commitment_list import COL, CommitmentFilter, table_rows


def test_carry_copies_open_ones_once(db):
    w = make_world(db)
    open_a = add_commitment(db, w, "张三", period="2023H1", status="in_progress",
                            deeds=[("甲", dt.date(2023, 3, 1)), ("乙", dt.date(2023, 8, 1)),
                                   ("丙", dt.date(2023, 2, 1), dt.date(2023, 2, 2))])
    open_b = add_commitment(db, w, "教育界活动组", period="2023H1", status="unfulfilled", reason="经费不足")
    add_commitment(db, w, "李䶮", period="2023H1", status="fulfilled")
    add_commitment(db, w, "王喆", period="2022H2")  # not the previous period of 2023H2
    gone = add_commitment(db, w, "赵赟", period="2023H1")
    svc.delete_commitments(db, [gone])

    assert carry_candidates(db, "2023H2") == (2, 0)
    result = carry_over(db, "2023H2")
    assert (result.from_period, result.to_period, result.created, result.skipped) == ("2023H1", "2023H2", 2, 0)
    copies = {svc.get_commitment(db, u).carried_from_uuid: svc.get_commitment(db, u) for u in result.uuids}
    assert set(copies) == {open_a, open_b}
    a = copies[open_a]
    assert (a.period, a.owner_name, a.status, a.content, a.carried_from_period) == (
        "2023H2", "张三", "in_progress", "张三的承诺", "2023H1")
    # Only open deeds; a past target date moves to the end of the new period.
    assert [(d.text, d.target_on) for d in a.deeds] == [("乙", dt.date(2023, 8, 1)), ("甲", dt.date(2023, 12, 31))]
    b = copies[open_b]
    assert (b.status, b.reason, b.published_on) == ("not_started", "", None)

    again = carry_over(db, "2023H2")
    assert (again.created, again.skipped) == (0, 2)
    assert len(table_rows(db, CommitmentFilter(period="2023H2")).rows) == 2
    # A copy sent to the trash is not brought back by running it again.
    svc.delete_commitments(db, [result.uuids[0]])
    assert carry_over(db, "2023H2").created == 0
    rows = table_rows(db, CommitmentFilter(period="2023H2")).rows
    assert len(rows) == 1 and rows[0][COL["carried"]]


def test_carry_with_nothing_open(db):
    make_world(db)
    result = carry_over(db, "2024H1")
    assert (result.from_period, result.created, result.skipped) == ("2023H2", 0, 0)
