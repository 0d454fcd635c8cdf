"""Organisation banks: a training centre's own questions on top of the shared syllabus.

Each upload a trainer previews is a ``pending`` release; publishing numbers it (1, 2, …) and
makes it the organisation's bank; a rollback marks it ``rolled_back`` so the previous published
release (or none) is served again. The archive holds the bank in the content format
(``chapters/<chapter>/bank.yaml``), so it can be downloaded and kept in git.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime, utcnow


class BankRelease(Model):
    __tablename__ = "bank_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    number: Mapped[int | None]  # 1, 2, … per organisation once published
    status: Mapped[str] = mapped_column(String(12))  # pending | published | rolled_back
    base_id: Mapped[int | None]  # the published release this one was planned on (None: none)
    archive: Mapped[bytes] = mapped_column(LargeBinary)
    content_hash: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict | None] = mapped_column(JSON)  # questions per chapter, file name
    rejects: Mapped[str | None] = mapped_column(Text)  # the upload's items that did not land
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[str | None] = mapped_column(String(254))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rolled_back_by: Mapped[str | None] = mapped_column(String(254))
    rolled_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_bank_release_org_status", "organisation_id", "status", "id"),)
