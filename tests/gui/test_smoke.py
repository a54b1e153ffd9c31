"""`zxdesk --smoke-test` opens the window offscreen, shows each tab and exits 0."""

import os
import re
import subprocess
import sys


def test_smoke_test_command(db_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "zxdesk", "init", "--db", str(db_path)], check=True, env=env,
                   capture_output=True)
    out = subprocess.run([sys.executable, "-m", "zxdesk", "--smoke-test", "--db", str(db_path)],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.search(r"first paint: \d+ ms", out.stdout)


def test_smoke_test_refuses_missing_database(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "zxdesk", "--smoke-test", "--db", str(tmp_path / "no.sqlite3")],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert out.returncode != 0
    assert "不存在" in out.stderr
