"""Mock exams and quizzes: the list of papers, sitting one, and the result with its review."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.exams import answers, attempts
from studyapp.exams.forms import answer_from_form, ticked_from_form
from studyapp.exams.present import attempt_payload
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

bp = Blueprint("exams", __name__)

KIND_ORDER = {"mock": 0, "quiz": 1, "practice": 2}
PASS_COLOURS = {True: "#067647", False: "#b42318"}  # the history chart's bars


def _attempt(attempt_id: int):
    try:
        return attempts.attempt_of(current_user, attempt_id, utcnow())
    except attempts.AttemptNotFound:
        abort(404)


@bp.route("/exams")
@login_required_any
def index():
    syllabus = current_syllabus()
    papers = sorted(
        (b for b in syllabus.blueprints.values() if not b.retired),
        key=lambda b: (KIND_ORDER.get(b.kind, 9), b.id),
    )
    past = attempts.history(current_user.id)
    trend = [a for a in reversed(past) if a.submitted_at and a.total][-20:]
    points = [
        {"value": round(100 * (a.score or 0) / a.total, 1), "color": PASS_COLOURS[bool(a.passed)]}
        for a in trend
    ]
    return render_template(
        "exams/index.html", papers=papers, history=past, trend=trend, trend_points=points
    )


@bp.route("/exams/<blueprint_id>/start", methods=["POST"])
@login_required_any
def start(blueprint_id: str):
    try:
        attempt = attempts.start_attempt(current_user, current_syllabus(), blueprint_id, utcnow())
    except attempts.BlueprintUnavailable:
        abort(404)
    return redirect(url_for("exams.take", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>")
@login_required_any
def take(attempt_id: int):
    attempt = _attempt(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for("exams.result", attempt_id=attempt.id))
    return render_template(
        "exams/take.html", attempt=attempt, data=attempt_payload(attempt, utcnow())
    )


@bp.route("/attempts/<int:attempt_id>/save", methods=["POST"])
@login_required_any
def save(attempt_id: int):
    """The form fallback without JavaScript: every answer on the page at once."""
    attempt = _attempt(attempt_id)
    now, owner = utcnow(), attempt.user_id
    try:
        for item in list(attempt.items):
            field = f"answer-{item.question_id}"
            value = answer_from_form(request.form, item.snapshot["type"], field)
            if value is not None or item.answer is not None:
                answers.save_answer(owner, attempt.id, item.question_id, value, now)
    except answers.BadAnswer as error:
        flash(str(error), "error")
    except attempts.AttemptClosed as error:
        flash(str(error.message), "error")
        return redirect(url_for("exams.result", attempt_id=attempt.id))
    if request.form.get("action") == "submit":
        attempts.submit(attempt, now)
        return redirect(url_for("exams.result", attempt_id=attempt.id))
    flash(_("答案已保存。"), "success")
    return redirect(url_for("exams.take", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@login_required_any
def submit(attempt_id: int):
    attempts.submit(_attempt(attempt_id), utcnow())
    return redirect(url_for("exams.result", attempt_id=attempt_id))


@bp.route("/attempts/<int:attempt_id>/result")
@login_required_any
def result(attempt_id: int):
    attempt = _attempt(attempt_id)
    if attempt.submitted_at is None:
        return redirect(url_for("exams.take", attempt_id=attempt.id))
    syllabus = current_syllabus()
    return render_template(
        "exams/result.html",
        attempt=attempt,
        data=attempt_payload(attempt, utcnow(), attempts.sealed_question_ids(current_user.id)),
        chapters=syllabus.chapters,
        lessons=syllabus.lessons,
        regrades=attempts.regrades_of(attempt.id),
    )


@bp.route("/attempts/<int:attempt_id>/mark/<question_id>", methods=["POST"])
@login_required_any
def mark(attempt_id: int, question_id: str):
    attempt = _attempt(attempt_id)
    try:
        attempts.mark_short(attempt, question_id, ticked_from_form(request.form))
    except attempts.AttemptNotFound:
        abort(404)
    except attempts.AttemptClosed as error:
        flash(str(error.message), "error")
    return redirect(url_for("exams.result", attempt_id=attempt.id, _anchor=f"q-{question_id}"))
