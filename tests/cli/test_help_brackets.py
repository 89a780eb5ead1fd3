"""Every command's ``--help`` shows the bracketed words its help text holds: ``[[facts]]`` and
``[Pn]`` are what a user types or reads in a document, and the help renderer reads brackets
as markup (``callmine facts import --help`` had said "TOML file with [] entries")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer.main
from typer.testing import CliRunner

from api.cli import app as cli_app

BRACKETED = re.compile(r"\[+[^\[\]\s]+\]+")


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and group under ``group`` with the words that call it."""
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, (*path, name))


def _help_texts(command: Any) -> Iterator[str]:
    yield command.help or ""
    for parameter in command.params:
        yield getattr(parameter, "help", None) or ""


def test_bracketed_words_in_help_texts_are_shown() -> None:
    root = typer.main.get_command(cli_app)
    runner = CliRunner()
    checked = 0
    for path, command in _commands(root):
        wanted = {
            m.group().replace("\\", "")
            for text in _help_texts(command)
            for m in BRACKETED.finditer(text.replace("\\[", "["))
        }
        if not wanted:
            continue
        shown = runner.invoke(cli_app, [*path, "--help"], terminal_width=200).output
        for token in wanted:
            assert token in shown, f"callmine {' '.join(path)} --help lost {token!r}:\n{shown}"
        checked += 1
    assert checked >= 2  # `facts import` ([[facts]]) and `product` ([Pn]) at least
