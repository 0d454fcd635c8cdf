"""No view waits on a full item analysis: stale caches are served and refreshed in the
background, a large first analysis is computed there too."""

from sqlalchemy import select

from studyapp.models import AnalysisCache
from studyapp.trainer import analysis
from tests.trainer import test_analysis as world

content_dir = world.content_dir  # the three-question paper's content, and its sittings
cohort_world = world.cohort_world
_sit = world._sit


def _wait_for_refreshes():
    analysis.wait_for_refreshes()


def _cache():
    from studyapp.extensions import db

    db.session.expire_all()
    return db.session.scalar(select(AnalysisCache).where(AnalysisCache.blueprint_id == "trio"))


def test_a_stale_analysis_is_served_at_once_and_refreshed_in_the_background(
    app, client, auth, cohort_world, monkeypatch
):
    trainer, sat = cohort_world
    auth.login("t@example.com")
    assert "基于 10 次作答" in client.get("/trainer/analysis/trio").get_data(as_text=True)
    more = [_sit(_new_member(trainer), "B", ["A"], True, seed=50 + n) for n in range(2)]
    assert len(more) == 2
    calls = []
    monkeypatch.setattr(analysis, "compute", _recording(analysis.compute, calls))
    page = client.get("/trainer/analysis/trio").get_data(as_text=True)
    assert "基于 10 次作答" in page and "另有 2 次新作答未计入" in page  # the old figures, at once
    _wait_for_refreshes()
    assert calls == [("trio", f"org:{trainer.organisation_id}")]  # computed by the thread
    assert _cache().attempts == 12
    assert "基于 12 次作答" in client.get("/trainer/analysis/trio").get_data(as_text=True)


def test_a_large_first_analysis_is_computed_in_the_background(
    app, client, auth, cohort_world, monkeypatch
):
    monkeypatch.setattr(analysis, "SYNC_ATTEMPTS", 5)  # 10 attempts count as large here
    auth.login("t@example.com")
    pending = client.get("/trainer/analysis/trio")
    assert pending.status_code == 202 and "正在后台计算" in pending.get_data(as_text=True)
    _wait_for_refreshes()
    assert _cache().attempts == 10
    assert "基于 10 次作答" in client.get("/trainer/analysis/trio").get_data(as_text=True)


def test_the_refresh_button_recomputes_in_the_background(app, client, auth, cohort_world):
    from tests.conftest import csrf_token

    auth.login("t@example.com")
    client.get("/trainer/analysis/trio")
    token = csrf_token(client, "/trainer/analysis/trio")
    answer = client.post("/trainer/analysis/trio/refresh", data={"csrf_token": token})
    assert answer.status_code == 302
    _wait_for_refreshes()
    assert _cache().attempts == 10


def _new_member(trainer):
    from studyapp.extensions import db
    from studyapp.models import Cohort
    from tests.factories import gen_user

    cohort = db.session.scalar(
        select(Cohort).where(Cohort.organisation_id == trainer.organisation_id)
    )
    return gen_user(cohort=cohort)


def _recording(function, calls):
    def recorded(blueprint_id, scope, now):
        calls.append((blueprint_id, scope))
        return function(blueprint_id, scope, now)

    return recorded
