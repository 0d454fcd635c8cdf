"""What the HR pages, exports and the HR API share about a request: the cohort it names (or a
404), the table's sort and filters from the query string, and the table's rows."""

from flask import abort, current_app, request
from flask_login import current_user

from studyapp.hr import dashboard, filters, services
from studyapp.models import Cohort
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus


def cohort_or_404(cohort_id: int) -> Cohort:
    cohort = services.visible_cohort(services.Viewer.of(current_user), cohort_id)
    if cohort is None:  # another organisation's cohort looks exactly like a missing one
        abort(404)
    return cohort


def table_choices() -> dict:
    """The cohort table's sort and filters from the query string (the page, CSV and XLSX)."""
    sort = request.args.get("sort", "name")
    return {
        "sort": sort if sort in filters.SORT_KEYS else "name",
        "descending": request.args.get("dir") == "desc",
        "status_filter": request.args.get("status", ""),
        "risk_filter": request.args.get("risk", ""),
        "text": request.args.get("q", "").strip()[:80],
    }


def filter_args(choices: dict) -> dict:
    """The filters as query arguments, for links that keep them (sorting, exports)."""
    named = {
        "status": choices["status_filter"],
        "risk": choices["risk_filter"],
        "q": choices["text"],
    }
    return {name: value for name, value in named.items() if value}


def table_rows(cohort: Cohort, refresh: bool) -> list[dashboard.CandidateRow]:
    budget = current_app.config["HR_PREDICTION_BUDGET_MS"] / 1000 if refresh else 0.0
    return dashboard.cohort_table(cohort, current_syllabus(), utcnow(), budget)
