"""What an organisation's candidates study: the shared syllabus plus the organisation's bank.

Decided per request from the database: the user's organisation (a candidate's is their cohort's),
then that organisation's newest published ``BankRelease``. The merged syllabus is the shared
files with the bank's ``chapters/<chapter>/bank.yaml`` files on top, loaded and checked like any
content. Loading is cached by the pair of content hashes (what the database named for this
request), so a worker never serves one organisation's bank to another: the cache only spares
the parsing of content the request already chose. A bank that no longer loads on a newer shared
syllabus is not served (the shared syllabus is) and is reported to the organisation's trainers.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import g
from sqlalchemy import select

from studyapp.domain.content import ContentFiles, LoadResult, Syllabus, load_syllabus
from studyapp.domain.content.interchange.append import Target
from studyapp.extensions import db
from studyapp.models import BankRelease, Role, User

BANK_FILE = "bank.yaml"
BANK_PATH = re.compile(r"^chapters/[a-z][a-z0-9.-]{0,63}/bank\.yaml$")
_MERGED: OrderedDict[tuple[str, str], LoadResult] = OrderedDict()
_LOCK = threading.Lock()
CACHED = 16


def organisation_of(user: User) -> int | None:
    """A candidate studies with their cohort's organisation; staff with their own."""
    if user.role == Role.CANDIDATE and user.cohort is not None:
        return user.cohort.organisation_id
    return user.organisation_id


def target(organisation_id: int) -> Target:
    """Where an organisation's imported questions go: bank.yaml, ids ``basics.o3.q001``."""
    return Target(BANK_FILE, f"o{organisation_id}.")


def current_release(organisation_id: int) -> BankRelease | None:
    return db.session.scalar(
        select(BankRelease)
        .where(BankRelease.organisation_id == organisation_id, BankRelease.status == "published")
        .order_by(BankRelease.id.desc())
        .limit(1)
    )


def bank_files(archive: bytes | None) -> ContentFiles:
    """Only the bank's own files, whatever else an archive might hold."""
    files = ContentFiles.from_archive(archive) if archive else ContentFiles({})
    return ContentFiles({name: data for name, data in files.items() if BANK_PATH.match(name)})


def merged_files(shared: ContentFiles, bank: ContentFiles) -> ContentFiles:
    return ContentFiles({**dict(shared.items()), **dict(bank.items())})


def load_merged(shared: ContentFiles, shared_hash: str, release: BankRelease) -> LoadResult:
    key = (shared_hash, release.content_hash)
    with _LOCK:
        if key in _MERGED:
            _MERGED.move_to_end(key)
            return _MERGED[key]
    result = load_syllabus(merged_files(shared, bank_files(release.archive)))
    with _LOCK:
        _MERGED[key] = result
        while len(_MERGED) > CACHED:
            _MERGED.popitem(last=False)
    return result


@dataclass(frozen=True)
class Served:
    syllabus: Syllabus
    release: BankRelease | None  # the bank served, if any
    broken: LoadResult | None  # the bank that does not load on the shared syllabus, if any


def served(store, organisation_id: int | None) -> Served:  # noqa: ANN001 - the SyllabusStore
    """The syllabus for this organisation, once per request (kept in ``g``)."""
    memo = g.setdefault("_served_syllabus", {})
    if organisation_id in memo:
        return memo[organisation_id]
    shared = store.syllabus()
    release = current_release(organisation_id) if organisation_id is not None else None
    result = Served(shared, None, None)
    if release is not None:
        loaded = load_merged(store.files(), shared.content_hash, release)
        result = (
            Served(loaded.syllabus, release, None) if loaded.ok else Served(shared, None, loaded)
        )
    memo[organisation_id] = result
    return result
