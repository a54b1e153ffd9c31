"""Ledger benchmarks on the county demo: filter latency per keystroke, import throughput,
assessment time.

    /work/main/.venv/bin/python benchmarks/bench_ledger.py [--db PATH] [--rows 10000]

Without --db the county demo is built at /tmp/ledger-county.sqlite3 (``zxdesk demo
--scale county``). Figures are printed and written to benchmarks/results/ledger.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅文斌宇浩凯俊鹏晨"
KEYSTROKES = ("z", "zh", "zha", "zhan", "zhang", "w", "wj", "wjg", "l", "li", "lim", "王", "李明")


def build_county(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "zxdesk", "demo", "--scale", "county", "--db", str(path)], check=True,
                   cwd=ROOT)


def make_roster(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic roster: a merged title row, the header, one member per row, valid IDs as text."""
    import openpyxl
    from stdnum.cn import ric

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=False)
    ws = wb.active
    ws.append(["政协委员名册"])
    ws.merge_cells("A1:M1")
    ws.append(["序号", "姓名", "性别", "民族", "出生年月", "政治面貌", "界别", "工作单位", "职务", "联系电话", "身份证号",
               "政协职务", "工作站"])
    for i in range(rows):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 18000))
        body = f"230302{birth:%Y%m%d}{i % 1000:03d}"
        idn = body + ric.calc_check_digit(body + "0")
        ws.append([i + 1, rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), None, "汉族",
                   f"{birth:%Y.%m}", rng.choice(["中共党员", "群众", "民盟盟员", "九三学社社员"]),
                   rng.choice(["教育界", "经济界", "医药卫生界", "农业和农村界"]), f"单位{i % 300}", "主任",
                   f"139{rng.randint(0, 99999999):08d}", idn if i % 997 else idn[:-1], "委员", f"第{i % 40}工作站"])
    wb.save(path)


def bench_filter(db_path: Path) -> dict:
    """Keystroke -> model updated -> table repainted, through the real tab and worker threads."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from zxdesk.core.storage.database import open_database
    from zxdesk.gui.app import make_application
    from zxdesk.gui.context import AppContext
    from zxdesk.gui.tabs.ledger import LedgerTab

    app = make_application(["bench"])
    ctx = AppContext()
    ctx.set_database(open_database(db_path))
    tab = LedgerTab(ctx)
    tab.resize(1280, 760)
    tab.show()
    tab.activate()
    page = tab.members
    deadline = time.perf_counter() + 30
    while page.busy and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    total = page.model.rowCount()
    timings, shown = [], []
    timer = QElapsedTimer()
    for _round in range(3):
        for text in KEYSTROKES:
            timer.start()
            page.search.setText(text)  # what one keystroke does to the line edit
            while page.busy:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
            page.table.viewport().repaint()
            timings.append(timer.nsecsElapsed() / 1e6)
            shown.append(page.model.rowCount())
    page.search.setText("")
    QApplication.processEvents()
    ctx.tasks.wait()
    ctx.db.dispose()
    return {"members": total, "keystrokes": len(timings), "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(sorted(timings)[int(len(timings) * 0.95) - 1], 1), "max_ms": round(max(timings), 1),
            "queries": list(KEYSTROKES), "rows_shown_first_round": shown[: len(KEYSTROKES)]}


def bench_import(rows: int, county: Path) -> dict:
    from zxdesk.core.importing.members_import import import_members
    from zxdesk.core.storage.database import open_database

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.xlsx"
        make_roster(roster, rows)
        for label, target in (("empty_db", None), ("county_copy", county)):
            db_path = Path(tmp) / f"{label}.sqlite3"
            if target is not None:
                shutil.copy(target, db_path)
            db = open_database(db_path, create=True)
            started, cpu = time.perf_counter(), time.process_time()
            report = import_members(db, roster)
            first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
            started = time.perf_counter()
            again = import_members(db, roster)
            second = time.perf_counter() - started
            db.dispose()
            out[label] = {"rows": rows, "seconds": round(first, 2), "cpu_seconds": round(first_cpu, 2),
                          "rows_per_s": round(rows / first),
                          "imported": report.count("imported"), "rejected": report.count("rejected"),
                          "reimport_seconds": round(second, 2), "reimport_updated": again.count("updated")}
    return out


def bench_assessment(db_path: Path) -> dict:
    from sqlalchemy import func, select

    from zxdesk.core.services.assessment import assess_year
    from zxdesk.core.storage.database import open_database
    from zxdesk.core.storage.models import DutyRecord

    db = open_database(db_path)
    with db.read() as s:
        years = s.execute(select(func.strftime("%Y", DutyRecord.occurred_on), func.count())
                          .group_by(func.strftime("%Y", DutyRecord.occurred_on))).all()
    year, count = max(years, key=lambda r: r[1])
    assess_year(db, int(year))  # warm
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = assess_year(db, int(year))
        times.append(time.perf_counter() - started)
    db.dispose()
    return {"year": int(year), "records_in_year": count, "members": len(result.rows),
            "seconds": round(min(times), 3), "short": len(result.short)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None, help="an existing county demo database")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    db_path = args.db or Path("/tmp/ledger-county.sqlite3")
    if args.db is None and not db_path.exists():
        build_county(db_path)
    from zxdesk.core.services.info import quick_counts
    from zxdesk.core.storage.database import open_database

    db = open_database(db_path)
    counts = quick_counts(db)
    db.dispose()
    results = {
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, shared with other work",
        "database": {"members": counts["member"], "duty_records": counts["duty_record"]},
        "filter_latency": bench_filter(db_path),
        "import": bench_import(args.rows, db_path),
        "assessment": bench_assessment(db_path),
        "targets": {"filter_ms_per_keystroke": 50, "import_10k_rows_s": 3.0},
    }
    out = ROOT / "benchmarks" / "results" / "ledger.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
