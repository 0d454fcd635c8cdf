from flask import Blueprint, abort, current_app, jsonify
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any, public
from studyapp.api import openapi
from studyapp.api.payload import json_object
from studyapp.extensions import db
from studyapp.models import Role

bp = Blueprint("api", __name__, url_prefix="/api/v1")

openapi.add_schema(
    "Me",
    {
        "type": "object",
        "required": ["id", "email", "name", "role"],
        "properties": {
            "id": {"type": "integer"},
            "email": {"type": "string"},
            "name": {"type": "string"},
            "role": {"type": "string", "enum": [role.value for role in Role]},
            "organisation_id": {"type": "integer", "nullable": True},
            "cohort_id": {"type": "integer", "nullable": True},
        },
    },
)
openapi.add_path(
    "/api/v1/me",
    "get",
    {"summary": "The signed-in user", "responses": {"200": openapi.json_response("Me")}},
)


@bp.route("/openapi.json")
@public
def openapi_document():
    return jsonify(openapi.document())


@bp.route("/me")
@login_required_any
def me():
    cohort = current_user.cohort
    return jsonify(
        id=current_user.id,
        email=current_user.email,
        name=current_user.name,
        role=current_user.role,
        organisation_id=current_user.organisation_id,
        cohort_id=cohort.id if cohort else None,
    )


openapi.add_schema(
    "MeUpdate",
    {
        "type": "object",
        "additionalProperties": False,
        "properties": {"locale": {"type": "string", "enum": ["zh", "en"]}},
    },
)
openapi.add_path(
    "/api/v1/me",
    "patch",
    {
        "summary": "Change the signed-in user's settings (interface language)",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeUpdate"}}},
        },
        "responses": {"200": openapi.json_response("Me")},
    },
)


@bp.route("/me", methods=["PATCH"])
@login_required_any
def update_me():
    payload = json_object({"locale"})
    if "locale" in payload:
        if payload["locale"] not in current_app.config["LANGUAGES"]:
            abort(400, _("locale 只能是 zh 或 en。"))
        current_user.locale = payload["locale"]
        db.session.commit()
    return me()
