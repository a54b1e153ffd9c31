"""kill -9 at random points during an import: the database is either untouched or
fully applied, and SQLite's integrity check passes, every time."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

import syncsupport as sx
from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import DutyRecord, Member, Station

RUNS = 100
TABLES = {
    "change_log": "site, seq, lamport, record_uuid, field, new_value, refused",
    "member": "*", "duty_record": "*", "station": "*",
    "sync_epoch": "*", "sync_peer_known": "*", "sync_conflict": "record_uuid, field, candidates",
    "site_state": "site_id, next_seq, lamport", "sync_site": "site_id, hw, last_file_id", "sync_file": "file_id",
}

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill an importer mid-way")


def state(path: Path) -> tuple[str, str]:
    """(integrity_check, digest of everything an import writes)."""
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        digest = hashlib.sha256()
        for table, cols in TABLES.items():
            for row in sorted(conn.execute(f"SELECT {cols} FROM {table}"), key=repr):
                digest.update(repr(row).encode())
        return check, digest.hexdigest()
    finally:
        conn.close()


def copy(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    shutil.copytree(src.parent / f"{src.stem}-files", dest.parent / f"{dest.stem}-files")
    return dest


def importer_child(path: Path, data: bytes) -> int:
    """Fork a process that imports ``data`` into ``path``; return its pid."""
    pid = os.fork()
    if pid == 0:  # the child: import, then leave without running any of pytest's exit code
        code = 0
        try:
            from zxdesk.core.sync.importer import import_bytes

            db = open_database(path)
            import_bytes(db, data, name="crash.zxsync")
            db.dispose()
        except BaseException:  # noqa: BLE001
            code = 1
        os._exit(code)
    return pid


@pytest.fixture
def prepared():
    with sx.scratch_dir() as tmp:
        folder = Path(tmp)
        county = sx.county(folder)
        with county.write() as w:
            station = Station(name="东镇工作站", township="东镇")
            w.session.add(station)
            w.session.flush()
            member = Member(name="张三", phone="13900001111", station_uuid=station.uuid)
            w.session.add(member)
        ws = sx.workstation(folder, "东镇", county)
        sx.send(sx.roster(county, "东镇"), ws)
        with ws.write() as w:
            w.insert_rows(DutyRecord, [
                {"member_uuid": member.uuid, "duty_type": "deed", "occurred_on": dt.date(2024, 1, 1 + i % 28),
                 "title": f"为群众办实事第{i}件", "station_uuid": station.uuid} for i in range(400)])
            w.session.get(Member, member.uuid).phone = "13700000000"
        with county.write() as w:
            w.session.get(Member, member.uuid).phone = "13600000000"  # a conflict to record as well
        data = sx.changes(ws)
        ws.dispose()
        county.dispose()
        yield folder, county.location.path, data


def test_kill_9_during_import_is_all_or_nothing(prepared):
    folder, base, data = prepared
    before = state(base)
    done = copy(base, folder / "done.sqlite3")
    db = open_database(done)
    sx.send(data, db)
    db.dispose()
    after = state(done)
    assert before[0] == after[0] == "ok" and before[1] != after[1]
    # How long an undisturbed child takes, to spread the kills over its whole life.
    durations = []
    for k in range(3):
        path = copy(base, folder / f"timing{k}.sqlite3")
        started = time.perf_counter()
        pid = importer_child(path, data)
        assert os.waitpid(pid, 0)[1] == 0
        durations.append(time.perf_counter() - started)
        assert state(path) == after
    span = max(durations) * 1.2
    rng = random.Random(20240501)
    outcomes = {"untouched": 0, "applied": 0}
    for k in range(RUNS):
        path = copy(base, folder / f"run{k}.sqlite3")
        pid = importer_child(path, data)
        time.sleep(rng.uniform(0, span))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        check, digest = state(path)
        assert check == "ok", f"run {k}: integrity_check says {check}"
        assert digest in (before[1], after[1]), f"run {k}: a half-applied import"
        outcomes["untouched" if digest == before[1] else "applied"] += 1
        for leftover in folder.glob(f"run{k}*"):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
    assert outcomes["untouched"] >= 10 and outcomes["applied"] >= 5, outcomes
