"""Change capture: one entry per changed field, in the same transaction, gap-free."""

import json

import pytest
from sqlalchemy import func, select

from zxdesk.core.errors import ZxError
from zxdesk.core.storage.models import ChangeLog, Member, Sector, SiteState


def log_rows(db):
    with db.read() as s:
        return s.execute(select(ChangeLog).order_by(ChangeLog.seq)).scalars().all()


def test_insert_logs_every_field_with_change_ids(db):
    with db.write(operator="王芳") as w:
        w.session.add(Member(name="张三", phone="13900001111"))
    rows = log_rows(db)
    fields = {r.field: r for r in rows}
    assert json.loads(fields["name"].new_value) == "张三"
    assert fields["name"].old_value is None
    assert {r.operator for r in rows} == {"王芳"}
    site = db.site_state().site_id
    assert [r.change_id for r in rows] == [f"{site}:{i}" for i in range(1, len(rows) + 1)]
    assert len({r.lamport for r in rows}) == 1 and len({r.batch for r in rows}) == 1


def test_update_logs_only_changed_fields_with_old_values(db):
    with db.write() as w:
        m = Member(name="张三", phone="13900001111")
        w.session.add(m)
    before = len(log_rows(db))
    with db.write() as w:
        member = w.session.get(Member, m.uuid)
        member.phone = "13900002222"
        member.name = "张三"  # unchanged value: no entry
    rows = log_rows(db)[before:]
    assert [(r.field, json.loads(r.old_value), json.loads(r.new_value)) for r in rows] == [
        ("phone", "13900001111", "13900002222")
    ]
    with db.read() as s:
        stored = s.get(Member, m.uuid)
        assert stored.version == rows[0].lamport and stored.version > 0


def test_rolled_back_transaction_leaves_no_entry_and_no_gap(db):
    with db.write() as w:
        w.session.add(Sector(name="教育界"))
    count = len(log_rows(db))
    with pytest.raises(RuntimeError):
        with db.write() as w:
            w.session.add(Sector(name="经济界"))
            w.session.flush()
            raise RuntimeError("boom")
    assert len(log_rows(db)) == count
    with db.write() as w:
        w.session.add(Sector(name="医药卫生界"))
    seqs = [r.seq for r in log_rows(db)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_bulk_insert_is_captured(db):
    with db.write() as w:
        uuids = w.insert_rows(Sector, [{"name": f"界别{i}"} for i in range(100)])
    with db.read() as s:
        n = s.execute(select(func.count()).select_from(ChangeLog).where(ChangeLog.field == "name")).scalar_one()
        assert n == 100
        assert s.execute(select(func.count()).select_from(Sector)).scalar_one() == 100
        row = s.get(Sector, uuids[0])
        assert row.origin_site == db.site_state().site_id and row.version >= 1


def test_hard_delete_is_refused(db):
    with db.write() as w:
        s = Sector(name="教育界")
        w.session.add(s)
    with pytest.raises(ZxError):
        with db.write() as w:
            w.session.delete(w.session.get(Sector, s.uuid))
    with db.read() as session:
        assert session.get(Sector, s.uuid) is not None


def test_tombstone_is_a_logged_change(db):
    with db.write() as w:
        s = Sector(name="教育界")
        w.session.add(s)
    with db.write() as w:
        w.session.get(Sector, s.uuid).deleted = True
    last = log_rows(db)[-1]
    assert (last.field, last.new_value) == ("deleted", "true")


def test_read_sessions_cannot_write(db):
    with pytest.raises(ZxError):
        with db.read() as s:
            s.add(Sector(name="x"))
            s.flush()


def test_clock_ticks_once_per_transaction(db):
    with db.write() as w:
        w.session.add(Sector(name="a"))
        w.session.flush()
        w.session.add(Sector(name="b"))
    with db.read() as s:
        assert s.execute(select(SiteState.lamport)).scalar_one() == 1
