"""Every buyer sentence keeps one kind row once analysed: a question not worth a theme is stored
as small talk, never dropped (a dropped one could be neither seen, measured nor corrected)."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.detect import DETECTED_ROLES, KINDS
from pipeline.detect.sentences import split_sentences
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.samples import TRANSCRIPT

CALL = TRANSCRIPT + (
    b"Maya Chen: Setup is one afternoon and we run the training for your team.\n"
    b"Dana Ruiz: Okay, that sounds manageable. Is it month to month?\n"
    b"Maya Chen: It is, cancel any time.\n"
    b"Dana Ruiz: Sorry, can you repeat that? The line dropped.\n"
)


def test_every_buyer_sentence_has_its_kind_row(workspace: Workspace) -> None:
    ingest_bytes(workspace, CALL, "clinic.txt")
    with workspace.session() as db:
        buyer = db.scalars(select(Utterance).where(Utterance.speaker == "Dana Ruiz")).all()
        assert buyer and all(u.role in DETECTED_ROLES for u in buyer), [u.role for u in buyer]
        for utterance in buyer:
            stored = {
                m.text: m.kind
                for m in db.scalars(
                    select(Mention).where(
                        Mention.utterance_id == utterance.id, Mention.kind.in_(KINDS)
                    )
                )
            }
            assert set(stored) == {s for _, _, s in split_sentences(utterance.text)}
    flat = _all_kinds(workspace)
    assert flat["Is it month to month?"] == "question"
    assert flat["Sorry, can you repeat that?"] == "other"


def _all_kinds(workspace: Workspace) -> dict[str, str]:
    with workspace.session() as db:
        return {m.text: m.kind for m in db.scalars(select(Mention).where(Mention.kind.in_(KINDS)))}
