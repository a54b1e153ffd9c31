"""The commitment queries (one-query table rows, JSON list, rates, carry-over) on PostgreSQL."""

import datetime as dt

import pytest

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.domain.commitment_terms import COL
from zxdesk.core.services import commitment_progress as prog
from zxdesk.core.services.commitment_carry import carry_over
from zxdesk.core.services.commitment_list import CommitmentFilter, filter_options, list_commitments, table_rows
from zxdesk.core.services.commitment_rates import commitment_rates, period_rates

pytestmark = pytest.mark.postgres
TODAY = dt.date(2023, 5, 15)


def test_commitment_queries_on_postgres(pg_db):
    db = pg_db
    w = make_world(db)
    late = add_commitment(db, w, "张三", deeds=[("甲", dt.date(2023, 5, 1))], status="in_progress")
    add_commitment(db, w, "教育界活动组", status="fulfilled", deeds=[("乙", dt.date(2023, 3, 1), dt.date(2023, 3, 1))])
    add_commitment(db, w, "王喆", period="2022H2", status="unfulfilled", reason="调离")
    prog.add_update(db, late, prog.UpdateInput(dt.date(2023, 4, 2), "进展"))

    rows = {r[COL["uuid"]]: r for r in table_rows(db, today=TODAY).rows}
    assert len(rows) == 3
    row = rows[late]
    assert (row[COL["owner_name"]], row[COL["next_target"]], row[COL["last_update_on"]], row[COL["overdue"]]) == (
        "张三", "2023-05-01", "2023-04-02", 1)
    assert {r[0] for r in table_rows(db, CommitmentFilter(overdue_only=True), today=TODAY).rows} == {
        late, *[u for u, r in rows.items() if r[COL["period"]] == "2022H2"]}
    assert filter_options(db).periods == ["2023H1", "2022H2"]

    items = list_commitments(db, CommitmentFilter(period="2023H1", text="张"), today=TODAY)
    assert [(x["owner_name"], x["last_update"]) for x in items] == [("张三", {"date": "2023-04-02", "text": "进展"})]

    report = commitment_rates(db, "2023H1", today=TODAY)
    assert (report.overall.total, report.overall.fulfilled, report.overall.overdue) == (2, 1, 1)
    assert [(r.key, r.counts.total) for r in period_rates(db, today=TODAY)] == [("2023H1", 2), ("2022H2", 1)]
    assert carry_over(db, "2023H1").created == 1
    assert carry_over(db, "2023H1").created == 0
