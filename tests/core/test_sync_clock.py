"""A workstation whose clock is a year off merges exactly as one with a right clock,
and the county is warned about the clock."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

import syncsupport as sx
from zxdesk.core.storage import capture
from zxdesk.core.storage.models import DutyRecord, Member, Station, utcnow
from zxdesk.core.sync import conflicts, export, importer, sites, status

MEMBER = "6a0c2a52-8a36-4d55-9d3c-000000000001"
STATION = "6a0c2a52-8a36-4d55-9d3c-000000000002"
RECORD = "6a0c2a52-8a36-4d55-9d3c-000000000003"


@contextlib.contextmanager
def clock(days: int, monkeypatch):
    """Everything the workstation does happens with its wall clock ``days`` off."""
    wrong = lambda: utcnow() + dt.timedelta(days=days)  # noqa: E731
    with monkeypatch.context() as m:
        for module in (capture, export, importer, sites):
            m.setattr(module, "utcnow", wrong)
        yield


def scenario(folder, days: int, monkeypatch):
    county = sx.county(folder, site_id="c0c0c0c0c0c0")
    with county.write() as w:
        w.session.add(Station(uuid=STATION, name="东镇工作站", township="东镇"))
        w.session.flush()
        w.session.add(Member(uuid=MEMBER, name="张三", phone="13900000000", station_uuid=STATION))
    ws = sx.workstation(folder, "东镇", county, site_id="e0e0e0e0e0e0")
    reports = []
    roster = sx.roster(county, "东镇")  # the county's clock is right
    with clock(days, monkeypatch):
        sx.send(roster, ws)
    with county.write() as w:
        w.session.get(Member, MEMBER).note = "县里的备注"
    with clock(days, monkeypatch):
        with ws.write() as w:
            member = w.session.get(Member, MEMBER)
            member.note, member.phone = "东镇的备注", "13711110000"
            w.session.add(DutyRecord(uuid=RECORD, member_uuid=MEMBER, duty_type="proposal",
                                     occurred_on=dt.date(2024, 6, 1), title="提案", station_uuid=STATION))
        data = sx.changes(ws)
    reports.append(sx.send(data, county))
    with county.write() as w:
        w.session.get(Member, MEMBER).unit = "县里的单位"
    roster = sx.roster(county, "东镇")
    with clock(days, monkeypatch):
        sx.send(roster, ws)
        with ws.write() as w:
            w.session.get(Member, MEMBER).title = "看过县里修改后写的"
        data = sx.changes(ws)
    reports.append(sx.send(data, county))
    roster = sx.roster(county, "东镇")
    with clock(days, monkeypatch):
        reports.append(sx.send(roster, ws))
    return county, ws, reports


def outcome(db) -> dict:
    with db.read() as s:
        m = s.get(Member, MEMBER)
        r = s.get(DutyRecord, RECORD)
        member = {k: getattr(m, k) for k in ("name", "phone", "note", "unit", "title", "version", "deleted")}
        record = {k: getattr(r, k) for k in ("title", "occurred_on", "version")}
    views = conflicts.list_conflicts(db)
    return {"member": member, "record": record,
            "conflicts": [(c.field, c.winner == "local", c.local.value, c.incoming.value) for c in views]}


@pytest.mark.parametrize("days", [365, -365])
def test_a_year_off_merges_the_same_and_warns(days, monkeypatch):
    with sx.scratch_dir() as right_dir, sx.scratch_dir() as wrong_dir:
        right = scenario(sx.Path(right_dir), 0, monkeypatch)
        wrong = scenario(sx.Path(wrong_dir), days, monkeypatch)
        for a, b in zip(right[:2], wrong[:2]):
            assert outcome(a) == outcome(b)
        assert len(outcome(wrong[0])["conflicts"]) == 1
        assert not any("时钟" in w for r in right[2] for w in r.warnings)
        assert status.sync_status(right[0]).skew_warnings == []
        word = "快了" if days > 0 else "慢了"
        assert any("时钟" in w and word in w for r in wrong[2][:2] for w in r.warnings)
        assert any("本机时钟" in w and word in w for w in wrong[2][2].warnings)  # told back in the roster
        warnings = status.sync_status(wrong[0]).skew_warnings
        assert warnings and word in warnings[0] and "东镇" in warnings[0]
        for db in (*right[:2], *wrong[:2]):
            db.dispose()


def test_identity_is_kept_while_clocks_differ(monkeypatch):
    with sx.scratch_dir() as tmp:
        county, ws, _ = scenario(sx.Path(tmp), 365, monkeypatch)
        assert sites.identity(ws).name == "东镇"
        county.dispose()
        ws.dispose()
