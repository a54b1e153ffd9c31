"""The meetings CLI contract: `meetings list --json` and `followups overdue --json`."""

import datetime as dt
import json

from tests.core.test_cli import zx
from tests.meetings_data import at, make_sample
from zxdesk.core.services import followups, meetings
from zxdesk.core.services.meetings import MeetingInput, ResolutionInput


def build(db):
    s = make_sample(db)
    today = dt.date.today()
    old = meetings.save_meeting(db, MeetingInput(
        "停车难协商", at("2023-05-04"), station_uuid=s.stations["向阳镇委员工作站"], place="议事厅",
        attendee_uuids=[s.members["张三"], s.members["李四"]], residents_count=12,
        resolutions=[ResolutionInput("划线"), ResolutionInput("错时")]))
    new = meetings.save_meeting(db, MeetingInput("学习会", at("2023-05-06", "20:00"), kind="学习交流"))
    res = meetings.get_meeting(db, old).resolutions[0].uuid
    late = followups.follow_up_from_resolution(db, res, due_on=today - dt.timedelta(days=5), responsible_unit="城管局",
                                               responsible_member_uuid=s.members["王五"])
    fine = followups.follow_up_from_resolution(db, res, due_on=today + dt.timedelta(days=5), responsible_unit="交警队")
    done = followups.save_follow_up(db, followups.FollowUpInput(new, "已办", dt.date(2023, 6, 1), responsible_unit="x"))
    followups.set_status(db, done, "done", result="ok", closed_on=dt.date(2023, 6, 1))
    return s, old, new, late, fine


def test_meetings_list_json(db, db_path):
    s, old, new, late, fine = build(db)
    out = zx("meetings", "list", "--json", "--db", db_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [m["uuid"] for m in data] == [old, new]
    m = data[0]
    assert (m["kind"], m["topic"], m["date"], m["place"]) == ("协商议事", "停车难协商", "2023-05-04", "议事厅")
    assert sorted(m["attendees"]) == sorted([s.members["张三"], s.members["李四"]])
    assert (m["residents_count"], m["resolutions_count"]) == (12, 2)
    assert {f["uuid"]: f["status"] for f in m["follow_ups"]} == {late: "todo", fine: "todo"}
    assert all(f["status_label"] == "待办" for f in m["follow_ups"])
    assert data[1]["follow_ups"][0]["status"] == "done"


def test_meetings_list_date_filter_is_inclusive(db, db_path):
    _, old, new, _, _ = build(db)
    run = lambda *a: [m["uuid"] for m in json.loads(zx("meetings", "list", "--json", "--db", db_path, *a).stdout)]  # noqa: E731
    assert run("--from", "2023-05-04", "--to", "2023-05-04") == [old]
    assert run("--from", "2023-05-05") == [new]
    assert run("--to", "2023-05-06") == [old, new]
    assert run("--from", "2023-05-07") == []


def test_followups_overdue_json(db, db_path):
    s, old, _, late, _ = build(db)
    out = zx("followups", "overdue", "--json", "--db", db_path)
    assert out.returncode == 0, out.stderr
    (item,) = json.loads(out.stdout)
    assert (item["uuid"], item["meeting_uuid"], item["meeting_topic"], item["title"]) == (late, old, "停车难协商", "划线")
    assert item["days_overdue"] == 5 and item["status"] == "todo"
    assert item["due_on"] == (dt.date.today() - dt.timedelta(days=5)).isoformat()
    assert "城管局" in item["responsible"] and "王五" in item["responsible"]


def test_stats_and_rota_pdf_commands(db, db_path, tmp_path):
    build(db)
    out = zx("followups", "stats", "--json", "--by", "year", "--db", db_path)
    assert json.loads(out.stdout) == [{"period": "2023", "label": "2023年", "conflicts": 0, "problems": 1, "total": 1}]
    pdf = tmp_path / "rota.pdf"
    assert zx("meetings", "rota-pdf", "--month", "2023-05", "--out", pdf, "--db", db_path).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bad_dates_are_one_line_errors(db, db_path):
    for args in (("--from", "2023-02-30"), ("--from", "2023-05-07", "--to", "2023-05-01")):
        out = zx("meetings", "list", "--json", "--db", db_path, *args)
        assert out.returncode != 0
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0]
