"""Fulfilment rates and the review results the yearly assessment gets."""

import datetime as dt

import pytest

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.services import commitment_progress as prog
from zxdesk.core.services import commitments as svc
from zxdesk.core.services.commitment_assessment import member_year_review, store_year_reviews, year_reviews
from zxdesk.core.services.commitment_rates import commitment_rates, period_rates
from zxdesk.core.storage.models import AssessmentResult


@pytest.fixture
def world(db):
    w = make_world(db)
    hong = "红旗街道委员工作室"
    add_commitment(db, w, "张三", status="fulfilled")
    add_commitment(db, w, "张三", status="in_progress", deeds=[("x", dt.date(2023, 2, 1))])
    add_commitment(db, w, "李䶮", status="fulfilled")
    add_commitment(db, w, "王喆", status="unfulfilled", reason="调走", station=hong)
    add_commitment(db, w, "教育界活动组", status="fulfilled")
    add_commitment(db, w, "民盟界别党支部", status="not_started", station=hong)
    add_commitment(db, w, "赵赟", period="2023H2", status="fulfilled", station=hong)
    gone = add_commitment(db, w, "赵赟", status="fulfilled")
    svc.delete_commitments(db, [gone])
    return w


def test_rates_of_a_period(db, world):
    report = commitment_rates(db, "2023H1", today=dt.date(2023, 3, 1))
    o = report.overall
    assert (o.total, o.fulfilled, o.unfulfilled, o.in_progress, o.not_started, o.overdue) == (6, 3, 1, 1, 1, 1)
    assert o.rate == pytest.approx(0.5)
    types = {r.key: r.counts for r in report.by_owner_type}
    assert (types["member"].total, types["member"].fulfilled) == (4, 2)
    assert types["group"].rate == 1.0 and types["branch"].rate == 0.0
    owners = {r.label: r.counts for r in report.by_owner}
    assert owners["张三"].rate == pytest.approx(0.5) and owners["王喆"].rate == 0.0
    groups = {r.label: r.counts for r in report.by_group}
    # Group: its own commitment plus its members' (张三 ×2, 李䶮): 3 of 4 fulfilled.
    assert (groups["教育界活动组"].total, groups["教育界活动组"].fulfilled) == (4, 3)
    assert (groups["民盟界别党支部"].total, groups["民盟界别党支部"].fulfilled) == (2, 0)  # its own + 王喆
    stations = {r.label: r.counts for r in report.by_station}
    assert (stations["向阳镇委员工作站"].total, stations["红旗街道委员工作室"].total) == (4, 2)
    assert stations["向阳镇委员工作站"].rate == pytest.approx(0.75)


def test_rates_json_and_empty_period(db, world):
    data = commitment_rates(db, "2023H1", today=dt.date(2023, 3, 1)).as_json()
    assert data["period"] == "2023H1" and data["period_label"] == "2023年上半年"
    assert data["overall"]["rate"] == pytest.approx(data["overall"]["fulfilled"] / data["overall"]["total"])
    assert {"owner_uuid", "owner_name", "owner_type", "total", "fulfilled", "unfulfilled", "in_progress",
            "not_started", "rate"} <= set(data["by_owner"][0])
    empty = commitment_rates(db, "2030H1").as_json()
    assert empty["overall"]["total"] == 0 and empty["overall"]["rate"] is None


def test_period_rates(db, world):
    rows = period_rates(db, today=dt.date(2023, 3, 1))
    assert [(r.key, r.counts.total, r.counts.fulfilled) for r in rows] == [("2023H2", 1, 1), ("2023H1", 6, 3)]


def test_year_review_feeds_assessment(db, world):
    w = world
    zs = w.members["张三"]
    first = add_commitment(db, w, "张三", period="2023H2", status="fulfilled")
    prog.review_commitments(db, [first], prog.ReviewInput("工作室", "优秀", "", dt.date(2024, 1, 5)))
    review = member_year_review(db, zs, 2023)
    assert len(review.first_half) == 2 and len(review.second_half) == 1
    assert review.summary == "优秀" and review.unreviewed == 2
    h1 = [c.uuid for c in review.first_half]
    prog.review_commitments(db, h1[:1], prog.ReviewInput("工作室", "基本合格", "", dt.date(2023, 7, 3)))
    assert member_year_review(db, zs, 2023).summary == "基本合格"  # the lowest of the year
    assert member_year_review(db, w.members["李䶮"], 2023).summary == ""
    assert set(year_reviews(db, 2023)) == {zs, w.members["李䶮"], w.members["王喆"], w.members["赵赟"]}
    assert member_year_review(db, zs, 2022).first_half == []

    with db.write() as wr:
        wr.session.add_all([AssessmentResult(year=2023, member_uuid=zs),
                            AssessmentResult(year=2023, member_uuid=w.members["李䶮"])])
    assert store_year_reviews(db, 2023) == 1
    assert store_year_reviews(db, 2023) == 0
    from sqlalchemy import select

    with db.read() as s:
        got = dict(s.execute(select(AssessmentResult.member_uuid, AssessmentResult.review_result)).all())
    assert got == {zs: "基本合格", w.members["李䶮"]: ""}
