"""CLI commands: server."""

from api.cli_app import app  # noqa: F401
