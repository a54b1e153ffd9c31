"""The meetings services on PostgreSQL (a county office may run one): the same flow as on SQLite."""

import datetime as dt

import pytest

from tests.meetings_data import at, make_sample
from zxdesk.core.services import followups, mediation, meetings, rota
from zxdesk.core.services.followup_stats import closure_counts
from zxdesk.core.services.meeting_list import MeetingFilter, list_meetings, meeting_records
from zxdesk.core.services.member_lookup import search_members

pytestmark = pytest.mark.postgres
TODAY = dt.date(2024, 6, 1)


def test_meetings_flow_on_postgres(pg_db):
    db = pg_db
    s = make_sample(db, points=2)
    assert sorted(m.name for m in search_members(db, "zs")) == ["张三", "张三丰"]
    uuid = meetings.save_meeting(db, meetings.MeetingInput(
        "停车难 100% 协商", at("2024-03-05"), station_uuid=s.stations["向阳镇委员工作站"],
        attendee_uuids=[s.members["张三"], s.members["李四"]], minutes_opinions="错时停车",
        resolutions=[meetings.ResolutionInput("划线")]))
    data = meetings.get_meeting(db, uuid).as_input()
    data.attendee_uuids = [s.members["张三"]]
    meetings.save_meeting(db, data)
    res = meetings.get_meeting(db, uuid).resolutions[0].uuid
    late = followups.follow_up_from_resolution(db, res, due_on=dt.date(2024, 4, 1), responsible_unit="城管")
    done = followups.follow_up_from_resolution(db, res, due_on=dt.date(2024, 4, 1), responsible_unit="交警",
                                               category="conflict")
    followups.set_status(db, done, "done", result="好", closed_on=dt.date(2024, 4, 2), today=TODAY)

    (row,) = list_meetings(db, MeetingFilter(text="错时", today=TODAY))
    assert (row.attendees_count, row.resolutions_count, row.follow_ups_open, row.follow_ups_overdue) == (1, 1, 1, 1)
    assert [r.topic for r in list_meetings(db, MeetingFilter(text="100%"))] == ["停车难 100% 协商"]
    assert list_meetings(db, MeetingFilter(date_from=dt.date(2024, 3, 6))) == []
    assert [i.uuid for i in followups.overdue_follow_ups(db, TODAY)] == [late]
    assert [(c.period, c.conflicts) for c in closure_counts(db, "quarter")] == [("2024Q2", 1)]
    assert meeting_records(db)[0].as_json(TODAY)["attendees"] == [s.members["张三"]]

    case = mediation.save_case(db, mediation.MediationInput("张三丰", dt.date(2024, 2, 1), [s.members["王五"]]))
    assert mediation.get_case(db, case).mediator_names == "王五"
    assert len(rota.fill_month(db, 2024, 5, [s.members["李四"]], place="城关派出所")) == 23
    assert rota.rota_pdf(db, 2024, 5).startswith(b"%PDF")
