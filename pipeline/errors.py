"""One exception hierarchy: the API maps it to problem+json, the CLI to a message and exit code."""

from __future__ import annotations


class CallmineError(Exception):
    """Base of every error callmine raises on purpose."""

    status_code = 500
    title = "Internal error"

    def __init__(
        self, detail: str, *, filename: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.filename = filename
        self.field = field  # the form field at fault, so a page can say it by that field


class BadInput(CallmineError):
    """The caller sent something we cannot use (bad file, bad field)."""

    status_code = 422
    title = "Bad input"


class TooLarge(BadInput):
    status_code = 413
    title = "Upload too large"


class NotFound(CallmineError):
    status_code = 404
    title = "Not found"


class NotSignedIn(CallmineError):
    """No user signed in (or a wrong token) where one must be."""

    status_code = 401
    title = "Sign-in required"


class Forbidden(CallmineError):
    """Signed in, but without a role this action needs (or a failed CSRF check)."""

    status_code = 403
    title = "Forbidden"


class TooManyAttempts(CallmineError):
    status_code = 429
    title = "Too many attempts"


class Conflict(CallmineError):
    status_code = 409
    title = "Conflict"


class LLMError(CallmineError):
    """The LLM server failed, timed out or answered garbage."""

    status_code = 502
    title = "LLM unavailable"


class MalformedReply(LLMError):
    """The server answered, but not with JSON that fits the schema (even after repair/retry)."""

    title = "LLM reply malformed"

    def __init__(self, detail: str, *, raw: str) -> None:
        super().__init__(detail)
        self.raw = raw
