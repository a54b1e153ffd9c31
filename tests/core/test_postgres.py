"""The same core on PostgreSQL: schema, change capture, tombstones, info."""

import json

import pytest
from sqlalchemy import func, select

from zxdesk.core.services.info import database_info
from zxdesk.core.storage.models import ChangeLog, Member, Sector

pytestmark = pytest.mark.postgres


def test_schema_and_capture_on_postgres(pg_db):
    assert pg_db.revision == "0001"
    with pg_db.write(operator="clerk") as w:
        m = Member(name="䶮喆赟", phone="13900001111")
        w.session.add(m)
        w.insert_rows(Sector, [{"name": "教育界"}, {"name": "经济界"}])
    with pg_db.write() as w:
        w.session.get(Member, m.uuid).phone = "13900002222"
    with pg_db.read() as s:
        rows = s.execute(select(ChangeLog).order_by(ChangeLog.seq)).scalars().all()
        assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
        assert json.loads(rows[-1].new_value) == "13900002222"
        assert s.get(Member, m.uuid).name == "䶮喆赟"


def test_rollback_leaves_nothing_on_postgres(pg_db):
    with pytest.raises(RuntimeError):
        with pg_db.write() as w:
            w.session.add(Sector(name="x"))
            w.session.flush()
            raise RuntimeError
    with pg_db.read() as s:
        assert s.execute(select(func.count()).select_from(ChangeLog)).scalar_one() == 0
    assert database_info(pg_db).counts["sector"] == 0
