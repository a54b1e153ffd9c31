"""Meeting lists: filters, full-text search in the minutes, and the export records."""

import datetime as dt

import pytest

from tests.meetings_data import at, make_sample
from zxdesk.core.services import followups, meetings
from zxdesk.core.services.meeting_list import MeetingFilter, list_meetings, meeting_records, search_excerpt
from zxdesk.core.services.meetings import MeetingInput, ResolutionInput

TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def data(db):
    s = make_sample(db)
    xy, cg = s.stations["向阳镇委员工作站"], s.stations["城关镇委员工作站"]
    m = {}
    m["parking"] = meetings.save_meeting(db, MeetingInput(
        "停车难问题协商", at("2024-03-05", "09:00"), station_uuid=xy, attendee_uuids=[s.members["张三"]],
        minutes_opinions="建议实行错时停车", resolutions=[ResolutionInput("增设充电桩 20 个")]))
    m["study"] = meetings.save_meeting(db, MeetingInput(
        "学习全会精神", at("2024-03-31", "23:30"), kind="学习交流", station_uuid=cg, agenda="传达 100% 覆盖要求"))
    m["water"] = meetings.save_meeting(db, MeetingInput(
        "饮水安全调研", at("2024-04-01", "08:00"), kind="调研视察", place="水厂", host="李主席",
        minutes_briefing="水质检测合格", minutes_consensus="更换老旧管网"))
    res = meetings.get_meeting(db, m["parking"]).resolutions[0].uuid
    f1 = followups.follow_up_from_resolution(db, res, due_on=dt.date(2024, 4, 1), responsible_unit="住建局")
    f2 = followups.save_follow_up(db, followups.FollowUpInput(m["water"], "管网改造", dt.date(2024, 12, 1),
                                                               responsible_unit="水务局"))
    followups.set_status(db, f2, "done", result="已完成", closed_on=dt.date(2024, 5, 1), today=TODAY)
    return s, m, f1


def topics(db, **kw):
    return [r.topic for r in list_meetings(db, MeetingFilter(today=TODAY, **kw))]


def test_newest_first_with_counts(db, data):
    s, m, _ = data
    rows = list_meetings(db, MeetingFilter(today=TODAY))
    assert [r.topic for r in rows] == ["饮水安全调研", "学习全会精神", "停车难问题协商"]
    parking = rows[2]
    assert (parking.attendees_count, parking.resolutions_count, parking.follow_ups_total,
            parking.follow_ups_open, parking.follow_ups_overdue) == (1, 1, 1, 1, 1)
    assert parking.station_name == "向阳镇委员工作站"
    assert rows[0].follow_ups_open == 0 and rows[0].follow_ups_total == 1


def test_period_is_inclusive_of_whole_days(db, data):
    assert topics(db, date_from=dt.date(2024, 3, 31), date_to=dt.date(2024, 3, 31)) == ["学习全会精神"]
    assert topics(db, date_from=dt.date(2024, 3, 5), date_to=dt.date(2024, 3, 31)) == ["学习全会精神", "停车难问题协商"]
    assert topics(db, date_from=dt.date(2024, 4, 2)) == []


def test_station_kind_and_status_filters(db, data):
    s, _, _ = data
    assert topics(db, station_uuid=s.stations["城关镇委员工作站"]) == ["学习全会精神"]
    assert topics(db, kind="调研视察") == ["饮水安全调研"]
    assert topics(db, follow_up_status="overdue") == ["停车难问题协商"]
    assert topics(db, follow_up_status="open") == ["停车难问题协商"]
    assert topics(db, follow_up_status="done") == ["饮水安全调研"]
    assert topics(db, follow_up_status="failed") == []


@pytest.mark.parametrize("text, expected", [
    ("错时", ["停车难问题协商"]),  # 意见建议
    ("充电桩", ["停车难问题协商"]),  # a resolution
    ("检测", ["饮水安全调研"]),  # 情况通报
    ("管网", ["饮水安全调研"]),  # 协商共识
    ("全会", ["学习全会精神"]),  # topic
    ("100%", ["学习全会精神"]),  # agenda; % is literal, not a wildcard
    ("%", ["学习全会精神"]),
    ("水厂 李主席", ["饮水安全调研"]),  # every word must match
    ("水厂 充电桩", []),
    ("没有这个词", []),
])
def test_full_text_search(db, data, text, expected):
    assert topics(db, text=text) == expected


def test_search_excerpt_shows_where(db, data):
    _, m, _ = data
    assert search_excerpt(db, m["parking"], "充电桩") == "协商成果：增设充电桩 20 个"
    assert search_excerpt(db, m["water"], "检测").startswith("情况通报：")


def test_deleted_meetings_are_not_listed(db, data):
    _, m, _ = data
    meetings.delete_meetings(db, [m["study"]])
    assert "学习全会精神" not in topics(db)


def test_export_records_json(db, data):
    s, m, f1 = data
    records = meeting_records(db, MeetingFilter(today=TODAY))
    assert [r.row.topic for r in records] == ["停车难问题协商", "学习全会精神", "饮水安全调研"]  # oldest first
    j = records[0].as_json(TODAY)
    assert j["uuid"] == m["parking"] and j["date"] == "2024-03-05" and j["starts_at"] == "2024-03-05T09:00:00"
    assert j["attendees"] == [s.members["张三"]]
    assert (j["residents_count"], j["resolutions_count"], j["kind"]) == (0, 1, "协商议事")
    assert j["follow_ups"][0]["uuid"] == f1
    assert j["follow_ups"][0]["status"] == "todo" and j["follow_ups"][0]["status_label"] == "待办"
    assert j["follow_ups"][0]["due_on"] == "2024-04-01" and j["follow_ups"][0]["overdue"] is True
    assert records[2].as_json(TODAY)["follow_ups"][0]["status"] == "done"
