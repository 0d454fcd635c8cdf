from flask import Blueprint, abort, render_template
from flask_login import current_user

from studyapp.access import roles
from studyapp.hr import services

bp = Blueprint("hr", __name__, url_prefix="/hr")


@bp.route("/cohorts")
@roles("hr", "trainer")
def cohort_list():
    rows = services.cohort_rows(services.Viewer.of(current_user))
    return render_template("hr/cohorts.html", rows=rows)


@bp.route("/cohorts/<int:cohort_id>")
@roles("hr", "trainer")
def cohort_detail(cohort_id: int):
    cohort = services.visible_cohort(services.Viewer.of(current_user), cohort_id)
    if cohort is None:  # another organisation's cohort looks exactly like a missing one
        abort(404)
    return render_template("hr/cohort.html", cohort=cohort, members=services.cohort_members(cohort))
