"""The corpus of third-party exports (``tests/fixtures/real/``) and how tests read it back:
the expected values written by hand in ``expected.json`` and a snapshot of the stored calls."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.store.models import Call
from pipeline.workspace import Workspace

CORPUS = Path(__file__).resolve().parent / "fixtures" / "real"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))
OUR_COMPANY = "Shiftwise"
ROSTER = (("Maria Chen", OUR_COMPANY), ("Tom Okafor", OUR_COMPANY))


def corpus_paths() -> list[Path]:
    return [CORPUS / name for name in FILES]


def snapshot(workspace: Workspace) -> dict[str, list[dict[str, Any]]]:
    """Every stored call by file name, in the order stored: what a surface made of the corpus."""
    calls: dict[str, list[dict[str, Any]]] = {}
    with workspace.session() as db:
        query = select(Call).options(selectinload(Call.utterances)).order_by(Call.id)
        for call in db.scalars(query):
            calls.setdefault(call.filename, []).append(
                {
                    "format": call.format,
                    "title": call.title,
                    "date": call.call_date,
                    "account": call.account,
                    "outcome": call.outcome,
                    "deal_id": call.deal_id,
                    "deal_stage": call.deal_stage,
                    "our_speakers": call.our_speakers,
                    "competitors": call.competitors,
                    "extra": call.extra,
                    "utterances": [
                        (u.speaker, u.role, u.start_seconds, u.text) for u in call.utterances
                    ],
                }
            )
    return calls


def date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
