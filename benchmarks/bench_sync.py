"""Sync speed: export and import of a file with 100,000 field changes.

    /work/main/.venv/bin/python benchmarks/bench_sync.py [--db COUNTY_DEMO] [--changes N]

A workstation records duty records (10 fields each) until it has N field changes, exports
them (read, encrypt personal fields, sign, zip, write with fsync and read back), and the
county imports the file (verify, decrypt, validate every line, authorise, merge, commit).
Then the county records 100,000 field changes for another township and sends them in
its roster, which that workstation imports. The first roster of each new workstation
(at county scale: a real demo township) is timed too. Each is compared with the raw sqlite3 insert rate of the same number of
rows into a table shaped like the change log.

``--db`` uses a copy of an existing county database (e.g. the county demo, made with
``python -m zxdesk demo --scale county --db /tmp/sync-county.sqlite3``) as the county,
so the import lands on a change log that already holds millions of rows.
Figures go to benchmarks/results/sync.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from zxdesk.core.storage.database import open_database  # noqa: E402
from zxdesk.core.storage.models import DutyRecord, Member, Station  # noqa: E402
from zxdesk.core.sync import export, importer, sites  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "sync.json"


def timed(repeat: int, fn):
    times, result = [], None
    for k in range(repeat):
        started = time.perf_counter()
        result = fn(k)
        times.append(time.perf_counter() - started)
    return times, result


def fresh_copy(db, dest: Path) -> Path:
    """A copy of a quiet database and its key folder, to import into afresh."""
    db.engine.dispose()
    shutil.copyfile(db.location.path, dest)
    src = db.location.path
    shutil.copytree(src.parent / f"{src.stem}-files", dest.parent / f"{dest.stem}-files")
    return dest


def raw_insert_rate(folder: Path, n: int, k: int = 0) -> float:
    """Seconds for sqlite3 executemany of n change-log-shaped rows in one transaction."""
    path = folder / f"raw{k}.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE change_log (id INTEGER PRIMARY KEY, site TEXT, seq INTEGER, lamport INTEGER, "
                 "table_name TEXT, record_uuid TEXT, field TEXT, old_value TEXT, new_value TEXT, operator TEXT, "
                 "wall_time TEXT, batch TEXT, refused BOOLEAN DEFAULT 0, UNIQUE (site, seq))")
    conn.execute("CREATE INDEX ix_rf ON change_log (record_uuid, field)")
    conn.execute("CREATE INDEX ix_b ON change_log (batch)")
    rows = [("abcdef012345", i, 7, "duty_record", f"00000000-0000-4000-8000-{i // 10:012d}", f"f{i % 10}", None,
             f'"value {i}"', "clerk", "2024-05-01T08:00:00Z", "b" * 36) for i in range(n)]
    started = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO change_log (site, seq, lamport, table_name, record_uuid, field, old_value, "
                         "new_value, operator, wall_time, batch) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a county database to copy and use as the county (e.g. the county demo)")
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (median and best are kept)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    per_record = 10  # duty_record's data fields, including the tombstone
    records = args.changes // per_record
    with tempfile.TemporaryDirectory(prefix="zxdesk-bench-sync-") as tmp:
        folder = Path(tmp)
        county_path = folder / "county.sqlite3"
        if args.db:
            src = open_database(args.db)
            src.engine.dispose()
            from zxdesk.core.services.backup import backup_to

            backup_to(src, county_path)
            src.dispose()
        county = open_database(county_path, create=True)
        if sites.identity(county) is None:
            sites.setup(county, "county", "230381")
        with county.write() as w:
            stations, members = {}, {}
            for town in ("基准镇", "对照镇"):
                stations[town] = Station(name=f"{town}工作站", township=town)
                w.session.add(stations[town])
                w.session.flush()
                members[town] = Member(name=f"{town}委员", phone="13900000000", station_uuid=stations[town].uuid)
                w.session.add(members[town])
            w.session.flush()
            station_ids = {t: st.uuid for t, st in stations.items()}
            member_ids = {t: m.uuid for t, m in members.items()}
            demo_town = w.session.execute(select(Station.township).where(Station.township.notin_(stations))
                                          .order_by(Station.name).limit(1)).scalar()
        workstations = {}
        for town in ("基准镇", "对照镇", demo_town):
            if town is None:
                continue
            db = open_database(folder / f"{town}.sqlite3", create=True)
            sites.setup(db, "workstation", "230381", town)
            sites.enroll(county, sites.read_enroll_request(county, sites.make_enroll_request(db)[0]))
            workstations[town] = db
        ws, other = workstations["基准镇"], workstations["对照镇"]
        first = {}
        for town, db in workstations.items():
            started = time.perf_counter()
            res = export.export_file(county, folder / f"first-{town}.zxsync", site=town)
            made = time.perf_counter() - started
            started = time.perf_counter()
            importer.import_file(db, res.path)
            first[town] = {"changes": res.changes, "file_bytes": res.size, "export_s": round(made, 3),
                           "import_s": round(time.perf_counter() - started, 3)}
            importer.import_file(county, export.export_file(db, folder / f"ack-{town}.zxsync").path)

        def duty_rows(town: str) -> list[dict]:
            return [{"member_uuid": member_ids[town], "duty_type": "deed",
                     "occurred_on": dt.date(2024, 1, 1) + dt.timedelta(days=i % 300), "title": f"为群众办实事 {i}",
                     "description": "修缮村道" * 5, "station_uuid": station_ids[town]} for i in range(records)]

        # Up: a workstation's 100,000 field changes to the county.
        with ws.write() as w:
            w.insert_rows(DutyRecord, duty_rows("基准镇"))
        export_times, out = timed(args.repeat, lambda k: export.export_file(ws, folder / f"ws{k}.zxsync"))
        import_times, report = timed(args.repeat, lambda k: importer.import_file(
            open_database(fresh_copy(county, folder / f"county{k}.sqlite3")), folder / "ws0.zxsync"))
        assert report.applied == out.changes and report.refused == 0, report
        # Down: 100,000 field changes made at the county for 对照镇, in its roster.
        with county.write() as w:
            w.insert_rows(DutyRecord, duty_rows("对照镇"))
        roster_times, roster = timed(args.repeat, lambda k: export.export_file(
            county, folder / f"roster{k}.zxsync", site="对照镇"))
        roster_import_times, roster_report = timed(args.repeat, lambda k: importer.import_file(
            open_database(fresh_copy(other, folder / f"other{k}.sqlite3")), folder / "roster0.zxsync"))
        assert roster_report.applied >= out.changes, roster_report
        raw_times = [raw_insert_rate(folder, out.changes, k) for k in range(args.repeat)]
        for db in (county, *workstations.values()):
            db.dispose()

    raw_s = statistics.median(raw_times)

    def entry(times: list[float], n: int) -> dict:
        median = statistics.median(times)
        return {"seconds_median": round(median, 3), "seconds_best": round(min(times), 3),
                "runs": [round(t, 3) for t in times], "changes": n, "changes_per_s": round(n / median),
                "vs_raw_sqlite_insert": round(median / raw_s, 2)}

    results = {
        "what": "sync file export/import of N field changes (duty records, 10 fields each)",
        "machine": f"{platform.machine()} {platform.system()}, Python {platform.python_version()}, "
                   "2 cores shared with other engineers' work",
        "county_database": "copy of " + args.db if args.db else "fresh county (a station and a member)",
        "file_bytes": out.size,
        "workstation_export": entry(export_times, out.changes),
        "county_import": entry(import_times, report.applied),
        "county_roster_export": entry(roster_times, roster.changes),
        "workstation_roster_import": entry(roster_import_times, roster_report.applied),
        "raw_sqlite3_insert": {"seconds_median": round(raw_s, 3), "runs": [round(t, 3) for t in raw_times],
                               "rows": out.changes, "rows_per_s": round(out.changes / raw_s)},
        "first_roster_of_a_new_workstation": first,
        "target_s": 3.0,
    }
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        saved["county_demo" if args.db else "fresh"] = results
        RESULTS.write_text(json.dumps(saved, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
