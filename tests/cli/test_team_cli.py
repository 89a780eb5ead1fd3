"""``callmine team add/list/remove`` on a real data dir."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def test_team_commands(cli: Cli) -> None:
    added = cli("team", "add", "Maria Chen", "--company", "Shiftwise")
    assert added.exit_code == 0, added.output
    assert "Maria Chen (Shiftwise) is on the team" in added.stdout
    assert cli("team", "add", "Tom Okafor").exit_code == 0
    assert cli.json("team", "list") == [
        {"id": 1, "name": "Maria Chen", "company": "Shiftwise"},
        {"id": 2, "name": "Tom Okafor", "company": None},
    ]
    twice = cli("team", "add", "maria chen")
    assert twice.exit_code == 1 and "already on the team" in twice.output
    assert cli("team", "remove", "Tom Okafor").exit_code == 0
    assert cli("team", "remove", "1").exit_code == 0
    missing = cli("team", "remove", "Nobody")
    assert missing.exit_code == 1 and "no team member" in missing.output
    assert cli.json("team", "list") == []


def test_team_list_shows_who_earlier_calls_named_ours(cli: Cli, tmp_path: Path) -> None:
    call = tmp_path / "call.txt"
    call.write_text("Tom Okafor: How many staff?\nSpeaker 2: Thirty.\nSpeaker 1: Hi.\n")
    done = cli("ingest", call, "--our-speakers", "Tom Okafor;Speaker 1")
    assert done.exit_code == 0, done.output
    listed = cli("team", "list")
    assert "named them ours (our_speakers): Tom Okafor." in " ".join(listed.stdout.split())
    assert "Speaker 1" not in listed.stdout  # names no one: ours on that call only
