"""Published syllabus versions and what each user has read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime, utcnow


class SyllabusRelease(Model):
    """One attempt to publish the content files: the checked archive, or the problems found.

    Every worker serves the newest ``ok`` release, so all servers agree on one syllabus even
    when their disks do not; a ``failed`` row newer than it is shown to trainers and admins.
    """

    __tablename__ = "syllabus_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(8))  # ok | failed
    archive: Mapped[bytes | None] = mapped_column(LargeBinary)
    problems: Mapped[list | None] = mapped_column(JSON)
    summary: Mapped[dict | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LessonRead(Model):
    """ "I have read this": one row per user and lesson, with when."""

    __tablename__ = "lesson_read"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    lesson_id: Mapped[str] = mapped_column(String(64))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)
