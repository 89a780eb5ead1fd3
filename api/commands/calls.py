"""CLI commands: calls."""

from api.cli_app import app  # noqa: F401
