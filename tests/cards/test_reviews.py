"""Reviews are applied exactly once, undone in order, and survive content edits."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from studyapp import create_app
from studyapp.cards import reviews, services
from studyapp.extensions import db
from studyapp.models import CardProgress, ReviewLog, User
from studyapp.syllabus import current_syllabus
from tests.content_fixtures import CARDS, write_course
from tests.factories import gen_user
from tests.statements import Statements

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

NOW = datetime(2026, 3, 10, 2, tzinfo=UTC)
CARD = "basics.card.one"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _logs() -> int:
    return db.session.scalar(select(func.count(ReviewLog.id)))


def test_a_first_review_creates_progress_and_a_log(app):
    user = gen_user()
    syllabus = current_syllabus()
    db.session.refresh(user)  # loaded before counting, as a request's caller is
    with Statements() as statements:
        result = reviews.review_card(user, syllabus, CARD, 3, NOW, 1500, revision=0)
    # The context and the (missing) progress in one read; the new row comes back from its insert.
    assert statements.sent.count("SELECT") == 1
    progress = db.session.scalars(select(CardProgress)).one()
    assert (progress.state, progress.step, progress.reps, progress.revision) == (1, 1, 1, 1)
    assert result.revision == 1 and result.state == services.state_of(progress)
    log = db.session.scalars(select(ReviewLog)).one()
    assert (log.rating, log.duration_ms, log.state_before, log.last_review_before) == (
        3,
        1500,
        1,
        None,
    )
    assert log.content_hash == current_syllabus().content_hash
    assert log.interval_after == pytest.approx(10 / 1440)  # the 10-minute learning step


def test_a_stale_revision_is_a_conflict_and_writes_nothing(app):
    user = gen_user()
    reviews.review_card(user, current_syllabus(), CARD, 3, NOW, revision=0)
    with pytest.raises(reviews.ReviewConflict):
        reviews.review_card(user, current_syllabus(), CARD, 1, NOW, revision=0)
    assert _logs() == 1
    assert db.session.scalars(select(CardProgress)).one().revision == 1


def test_two_tabs_rating_at_the_same_moment_apply_exactly_one(app, database_url, content_dir):
    user = gen_user()
    reviews.review_card(user, current_syllabus(), CARD, 3, NOW, revision=0)
    user_id = user.id  # read here: the threads must not touch this session's objects
    barrier = threading.Barrier(2)
    outcomes = []

    # Built here, not in the threads: each tab is its own app, as two workers would be.
    workers = [
        create_app({"SQLALCHEMY_DATABASE_URI": database_url, "CONTENT_DIR": str(content_dir)})
        for _ in range(2)
    ]

    def tab(worker):
        with worker.app_context():
            try:
                me = db.session.get(User, user_id)
                syllabus = current_syllabus()
                barrier.wait(timeout=30)
                later = NOW + timedelta(minutes=10)
                reviews.review_card(me, syllabus, CARD, 3, later, revision=1)
                outcomes.append("applied")
            except reviews.ReviewConflict:
                outcomes.append("conflict")
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcomes.append(repr(error))
                barrier.abort()
            finally:
                db.session.remove()
                db.engine.dispose()

    threads = [threading.Thread(target=tab, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["applied", "conflict"], outcomes
    db.session.expire_all()
    assert _logs() == 2
    assert db.session.scalars(select(CardProgress)).one().revision == 2


def test_undo_restores_the_previous_state_and_goes_back_in_order(app):
    user = gen_user()
    syllabus = current_syllabus()
    reviews.review_card(user, syllabus, CARD, 3, NOW, revision=0)
    before = services.state_of(db.session.scalars(select(CardProgress)).one())
    reviews.review_card(user, syllabus, CARD, 1, NOW + timedelta(minutes=10), revision=1)
    undone = reviews.undo_last_review(user, NOW + timedelta(minutes=11))
    assert undone.rating == 1 and undone.undone_at is not None
    progress = db.session.scalars(select(CardProgress)).one()
    assert services.state_of(progress) == before
    reviews.undo_last_review(user, NOW + timedelta(minutes=12))
    progress = db.session.scalars(select(CardProgress)).one()
    assert (progress.last_review, progress.reps, progress.stability) == (None, 0, None)
    with pytest.raises(reviews.NothingToUndo):
        reviews.undo_last_review(user, NOW)
    assert _logs() == 2  # the log keeps both reviews, marked undone


def test_undone_reviews_do_not_count_as_done_today(app):
    user = gen_user()
    reviews.review_card(user, current_syllabus(), CARD, 3, NOW, revision=0)
    assert services.done_today(user.id, NOW).new == 1
    reviews.undo_last_review(user, NOW)
    assert services.done_today(user.id, NOW).new == 0


def test_unknown_and_retired_cards_are_refused(app, content_dir):
    user = gen_user()
    with pytest.raises(reviews.UnknownCard):
        reviews.review_card(user, current_syllabus(), "basics.card.nope", 3, NOW)
    with pytest.raises(ValueError):
        reviews.review_card(user, current_syllabus(), CARD, 5, NOW)
    assert _logs() == 0


def _publish(app, content_dir, cards_text: str):
    (content_dir / "chapters/basics/cards.yaml").write_text(cards_text, "utf-8")
    assert app.extensions["syllabus_store"].publish_from_disk("test").status == "published"


def test_editing_a_card_keeps_its_schedule_and_retiring_it_keeps_its_history(app, content_dir):
    user = gen_user()
    reviews.review_card(user, current_syllabus(), CARD, 4, NOW, revision=0)
    progress = db.session.scalars(select(CardProgress)).one()
    due = progress.due
    _publish(app, content_dir, CARDS.replace("front: 问", "front: 改过的问题"))
    assert current_syllabus().cards[CARD].front == "改过的问题"
    later = due + timedelta(minutes=1)
    entries, _counts, _progress, _context = services.due_queue(user, current_syllabus(), later)
    assert entries[0].card_id == CARD and entries[0].state.due == due
    _publish(
        app,
        content_dir,
        CARDS.replace("- id: basics.card.one\n", "- id: basics.card.one\n  retired: true\n"),
    )
    entries, _counts, _progress, _context = services.due_queue(user, current_syllabus(), later)
    assert CARD not in [entry.card_id for entry in entries]
    assert _logs() == 1 and db.session.scalars(select(CardProgress)).one().due == due
