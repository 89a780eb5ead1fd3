"""The review queue asks only about words a buyer said: their turns and the lines a rep's note
quotes, never the rep's own note lines (review 27 item 2: "Direct cremation only, ~700/yr,
Duluth.", an account fact in the rep's words, was offered as a sentence to judge; a marina set's
"Their licence lapses in Jan and they are moving them to a subscription at nearly double." the
same). Invented CRM notes and a transcript of several trades."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import analyse_calls
from pipeline.detect import KINDS
from pipeline.detect import learning as detections
from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

_REPS = {
    "pest_notes.md": "Ana Silva",
    "marina_notes.md": "Priya Nair",
    "charity_notes.md": "Jade Lin",
    "clinic_notes.md": "Ruth Kemp",
    "farm_call.txt": "Sam Okafor",
}
# (file name, a rep's note with the buyer's words quoted in it)
NOTES = [
    (
        "pest_notes.md",
        "# Hollowbrook Pest Control - discovery\n\nDate: 2026-03-02\nAuthor: Ana Silva\n\n"
        "- Spoke to Bo Chen (owner). Six vans, mostly wasps and rodents, ~900 jobs/yr.\n"
        "- Their route planner licence lapses in March and the vendor is doubling the fee.\n"
        '- Bo: "the techs won\'t fill in another form on site, they barely do the one we have"\n'
        '- Bo: "can it work when there\'s no signal out at the farms?"\n',
    ),
    (
        "marina_notes.md",
        "# Kettle Quay Marina - follow-up\n\nDate: 2026-04-14\nAuthor: Priya Nair\n\n"
        "- Call w/ Tom Gale (harbour master). 140 berths, waiting list on paper.\n"
        "- Moving them to a subscription at nearly double is their current vendor's plan.\n"
        '- Tom: "we\'re tied into BerthBook until the end of the season"\n'
        '- Tom: "half my berth holders are over seventy, they won\'t use an app"\n',
    ),
    (
        "charity_notes.md",
        "# Larkfield Hospice Shops - demo\n\nDate: 2026-05-20\nAuthor: Jade Lin\n\n"
        "- Demo w/ Hugh Bell (retail manager). Eleven shops, Gift Aid done by hand.\n"
        "- Trustees meet quarterly, next in July.\n"
        '- Hugh: "the trustees won\'t sign anything over two thousand without three quotes"\n'
        '- Hugh: "we lose a day a month reconciling Gift Aid declarations"\n',
    ),
    (
        "clinic_notes.md",
        "# Riverside Physio - pricing\n\nDate: 2026-06-03\nAuthor: Ruth Kemp\n\n"
        "- Spoke to Ilse Berg (clinic lead). Three rooms, four physios, ~60 appts/week.\n"
        "- Currently on paper diary plus a shared Google calendar.\n"
        '- Ilse: "reception double-books the Monday slots every week"\n'
        '- Ilse: "is there a per-practitioner price, or is it per site?"\n',
    ),
]
TRANSCRIPT = (
    "farm_call.txt",
    "Greystones Farm - demo\nDate: 2026-07-01\n\n"
    "Sam Okafor: How do you track the herd today?\n"
    "Gwen Pryce: A whiteboard in the parlour and a notebook, honestly.\n"
    "Sam Okafor: And what would you want from us?\n"
    "Gwen Pryce: The subscription is more than our vet bill, I'm not sure we can justify it.\n",
)


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Workspace]:
    """The notes and the call stored and analysed once for this module."""
    folder = tmp_path_factory.mktemp("queue_roles") / "data"
    workspace = Workspace(make_settings(folder), embedder=embedder)
    stored = [
        result.call_id
        for name, text in [*NOTES, TRANSCRIPT]
        for result in ingest_bytes(
            workspace, text.encode(), name, CallMetadata(our_speakers=[_REPS[name]]), analyse=False
        )
    ]
    analyse_calls(workspace, stored)
    yield workspace
    workspace.close()


def _open_by_role(ws: Workspace) -> dict[str, set[str]]:
    with ws.session() as session:
        rows = session.execute(
            select(Utterance.role, Mention.text)
            .join(Utterance, Utterance.id == Mention.utterance_id)
            .where(Mention.kind.in_(KINDS), Mention.source != "user")
        ).all()
    found: dict[str, set[str]] = {}
    for role, text in rows:
        found.setdefault(str(role), set()).add(str(text))
    return found


def test_the_queue_asks_the_buyers_words_and_never_a_reps_note_line(noted: Workspace) -> None:
    found = _open_by_role(noted)
    assert len(found.get("rep_note", set())) >= 8  # the notes' own lines were detected on
    quoted = found["buyer"]
    assert len(quoted) >= 10  # the quoted lines and the farmer's turns
    with noted.session() as session:
        asked = detections.review_queue(noted, session, limit=200)
        progress = detections.queue_progress(noted, session)
    assert {entry.item.role for entry in asked} == {"buyer"}
    assert {entry.item.sentence for entry in asked} == quoted  # every one in the end
    assert progress.uncertain <= len(quoted)


def test_a_notes_quoted_lines_are_the_buyers(noted: Workspace) -> None:
    """The quotes stay in the queue: stored as the buyer's words, not the rep's note."""
    found = _open_by_role(noted)
    for quote in (
        "can it work when there's no signal out at the farms?",
        "is there a per-practitioner price, or is it per site?",
        "we lose a day a month reconciling Gift Aid declarations",
    ):
        assert any(quote in text for text in found["buyer"]), quote
    assert not any("Duluth" in text or "doubling the fee" in text for text in found["buyer"])
