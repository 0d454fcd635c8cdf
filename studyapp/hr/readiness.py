"""The readiness prediction for one candidate, read from the database, and its cached summary.

The model (studyapp/domain/readiness, docs/readiness.md) takes each card's predicted recall on
the target day and every answer. Here they are read: card states from card_progress, answers
from practice_answer and from the items of submitted attempts (their snapshots say the type,
lesson and scoring as sat). The summary of a prediction is cached in candidate_stats; it is stale
after any study (the write paths mark it) and on the next study day (memory fades, answers age).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update

from studyapp.cards.services import progress_by_card, state_of
from studyapp.domain.calendar import day_start, study_day
from studyapp.domain.content.model import Blueprint, Syllabus
from studyapp.domain.readiness import AnswerEvidence, CardEvidence, Prediction, predict
from studyapp.domain.readiness.evidence import MIN_ANSWERS, enough_evidence
from studyapp.domain.srs.memory import retrievability
from studyapp.extensions import db
from studyapp.models import Attempt, AttemptItem, CandidateStats, Cohort, PracticeAnswer

DEFAULT_BLUEPRINT = "mock-theory"
WEAKEST_SHOWN = 3
_EMPTY: dict[tuple[str, str], dict] = {}  # (content hash, blueprint) → the no-evidence summary


def target_blueprint(syllabus: Syllabus, cohort: Cohort | None) -> Blueprint | None:
    """The paper a candidate is predicted on: the cohort's target, else the mock exam."""
    for wanted in ((cohort.target_blueprint if cohort else None), DEFAULT_BLUEPRINT):
        blueprint = syllabus.blueprints.get(wanted or "")
        if blueprint is not None and not blueprint.retired:
            return blueprint
    return None


def card_evidence(user_id: int, syllabus: Syllabus, on: datetime) -> list[CardEvidence]:
    return [
        CardEvidence(card_id, card.lesson, retrievability(state_of(row), on))
        for card_id, row in progress_by_card(user_id).items()
        if (card := syllabus.cards.get(card_id)) is not None
        and not card.retired
        and row.last_review is not None
    ]


