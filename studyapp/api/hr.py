"""Cohort progress for HR systems: the cohort table as JSON (progress and scores, no answers)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from studyapp.access import roles
from studyapp.api import openapi
from studyapp.domain.cohort_risk import RiskCode, Status
from studyapp.hr import dashboard, readiness
from studyapp.hr.dashboard import CandidateRow
from studyapp.hr.labels import risk_label
from studyapp.hr.view_helpers import cohort_or_404, table_rows
from studyapp.models import Role
from studyapp.syllabus import current_syllabus

bp = Blueprint("api_hr", __name__, url_prefix="/api/v1")

_NUMBER_OR_NULL = {"type": "number", "nullable": True}
_TIME_OR_NULL = {"type": "string", "format": "date-time", "nullable": True}
openapi.add_schema(
    "CandidateProgress",
    {
        "type": "object",
        "required": ["user_id", "name", "email", "status", "at_risk", "risks"],
        "properties": {
            "user_id": {"type": "integer"},
            "name": {"type": "string"},
            "email": {"type": "string"},
            "joined_at": {"type": "string", "format": "date-time"},
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "last_active_at": _TIME_OR_NULL,
            "lessons_read": {"type": "integer"},
            "cards_learned": {"type": "integer"},
            "cards_mature": {"type": "integer"},
            "true_retention": {**_NUMBER_OR_NULL, "description": "0–1"},
            "reviews_7d": {"type": "integer"},
            "attempts_taken": {"type": "integer", "description": "submitted mocks and quizzes"},
            "best_score": {**_NUMBER_OR_NULL, "description": "% of the paper's maximum"},
            "last_score": _NUMBER_OR_NULL,
            "predicted_score": {**_NUMBER_OR_NULL, "description": "% of the maximum, today"},
            "predicted_low": _NUMBER_OR_NULL,
            "predicted_high": _NUMBER_OR_NULL,
            "pass_probability": {**_NUMBER_OR_NULL, "description": "0–1"},
            "prediction_current": {"type": "boolean"},
            "at_risk": {"type": "boolean"},
            "risks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "enum": [c.value for c in RiskCode]},
                        "days": {"type": "integer", "nullable": True},
                        "value": _NUMBER_OR_NULL,
                        "message": {"type": "string"},
                    },
                },
            },
        },
    },
)
openapi.add_schema(
    "CohortProgress",
    {
        "type": "object",
        "required": ["cohort", "candidates"],
        "properties": {
            "cohort": {
                "type": "object",
                "required": ["id", "name", "size", "at_risk"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "organisation": {"type": "string"},
                    "exam_date": {"type": "string", "format": "date", "nullable": True},
                    "blueprint": {"type": "string", "nullable": True},
                    "size": {"type": "integer"},
                    "at_risk": {"type": "integer"},
                },
            },
            "candidates": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/CandidateProgress"},
            },
        },
    },
)
openapi.add_path(
    "/api/v1/cohorts/{cohort_id}/progress",
    "get",
    {
        "summary": "Every candidate's progress, prediction and risks (HR, trainers, admins)",
        "parameters": [
            {
                "name": "cohort_id",
                "in": "path",
                "required": True,
                "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
            }
        ],
        "responses": {"200": openapi.json_response("CohortProgress")},
    },
)


def _time(moment):
    return moment.isoformat() if moment is not None else None


def _candidate(row: CandidateRow) -> dict:
    return {
        "user_id": row.user_id, "name": row.name, "email": row.email,
        "joined_at": row.joined_at.isoformat(), "status": row.status.value,
        "last_active_at": _time(row.last_active_at), "lessons_read": row.lessons_read,
        "cards_learned": row.cards_learned, "cards_mature": row.cards_mature,
        "true_retention": row.true_retention, "reviews_7d": row.reviews_7d,
        "attempts_taken": row.attempts_taken, "best_score": row.best_score,
        "last_score": row.last_score, "predicted_score": row.predicted_score,
        "predicted_low": row.prediction.low if row.prediction else None,
        "predicted_high": row.prediction.high if row.prediction else None,
        "pass_probability": row.pass_probability, "prediction_current": row.prediction_current,
        "at_risk": row.at_risk,
        "risks": [
            {"code": risk.code.value, "days": risk.days, "value": risk.value,
             "message": risk_label(risk)}
            for risk in row.risks
        ],
    }  # fmt: skip


@bp.route("/cohorts/<int:cohort_id>/progress")
@roles(Role.HR, Role.TRAINER)
@dashboard.cyclic_gc_paused()
def cohort_progress(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    rows = sorted(table_rows(cohort, refresh=True), key=lambda row: row.user_id)
    blueprint = readiness.target_blueprint(current_syllabus(), cohort)
    return jsonify(
        cohort={
            "id": cohort.id,
            "name": cohort.name,
            "organisation": cohort.organisation.name,
            "exam_date": cohort.exam_date.isoformat() if cohort.exam_date else None,
            "blueprint": blueprint.id if blueprint else None,
            "size": len(rows),
            "at_risk": sum(1 for row in rows if row.at_risk),
        },
        candidates=[_candidate(row) for row in rows],
    )
