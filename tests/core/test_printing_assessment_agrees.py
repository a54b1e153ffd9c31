"""The assessment board prints what the ledger's assessment computes."""

import datetime as dt

from zxdesk.core.demo import generate
from zxdesk.core.documents.assessment_data import assess
from zxdesk.core.documents.data import load_members
from zxdesk.core.documents.period import parse_period
from zxdesk.core.documents.render import render_board
from zxdesk.core.documents.scope import member_uuids, resolve_scope
from zxdesk.core.services.assessment import assess_year


def test_board_results_match_assess_year(db):
    generate(db, scale="station", seed=7)
    computed = {row.uuid: row for row in assess_year(db, 2023).rows}
    with db.read() as s:
        cards = load_members(db, s, member_uuids(s, resolve_scope(s, "all"), parse_period("2023")), photos=False)
    results = assess(db, cards, 2023)
    assert results, "the station demo has members assessed in 2023"
    for res in results:
        row = computed[res.card.uuid]
        assert (res.met, res.points, res.passed) == (row.met, row.points, row.passed)
    passed = sum(r.passed for r in results)
    assert 0 < passed < len(results)
    doc = render_board(db, "assessment", "all", "2023", day=dt.date(2024, 1, 15))
    assert doc.pdf.startswith(b"%PDF")
