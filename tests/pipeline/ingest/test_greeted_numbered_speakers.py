"""A numbered speaker ("Speaker 2") takes the first name the other speaker greets them by in
the opening turns, on a call of just those two: an Otter call whose rep opens "Hi, is that
Owen?" had kept "Speaker 2" as the buyer in every quote. A third voice, a third person spoken
of, or a name said only at goodbye names no one; the name is hidden like any buyer's."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_data
from pipeline.ingest.settle import settle_people
from pipeline.ingest.team import Roster, add_member
from pipeline.redact import NAME, buyer_names, redactor_for
from pipeline.store.models import Call
from pipeline.workspace import Workspace

ROSTER = Roster(names=("Colm Byrne",), companies=("Rotawise",))


def _otter(*turns: tuple[int, str]) -> str:
    """Otter's layout: "Speaker N  0:03" over each turn."""
    return "\n\n".join(
        f"Speaker {who}  0:{i * 4:02d}\n{text}" for i, (who, text) in enumerate(turns)
    )


def _speakers(text: str) -> dict[str, str]:
    [call] = parse_file(text.encode(), "call.txt")
    settle_people(call, ROSTER)
    return _roles(call)


def _roles(call: ParsedCall) -> dict[str, str]:
    return {u.speaker: u.role for u in call.utterances if u.speaker}


# (transcript, the buyer's name): a lift firm, a dental practice, a haulier, a bakery
GREETED = [
    (_otter((1, "Hi, is that Owen? It's Colm calling from Rotawise, you filled in our form."),
            (2, "Oh yeah, hiya. Yeah, I did."),
            (1, "Great. What made you look at us?"),
            (2, "Our engineers lose the service sheet every time they're in a lift shaft.")),
     "Owen"),
    (_otter((1, "Hi Marta, thanks for making time today."),
            (2, "No problem, I've got fifteen minutes between patients."),
            (1, "How are recalls handled at the practice now?"),
            (2, "By hand. The front desk loses the list every month.")),
     "Marta"),
    (_otter((1, "Hello, am I speaking to Nathan?"),
            (2, "Speaking."),
            (1, "Lovely. It's Colm from Rotawise, about the route planning trial."),
            (2, "The drivers liked it but the per-van price is too high for us.")),
     "Nathan"),
    (_otter((1, "Good morning."),
            (2, "Morning."),
            (1, "Morning Priyanka! How's the new shop?"),
            (2, "Busy. We still write every order on paper and it's costing us.")),
     "Priyanka"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name"), GREETED)
def test_a_numbered_buyer_takes_the_name_the_other_speaker_greets(text: str, name: str) -> None:
    speakers = _speakers(text)
    assert speakers.get(name) == "buyer", speakers
    assert "Speaker 2" not in speakers


NOT_NAMED = [
    # a third person spoken of, not greeted
    _otter((1, "Hi, Dave passed me your number. Thanks for picking up."),
           (2, "Sure, he mentioned you."),
           (1, "What's slowing the yard down today?"),
           (2, "We retype every delivery note into the accounts system.")),
    # whose team, not who answered
    _otter((1, "Hello, is that Owen's team?"),
           (2, "It is, yeah."),
           (1, "Great. How do you book the engineers?"),
           (2, "On a whiteboard, and the office can't see any of it.")),
    # asking for someone, who may come on the line later
    _otter((1, "Hi, can I speak to Marta?"),
           (2, "She's with a patient, can I help?"),
           (1, "It's about the recall software."),
           (2, "The front desk loses the recall list every month.")),
    # thanked by name only at goodbye
    _otter((1, "Hello, thanks for calling back."),
           (2, "Hi, it's about the quote."),
           (1, "Sure."),
           (2, "It's more than we pay now."),
           (1, "I see."),
           (2, "So we'll pass."),
           (1, "Thanks Kofi, bye now.")),
    # a third voice on the line: the greeting may be for either
    _otter((1, "Hi Marta, thanks for joining."),
           (2, "Hi."),
           (3, "Hello, I'm on too."),
           (1, "So, the recalls?"),
           (2, "The price is our main worry.")),
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_NAMED)
def test_a_greeting_that_names_no_one_keeps_the_numbered_label(text: str) -> None:
    speakers = _speakers(text)
    assert "Speaker 2" in speakers, speakers


def test_a_numbered_rep_takes_the_roster_name_the_buyer_greets() -> None:
    speakers = _speakers(
        _otter(
            (1, "Hello, thanks for calling back."),
            (2, "Hi Colm, I've had a look at the quote for the bakery."),
            (1, "Great. What did you think?"),
            (2, "It's more than we pay now for the old till."),
        )
    )
    assert speakers.get("Colm Byrne") == "rep", speakers


def test_the_greeted_numbered_buyer_is_hidden_before_text_leaves(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_member(session, "Colm Byrne", company="Rotawise")
    text = GREETED[0][0].encode()
    [result] = ingest_data(workspace, text, "otter.txt", CallMetadata(account="Ridgeline Lifts"))
    with workspace.session() as session:
        call = session.get_one(Call, result.call_id)
        assert {u.speaker for u in call.utterances if u.role == "buyer"} == {"Owen"}
        assert "Owen" in buyer_names(session, [call.id])
        redactor = redactor_for(session, [call.id])
    assert redactor.redact("Owen said the sheet gets lost.") == f"{NAME} said the sheet gets lost."
