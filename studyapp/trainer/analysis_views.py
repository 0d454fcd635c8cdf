"""Item analysis pages for trainers, and regrading a flawed question."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import roles
from studyapp.models import Role
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from studyapp.trainer import analysis, regrade

bp = Blueprint("analysis", __name__, url_prefix="/trainer/analysis")


@bp.route("/")
@roles(Role.TRAINER)
def index():
    return render_template(
        "trainer/analysis_index.html", papers=analysis.papers(analysis.scope_of(current_user))
    )


@bp.route("/<blueprint_id>")
@roles(Role.TRAINER)
def paper(blueprint_id: str):
    scope = analysis.scope_of(current_user)
    row, missing = analysis.cached(blueprint_id, scope, utcnow())
    if row is None:  # a large first analysis: the background computes it
        return render_template("trainer/analysis_pending.html", blueprint_id=blueprint_id), 202
    if row.attempts == 0:
        abort(404)
    items = row.payload["items"]
    flags: dict[str, list[dict]] = {}
    for flag in row.payload["flags"]:
        flags.setdefault(flag["question_id"], []).append(flag)
    syllabus = current_syllabus()
    return render_template(
        "trainer/analysis_paper.html",
        blueprint_id=blueprint_id, row=row, missing=missing, paper=row.payload["paper"],
        title=syllabus.blueprints[blueprint_id].title if blueprint_id in syllabus.blueprints
        else blueprint_id,
        items=items, flags=flags, questions=syllabus.questions,
        practice=analysis.practice_figures([i["question_id"] for i in items], scope),
    )  # fmt: skip


@bp.route("/<blueprint_id>/refresh", methods=["POST"])
@roles(Role.TRAINER)
def refresh(blueprint_id: str):
    analysis.refresh_in_background(blueprint_id, analysis.scope_of(current_user))
    flash(_("正在后台重新计算，稍后刷新本页即可看到结果。"), "success")
    return redirect(url_for("analysis.paper", blueprint_id=blueprint_id))


@bp.route("/questions/<question_id>/regrade", methods=["GET", "POST"])
@roles(Role.TRAINER)
def regrade_question(question_id: str):
    syllabus = current_syllabus()
    question = syllabus.questions.get(question_id)
    scope = analysis.scope_of(current_user)
    mode = request.values.get("mode", "current_key")
    if mode not in regrade.MODES:
        abort(400, _("未知的重新评分方式。"))
    error = None
    if request.method == "POST" and request.form.get("confirm") == "1":
        try:
            count = regrade.apply(question_id, question, mode, request.form.get("reason", ""), scope,
                                  current_user, utcnow())  # fmt: skip
        except ValueError as problem:
            error = str(problem)
        else:
            flash(_("已重新评分：%(count)d 次作答的成绩变了。", count=count), "success")
            return redirect(
                url_for("analysis.regrade_question", question_id=question_id, mode=mode)
            )
    try:
        changes = regrade.preview(question_id, question, mode, scope)
    except ValueError as problem:
        changes, error = [], error or str(problem)
    status = 400 if error and request.method == "POST" else 200
    return render_template(
        "trainer/regrade.html", question_id=question_id, question=question, mode=mode,
        changes=changes, error=error,
    ), status  # fmt: skip
