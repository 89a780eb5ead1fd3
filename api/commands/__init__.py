"""Command modules; importing them registers their commands on ``api.cli_app.app``."""

from api.commands import calls, documents, insights, jobs, server, team, users  # noqa: F401
