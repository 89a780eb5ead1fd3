"""The OpenAPI document, honest about errors: every error status an operation can answer, each
as ``application/problem+json`` with the ``Problem`` schema (FastAPI alone documents only the
routes' own 2xx bodies and a 422 shape the app never sends)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.problems import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# What any API operation may answer, whatever its route declares.
COMMON_ERRORS = {
    "401": "Missing or wrong bearer token (once sign-in is on: a user or `CALLMINE_API_TOKEN`).",
    "403": "The token's user lacks the role this needs.",
    "422": "The request did not validate: `detail` names what to fix, `errors` each error in full.",
    "500": "An unexpected error; it was logged on the server.",
}
NOT_FOUND = "No such resource (an id that names no row)."
UNREADABLE_BODY = "The body could not be read (malformed JSON or form data)."
# FastAPI's own 422 shape, which the problem handlers replace.
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _problem_schemas() -> dict[str, Any]:
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    definitions: dict[str, Any] = schema.pop("$defs", {})
    return {**definitions, "Problem": schema}


def _document_errors(path: str, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    wanted = dict(COMMON_ERRORS)
    if "{" in path:
        wanted["404"] = NOT_FOUND
    if "requestBody" in operation:
        wanted["400"] = UNREADABLE_BODY
    for status, description in wanted.items():
        responses.setdefault(status, {"description": description})
    for status, response in responses.items():
        if status[0] in "45":
            response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
            if response.get("description") in (None, "", "Validation Error"):
                response["description"] = wanted.get(status, "A problem (RFC 9457).")


def install_openapi(app: FastAPI) -> None:
    """Replace ``app.openapi`` by one that documents the problem responses of every operation."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in _problem_schemas().items():
            schemas.setdefault(name, schema)
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                _document_errors(path, operation)
        for name in FASTAPI_VALIDATION_SCHEMAS:
            schemas.pop(name, None)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
