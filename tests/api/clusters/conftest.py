"""The tests here read the analysed theme corpus: ``ws`` is a private copy of it."""

from __future__ import annotations

import pytest

from pipeline.workspace import Workspace


@pytest.fixture
def ws(corpus_ws: Workspace) -> Workspace:
    return corpus_ws
