"""CLI commands: documents."""

from api.cli_app import app  # noqa: F401
