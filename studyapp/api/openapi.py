"""The OpenAPI document; each feature adds its paths and schemas with ``add_path``."""

from copy import deepcopy

# Text a client sends: any string but one holding NUL, which every request refuses (400).
TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}

_PATHS: dict[str, dict] = {}
_SCHEMAS: dict[str, dict] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "title", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "message": {"type": "string"},
                },
            }
        },
    }
}

ERROR_RESPONSES = {
    code: {
        "description": text,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for code, text in {
        "400": "Bad request",
        "401": "Not signed in or bad token",
        "403": "Role not allowed",
        "404": "Not found",
        "409": "Conflict",
        "429": "Too many requests",
        "503": "The database is unavailable for a moment; retry (nothing saved is lost)",
    }.items()
}


def add_schema(name: str, schema: dict) -> None:
    _SCHEMAS[name] = schema


def add_path(path: str, method: str, operation: dict) -> None:
    operation = deepcopy(operation)
    operation.setdefault("security", [{"bearerAuth": []}, {"cookieAuth": []}])
    responses = operation.setdefault("responses", {})
    for code in ("400", "401", "403", "404", "429", "503"):
        responses.setdefault(code, ERROR_RESPONSES[code])
    _PATHS.setdefault(path, {})[method.lower()] = operation


def json_response(schema_ref: str, description: str = "OK") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "客户服务管理师学习平台 API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": deepcopy(_PATHS),
        "components": {
            "schemas": deepcopy(_SCHEMAS),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
    }
