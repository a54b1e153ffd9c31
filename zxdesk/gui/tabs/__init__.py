"""One module per main-window tab. ``TAB_SPECS`` lists them in order.

A tab class takes ``(ctx: AppContext, parent)`` and builds its widgets cheaply; it loads
data when ``ctx.database_ready`` fires or when first shown (``activate``). Tab modules
import core services inside methods, so building the window imports no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabSpec:
    title: str
    module: str  # under zxdesk.gui.tabs
    cls: str
    shortcut: str


TAB_SPECS = (
    TabSpec("委员台账", "ledger", "LedgerTab", "Ctrl+1"),
    TabSpec("协商议事", "meetings", "MeetingsTab", "Ctrl+2"),
    TabSpec("公示栏", "boards", "BoardsTab", "Ctrl+3"),
    TabSpec("承诺践诺", "commitments", "CommitmentsTab", "Ctrl+4"),
    TabSpec("同步", "sync", "SyncTab", "Ctrl+5"),
)
