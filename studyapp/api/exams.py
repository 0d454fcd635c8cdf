"""Papers, attempts and the wrong-answer book over JSON. No key leaves before submission."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.api import openapi
from studyapp.api.payload import json_object
from studyapp.exams import answers, attempts, wrongbook
from studyapp.exams.present import attempt_payload
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

bp = Blueprint("api_exams", __name__, url_prefix="/api/v1")

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9.-]{0,63}$"}
openapi.add_schema(
    "Blueprint",
    {
        "type": "object",
        "required": ["id", "title", "kind", "questions", "total", "parts"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "kind": {"type": "string", "enum": ["mock", "quiz", "practice"]},
            "questions": {"type": "integer"},
            "time_limit": {"type": "integer", "nullable": True},
            "total": {"type": "number"},
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "pass_mark": {"type": "number"},
                        "total": {"type": "number"},
                    },
                },
            },
        },
    },
)
openapi.add_schema(
    "Attempt",
    {
        "type": "object",
        "required": ["id", "blueprint", "status", "questions", "total"],
        "properties": {
            "id": {"type": "integer"},
            "blueprint": {"type": "string"},
            "title": {"type": "string"},
            "kind": {"type": "string"},
            "status": {"type": "string", "enum": ["in_progress", "submitted"]},
            "started_at": {"type": "string", "format": "date-time"},
            "deadline": {"type": "string", "format": "date-time", "nullable": True},
            "remaining_seconds": {"type": "integer", "nullable": True},
            "submitted_at": {"type": "string", "format": "date-time", "nullable": True},
            "auto_submitted": {"type": "boolean"},
            "score": {"type": "number", "nullable": True},
            "total": {"type": "number"},
            "passed": {"type": "boolean", "nullable": True},
            "result": {"type": "object", "nullable": True},
            "questions": {"type": "array", "items": {"type": "object"}},
        },
    },
)
_ATTEMPT_ID = {
    "name": "attempt_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}
openapi.add_path(
    "/api/v1/blueprints",
    "get",
    {
        "summary": "The papers a candidate can sit",
        "responses": {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"blueprints": {"type": "array", "items": {
                        "$ref": "#/components/schemas/Blueprint"}}}}}},
            }
        },
    },
)  # fmt: skip
openapi.add_path(
    "/api/v1/attempts",
    "post",
    {
        "summary": "Start an attempt (or resume the open one of that paper)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["blueprint"], "additionalProperties": False,
            "properties": {"blueprint": _ID}}}}},
        "responses": {"201": openapi.json_response("Attempt"), "200": openapi.json_response("Attempt")},
    },
)  # fmt: skip
openapi.add_path(
    "/api/v1/attempts/{attempt_id}",
    "get",
    {
        "summary": "An attempt: state, saved answers and remaining time (submits it if overdue)",
        "parameters": [_ATTEMPT_ID],
        "responses": {"200": openapi.json_response("Attempt")},
    },
)
openapi.add_path(
    "/api/v1/attempts/{attempt_id}/answers/{question_id}",
    "put",
    {
        "summary": "Save one answer (idempotent; null clears it)",
        "parameters": [_ATTEMPT_ID, {"name": "question_id", "in": "path", "required": True, "schema": openapi.TEXT}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["answer"], "additionalProperties": False,
            "properties": {"answer": {"nullable": True, "oneOf": [
                openapi.TEXT, {"type": "boolean"}, {"type": "array", "items": openapi.TEXT}]}}}}}},
        "responses": {"200": {"description": "Saved"}, "409": openapi.ERROR_RESPONSES["409"]},
    },
)  # fmt: skip
openapi.add_path(
    "/api/v1/attempts/{attempt_id}/submit",
    "post",
    {
        "summary": "Submit; the scored result with a review of every item (idempotent)",
        "parameters": [_ATTEMPT_ID],
        "responses": {"200": openapi.json_response("Attempt")},
    },
)
openapi.add_path(
    "/api/v1/me/wrong-answers",
    "get",
    {"summary": "The wrong-answer book (错题本)", "responses": {"200": {"description": "OK"}}},
)


def _attempt(attempt_id: int):
    try:
        return attempts.attempt_of(current_user, attempt_id, utcnow())
    except attempts.AttemptNotFound:
        abort(404, _("没有这次考试记录。"))


@bp.route("/blueprints")
@login_required_any
def blueprints():
    syllabus = current_syllabus()
    return jsonify(
        blueprints=[
            {
                "id": b.id, "title": b.title, "kind": b.kind, "questions": b.question_count,
                "time_limit": b.time_limit, "total": b.total,
                "parts": [{"id": p.id, "title": p.title, "pass_mark": p.pass_mark, "total": p.total}
                          for p in b.parts],
            }
            for b in syllabus.blueprints.values()
            if not b.retired
        ]
    )  # fmt: skip


@bp.route("/attempts", methods=["POST"])
@login_required_any
def start():
    payload = json_object({"blueprint"})
    blueprint_id = payload.get("blueprint")
    if not isinstance(blueprint_id, str):
        abort(400, _("缺少字段 %(name)s。", name="blueprint"))
    now = utcnow()
    try:
        attempt = attempts.start_attempt(current_user, current_syllabus(), blueprint_id, now)
    except attempts.BlueprintUnavailable:
        abort(404, _("没有这套试卷：%(id)s。", id=blueprint_id))
    status = 201 if attempt.started_at == now else 200  # started by this request, or resumed
    return jsonify(attempt_payload(attempt, now)), status


@bp.route("/attempts/<int:attempt_id>")
@login_required_any
def show(attempt_id: int):
    sealed = attempts.sealed_question_ids(current_user.id)
    return jsonify(attempt_payload(_attempt(attempt_id), utcnow(), sealed))


@bp.route("/attempts/<int:attempt_id>/answers/<question_id>", methods=["PUT"])
@login_required_any
def save(attempt_id: int, question_id: str):
    payload = json_object({"answer"})
    if "answer" not in payload:
        abort(400, _("缺少字段 %(name)s。", name="answer"))
    try:
        saved = answers.save_answer(
            current_user.id, attempt_id, question_id, payload["answer"], utcnow()
        )
    except answers.QuestionNotInAttempt:
        abort(404, _("这次考试中没有这道题：%(id)s。", id=question_id))
    except attempts.AttemptNotFound:
        abort(404, _("没有这次考试记录。"))
    except answers.BadAnswer as error:
        abort(400, str(error))
    except attempts.AttemptClosed as error:
        abort(409, str(error.message))
    return jsonify(
        question_id=saved.question_id,
        answer=saved.answer,
        saved_at=saved.answered_at.isoformat(),
        remaining_seconds=saved.remaining_seconds,
    )


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@login_required_any
def submit(attempt_id: int):
    now = utcnow()
    attempt = attempts.submit(_attempt(attempt_id), now)
    return jsonify(attempt_payload(attempt, now, attempts.sealed_question_ids(current_user.id)))


@bp.route("/me/wrong-answers")
@login_required_any
def wrong_answers():
    syllabus = current_syllabus()
    return jsonify(
        wrong_answers=[
            {
                "question_id": entry.question_id,
                "stem": syllabus.questions[entry.question_id].stem
                if entry.question_id in syllabus.questions else None,
                "wrong_count": entry.wrong_count,
                "first_wrong_at": entry.first_wrong_at.isoformat(),
                "last_wrong_at": entry.last_wrong_at.isoformat(),
                "right_streak": entry.right_streak,
            }
            for entry in wrongbook.open_entries(current_user.id)
        ]
    )  # fmt: skip
