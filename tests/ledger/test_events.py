"""The exactly-once rule of the study ledger: each event has one receiver, which writes in the
sender's transaction — a rolled-back study write leaves the aggregates as they were."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import CandidateStats
from studyapp.models.types import utcnow
from tests.factories import gen_user


def test_every_event_has_exactly_one_receiver():
    assert len(events.ALL) == 6
    for event in events.ALL:
        assert len(event.receivers) == 1, event.name


@pytest.mark.clock  # the event is dated now: frozen at each CLOCK_INSTANT
def test_an_event_counts_only_if_its_transaction_commits(app):
    user = gen_user()
    events.lesson_read.send(user_id=user.id, at=utcnow())
    db.session.rollback()
    assert (
        db.session.scalar(select(CandidateStats).where(CandidateStats.user_id == user.id)) is None
    )
    events.lesson_read.send(user_id=user.id, at=utcnow())
    db.session.commit()
    stats = db.session.scalar(select(CandidateStats).where(CandidateStats.user_id == user.id))
    assert stats.lessons_read == 1


def test_no_study_package_imports_hr():
    """Also an import-linter contract (make lint); this keeps the rule visible in the suite."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "studyapp"
    for package in ("cards", "exams", "lessons", "ledger", "trainer", "syllabus", "domain"):
        for path in (root / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                assert not any(n == "studyapp.hr" or n.startswith("studyapp.hr.") for n in names), (
                    path
                )
