"""Sync bookkeeping: known sites and keys, what each holds, files, epochs, conflicts.

None of these tables travel as rows; they describe this database's view of the others.
Changes themselves travel as change-log entries (see models.changes and core.sync).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SyncSite(Base):
    """A site this database knows: itself, the county office or a workstation.

    ``hw`` is how far this database holds the site's changes: every change of that site
    with seq <= hw that this database may see is here (changes arrive gap-free).
    """

    __tablename__ = "sync_site"

    site_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")  # township, or the county office
    role: Mapped[str] = mapped_column(String(12), default="")  # county | workstation
    county_code: Mapped[str] = mapped_column(String(12), default="")
    sign_pub: Mapped[str] = mapped_column(String(64), default="")  # Ed25519, base64
    enc_pub: Mapped[str] = mapped_column(String(64), default="")  # X25519, base64
    key_id: Mapped[str] = mapped_column(String(16), default="")
    fingerprint: Mapped[str] = mapped_column(String(40), default="")
    # self | enrolled | revoked | pending (a workstation not yet answered by the county)
    status: Mapped[str] = mapped_column(String(12), default="enrolled")
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    hw: Mapped[int] = mapped_column(BigInteger, default=0)
    last_file_id: Mapped[str] = mapped_column(String(32), default="")
    last_file_name: Mapped[str] = mapped_column(String(255), default="")
    last_file_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # our clock
    last_file_created: Mapped[str] = mapped_column(String(20), default="")  # the sender's clock
    skew_days: Mapped[int] = mapped_column(Integer, default=0)  # + ahead of ours, - behind
    skew_note: Mapped[str] = mapped_column(String(300), default="")


class SyncPeerKnown(Base):
    """What a peer reported holding of an origin's changes (its ``hw`` for that origin).

    At a workstation, (county, self) is the county's acknowledgement of our changes; at
    the county, (workstation, origin) says where the next roster file starts.
    """

    __tablename__ = "sync_peer_known"

    peer: Mapped[str] = mapped_column(String(40), primary_key=True)
    origin: Mapped[str] = mapped_column(String(40), primary_key=True)
    hw: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncEpoch(Base):
    """A site's knowledge from a Lamport value on: its changes with a higher Lamport
    value (up to its next epoch) had seen exactly ``vector`` ({origin: hw}, JSON).

    Written when an import advances the site's knowledge; it is what makes "had the
    editor seen that change?" an exact question instead of a guess from clocks.
    """

    __tablename__ = "sync_epoch"

    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    lamport: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    vector: Mapped[str] = mapped_column(Text, default="{}")


class SyncFile(Base):
    """Every sync file written or imported (imports: only those that were applied)."""

    __tablename__ = "sync_file"
    __table_args__ = (Index("ix_sync_file_peer", "peer", "direction", "file_no"),)

    file_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    kind: Mapped[str] = mapped_column(String(16))  # changes | roster
    peer: Mapped[str] = mapped_column(String(40))  # the other site
    file_no: Mapped[int] = mapped_column(Integer, default=0)  # per sender and recipient
    name: Mapped[str] = mapped_column(String(255), default="")
    payload_sha256: Mapped[str] = mapped_column(String(64), default="")
    created: Mapped[str] = mapped_column(String(20), default="")  # the sender's clock
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime)  # our clock
    ranges: Mapped[str] = mapped_column(Text, default="{}")  # {origin: [from, to]}
    summary: Mapped[str] = mapped_column(Text, default="{}")


class SyncConflict(Base):
    """A field changed concurrently at two sites (kind 'field'), or a record deleted
    against an edit the deleter had not seen (kind 'delete').

    ``candidates`` (JSON) are the competing changes; the provisional winner is the one
    with the higher Lamport value, then the higher site id: the same on every replica.
    Losers stay in the change log and here until a person resolves the conflict.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_open", "record_uuid", "field", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8), default="field")  # field | delete
    table_name: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))  # 'deleted' for a delete conflict
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | resolved | superseded
    local_change: Mapped[str] = mapped_column(String(60), default="")
    incoming_change: Mapped[str] = mapped_column(String(60), default="")
    winner_change: Mapped[str] = mapped_column(String(60), default="")
    candidates: Mapped[str] = mapped_column(Text, default="[]")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    file_id: Mapped[str] = mapped_column(String(32), default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    resolution: Mapped[str] = mapped_column(String(12), default="")  # local | incoming | later edit
    resolved_by: Mapped[str] = mapped_column(String(60), default="")


class SyncShared(Base):
    """County side: which records a workstation has been sent, and how fully.

    ``level`` is what the last roster carrying the record sent: 'full' (its own
    township's records and shared reference data) or 'ref' (a record of another
    township that one of its records points at, sent without personal fields).
    ``confirmed`` is the level the workstation acknowledged holding (by reporting the
    roster files it imported). A record visible at a higher level than confirmed is sent
    with its whole history again, so a lost roster loses nothing.
    """

    __tablename__ = "sync_shared"

    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    level: Mapped[str] = mapped_column(String(4), default="full")
    confirmed: Mapped[str] = mapped_column(String(4), default="")
    file_no: Mapped[int] = mapped_column(Integer, default=0)
