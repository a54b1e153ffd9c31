"""Benchmark of the commitments tab on the county demo (about 10,000 commitments).

    /work/main/.venv/bin/python benchmarks/bench_commitments.py [--db PATH] [--runs N]

Without --db it uses /tmp/commitments-county.sqlite3, building it first with
``zxdesk demo --scale county`` when missing. Figures (milliseconds):

- open_tab_*: from constructing CommitmentsTab (database already open, as in the app)
  through activate(), the background load and the first paint of the table's
  viewport with rows in it. ``first`` includes the one-off imports of the tab's core
  services in this process; ``median``/``min`` are later opens;
  ``activate_to_paint`` leaves out the construction. Measured for the default view
  (the latest period) and for all periods at once.
- core_*: the single query behind the table, the rates of the latest period, the rates
  overview of all periods, and the CLI's JSON list of a period.
- sort_*: sorting all rows in the model by owner name.

Writes benchmarks/results/commitments.json and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DEFAULT_DB = Path(tempfile.gettempdir()) / "commitments-county.sqlite3"
RESULTS = ROOT / "benchmarks" / "results" / "commitments.json"


def ensure_demo(path: Path) -> None:
    if path.exists():
        return
    print(f"building the county demo in {path} …", flush=True)
    subprocess.run([sys.executable, "-m", "zxdesk", "demo", "--scale", "county", "--db", str(path)],
                   cwd=ROOT, check=True)


def timed(fn, runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1)}


def open_tab_once(app, ctx, all_periods: bool) -> tuple[float, float, int]:
    """Construct, activate, wait for the load and the first paint with rows.

    Returns (construct → paint ms, activate → paint ms, rows shown)."""
    from PySide6.QtCore import QEvent, QObject, QSettings

    from zxdesk.gui.tabs.commitments import ALL, SETTINGS_PERIOD, CommitmentsTab

    QSettings().setValue(SETTINGS_PERIOD, ALL if all_periods else "")
    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and tab.model.rowCount() > 0 and not painted:
                painted.append(time.perf_counter())
            return False

    start = time.perf_counter()
    tab = CommitmentsTab(ctx)
    watch = PaintWatch()
    tab.view.viewport().installEventFilter(watch)
    tab.resize(1280, 760)
    tab.show()
    activated = time.perf_counter()
    tab.activate()
    deadline = start + 60
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
        ctx.tasks.wait(2)
    elapsed = (painted[0] - start) * 1000 if painted else float("nan")
    from_activation = (painted[0] - activated) * 1000 if painted else float("nan")
    rows = tab.model.rowCount()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return elapsed, from_activation, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_demo(args.db)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    settings_dir = tempfile.mkdtemp(prefix="zx-bench-settings-")
    QCoreApplication.setOrganizationName("zxdesk-bench")
    QCoreApplication.setApplicationName("zxdesk-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = QApplication(["bench"])
    from zxdesk.gui.fonts import register_fonts

    register_fonts(app)
    from zxdesk.core.storage.database import open_database
    from zxdesk.gui.context import AppContext

    db = open_database(args.db)
    ctx = AppContext()
    ctx.set_database(db)

    from zxdesk.core.services.info import quick_counts

    total = quick_counts(db)["commitment"]
    result: dict = {"database": str(args.db), "commitments": total}
    for name, all_periods in (("open_tab_latest_period", False), ("open_tab_all_periods", True)):
        first, _, rows = open_tab_once(app, ctx, all_periods)
        later = [open_tab_once(app, ctx, all_periods) for _ in range(args.runs)]
        result[name] = {"rows": rows, "first_ms": round(first, 1),
                        "median_ms": round(statistics.median(x[0] for x in later), 1),
                        "min_ms": round(min(x[0] for x in later), 1),
                        "activate_to_paint_median_ms": round(statistics.median(x[1] for x in later), 1)}

    from zxdesk.core.services.commitment_list import CommitmentFilter, filter_options, list_commitments, table_rows
    from zxdesk.core.services.commitment_rates import commitment_rates, period_rates

    latest = filter_options(db).periods[0]
    result["latest_period"] = latest
    result["core_table_rows_all"] = timed(lambda: table_rows(db), args.runs)
    result["core_table_rows_latest"] = timed(lambda: table_rows(db, CommitmentFilter(period=latest)), args.runs)
    result["core_rates_latest_period"] = timed(lambda: commitment_rates(db, latest), args.runs)
    result["core_rates_all_periods"] = timed(lambda: period_rates(db), args.runs)
    result["core_json_list_latest"] = timed(lambda: list_commitments(db, CommitmentFilter(period=latest)), args.runs)

    from PySide6.QtCore import Qt

    from zxdesk.gui.commitments.table_model import COLUMNS, CommitmentTableModel

    model = CommitmentTableModel()
    model.set_rows(table_rows(db).rows)
    owner = [f for _, f, _ in COLUMNS].index("owner_name")
    flips = iter([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * args.runs)
    result["sort_all_rows_by_owner"] = timed(lambda: model.sort(owner, next(flips)), args.runs)

    result["machine"] = {
        "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "note": "shared 2-core machine (other engineers' builds and tests running); offscreen Qt",
    }
    db.dispose()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
