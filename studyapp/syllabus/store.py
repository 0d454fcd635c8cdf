"""The syllabus a worker serves: loaded once, swapped only for a release that checks clean.

Publishing (``flask content reload``, or SIGHUP to a worker) reads ``content/``, checks it and
stores the archive as a release in the database; every worker polls for the newest release every
``SYLLABUS_POLL_SECONDS`` and swaps to it. A broken publish is stored as a failed release and
shown to trainers and admins, while every worker keeps serving the last good syllabus.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from studyapp.domain.content import ContentFiles, LoadResult, Problem, Syllabus, load_syllabus
from studyapp.domain.content.stats import summary
from studyapp.extensions import db
from studyapp.models import SyllabusRelease
from studyapp.models.types import utcnow

_PARSED: OrderedDict[str, LoadResult] = OrderedDict()  # by content hash; shared by app instances
_PARSED_LOCK = threading.Lock()
MAX_PROBLEMS_STORED = 500


class ContentUnavailable(RuntimeError):
    """No syllabus has ever loaded cleanly in this process."""


def load_cached(files: ContentFiles) -> LoadResult:
    content_hash = files.content_hash()
    with _PARSED_LOCK:
        if content_hash in _PARSED:
            _PARSED.move_to_end(content_hash)
            return _PARSED[content_hash]
    result = load_syllabus(files)
    with _PARSED_LOCK:
        _PARSED[content_hash] = result
        while len(_PARSED) > 4:
            _PARSED.popitem(last=False)
    return result


@dataclass(frozen=True)
class Failure:
    """A publish or load that did not check clean, for trainers and admins to see."""

    problems: tuple[Problem, ...]
    at: datetime
    by: str


@dataclass(frozen=True)
class PublishResult:
    status: str  # published | unchanged | failed
    content_hash: str
    problems: tuple[Problem, ...]
    syllabus: Syllabus | None


def _problems_from_json(rows: list | None) -> tuple[Problem, ...]:
    return tuple(Problem.from_dict(row) for row in rows or ())


class SyllabusStore:
    def __init__(self, content_dir: str, poll_seconds: float):
        self.content_dir = content_dir
        self.poll_seconds = poll_seconds
        self._lock = threading.RLock()
        self._current: Syllabus | None = None
        self._files: ContentFiles | None = None  # the files of what is served
        self._release_id: int | None = None  # None while serving the files on disk
        self._checked_at = float("-inf")
        self._reload_requested = False
        self._failure: Failure | None = None
        self._failed_release_id: int | None = None
        self.loaded_at: datetime | None = None

    # -- what requests use ---------------------------------------------------------------
    def syllabus(self) -> Syllabus:
        if self._reload_requested:
            self._reload_requested = False
            self.publish_from_disk("signal")
        if time.monotonic() - self._checked_at >= self.poll_seconds or self._current is None:
            self.refresh()
        if self._current is None:
            raise ContentUnavailable("no syllabus has loaded without problems")
        return self._current

    def files(self) -> ContentFiles:
        """The content files of the syllabus being served (organisation banks go on top)."""
        self.syllabus()
        assert self._files is not None
        return self._files

    def failure(self) -> Failure | None:
        """The newest publish or load that failed after what is being served, if any."""
        return self._failure

    def request_reload(self) -> None:
        """Safe to call from a signal handler: the next request does the work."""
        self._reload_requested = True

    # -- keeping up with releases --------------------------------------------------------
    def refresh(self) -> None:
        with self._lock:
            self._checked_at = time.monotonic()
            latest_ok = db.session.execute(
                select(SyllabusRelease.id, SyllabusRelease.content_hash)
                .where(SyllabusRelease.status == "ok")
                .order_by(SyllabusRelease.id.desc())
                .limit(1)
            ).first()
            if latest_ok is None:
                if self._current is None:
                    self._load_disk()
            elif latest_ok.id != self._release_id:
                self._load_release(latest_ok.id)
            self._note_failed_release()

    def _swap(self, syllabus: Syllabus, release_id: int | None, files: ContentFiles) -> None:
        self._current = syllabus
        self._files = files
        self._release_id = release_id
        self.loaded_at = utcnow()

    def _load_disk(self) -> None:
        files = ContentFiles.from_directory(self.content_dir)
        result = load_cached(files)
        if result.ok:
            self._swap(result.syllabus, None, files)
            self._failure = None
        else:
            self._failure = Failure(result.problems, utcnow(), "startup")

    def _load_release(self, release_id: int) -> None:
        archive = db.session.scalar(
            select(SyllabusRelease.archive).where(SyllabusRelease.id == release_id)
        )
        if archive is None:  # deleted since it was chosen; the next check picks the newest
            return
        files = ContentFiles.from_archive(archive)
        result = load_cached(files)
        if result.ok:
            self._swap(result.syllabus, release_id, files)
            self._failure = None
        else:  # checked clean when published; this code's rules have since changed
            self._failure = Failure(result.problems, utcnow(), f"release {release_id}")

    def _note_failed_release(self) -> None:
        latest_id = db.session.scalar(
            select(SyllabusRelease.id)
            .where(SyllabusRelease.status == "failed")
            .order_by(SyllabusRelease.id.desc())
            .limit(1)
        )
        if latest_id is None or latest_id == self._failed_release_id:
            return
        self._failed_release_id = latest_id
        if self._release_id is None or latest_id > self._release_id:
            latest = db.session.get(SyllabusRelease, latest_id)
            if latest is None:
                return
            self._failure = Failure(
                _problems_from_json(latest.problems), latest.created_at, latest.created_by
            )

    # -- publishing ----------------------------------------------------------------------
    def publish_from_disk(self, actor: str) -> PublishResult:
        files = ContentFiles.from_directory(self.content_dir)
        result = load_cached(files)
        with self._lock:
            if not result.ok:
                db.session.add(
                    SyllabusRelease(
                        content_hash=result.content_hash,
                        status="failed",
                        problems=[p.as_dict() for p in result.problems[:MAX_PROBLEMS_STORED]],
                        created_by=actor,
                    )
                )
                db.session.commit()
                self._failure = Failure(result.problems, utcnow(), actor)
                return PublishResult("failed", result.content_hash, result.problems, None)
            latest_hash = db.session.scalar(
                select(SyllabusRelease.content_hash)
                .where(SyllabusRelease.status == "ok")
                .order_by(SyllabusRelease.id.desc())
                .limit(1)
            )
            status = "unchanged" if latest_hash == result.content_hash else "published"
            if status == "published":
                release = SyllabusRelease(
                    content_hash=result.content_hash,
                    version=result.syllabus.course.version,
                    status="ok",
                    archive=files.to_archive(),
                    summary=summary(result.syllabus),
                    created_by=actor,
                )
                db.session.add(release)
                db.session.commit()
            self._checked_at = float("-inf")  # pick the release up on the next request
            self._failure = None
            return PublishResult(status, result.content_hash, (), result.syllabus)
