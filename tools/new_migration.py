"""Write the next Alembic migration by comparing the models with the current head.

    .venv/bin/python tools/new_migration.py "what changed"

Revision ids are the next four-digit number, so zxdesk can list the revisions it knows
without importing Alembic. Review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

# Always the models of the checkout this script is in, not an installed zxdesk.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402
from alembic.config import Config
from sqlalchemy import create_engine  # noqa: E402

from zxdesk.core.storage.migrations import MIGRATIONS_DIR, known_revisions  # noqa: E402


def main() -> int:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    revisions = known_revisions()
    next_id = f"{int(revisions[-1]) + 1:04d}" if revisions else "0001"
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite3'}")
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            if revisions:
                command.upgrade(cfg, "head")
            slug = "_".join(message.lower().split())[:40]
            cfg.set_main_option("file_template", f"{next_id}_{slug}")
            command.revision(cfg, message=message, autogenerate=True, rev_id=next_id)
        engine.dispose()
    print(f"wrote migration {next_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
