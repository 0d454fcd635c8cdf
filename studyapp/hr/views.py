"""HR pages: the cohort list, the cohort table and one candidate's progress (never answers)."""

import math

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from studyapp.access import roles
from studyapp.domain.readiness.cohort import LIFT, gain_from_study, pass_rate
from studyapp.hr import candidate, dashboard, export, filters, readiness, services, settings_views
from studyapp.hr.labels import RISK_FILTER_LABELS, STATUS_LABELS, risk_label
from studyapp.hr.view_helpers import cohort_or_404, filter_args, table_choices, table_rows
from studyapp.models import Role
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

bp = Blueprint("hr", __name__, url_prefix="/hr")
PAGE_SIZE = 50  # rows per page of the cohort table; the exports hold every row
OUTLOOK_GAINERS = 5  # members named as gaining most from more study


@bp.route("/cohorts")
@roles(Role.HR, Role.TRAINER)
@dashboard.cyclic_gc_paused()
def cohort_list():
    viewer = services.Viewer.of(current_user)
    rows = services.cohort_rows(viewer)
    cohorts = {cohort.id: cohort for cohort in services.visible_cohorts(viewer)}
    summaries = dashboard.cohort_summaries(
        [cohorts[row.id] for row in rows], current_syllabus(), utcnow()
    )
    return render_template("hr/cohorts.html", rows=zip(rows, summaries, strict=True))


def percent(value: float | None, scale: float = 1, sign: str = "%") -> str:
    """A share or a score as a whole percentage for the table; a dash when there is none."""
    return "—" if value is None else f"{round(value * scale)}{sign}"


@bp.route("/cohorts/<int:cohort_id>")
@roles(Role.HR, Role.TRAINER)
@dashboard.cyclic_gc_paused()
def cohort_detail(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    everyone = table_rows(cohort, refresh=True)
    choices = table_choices()
    matching = filters.select_rows(everyone, **choices)
    pages = max(1, math.ceil(len(matching) / PAGE_SIZE))
    page = min(pages, max(1, request.args.get("page", 1, type=int)))
    return render_template(
        "hr/cohort.html",
        cohort=cohort,
        blueprint=readiness.target_blueprint(current_syllabus(), cohort),
        rows=matching[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        page=page,
        pages=pages,
        matching=len(matching),
        total=len(everyone),
        at_risk=sum(1 for row in everyone if row.at_risk),
        outlook=cohort_outlook(everyone),
        lift=LIFT,
        pending=sum(1 for row in everyone if not row.prediction_current),
        choices=choices,
        args=filter_args(choices),
        candidate_base=url_for("hr.cohort_detail", cohort_id=cohort.id) + "/candidates",
        # Translated once per page rather than once per row.
        status_text={status: str(label) for status, label in STATUS_LABELS.items()},
        status_labels=STATUS_LABELS,
        risk_filter_labels=RISK_FILTER_LABELS,
        risk_label=risk_label,
        percent=percent,
    )


@bp.route("/cohorts/<int:cohort_id>/candidates/<int:user_id>")
@roles(Role.HR, Role.TRAINER)
def candidate_detail(cohort_id: int, user_id: int):
    cohort = cohort_or_404(cohort_id)
    syllabus, now = current_syllabus(), utcnow()
    if not services.is_member(cohort, user_id):
        abort(404)
    blueprint = readiness.target_blueprint(syllabus, cohort)
    prediction = candidate.full_prediction(user_id, syllabus, blueprint, now) if blueprint else None
    rows = dashboard.cohort_table(cohort, syllabus, now, user_id=user_id)
    weeks = candidate.weekly_activity(user_id, now)
    scores = candidate.score_trend(user_id)
    return render_template(
        "hr/candidate.html",
        cohort=cohort,
        row=rows[0],
        blueprint=blueprint,
        prediction=prediction,
        weeks=weeks,
        scores=scores,
        score_points=[  # the chart's bars: green passed, red failed
            {"value": round(s.percent, 1), "color": "#067647" if s.passed else "#b42318"}
            for s in scores
        ],
        chapters=candidate.chapter_mastery(prediction, syllabus) if prediction else [],
        status_labels=STATUS_LABELS,
        risk_label=risk_label,
    )


def cohort_outlook(rows) -> dict:
    """The cohort's expected pass rate, and the members who would gain most from more study."""
    predicted = [row for row in rows if row.prediction is not None]
    gains = sorted(
        ((gain_from_study(r.prediction.score, r.prediction.low, r.prediction.high), r)
         for r in predicted),
        key=lambda pair: (-pair[0], pair[1].user_id),
    )  # fmt: skip
    return {
        "rate": pass_rate([row.prediction.pass_probability for row in predicted]),
        "gainers": [(gain, row) for gain, row in gains[:OUTLOOK_GAINERS] if gain >= 0.05],
    }


# The other HR pages' routes, on this blueprint, registered here in one place.
export.register(bp)
settings_views.register(bp)
