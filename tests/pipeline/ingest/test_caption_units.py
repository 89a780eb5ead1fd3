"""Captions with no speaker, each cut at the end of its sentences (a meeting tool's SRT or VTT
with no speaker names), are kept one passage a caption, in SRT and WebVTT alike: the caption is
as near a turn as the file says. Captions a sentence runs across are still read as sentences
(``test_captions``).

Why: an SRT of 27 such cues had been stored as 49 sentences ("No worries." apart from "I've got
about twenty minutes…"), which lost the turns."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace

CALLS = {
    "kennels": [
        "Hi Jo, thanks for making time.",
        "No problem. I've got ten minutes before the afternoon walks go out.",
        "Great. How do owners book runs at the moment?",
        "By phone. Christmas is chaos, and we double-booked two dogs last year.",
    ],
    "warehouse": [
        "Morning. You said stock counts lag behind?",
        "About a week. The pickers work from printed lists, so nothing updates until Friday.",
        "And who keys the counts in?",
        "Me, mostly. It takes my whole Friday afternoon.",
    ],
    "accountants": [
        "Thanks for joining. Where does year end hurt most?",
        "Chasing clients for receipts. We send the same email forty times in January!",
        "Would automatic reminders help?",
        "If they come from our own address, yes.",
    ],
}


def _clock(seconds: float, mark: str) -> str:
    whole = int(seconds)
    return f"00:{whole // 60:02d}:{whole % 60:02d}{mark}{round((seconds - whole) * 1000):03d}"


def _captions(lines: list[str], fmt: str) -> bytes:
    mark = "," if fmt == "srt" else "."
    blocks = [
        f"{index + 1}\n{_clock(index * 4.0, mark)} --> {_clock(index * 4.0 + 3.6, mark)}\n{line}\n"
        for index, line in enumerate(lines)
    ]
    head = "WEBVTT\n\n" if fmt == "vtt" else ""
    return (head + "\n".join(blocks)).encode()


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
@pytest.mark.parametrize("trade", sorted(CALLS))
def test_a_caption_ending_its_sentences_is_one_passage_in_srt_and_vtt(
    workspace: Workspace, trade: str, fmt: str
) -> None:
    lines = CALLS[trade]
    [told] = ingest_bytes(workspace, _captions(lines, fmt), f"{trade}.{fmt}", analyse=False)
    with workspace.session() as db:
        stored = db.execute(select(Utterance.text, Utterance.speaker).order_by(Utterance.seq)).all()
    workspace.close()
    assert [text for text, _speaker in stored] == lines
    assert {speaker for _text, speaker in stored} == {None}
    assert f"{len(lines)} passages" in (told.understood or "")
