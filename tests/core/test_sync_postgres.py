"""A county office on PostgreSQL syncing with a workstation on SQLite: the same code."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import syncsupport as sx
import datetime as dt

from zxdesk.core.storage.models import Meeting, MeetingAttendee, Member, Station
from zxdesk.core.sync import conflicts, export, importer, sites, status

pytestmark = pytest.mark.postgres


def test_county_on_postgres(pg_db, tmp_path, monkeypatch):
    monkeypatch.setenv(sites.KEY_DIR_ENV, str(tmp_path / "keys"))  # key files are named by site id
    county = pg_db
    sites.setup(county, "county", sx.COUNTY)
    with county.write() as w:
        east = Station(name="东镇工作站", township="东镇")
        west = Station(name="西镇工作站", township="西镇")
        w.session.add_all([east, west])
        w.session.flush()
        visitor = Member(name="李四", phone="13900002222", station_uuid=west.uuid)
        meeting = Meeting(topic="协商", starts_at=dt.datetime(2024, 5, 1, 9), station_uuid=east.uuid)
        w.session.add_all([Member(name="张三", phone="13900001111", station_uuid=east.uuid), visitor, meeting])
        w.session.flush()
        w.session.add(MeetingAttendee(meeting_uuid=meeting.uuid, member_uuid=visitor.uuid))
    ws = sx.workstation(tmp_path, "东镇")
    sites.enroll(county, sites.read_enroll_request(county, sites.make_enroll_request(ws)[0]))
    roster = export.build(county, site="东镇").data
    assert importer.import_bytes(ws, roster).applied > 0
    with ws.write() as w:
        members = {m.name: m for m in w.session.execute(select(Member)).scalars()}
        members["张三"].phone = "13700000000"
        members["李四"].note = "东镇改的"  # another township's record (held as a reference): refused
    up = export.build(ws).data
    with county.write() as w:
        w.session.execute(select(Member).where(Member.name == "张三")).scalar_one().phone = "13600000000"
    dry = importer.import_bytes(county, up, dry_run=True)
    report = importer.import_bytes(county, up)
    assert (dry.applied, dry.conflicts, dry.refused) == (report.applied, report.conflicts, report.refused) == (1, 1, 1)
    assert importer.import_bytes(county, up).status == "already_imported"
    [c] = conflicts.list_conflicts(county)
    conflicts.resolve(county, c.id, "incoming")
    back = export.build(county, site="东镇").data
    assert status.sync_status(county).sites[0].last_file is not None
    importer.import_bytes(ws, back)
    with ws.read() as s:
        held = {m.name: (m.phone, m.note) for m in s.execute(select(Member)).scalars()}
    assert held == {"张三": ("13700000000", ""), "李四": ("", "")}  # no phone for a reference
    with county.read() as s:
        assert {m.name: (m.phone, m.note) for m in s.execute(select(Member)).scalars()} == {
            "张三": ("13700000000", ""), "李四": ("13900002222", "")}
    ws.dispose()
