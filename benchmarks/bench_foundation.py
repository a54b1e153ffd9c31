"""Foundation figures on the county demo: generation time, first paint, peak memory.

    .venv/bin/python benchmarks/bench_foundation.py [--db PATH] [--runs N]

Writes benchmarks/results/foundation.json. Each figure is measured in a fresh process,
as a user would meet it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "foundation.json"


def zxdesk(*args: str, env: dict | None = None) -> tuple[str, float, int]:
    """Run zxdesk in a child; return its stdout, wall seconds and peak RSS (KiB)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "zxdesk", *args], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    stdout = child.stdout.read()
    stderr = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"zxdesk {' '.join(args)} failed: {stderr.decode('utf-8', 'replace')}")
    return stdout.decode("utf-8"), elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing county demo database (else one is generated)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict = {"machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"}
    if args.db:
        db = args.db
    else:
        db = str(Path(tempfile.mkdtemp()) / "county.sqlite3")
        _, elapsed, peak = zxdesk("demo", "--scale", "county", "--db", db)
        results["demo_county_seconds"] = round(elapsed, 2)
        results["demo_county_peak_rss_mb"] = round(peak / 1024, 1)
        print(f"demo --scale county: {elapsed:.1f} s, peak RSS {peak / 1024:.0f} MB")
    info = json.loads(zxdesk("info", "--json", "--db", db)[0])
    results["counts"] = {k: info["counts"][k] for k in ("station", "member", "duty_record", "meeting", "commitment")}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    paints, walls, peaks = [], [], []
    for _ in range(args.runs):
        out, elapsed, peak = zxdesk("--smoke-test", "--db", db, env=env)
        paints.append(float(re.search(r"first paint: (\d+) ms", out).group(1)))
        walls.append(elapsed)
        peaks.append(peak)
    peak = max(peaks)
    results["first_paint_ms_median"] = statistics.median(paints)
    results["first_paint_ms_all"] = paints
    results["smoke_test_wall_seconds_median"] = round(statistics.median(walls), 2)
    results["gui_peak_rss_mb"] = round(peak / 1024, 1)
    print(f"first paint: median {statistics.median(paints):.0f} ms over {args.runs} runs {paints}")
    print(f"smoke test (all tabs shown once): median {statistics.median(walls):.2f} s; peak RSS {peak / 1024:.0f} MB")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
