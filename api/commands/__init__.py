"""Command modules; importing them registers their commands on ``api.cli_app.app``."""

from api.commands import (  # noqa: F401
    calls,
    cluster_edits,
    dashboard,
    detections,
    documents,
    insights,
    jobs,
    product,
    server,
    team,
    users,
)
