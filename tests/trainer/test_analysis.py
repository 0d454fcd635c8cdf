"""Item analysis pages and regrading, on attempts with known answers."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from studyapp.exams import answers, attempts
from studyapp.extensions import db
from studyapp.models import AttemptItem, Regrade
from studyapp.syllabus import current_syllabus
from studyapp.trainer import regrade
from tests.conftest import csrf_token
from tests.content_fixtures import QUESTIONS, course_files, write_course
from tests.factories import gen_cohort, gen_organisation, gen_user

NOW = datetime(2026, 5, 1, 1, tzinfo=UTC)
PAPER = """\
id: trio
title: 三题卷
kind: quiz
time_limit: 10
parts:
  - id: all
    title: 全部
    pass_mark: 2
    sections:
      - type: single
        count: 1
        points: 1
        from:
          - chapter: basics
      - type: multiple
        count: 1
        points: 1
        from:
          - chapter: basics
      - type: judge
        count: 1
        points: 1
        from:
          - chapter: basics
"""


@pytest.fixture
def content_dir(tmp_path):
    files = course_files()
    files["exams/trio.yaml"] = PAPER
    return write_course(tmp_path / "content", files)


def _shown(item, original_letters):
    """The letters a candidate sees for the question's own options A, B, …"""
    permutation = item.snapshot["permutation"]
    return ["ABCDEFGH"[permutation.index("ABCDEFGH".index(letter))] for letter in original_letters]


def _sit(user, single: str, multiple: list[str], judge: bool, seed: int):
    attempt = attempts.start_attempt(user, current_syllabus(), "trio", NOW, random.Random(seed))
    answer_for = {"single": lambda i: _shown(i, [single])[0], "multiple": lambda i: _shown(i, multiple),
                  "judge": lambda i: judge}  # fmt: skip
    for offset, item in enumerate(attempt.items):
        moment = NOW + timedelta(seconds=30 * (offset + 1))
        answers.save_answer(
            attempt.user_id,
            attempt.id,
            item.question_id,
            answer_for[item.snapshot["type"]](item),
            moment,
        )
    return attempts.submit(attempt, NOW + timedelta(minutes=3))


@pytest.fixture
def cohort_world(app):
    organisation = gen_organisation("本机构")
    cohort = gen_cohort(organisation)
    trainer = gen_user(role="trainer", email="t@example.com", organisation=organisation)
    # q001: key B; q002: keys A, C; q003: true. Ten candidates, strong to weak.
    sheets = (
        [("B", ["A", "C"], True)] * 4 + [("B", ["A"], True)] * 3 + [("B", ["A", "D"], False)] * 3
    )
    sat = [_sit(gen_user(cohort=cohort), *sheet, seed=n) for n, sheet in enumerate(sheets)]
    return trainer, sat


def test_submission_keeps_the_facts_analysis_needs(app, cohort_world):
    _trainer, sat = cohort_world
    item = next(i for i in sat[0].items if i.question_id == "basics.q002")
    assert (item.points, item.chosen) == (1.0, "0,2")  # original A and C, whatever the shuffle
    judge = next(i for i in sat[9].items if i.question_id == "basics.q003")
    assert judge.chosen == "1" and judge.seconds == pytest.approx(30)


def test_the_paper_page_shows_figures_and_flags_with_file_and_line(app, client, auth, cohort_world):
    auth.login("t@example.com")
    assert "三题卷" in client.get("/trainer/analysis/").get_data(as_text=True)
    page = client.get("/trainer/analysis/trio").get_data(as_text=True)
    assert "基于 10 次作答" in page
    # q001 everyone right: facility 1.00 and flagged too easy; q002 4 of 10: 0.40; q003 7 of 10: 0.70
    assert "过于容易" in page and "chapters/basics/questions.yaml:1" in page
    for facility in ("1.00", "0.40", "0.70"):
        assert f"<td>{facility}</td>" in page
    assert "A 100%" in page  # q002's option A chosen by all ten


def test_other_organisations_see_none_of_it(app, client, auth, cohort_world):
    gen_user(role="trainer", email="other@example.com", organisation=gen_organisation("别的机构"))
    auth.login("other@example.com")
    assert "还没有已交卷的作答" in client.get("/trainer/analysis/").get_data(as_text=True)
    assert client.get("/trainer/analysis/trio").status_code == 404


def test_regrading_with_a_corrected_key_keeps_an_audit_and_tells_the_candidate(
    app, client, auth, cohort_world, content_dir
):
    trainer, sat = cohort_world
    path = content_dir / "chapters/basics/questions.yaml"
    path.write_text(QUESTIONS.replace("  answer: true", "  answer: false"), "utf-8")
    assert app.extensions["syllabus_store"].publish_from_disk("test").status == "published"
    auth.login("t@example.com")
    url = "/trainer/analysis/questions/basics.q003/regrade"
    preview = client.get(url).get_data(as_text=True)
    assert "将改变 10 次作答的得分" in preview
    token = csrf_token(client, url)
    refused = client.post(
        url, data={"mode": "current_key", "confirm": "1", "reason": " ", "csrf_token": token}
    )
    assert refused.status_code == 400 and "请写明重新评分的原因" in refused.get_data(as_text=True)
    done = client.post(url, data={"mode": "current_key", "confirm": "1", "reason": "判断题答案印错了",
                                  "csrf_token": token})  # fmt: skip
    assert done.status_code == 302
    rows = db.session.scalars(select(Regrade)).all()
    assert len(rows) == 10 and {r.reason for r in rows} == {"判断题答案印错了"}
    strong = next(r for r in rows if r.attempt_id == sat[0].id)
    assert (strong.old_score, strong.new_score, strong.old_passed, strong.new_passed) == (
        3,
        2,
        True,
        True,
    )
    weak = next(r for r in rows if r.attempt_id == sat[9].id)
    assert (weak.old_score, weak.new_score, weak.old_passed, weak.new_passed) == (1, 2, False, True)
    auth.logout()
    candidate = db.session.get(type(trainer), sat[9].user_id)
    auth.login(candidate.email)
    page = client.get(f"/attempts/{sat[9].id}/result").get_data(as_text=True)
    assert "成绩有更新" in page and "判断题答案印错了" in page and "1 → 2" in page


def test_voiding_gives_everyone_full_marks(app, cohort_world):
    trainer, sat = cohort_world
    changed = regrade.apply("basics.q002", None, "void", "题干有歧义", f"org:{trainer.organisation_id}",
                            trainer, NOW)  # fmt: skip
    assert changed == 6  # the six who missed it
    item = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == sat[9].id,
                                                       AttemptItem.question_id == "basics.q002"))  # fmt: skip
    assert item.mark == 1.0 and item.snapshot["voided"] is True


def test_the_refresh_command_recomputes_every_scope(app, runner, cohort_world):
    trainer, _sat = cohort_world
    result = runner.invoke(args=["analysis", "refresh"])
    assert result.exit_code == 0, result.output
    assert "all trio: 10 attempts" in result.output
    assert f"org:{trainer.organisation_id} trio: 10 attempts" in result.output
