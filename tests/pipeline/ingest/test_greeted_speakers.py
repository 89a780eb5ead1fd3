"""A speaker labelled only by a role word takes the first name the other side greets them by
in its opening turns (``greeted_names``): a ``REP:``/``PROSPECT:`` transcript whose rep opens
"Hi Paul, it's Nadia" had kept "PROSPECT" as the buyer's name in every quote. The role stays;
the name is hidden like any buyer's before text leaves. Invented people and companies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_data
from pipeline.ingest.settle import settle_people
from pipeline.ingest.team import Roster, add_member
from pipeline.redact import NAME, redactor_for
from pipeline.store.models import Call
from pipeline.workspace import Workspace

ROSTER = Roster(names=("Colm Byrne", "Ines Duarte"), companies=("Rotawise",))


def _settled(text: str, filename: str = "call.txt", account: str | None = None) -> ParsedCall:
    [call] = parse_file(text.encode(), filename)
    call.account = account or call.account
    settle_people(call, ROSTER)
    return call


def _speakers(call: ParsedCall) -> dict[str, str]:
    return {u.speaker: u.role for u in call.utterances if u.speaker}


# (transcript, the buyer's name): role labels in several layouts, the name said in a greeting or
# a thanks in one of the rep's first turns
GREETED = [
    ("REP: Hi Paul, it's Colm from Rotawise, thanks for calling back.\n"
     "PROSPECT: Hi. I wanted to give you an answer on the trial.\n"
     "REP: Great, go ahead.\n"
     "PROSPECT: The rota part worked but the annual contract is a problem for us.\n", "Paul"),
    ("AGENT: Good morning Deirdre, thanks for making time today.\n"
     "CUSTOMER: Morning. I only have twenty minutes.\n"
     "AGENT: No problem. What made you look at us?\n"
     "CUSTOMER: Our manager spends Sundays fixing the rota by hand.\n", "Deirdre"),
    ("SALES: Hello, thanks for joining.\n"
     "LEAD: Sure, happy to.\n"
     "SALES: Thanks, Tobias. So what's the biggest headache today?\n"
     "LEAD: Honestly the price of what we have now is more than we can carry.\n", "Tobias"),
    ("Sales Rep: Morning Oliver!\n"
     "Client: Hi there.\n"
     "Sales Rep: How did the pilot go at the bakery?\n"
     "Client: Staff liked it, but the owners worry about the monthly fee.\n", "Oliver"),
    ("[00:00:02] AGENT: Thank you for calling Rotawise, Ines speaking.\n"
     "[00:00:06] CALLER: Hi, I'm ringing about the quote you sent.\n"
     "[00:00:10] AGENT: Thank you, Rashida. Let me pull it up.\n"
     "[00:00:15] CALLER: It's more than we budgeted for two sites.\n", "Rashida"),
    ("SELLER: Fatima, thanks for taking the call.\n"
     "BUYER: No problem.\n"
     "SELLER: Where did we leave things last time?\n"
     "BUYER: We still need the board to sign off on anything over budget.\n", "Fatima"),
    ("**Rep:** Hey Siobhan - good to see you again.\n\n"
     "**Customer:** You too.\n\n"
     "**Rep:** Any news from the clinic directors?\n\n"
     "**Customer:** They want to wait until the new financial year.\n", "Siobhan"),
]  # fmt: skip


# Caption layouts: a WebVTT voice tag, an SRT cue by a named rep
CAPTIONS = [
    ("c.vtt", "WEBVTT\n\n"
     "00:00:01.000 --> 00:00:04.000\n<v REP>Hi Mateo, thanks for jumping on.</v>\n\n"
     "00:00:05.000 --> 00:00:08.000\n<v CUSTOMER>No worries, I have half an hour.</v>\n\n"
     "00:00:09.000 --> 00:00:12.000\n<v REP>How is the new site going?</v>\n\n"
     "00:00:13.000 --> 00:00:18.000\n<v CUSTOMER>Busy. The setup fee is what holds us back.</v>\n",
     "Mateo"),
    ("c.srt", "1\n00:00:01,000 --> 00:00:04,000\nColm Byrne: Afternoon Amara, good to see you.\n\n"
     "2\n00:00:05,000 --> 00:00:08,000\nPROSPECT: Likewise.\n\n"
     "3\n00:00:09,000 --> 00:00:12,000\nColm Byrne: Where are you with the budget?\n\n"
     "4\n00:00:13,000 --> 00:00:18,000\nPROSPECT: We can't commit before next quarter.\n",
     "Amara"),
]  # fmt: skip
_ROLE_LABELS = {"PROSPECT", "CUSTOMER", "LEAD", "Client", "CALLER", "BUYER"}


@pytest.mark.parametrize(("text", "name"), GREETED)
def test_a_role_labelled_buyer_takes_the_name_the_rep_greets_them_by(text: str, name: str) -> None:
    speakers = _speakers(_settled(text))
    assert speakers.get(name) == "buyer", speakers
    assert not _ROLE_LABELS & set(speakers)


@pytest.mark.parametrize(("filename", "text", "name"), CAPTIONS)
def test_a_captioned_role_labelled_buyer_takes_the_greeted_name(
    filename: str, text: str, name: str
) -> None:
    speakers = _speakers(_settled(text, filename))
    assert speakers.get(name) == "buyer", speakers
    assert not _ROLE_LABELS & set(speakers)


def test_a_role_labelled_rep_takes_the_roster_name_the_buyer_greets() -> None:
    call = _settled(
        "REP: Hello, thanks for calling back.\n"
        "PROSPECT: Hi Ines, I've had a look at the quote.\n"
        "REP: Great. What did you think?\n"
        "PROSPECT: It's more than we pay now for the old system.\n"
    )
    assert _speakers(call) == {"Ines Duarte": "rep", "PROSPECT": "buyer"}


# Greetings that name no one buyer: the labels stay
NOT_NAMED = [
    # two names: two people behind one label
    "REP: Hi Paul, hi Sarah, thanks for joining.\nPROSPECT: Hi.\n"
    "REP: Shall we start?\nPROSPECT: Yes, the price is our main worry.\n",
    # not a person: a crowd, a day, the team, the account
    "REP: Hi everyone, thanks for joining.\nPROSPECT: Hi.\n"
    "REP: Thanks, Tuesday works for the demo.\nPROSPECT: Good, the price is our worry.\n",
    "REP: Hello Harlow team, good to meet you.\nPROSPECT: Hi.\n"
    "REP: Thanks, Harlow.\nPROSPECT: The price is our worry.\n",
    # an interjection before the thanks, not a name
    "REP: Great, thanks for joining.\nPROSPECT: Hi.\n"
    "REP: Hello, thanks again.\nPROSPECT: The price is our worry.\n",
    # a colleague on our roster, not the buyer
    "REP: Thanks, Colm, I'll take it from here.\nPROSPECT: Hi there.\n"
    "REP: So, the rota.\nPROSPECT: The price is our worry.\n",
    # thanked by name only at goodbye, after the opening turns
    "REP: Hello, thanks for calling.\nPROSPECT: Hi, about the quote.\n"
    "REP: Sure.\nPROSPECT: It's too dear.\nREP: I see.\nPROSPECT: So we'll pass.\n"
    "REP: That's helpful, thank you Paul.\n",
]


@pytest.mark.parametrize("text", NOT_NAMED)
def test_a_greeting_that_names_no_one_buyer_keeps_the_label(text: str) -> None:
    assert _speakers(_settled(text, account="Harlow Dental"))["PROSPECT"] == "buyer"


def test_two_role_labelled_buyers_keep_their_labels() -> None:
    call = _settled(
        "REP: Hi Paul, thanks for joining.\n"
        "CUSTOMER 1: Hi.\n"
        "CUSTOMER 2: Hello.\n"
        "REP: Shall we start?\n"
        "CUSTOMER 1: The price is our main worry.\n"
    )
    assert {"CUSTOMER 1", "CUSTOMER 2"} <= set(_speakers(call))


def test_a_named_speaker_or_a_buyers_own_introduction_wins() -> None:
    named = _settled(
        "Colm Byrne: Hi Paul, thanks for joining.\nPaula Grant: Hi Colm.\n"
        "Colm Byrne: So, the rota.\nPaula Grant: The price is our main worry.\n"
    )
    assert _speakers(named) == {"Colm Byrne": "rep", "Paula Grant": "buyer"}
    introduced = _settled(
        "REP: Hi Jo, thanks for joining.\n"
        "CUSTOMER: Hi, it's Gemma from Harlow Dental actually, Jo is off today.\n"
        "REP: Ah, thanks Gemma.\nCUSTOMER: The price is our main worry.\n"
    )
    assert _speakers(introduced)["Gemma"] == "buyer"


def test_the_greeted_name_is_hidden_like_any_buyers(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_member(session, "Colm Byrne", company="Rotawise")
    text = GREETED[0][0].encode()
    [result] = ingest_data(workspace, text, "greystone.txt", CallMetadata(account="Harlow Dental"))
    with workspace.session() as session:
        call = session.scalars(select(Call).where(Call.id == result.call_id)).one()
        assert {u.speaker for u in call.utterances if u.role == "buyer"} == {"Paul"}
        redactor = redactor_for(session, [call.id])
    assert redactor.redact("Paul said the contract is a problem.") == (
        f"{NAME} said the contract is a problem."
    )
