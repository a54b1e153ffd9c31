"""The meetings services on the station-scale demo: figures agree with plain SQL, and
editing a generated meeting adopts its records instead of duplicating them."""

from __future__ import annotations

import datetime as dt

import pytest

from zxdesk.core.demo import generate
from zxdesk.core.services import followups, mediation, meetings
from zxdesk.core.services.followup_stats import closure_counts
from zxdesk.core.services.meeting_list import MeetingFilter, list_meetings, meeting_records
from zxdesk.core.storage.database import open_database

AS_OF = dt.date(2024, 12, 31)  # the demo's "today"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "station.sqlite3"
    db = open_database(path, create=True)
    generate(db, scale="station", seed=7)
    db.dispose()
    return path


@pytest.fixture
def demo(demo_path, tmp_path):
    """A private copy per test, so that edits do not leak between tests."""
    import shutil

    copy = tmp_path / "station.sqlite3"
    shutil.copyfile(demo_path, copy)
    db = open_database(copy)
    yield db
    db.dispose()


def sql(db, text: str, **params):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(text, tuple(params.values()) if params else ()).all()


def test_list_counts_agree_with_sql(demo):
    rows = list_meetings(demo, MeetingFilter(today=AS_OF))
    assert len(rows) == sql(demo, "SELECT COUNT(*) FROM meeting WHERE deleted = 0")[0][0] == 150
    attendees = dict(sql(demo, "SELECT meeting_uuid, COUNT(*) FROM meeting_attendee WHERE deleted = 0 "
                               "GROUP BY meeting_uuid"))
    open_items = dict(sql(demo, "SELECT meeting_uuid, COUNT(*) FROM follow_up WHERE deleted = 0 AND status IN "
                                "('todo', 'doing') GROUP BY meeting_uuid"))
    for r in rows:
        assert r.attendees_count == attendees.get(r.uuid, 0)
        assert r.follow_ups_open == open_items.get(r.uuid, 0)
    assert [r.starts_at for r in rows] == sorted((r.starts_at for r in rows), reverse=True)


def test_overdue_and_closure_counts_agree_with_sql(demo):
    overdue = followups.overdue_follow_ups(demo, AS_OF)
    expected = {u for (u,) in sql(demo, "SELECT uuid FROM follow_up WHERE deleted = 0 AND status IN ('todo', 'doing') "
                                        "AND due_on < ?", d=AS_OF.isoformat())}
    assert {i.uuid for i in overdue} == expected and expected
    assert all(i.days_overdue == (AS_OF - i.due_on).days for i in overdue)
    counts = closure_counts(demo, "year")
    by_sql = dict(((y, c), n) for y, c, n in sql(
        demo, "SELECT substr(closed_on, 1, 4), category, COUNT(*) FROM follow_up WHERE deleted = 0 AND status = 'done' "
              "GROUP BY 1, 2"))
    for c in counts:
        assert (c.conflicts, c.problems) == (by_sql.get((c.period, "conflict"), 0), by_sql.get((c.period, "problem"), 0))


def test_search_finds_words_of_the_minutes(demo):
    (topic, opinions) = sql(demo, "SELECT topic, minutes_opinions FROM meeting WHERE kind = '协商议事' LIMIT 1")[0]
    word = opinions[4:10]
    found = list_meetings(demo, MeetingFilter(text=word))
    expected = sql(demo, "SELECT COUNT(*) FROM meeting WHERE instr(topic || agenda || minutes_briefing || "
                         "minutes_opinions || minutes_consensus || place || host, ?) > 0 OR uuid IN (SELECT meeting_uuid "
                         "FROM resolution WHERE instr(text, ?) > 0)", a=word, b=word)[0][0]
    assert len(found) == expected >= 1


def test_editing_a_demo_meeting_keeps_its_records(demo):
    (uuid,) = sql(demo, "SELECT uuid FROM meeting WHERE kind = '协商议事' ORDER BY starts_at LIMIT 1")[0]
    before = sql(demo, "SELECT member_uuid FROM duty_record WHERE source_uuid = ? AND deleted = 0", u=uuid)
    data = meetings.get_meeting(demo, uuid).as_input()
    assert sorted(data.attendee_uuids) == sorted(m for (m,) in before)
    meetings.save_meeting(demo, data)
    after = sql(demo, "SELECT member_uuid FROM duty_record WHERE source_uuid = ?", u=uuid)
    assert sorted(after) == sorted(before)  # adopted, not duplicated
    data.attendee_uuids = data.attendee_uuids[1:]
    meetings.save_meeting(demo, data)
    live = sql(demo, "SELECT COUNT(*) FROM duty_record WHERE source_uuid = ? AND deleted = 0", u=uuid)[0][0]
    assert live == len(before) - 1


def test_editing_a_demo_mediation_case_keeps_its_records(demo):
    row = mediation.list_cases(demo)[0]
    before = sql(demo, "SELECT COUNT(*) FROM duty_record WHERE source_uuid = ?", u=row.uuid)[0][0]
    mediation.save_case(demo, row.as_input())
    assert sql(demo, "SELECT COUNT(*) FROM duty_record WHERE source_uuid = ?", u=row.uuid)[0][0] == before


def test_export_records_for_the_cli(demo):
    records = meeting_records(demo, MeetingFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31),
                                                  today=AS_OF))
    assert records and all(r.row.starts_at.year == 2024 for r in records)
    j = records[0].as_json(AS_OF)
    assert set(j) >= {"uuid", "kind", "topic", "date", "place", "attendees", "residents_count", "resolutions_count",
                      "follow_ups"}
    assert all(set(f) >= {"uuid", "title", "status", "status_label", "due_on"} for f in j["follow_ups"])
