"""The README's CLI section, checked: its first session (the ``console`` block) is run as written
on a fresh data dir, each command's shown output found in what it prints (``…`` stands for
output left out); and every command and option of its reference (the ``bash`` block) exists."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from api.cli import app as cli_app
from tests.conftest import ROOT

SKIP = "…"


def _section() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    # up to the API section: the session's output holds Markdown headings of its own
    return readme.split("\n## CLI\n", 1)[1].split("\n## API\n", 1)[0]


def _session() -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) in order."""
    block = re.search(r"```console\n(.*?)```", _section(), re.S)
    assert block is not None, "the README's CLI section has no console session"
    steps: list[tuple[str, list[str]]] = []
    for line in block.group(1).replace("\\\n", " ").splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _shown_in(shown: list[str], printed: str) -> None:
    """Each shown line appears in the output, in order (``…`` inside a line matches anything)."""
    lines = [" ".join(line.split()) for line in printed.splitlines()]
    at = 0
    for expected in shown:
        if expected.strip() == SKIP:
            continue
        pattern = re.compile(".*".join(map(re.escape, " ".join(expected.split()).split(SKIP))))
        found = next((i for i in range(at, len(lines)) if pattern.fullmatch(lines[i])), None)
        assert found is not None, f"{expected!r} not printed (after line {at}):\n{printed}"
        at = found + 1


def test_the_readme_cli_session_runs_as_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    point_cli_at: Callable[[Path], None],
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    point_cli_at(tmp_path / "callmine-data")
    steps = _session()
    assert len(steps) >= 5
    runner = CliRunner()
    for command, shown in steps:
        words = shlex.split(command)
        assert words[0] == "callmine", command
        result = runner.invoke(cli_app, words[1:])
        assert result.exit_code == 0, f"{command}: exit {result.exit_code}\n{result.output}"
        _shown_in(shown, result.output)
    assert (tmp_path / "use-case.html").read_bytes().startswith(b"<!doctype html>")
    assert os.listdir(tmp_path / "callmine-data")


def _reference() -> list[list[str]]:
    """Each ``callmine`` command of the reference block, as words (comments and ``<`` input
    left out; ``[--flag]`` is an optional flag)."""
    block = re.search(r"```bash\n(.*?)```", _section(), re.S)
    assert block is not None, "the README's CLI section has no reference block"
    commands: list[list[str]] = []
    for line in block.group(1).replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        current: list[str] = []
        for word in [*words, ";"]:
            if word in (";", "<"):
                if current:
                    commands.append(current)
                current = [] if word == ";" else ["<"]
            elif current != ["<"]:
                current.append(word.strip("[]"))
    return [c for c in commands if c and c[0] == "callmine"]


def test_every_reference_command_and_option_exists() -> None:
    root = typer.main.get_command(cli_app)
    commands = _reference()
    assert len(commands) >= 30
    for words in commands:
        command: Any = root
        rest = words[1:]
        # typer's groups are not click.Group instances (typer ships its own click): duck-type
        while hasattr(command, "commands") and rest and rest[0] in command.commands:
            command, rest = command.commands[rest[0]], rest[1:]
        assert not hasattr(command, "commands"), f"no such command: {' '.join(words)}"
        known = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        for word in rest:
            if word.startswith("--"):
                assert word.split("=", 1)[0] in known, f"{' '.join(words)}: no option {word}"
