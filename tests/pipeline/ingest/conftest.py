"""Helpers for the format tests: fixture bytes and a compact view of parsed turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.base import ParsedCall

FIXTURES = Path(__file__).parent / "fixtures"
Turn = tuple[str | None, str, float | None, str]


def turns(call: ParsedCall) -> list[Turn]:
    """(speaker, role, start, text) per utterance, for exact comparisons."""
    return [(u.speaker, u.role, u.start_seconds, u.text) for u in call.utterances]


@pytest.fixture
def fixture_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FIXTURES.iterdir() if path.is_file()}