def answer_evidence(user_id: int, syllabus: Syllabus) -> list[AnswerEvidence]:
    answers = []
    practice = db.session.execute(
        select(PracticeAnswer.question_id, PracticeAnswer.fraction, PracticeAnswer.answered_at)
        .where(PracticeAnswer.user_id == user_id)
    )  # fmt: skip
    for question_id, fraction, answered_at in practice:
        question = syllabus.questions.get(question_id)
        if question is not None:
            answers.append(
                AnswerEvidence(question_id, question.lesson, question.type, fraction, answered_at)
            )
    snapshot = AttemptItem.snapshot
    items = db.session.execute(
        select(
            AttemptItem.question_id, snapshot["lesson"].as_string(), snapshot["type"].as_string(),
            snapshot["scoring"].as_string(), snapshot["points"].as_float(), AttemptItem.mark,
            Attempt.submitted_at,
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(Attempt.user_id == user_id, Attempt.submitted_at.is_not(None))
    )  # fmt: skip
    for question_id, lesson, type_name, scoring, points, mark, submitted_at in items:
        if mark is None or not points:  # a short answer still waiting to be marked
            continue
        answers.append(
            AnswerEvidence(
                question_id,
                lesson,
                type_name,
                mark / points,
                submitted_at,
                scoring or "all_or_nothing",
            )
        )
    return answers


def summary(prediction: Prediction, blueprint: Blueprint, on: datetime) -> dict:
    """What the pages show of a prediction, as JSON: the paper, its parts, the weakest topics."""
    total = prediction.total
    parts = []
    for part in blueprint.parts:
        estimate = prediction.parts[part.id]
        parts.append({
            "id": part.id, "title": part.title, "pass_mark": part.pass_mark,
            "mean": estimate.mean, "low": estimate.low, "high": estimate.high, "max": estimate.max,
            "pass_probability": prediction.part_pass_probabilities[part.id],
        })  # fmt: skip
    return {
        "blueprint": blueprint.id,
        "title": blueprint.title,
        "on": on.isoformat(),
        "total": {"mean": total.mean, "low": total.low, "high": total.high, "max": total.max},
        "pass_probability": prediction.pass_probability,
        "below_pass_mark": any(
            prediction.parts[part.id].mean < part.pass_mark for part in blueprint.parts
        ),
        "parts": parts,
        "weakest": [
            {"lesson": t.lesson, "mastery": t.mastery, "points_at_stake": t.points_at_stake}
            for t in prediction.topics[:WEAKEST_SHOWN]
        ],
    }


def predict_summary(user_id: int, syllabus: Syllabus, blueprint: Blueprint, on: datetime) -> dict:
    cards = card_evidence(user_id, syllabus, on)
    answers = answer_evidence(user_id, syllabus)
    if not cards and not answers:
        return empty_summary(syllabus, blueprint, on)
    result = summary(predict(syllabus, blueprint, cards, answers, on), blueprint, on)
    return with_evidence(result, len(cards), len(answers))


def with_evidence(result: dict, cards: int, answers: int) -> dict:
    """The summary with what it rests on, and whether that is enough to state a score."""
    return {
        **result,
        "evidence": {"cards": cards, "answers": answers, "needed": MIN_ANSWERS},
        "enough_evidence": enough_evidence(answers),
    }


def empty_summary(syllabus: Syllabus, blueprint: Blueprint, on: datetime) -> dict:
    """The prediction without any evidence: the same for everyone, so computed once."""
    key = (syllabus.content_hash, blueprint.id)
    if key not in _EMPTY:
        _EMPTY[key] = summary(predict(syllabus, blueprint, [], [], on), blueprint, on)
    return with_evidence({**_EMPTY[key], "on": on.isoformat()}, 0, 0)


def is_fresh(row: CandidateStats | None, blueprint: Blueprint, now: datetime) -> bool:
    return (
        row is not None
        and not row.prediction_stale
        and row.prediction_blueprint == blueprint.id
        and row.predicted_at is not None
        and row.predicted_at >= day_start(study_day(now))
    )


def store(user_id: int, result: dict, now: datetime) -> None:
    """Caches a summary (the row exists: only studying users have one worth caching)."""
    total = result["total"]
    percent = 100 / total["max"] if total["max"] else 0.0
    db.session.execute(
        update(CandidateStats)
        .where(CandidateStats.user_id == user_id)
        .values(
            prediction_stale=False, prediction_blueprint=result["blueprint"], predicted_at=now,
            predicted_score=total["mean"] * percent, predicted_low=total["low"] * percent,
            predicted_high=total["high"] * percent, pass_probability=result["pass_probability"],
            below_pass_mark=result["below_pass_mark"], prediction=result,
        )
        .execution_options(synchronize_session=False)
    )  # fmt: skip


def cached_row(user_id: int) -> CandidateStats | None:
    return db.session.get(CandidateStats, user_id)


def current_summary(user_id: int, syllabus: Syllabus, blueprint: Blueprint, now: datetime) -> dict:
    """The cached summary if fresh, else a new prediction (cached for next time)."""
    row = db.session.get(CandidateStats, user_id)
    if row is None or row.last_active_at is None:
        return empty_summary(syllabus, blueprint, now)
    if is_fresh(row, blueprint, now) and row.prediction:
        return row.prediction
    result = predict_summary(user_id, syllabus, blueprint, now)
    store(user_id, result, now)
    db.session.commit()
    return result


def refresh_stale(
    user_ids: Iterable[int], syllabus: Syllabus, blueprint: Blueprint, now: datetime,
    budget_seconds: float,
) -> dict[int, dict]:  # fmt: skip
    """Recomputes the given users' predictions, in order, while the next one is expected to
    end within the time budget (at least one); returns the new summaries by user. The cohort
    page calls it for the stale rows it shows."""
    started, slowest = time.perf_counter(), 0.0
    done: dict[int, dict] = {}
    for user_id in user_ids:
        elapsed = time.perf_counter() - started
        if elapsed + slowest > budget_seconds and done:
            break
        begun = time.perf_counter()
        done[user_id] = predict_summary(user_id, syllabus, blueprint, now)
        store(user_id, done[user_id], now)
        slowest = max(slowest, time.perf_counter() - begun)
    if done:
        db.session.commit()
    return done
