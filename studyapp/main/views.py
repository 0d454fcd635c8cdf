from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from studyapp.access import public
from studyapp.extensions import db
from studyapp.main.forms import LanguageForm
from studyapp.main.panels import render_panels
from studyapp.models import Role, StudySettings
from studyapp.security import safe_next

bp = Blueprint("main", __name__)

# Where each staff role lands after signing in and at "/": HR on its cohorts, trainers on the
# content's status, admins on administration. Candidates have the study dashboard.
ROLE_HOMES = {
    Role.HR: "hr.cohort_list",
    Role.TRAINER: "trainer.content_status",
    Role.ADMIN: "admin.organisation_list",
}


@bp.route("/")
@public
def home():
    if not current_user.is_authenticated:
        return render_template("main/welcome.html")
    if current_user.role in ROLE_HOMES:
        return redirect(url_for(ROLE_HOMES[current_user.role]))
    cohort = current_user.cohort
    # One exam date everywhere: the candidate's own when set (labelled so), else the cohort's —
    # the same one the cards' plan and sprint count down to.
    personal = db.session.scalar(
        select(StudySettings.exam_date).where(StudySettings.user_id == current_user.id)
    )
    exam_date = personal or (cohort.exam_date if cohort else None)
    return render_template(
        "main/home.html", cohort=cohort, panels=render_panels(current_user),
        exam_date=exam_date, exam_is_personal=personal is not None,
    )  # fmt: skip


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    referrer = request.referrer or ""
    # Back to the page the switch was pressed on, if it was one of ours.
    path = "/" + referrer[len(request.host_url) :] if referrer.startswith(request.host_url) else ""
    return redirect(safe_next(path, url_for("main.home")))


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers and tools that ask for /favicon.ico without reading the page's <link>."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.route("/healthz")
@public
def healthz():
    """Trivial route: the baseline the throughput benchmarks compare against."""
    return jsonify(status="ok", languages=current_app.config["LANGUAGES"])
