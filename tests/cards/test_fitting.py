"""Personal memory parameters: fitted in the background on both databases, claimed by one
worker at a time, used by scheduling when they beat the defaults; reviews never wait on a fit."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from studyapp.auth import sessions as accounts
from studyapp.cards import fitting, services
from studyapp.domain.srs import fitting as domain_fitting
from studyapp.domain.srs.memory import LEARNING, REVIEW
from studyapp.extensions import db
from studyapp.models import CardProgress, MemoryParameters, ReviewLog
from tests.content_fixtures import write_course
from tests.domain.srs.synthetic import synthetic_log
from tests.factories import gen_user

NOW = datetime(2026, 3, 20, 2, tzinfo=UTC)


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _write_log(user, log) -> None:
    """The synthetic log as review_log rows (and the progress rows they belong to)."""
    progress, last = {}, {}
    for card, at, rating in log:
        if card not in progress:
            row = CardProgress(user_id=user.id, card_id=f"synthetic.{card}", state=REVIEW)
            db.session.add(row)
            db.session.flush()
            progress[card] = row.id
        db.session.add(ReviewLog(
            user_id=user.id, card_id=f"synthetic.{card}", progress_id=progress[card],
            rating=rating, reviewed_at=at, content_hash="x", state_before=LEARNING,
            last_review_before=last.get(card), interval_before=0.0, state_after=REVIEW,
            due_after=at + timedelta(days=1), interval_after=1.0, revision_after=1,
        ))  # fmt: skip
        last[card] = at
    db.session.commit()


def test_a_fit_is_stored_with_its_metrics_and_scheduling_uses_it(app):
    user = gen_user()
    log = synthetic_log()
    _write_log(user, log)
    assert fitting.users_due(NOW) == [user.id]
    done = fitting.run_once("worker-a", NOW)
    assert set(done) == {user.id}
    row = db.session.get(MemoryParameters, user.id)
    db.session.refresh(row)
    assert row.used and row.used_since == NOW and row.fitted_at == NOW
    assert row.n_reviews == len(log) - len({card for card, _at, _r in log})
    assert row.log_loss_fitted < row.log_loss_default and row.rmse_fitted < row.rmse_default
    assert row.claimed_by is None  # released
    plan = services.context_for(user).plan
    assert plan.parameters == tuple(row.parameters) and len(plan.parameters) == 21
    assert fitting.users_due(NOW) == []  # not again until the log grows by a quarter


def test_a_fit_worse_than_the_defaults_is_kept_but_not_used(app, monkeypatch):
    user = gen_user()
    _write_log(user, synthetic_log())
    real_fit = domain_fitting.fit

    def worse(reviews):
        result = real_fit(reviews)
        return type(result)(**{**result.__dict__, "log_loss_fitted": result.log_loss_default + 0.1})

    monkeypatch.setattr(domain_fitting, "fit", worse)
    fitting.run_once("worker-a", NOW)
    row = db.session.get(MemoryParameters, user.id)
    assert row.parameters is not None and not row.used and row.used_since is None
    assert services.context_for(user).plan.parameters is None


def test_only_one_worker_holds_a_user_until_the_claim_goes_stale(app):
    user = gen_user()
    assert fitting.claim(user.id, "worker-a", NOW)
    assert not fitting.claim(user.id, "worker-b", NOW + timedelta(minutes=5))
    assert fitting.users_due(NOW) == []
    later = NOW + fitting.CLAIM_TIMEOUT + timedelta(seconds=1)
    assert fitting.claim(user.id, "worker-b", later)
    assert db.session.scalar(select(MemoryParameters.claimed_by)) == "worker-b"


def test_cli_fits_one_user(app, runner):
    user = gen_user(email="fit@example.com")
    _write_log(user, synthetic_log())
    result = runner.invoke(args=["cards", "fit", "--user", "fit@example.com"])
    assert result.exit_code == 0, result.output
    assert f"user {user.id}:" in result.output and "used" in result.output
    assert db.session.get(MemoryParameters, user.id).used


def test_a_review_does_not_wait_for_a_fit_in_progress(app, client, monkeypatch):
    user = gen_user(email="c@example.com")
    _write_log(user, synthetic_log())
    headers = {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}
    started, release = threading.Event(), threading.Event()

    def slow_fit(reviews):
        started.set()
        release.wait(30)
        return None

    monkeypatch.setattr(domain_fitting, "fit", slow_fit)
    worker = fitting.FitWorker(app, "worker-a", interval=3600, clock=lambda: NOW)
    worker.start()
    try:
        assert started.wait(10), "the worker never started fitting"
        began = time.perf_counter()
        response = client.post(
            "/api/v1/cards/basics.card.one/reviews", json={"rating": 3}, headers=headers
        )
        took = time.perf_counter() - began
        assert response.status_code == 200 and took < 5
        assert worker.is_alive() and not release.is_set()  # the fit is still running
    finally:
        release.set()
        worker.stop()
        worker.join(10)
    db.session.expire_all()
    assert db.session.get(MemoryParameters, user.id).claimed_by is None


def test_the_statistics_page_says_since_when_and_how_much_better(app, client, auth):
    user = gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/cards/stats").get_data(as_text=True)
    needed = domain_fitting.MIN_REVIEWS
    assert f"目前使用默认记忆参数。再复习 {needed} 次（已有 0 次）" in page
    _write_log(user, synthetic_log())
    fitting.run_once("worker-a", NOW)
    row = db.session.get(MemoryParameters, user.id)
    page = client.get("/cards/stats").get_data(as_text=True)
    assert f"按你自己的 {row.n_reviews} 次复习拟合的参数" in page
    gain = (1 - row.rmse_fitted / row.rmse_default) * 100
    assert f"（低 {gain:.0f}%）" in page
