"""Follow-up items: from a resolution to closure, the overdue list, counts per period."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.meetings_data import at, make_sample
from zxdesk.core.errors import ValidationError
from zxdesk.core.services import followups, meetings
from zxdesk.core.services.followup_stats import closure_counts, period_of
from zxdesk.core.services.followups import FollowUpFilter, FollowUpInput
from zxdesk.core.services.meetings import MeetingInput, ResolutionInput
from zxdesk.core.storage.models import FollowUp

TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def meeting(db):
    s = make_sample(db)
    uuid = meetings.save_meeting(db, MeetingInput("道路硬化协商", at("2024-03-05"), station_uuid=s.stations["向阳镇委员工作站"],
                                                  resolutions=[ResolutionInput("三组道路硬化 800 米")]))
    return s, uuid, meetings.get_meeting(db, uuid).resolutions[0].uuid


def test_follow_up_from_resolution_takes_its_text(db, meeting):
    s, uuid, res = meeting
    fid = followups.follow_up_from_resolution(db, res, due_on=dt.date(2024, 5, 1), category="conflict",
                                              responsible_member_uuid=s.members["王五"])
    (row,) = followups.list_follow_ups(db, FollowUpFilter(today=TODAY))
    assert (row.uuid, row.meeting_uuid, row.resolution_uuid, row.title) == (fid, uuid, res, "三组道路硬化 800 米")
    assert (row.status, row.status_label, row.category_label) == ("todo", "待办", "化解矛盾")
    assert row.responsible == "王五" and row.days_overdue == 31


@pytest.mark.parametrize("change, message", [
    ({"title": " "}, "内容"),
    ({"responsible_unit": ""}, "责任单位或责任委员"),
    ({"due_on": None}, "办理期限"),
    ({"due_on": dt.date(2024, 3, 1)}, "早于会议日期"),
    ({"category": "other"}, "类别"),
    ({"responsible_member_uuid": "nobody", "responsible_unit": ""}, "责任委员"),
    ({"meeting_uuid": "no-meeting"}, "会议"),
    ({"resolution_uuid": "no-resolution"}, "协商成果"),
])
def test_bad_follow_up_is_refused(db, meeting, change, message):
    _, uuid, _ = meeting
    data = dict(meeting_uuid=uuid, title="事项", due_on=dt.date(2024, 5, 1), responsible_unit="镇政府")
    data.update(change)
    with pytest.raises(ValidationError) as err:
        followups.save_follow_up(db, FollowUpInput(**data))
    assert message in err.value.zh
    assert followups.list_follow_ups(db) == []


def test_status_rules(db, meeting):
    _, uuid, _ = meeting
    fid = followups.save_follow_up(db, FollowUpInput(uuid, "事项", dt.date(2024, 5, 1), responsible_unit="镇政府"))
    with pytest.raises(ValidationError, match="办理结果"):
        followups.set_status(db, fid, "done", closed_on=dt.date(2024, 5, 2), today=TODAY)
    with pytest.raises(ValidationError, match="办结日期"):
        followups.set_status(db, fid, "done", result="已硬化", today=TODAY)
    with pytest.raises(ValidationError, match="晚于今天"):
        followups.set_status(db, fid, "done", result="已硬化", closed_on=dt.date(2024, 7, 1), today=TODAY)
    with pytest.raises(ValidationError, match="早于会议日期"):
        followups.set_status(db, fid, "done", result="已硬化", closed_on=dt.date(2024, 1, 1), today=TODAY)
    with pytest.raises(ValidationError, match="原因"):
        followups.set_status(db, fid, "failed", today=TODAY)
    with pytest.raises(ValidationError, match="未知"):
        followups.set_status(db, fid, "maybe", today=TODAY)

    followups.set_status(db, fid, "doing", today=TODAY)
    followups.set_status(db, fid, "failed", reason="资金未落实", today=TODAY)
    with db.read() as s:
        row = s.get(FollowUp, fid)
        assert (row.status, row.reason, row.closed_on) == ("failed", "资金未落实", TODAY)
    followups.set_status(db, fid, "done", result="已硬化 800 米", closed_on=dt.date(2024, 5, 20), today=TODAY)
    followups.set_status(db, fid, "doing", today=TODAY)  # reopened: closing date cleared, texts kept
    with db.read() as s:
        row = s.get(FollowUp, fid)
        assert (row.status, row.closed_on, row.result) == ("doing", None, "已硬化 800 米")


def test_overdue_list_across_meetings(db, meeting):
    s, uuid, _ = meeting
    other = meetings.save_meeting(db, MeetingInput("另一个会", at("2024-04-01")))
    mk = lambda m, title, due: followups.save_follow_up(db, FollowUpInput(m, title, due, responsible_unit="单位"))  # noqa: E731
    late = mk(uuid, "迟了十天", dt.date(2024, 5, 22))
    later = mk(other, "迟了一个月", dt.date(2024, 5, 1))
    mk(uuid, "今天到期", TODAY)
    done = mk(uuid, "已办结", dt.date(2024, 4, 10))
    followups.set_status(db, done, "done", result="好", closed_on=dt.date(2024, 4, 9), today=TODAY)
    failed = mk(uuid, "无法办结", dt.date(2024, 4, 10))
    followups.set_status(db, failed, "failed", reason="不可能", today=TODAY)
    doing = mk(other, "办理中也会逾期", dt.date(2024, 5, 31))
    followups.set_status(db, doing, "doing", today=TODAY)
    trashed = mk(uuid, "删掉的", dt.date(2024, 4, 1))
    followups.delete_follow_ups(db, [trashed])

    items = followups.overdue_follow_ups(db, TODAY)
    assert [(i.uuid, i.days_overdue) for i in items] == [(later, 31), (late, 10), (doing, 1)]
    assert items[0].meeting_topic == "另一个会" and items[1].meeting_topic == "道路硬化协商"

    meetings.delete_meetings(db, [other])  # items of a deleted meeting leave the list with it
    assert [i.uuid for i in followups.overdue_follow_ups(db, TODAY)] == [late]
    followups.restore_follow_ups(db, [trashed])
    assert [i.uuid for i in followups.overdue_follow_ups(db, TODAY)] == [trashed, late]


def test_list_filters(db, meeting):
    s, uuid, _ = meeting
    other = meetings.save_meeting(db, MeetingInput("调研", at("2024-04-01"), kind="调研视察",
                                                   station_uuid=s.stations["城关镇委员工作站"]))
    a = followups.save_follow_up(db, FollowUpInput(uuid, "修路", dt.date(2024, 5, 1), "conflict", "交通局"))
    b = followups.save_follow_up(db, FollowUpInput(other, "修桥", dt.date(2024, 7, 1), "problem", "水利局"))
    ids = lambda **kw: [r.uuid for r in followups.list_follow_ups(db, FollowUpFilter(today=TODAY, **kw))]  # noqa: E731
    assert ids(station_uuid=s.stations["城关镇委员工作站"]) == [b]
    assert ids(kind="协商议事") == [a]
    assert ids(date_from=dt.date(2024, 6, 1), date_to=dt.date(2024, 7, 1)) == [b]
    assert ids(category="conflict") == [a]
    assert ids(text="水利") == [b]
    assert ids(meeting_uuid=uuid) == [a]
    assert ids(status="todo") == [a, b]
    assert ids(status="open") == [a, b]


def test_edit_keeps_status_and_cannot_move_meeting(db, meeting):
    _, uuid, _ = meeting
    fid = followups.save_follow_up(db, FollowUpInput(uuid, "事项", dt.date(2024, 5, 1), responsible_unit="镇政府"))
    followups.set_status(db, fid, "doing", today=TODAY)
    (row,) = followups.list_follow_ups(db)
    data = row.as_input()
    data.title = "事项（改）"
    followups.save_follow_up(db, data)
    (row,) = followups.list_follow_ups(db)
    assert (row.title, row.status) == ("事项（改）", "doing")
    other = meetings.save_meeting(db, MeetingInput("别的会", at("2024-04-01")))
    data.meeting_uuid = other
    with pytest.raises(ValidationError):
        followups.save_follow_up(db, data)


def test_closed_items_counted_per_period(db, meeting):
    _, uuid, _ = meeting
    plan = [("conflict", dt.date(2024, 3, 20)), ("conflict", dt.date(2024, 4, 2)), ("problem", dt.date(2024, 4, 30)),
            ("problem", dt.date(2024, 7, 1))]
    for i, (category, closed) in enumerate(plan):
        fid = followups.save_follow_up(db, FollowUpInput(uuid, f"事项{i}", dt.date(2024, 5, 1), category, "镇政府"))
        followups.set_status(db, fid, "done", result="办结", closed_on=closed, today=dt.date(2024, 12, 31))
    open_one = followups.save_follow_up(db, FollowUpInput(uuid, "未办", dt.date(2024, 5, 1), "conflict", "镇政府"))
    followups.set_status(db, open_one, "failed", reason="无解", today=dt.date(2024, 5, 2))

    by_quarter = closure_counts(db, "quarter")
    assert [(c.period, c.label, c.conflicts, c.problems) for c in by_quarter] == [
        ("2024Q1", "2024年第一季度", 1, 0), ("2024Q2", "2024年第二季度", 1, 1), ("2024Q3", "2024年第三季度", 0, 1)]
    assert [(c.period, c.total) for c in closure_counts(db, "half")] == [("2024H1", 3), ("2024H2", 1)]
    assert [(c.label, c.conflicts, c.problems) for c in closure_counts(db, "year")] == [("2024年", 2, 2)]
    months = closure_counts(db, "month", date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 4, 30))
    assert [(c.period, c.conflicts, c.problems) for c in months] == [("2024-04", 1, 1)]
    with pytest.raises(ValidationError):
        closure_counts(db, "decade")
    assert period_of(dt.date(2024, 12, 31), "quarter") == ("2024Q4", "2024年第四季度")


def test_status_change_is_one_transaction(db, meeting):
    _, uuid, _ = meeting
    fid = followups.save_follow_up(db, FollowUpInput(uuid, "事项", dt.date(2024, 5, 1), responsible_unit="镇政府"))
    with pytest.raises(ValidationError):
        followups.set_status(db, fid, "done", result="x", closed_on=dt.date(2023, 1, 1), today=TODAY)
    with db.read() as s:
        assert s.execute(select(FollowUp.status, FollowUp.result).where(FollowUp.uuid == fid)).one() == ("todo", "")
