"""Command modules; importing them registers their commands on ``api.cli_app.app``."""

from api.commands import calls, documents, insights, jobs, server, users  # noqa: F401
