"""Sides and accounts on exports a reviewer wrote for an industry the project had not seen.

Why: four of fifteen files had buyer and rep swapped or unknown (a firm's administrator read as
a second rep, a security reviewer's questions as the seller's, an SRT all unknown), and five
calls had no account though their speech or title named it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.embed import Embedder
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "review"
EXPECTED: dict[str, Any] = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    settings = make_settings(tmp_path_factory.mktemp("review") / "data", our_company="Docketly")
    workspace = Workspace(settings, embedder=embedder)
    try:
        for name in FILES:
            [result] = ingest_bytes(workspace, (FOLDER / name).read_bytes(), name, analyse=False)
            assert result.status == "created", (name, result.reason)
        with workspace.session() as db:
            calls = db.scalars(select(Call).options(selectinload(Call.utterances))).all()
            for call in calls:
                db.expunge(call)
    finally:
        workspace.close()
    return {call.filename: call for call in calls}


@pytest.mark.parametrize("name", FILES)
def test_each_speakers_side_and_the_account(stored: dict[str, Call], name: str) -> None:
    call = stored[name]
    roles = {u.speaker: u.role for u in call.utterances}
    assert roles == EXPECTED[name]["roles"]
    assert call.account == EXPECTED[name]["account"]
