"""``callmine jobs``: the data dir's background jobs, newest first, through typer's CliRunner."""

from __future__ import annotations

import pytest

from pipeline.jobs import runs as jobs
from pipeline.workspace import Workspace
from tests.conftest import Cli

pytestmark = pytest.mark.postgres


def test_jobs_lists_newest_first_with_progress(cli: Cli) -> None:
    workspace = Workspace(cli.settings())
    try:
        older = jobs.create_job(workspace, "analyse", "analysing 3 new calls")
        newer = jobs.create_job(workspace, "redetect", "detecting again in every call")
        jobs.update_progress(workspace, newer, 0.4, "detect: 400 of 1,000 utterances")
        jobs.finish(workspace, older, {"calls": 3})
    finally:
        workspace.close()
    listed = cli.json("jobs")
    assert [j["id"] for j in listed["items"]] == [newer, older]
    assert (listed["items"][0]["status"], listed["items"][0]["progress"]) == ("running", 0.4)
    assert [j["id"] for j in cli.json("jobs", "--status", "done")["items"]] == [older]
    table = cli("jobs")
    assert table.exit_code == 0, table.output
    assert "redetect" in table.stdout and "40%" in table.stdout
    assert cli("jobs", "--status", "stuck").exit_code != 0
