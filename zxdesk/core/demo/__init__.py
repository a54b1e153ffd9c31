"""Demo data: a realistic, deterministic committee for trying zxdesk out and for tests.

``generate(db, scale=..., seed=...)`` fills an empty database in one captured write
transaction: the same seed always gives the same records and uuids (only wall-time
columns differ). Scales: ``station`` (one station, 30 members), ``county`` (59 stations,
1,000 members, 100,000 duty records, 5,000 meetings, 10,000 commitments) and
``province`` (ten times county).

All data is built as plain dicts and written with ``ChangeWriter.insert_rows``, which
logs every field to the change log like any other write.
"""

from __future__ import annotations


from sqlalchemy import func, select

from ..errors import ValidationError
from ..progress import Progress
from ..storage.database import Database
from ..storage.models import Committee, DutyRecord, Meeting, Member, Station
from .commitments import build_commitments
from .context import SCALES, Demo
from .duties import build_duties
from .fieldwork import build_mediation, build_rota
from .meetings import build_meetings
from .organisation import build_organisation
from .people import build_members

__all__ = ["SCALES", "generate", "summary"]

_PHASES = (
    ("organisation", build_organisation),
    ("members", build_members),
    ("meetings", build_meetings),
    ("mediation", build_mediation),
    ("duties", build_duties),
    ("rota", build_rota),
    ("commitments", build_commitments),
)



def generate(db: Database, *, scale: str, seed: int = 2024, progress: Progress | None = None) -> str:
    """Fill an empty database with demo data; return a one-line summary of the counts."""
    if scale not in SCALES:
        raise ValidationError(
            f"未知的演示数据规模：{scale}（可选 station、county、province）",
            f"unknown demo scale {scale!r} (station, county or province)",
        )
    progress = progress or Progress()
    with db.read() as s:
        for model in (Member, Committee, Station, Meeting, DutyRecord):
            if s.execute(select(func.count()).select_from(model)).scalar_one():
                raise ValidationError(
                    "数据库中已有数据（委员、工作站等），演示数据只能生成到空数据库中，请新建一个数据库后再试",
                    "database already has data (members, stations, ...); demo data can only be generated "
                    "into an empty database",
                )
    with db.write(bulk=True) as w:
        demo = Demo(w, SCALES[scale], seed, progress)
        for phase, build in _PHASES:
            demo.phase(phase)
            build(demo)
        progress.report(99, 100, "写入数据库")
        changes = w.count
    progress.report(100, 100, "演示数据已生成")
    return summary(demo.counts, changes)


def summary(counts: dict[str, int], changes: int) -> str:
    c = counts.get
    return (
        f"工作站 {c('station', 0)} 个，委员 {c('member', 0)} 名，履职记录 {c('duty_record', 0)} 条，"
        f"活动 {c('meeting', 0)} 次（跟踪事项 {c('follow_up', 0)} 项），承诺 {c('commitment', 0)} 项，"
        f"调解案件 {c('mediation_case', 0)} 件，变更记录 {changes} 条"
    )
