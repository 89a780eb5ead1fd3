"""CLI commands: insights."""

from api.cli_app import app  # noqa: F401
