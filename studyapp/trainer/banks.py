"""An organisation's bank: upload → preview (a pending release) → publish → roll back.

Services take plain data (ids, bytes, names); the views turn requests into these calls.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select

from studyapp.domain.content import ContentFiles, Problem
from studyapp.domain.content.interchange import AppendPlan, Defaults, ImportResult, plan_append
from studyapp.domain.content.interchange.formats import decode, read_upload
from studyapp.domain.content.interchange.rejects import rejects_name, rejects_text
from studyapp.domain.content.text import N_
from studyapp.extensions import db
from studyapp.models import BankRelease
from studyapp.models.types import utcnow
from studyapp.syllabus import banks
from studyapp.syllabus.store import load_cached


def _store():
    return current_app.extensions["syllabus_store"]


@dataclass(frozen=True)
class Staged:
    plan: AppendPlan
    result: ImportResult
    release: BankRelease | None  # the pending release to publish, when the plan is ok


def _base(organisation_id: int) -> tuple[BankRelease | None, ContentFiles]:
    release = banks.current_release(organisation_id)
    return release, banks.bank_files(release.archive if release else None)


def _counts(bank: ContentFiles) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for name in bank:
        text = bank.text(name)
        counts[name.split("/")[1]] = sum(1 for line in text.splitlines() if line.startswith("- "))
    return dict(counts)


def stage(organisation_id: int, data: bytes, file_name: str, chapter: str,
          format_name: str | None, defaults: Defaults, partial: bool, actor: str) -> Staged:  # fmt: skip
    """Plan the upload on top of the organisation's bank; a clean plan becomes pending."""
    base, bank = _base(organisation_id)
    files = banks.merged_files(_store().files(), bank)
    used_format, result = read_upload(data, file_name, format_name)
    plan = plan_append(files, chapter, result, defaults, load_cached, file_name, partial,
                       banks.target(organisation_id))  # fmt: skip
    if not plan.ok:
        return Staged(plan, result, None)
    new_bank = ContentFiles({**dict(bank.items()), plan.file: plan.text.encode()})
    text, _problem = decode(data, file_name)
    rejected = rejects_text(text or "", used_format or "gift", result, plan) if partial else ""
    db.session.execute(
        delete(BankRelease).where(BankRelease.organisation_id == organisation_id,
                                  BankRelease.status == "pending", BankRelease.created_by == actor)
    )  # fmt: skip
    release = BankRelease(
        organisation_id=organisation_id, status="pending", base_id=base.id if base else None,
        archive=new_bank.to_archive(), content_hash=new_bank.content_hash(), created_by=actor,
        summary={"file": file_name, "added": len(plan.drafts), "chapter": chapter,
                 "questions": _counts(new_bank),
                 "rejects_name": rejects_name(file_name, used_format or "gift")},
        rejects=rejected or None,
    )  # fmt: skip
    db.session.add(release)
    db.session.commit()
    return Staged(plan, result, release)


def release_of(organisation_id: int, release_id: int) -> BankRelease | None:
    release = db.session.get(BankRelease, release_id)
    return release if release is not None and release.organisation_id == organisation_id else None


def publish(organisation_id: int, release_id: int, actor: str) -> tuple[bool, list[Problem]]:
    """Number the pending release and serve it; refused if the bank changed since the preview
    or it no longer loads on the shared syllabus."""
    release = release_of(organisation_id, release_id)
    if release is None or release.status != "pending":
        return False, [Problem("", None, None, N_("这个预览已发布或已失效"), N_("重新上传预览"))]
    current = banks.current_release(organisation_id)
    if (current.id if current else None) != release.base_id:
        return False, [
            Problem("", None, None, N_("预览之后本机构的题库已变化"), N_("重新上传预览"))
        ]
    store = _store()
    loaded = banks.load_merged(store.files(), store.syllabus().content_hash, release)
    if not loaded.ok:
        return False, list(loaded.problems)
    number = db.session.scalar(
        select(func.max(BankRelease.number)).where(BankRelease.organisation_id == organisation_id)
    )
    release.number = (number or 0) + 1
    release.status, release.published_by, release.published_at = "published", actor, utcnow()
    db.session.commit()
    return True, []


def rollback(organisation_id: int, release_id: int, actor: str) -> bool:
    """Withdraw the bank being served; the previous published release (or none) is served."""
    release = release_of(organisation_id, release_id)
    current = banks.current_release(organisation_id)
    if release is None or current is None or current.id != release.id:
        return False
    release.status, release.rolled_back_by, release.rolled_back_at = "rolled_back", actor, utcnow()
    db.session.commit()
    return True


def history(organisation_id: int) -> list[BankRelease]:
    return list(
        db.session.scalars(
            select(BankRelease)
            .where(BankRelease.organisation_id == organisation_id,
                   BankRelease.status != "pending")
            .order_by(BankRelease.id.desc())
        )
    )  # fmt: skip


def broken(organisation_id: int) -> tuple[Problem, ...]:
    """The problems of the published bank if it no longer loads on the shared syllabus."""
    release = banks.current_release(organisation_id)
    if release is None:
        return ()
    store = _store()
    loaded = banks.load_merged(store.files(), store.syllabus().content_hash, release)
    return loaded.problems
