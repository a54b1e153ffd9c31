"""ORM models. Importing this package registers every table on Base.metadata."""

from .assessment import AssessmentIndicator, AssessmentResult, DutyPoints
from .base import Base, Synced, new_uuid, utcnow
from .boards import BoardPosting, BoardSettings
from .changes import ChangeLog, SiteState
from .imports import ImportBatch, ImportMapping
from .commitments import Commitment, CommitmentDeed, CommitmentUpdate, CommitmentUpdateRecord
from .meetings import (
    FollowUp,
    MediationCase,
    MediationMediator,
    Meeting,
    MeetingAttendee,
    Resolution,
    RotaEntry,
)
from .members import Attachment, DutyRecord, Member, MemberTerm
from .sync import SyncConflict, SyncEpoch, SyncFile, SyncPeerKnown, SyncShared, SyncSite
from .organisation import (
    Committee,
    GroupMember,
    OrgGroup,
    Sector,
    Setting,
    Station,
    StationCheckin,
)

__all__ = [
    "AssessmentIndicator", "AssessmentResult", "Attachment", "Base", "BoardPosting",
    "BoardSettings", "ChangeLog", "Committee", "Commitment", "CommitmentDeed",
    "CommitmentUpdate", "CommitmentUpdateRecord", "DutyPoints", "DutyRecord", "FollowUp",
    "GroupMember", "ImportBatch", "ImportMapping", "MediationCase", "MediationMediator", "Meeting", "MeetingAttendee",
    "Member", "MemberTerm", "OrgGroup", "Resolution", "RotaEntry", "Sector", "Setting",
    "SiteState", "Station", "StationCheckin", "SyncConflict", "SyncEpoch", "SyncFile",
    "SyncPeerKnown", "SyncShared", "SyncSite", "Synced", "new_uuid", "utcnow",
]


def synced_models() -> list[type[Synced]]:
    """Every synced model, in an order where a row's parents come first."""
    order = [t.name for t in Base.metadata.sorted_tables]
    by_table = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}
    return [by_table[n] for n in order if n in by_table and issubclass(by_table[n], Synced)]
