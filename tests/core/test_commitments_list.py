"""Table rows and the JSON list: one query, filters, overdue rule."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.domain.commitment_terms import is_overdue
from zxdesk.core.domain.periods import Period
from zxdesk.core.errors import ValidationError
from zxdesk.core.services import commitment_progress as prog
from zxdesk.core.services import commitments as svc
from zxdesk.core.services.commitment_list import COL, CommitmentFilter, filter_options, list_commitments, table_rows

TODAY = dt.date(2023, 5, 15)


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def sample(db, world):
    ids = {
        "late_deed": add_commitment(db, world, "张三", deeds=[("甲", dt.date(2023, 5, 1))], content="送教下乡"),
        "on_time": add_commitment(db, world, "李䶮", deeds=[("乙", dt.date(2023, 6, 1)), ("丙", dt.date(2023, 2, 1),
                                                                                          dt.date(2023, 2, 1))],
                                  status="in_progress", category="建言献策"),
        "old_open": add_commitment(db, world, "王喆", period="2022H2", station="红旗街道委员工作室"),
        "old_done": add_commitment(db, world, "民盟界别党支部", period="2022H2", status="fulfilled",
                                   deeds=[("丁", dt.date(2022, 8, 1))]),
        "group": add_commitment(db, world, "教育界活动组", category="调研视察"),
    }
    gone = add_commitment(db, world, "赵赟")
    svc.delete_commitments(db, [gone])
    return ids


def by_uuid(rows):
    return {r[COL["uuid"]]: r for r in rows}


def test_rows_carry_names_counts_and_overdue(db, sample):
    rows = by_uuid(table_rows(db, today=TODAY).rows)
    assert len(rows) == 5  # the deleted one is not listed
    late = rows[sample["late_deed"]]
    assert late[COL["owner_name"]] == "张三" and late[COL["station_name"]] == "向阳镇委员工作站"
    assert (late[COL["deeds_total"]], late[COL["deeds_done"]], late[COL["next_target"]]) == (1, 0, "2023-05-01")
    assert late[COL["overdue"]]
    assert not rows[sample["on_time"]][COL["overdue"]]
    assert rows[sample["on_time"]][COL["deeds_done"]] == 1
    assert rows[sample["old_open"]][COL["overdue"]]  # period ended, not fulfilled
    assert not rows[sample["old_done"]][COL["overdue"]]  # fulfilled is never overdue
    assert rows[sample["group"]][COL["owner_name"]] == "教育界活动组"


@pytest.mark.parametrize("flt, expected", [
    (CommitmentFilter(period="2022H2"), {"old_open", "old_done"}),
    (CommitmentFilter(period="2023h1", owner_type="member"), {"late_deed", "on_time"}),
    (CommitmentFilter(owner_type="group"), {"group"}),
    (CommitmentFilter(status="in_progress"), {"on_time"}),
    (CommitmentFilter(category="调研视察"), {"group"}),
    (CommitmentFilter(text="送教"), {"late_deed"}),
    (CommitmentFilter(text="王喆"), {"old_open"}),
    (CommitmentFilter(overdue_only=True), {"late_deed", "old_open"}),
])
def test_filters(db, sample, flt, expected):
    got = set(by_uuid(table_rows(db, flt, today=TODAY).rows))
    assert got == {sample[k] for k in expected}


def test_station_filter(db, world, sample):
    got = set(by_uuid(table_rows(db, CommitmentFilter(station_uuid=world.stations["红旗街道委员工作室"])).rows))
    assert got == {sample["old_open"]}


def test_bad_filter_values(db, sample):
    for flt in (CommitmentFilter(period="2023H5"), CommitmentFilter(status="done"), CommitmentFilter(owner_type="x")):
        with pytest.raises(ValidationError):
            table_rows(db, flt)


def test_filter_options(db, world, sample):
    opts = filter_options(db)
    assert opts.periods == ["2023H1", "2022H2"]
    assert opts.categories == ["为民办实事", "建言献策", "调研视察"]
    assert [n for _, n in opts.stations] == sorted(["向阳镇委员工作站", "红旗街道委员工作室"])


def test_json_list_fields(db, sample):
    prog.add_update(db, sample["on_time"], prog.UpdateInput(dt.date(2023, 3, 1), "第一次进展"))
    prog.add_update(db, sample["on_time"], prog.UpdateInput(dt.date(2023, 4, 1), "最新进展"))
    items = {x["uuid"]: x for x in list_commitments(db, CommitmentFilter(period="2023H1"), today=TODAY)}
    assert set(items) == {sample["late_deed"], sample["on_time"], sample["group"]}
    x = items[sample["on_time"]]
    assert {"uuid", "period", "owner_type", "owner_name", "content", "deeds", "status", "last_update", "category",
            "station"} <= set(x)
    assert (x["period"], x["owner_type"], x["owner_name"], x["status"]) == ("2023H1", "member", "李䶮", "in_progress")
    assert x["deeds"] == [{"text": "丙", "target_date": "2023-02-01", "done_on": "2023-02-01"},
                          {"text": "乙", "target_date": "2023-06-01", "done_on": None}]
    assert x["last_update"] == {"date": "2023-04-01", "text": "最新进展"}
    assert x["station"] == "向阳镇委员工作站" and x["category"] == "建言献策"
    assert items[sample["group"]]["last_update"] is None and items[sample["group"]]["owner_type"] == "group"
    assert items[sample["late_deed"]]["overdue"] is True


deeds_strategy = st.lists(st.tuples(st.one_of(st.none(), st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31))),
                                    st.one_of(st.none(), st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31)))),
                          max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.sampled_from(["2022H2", "2023H1", "2023H2"]),
       status=st.sampled_from(["not_started", "in_progress", "fulfilled"]),
       deeds=deeds_strategy, today=st.dates(dt.date(2022, 6, 1), dt.date(2024, 6, 1)))
def test_sql_overdue_agrees_with_the_rule(db, world, period, status, deeds, today):
    uuid = add_commitment(db, world, "张三", period=period, status=status,
                          deeds=[(f"事{i}", t, d) for i, (t, d) in enumerate(deeds)])
    row = by_uuid(table_rows(db, CommitmentFilter(period=period), today=today).rows)[uuid]
    assert row[COL["overdue"]] == is_overdue(status, Period.parse(period), deeds, today)
    svc.delete_commitments(db, [uuid])
