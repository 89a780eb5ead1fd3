"""A deal lost to a rival no one listed, and a won deal's paperwork, through ingest and
detection with the real components.

Why: a Gong call's "To be upfront, the board picked PharmStock on Monday." (PharmStock in no
list) had left the call unknown with no competitor, and the reason after it, "It came down to
price per branch, ...", was "other"; a Salesforce task's "Closed won. Agreed 12 month term with
60 day break clause." had counted as a contract objection of a won deal. Invented trades,
people and products: a joinery firm, a dental group, an estate agency."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import analyse_calls
from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings

JOINERY = (
    "Dan Carter: Morning Kerry, I've got the revised quote for the three workshops.\n"
    "Kerry Walsh: Thanks Dan. I'll be straight with you, we went with Joinerly last week. In the"
    " end it was the contract length, they do monthly and you wanted two years.\n"
    "Dan Carter: That's a shame. Thanks for letting me know.\n"
    "Kerry Walsh: No worries, good luck with it.\n"
)
DENTAL = (
    "WEBVTT\n\n"
    "1\n00:00:02.000 --> 00:00:06.000\n<v Dan Carter>Hi Priti, did the partners look at the"
    " proposal?\n\n"
    "2\n00:00:07.000 --> 00:00:15.000\n<v Priti Shah>They did. Just so you know, the partners"
    " have signed with Dentrix Cloud as of yesterday. Mainly the setup time, they can have all"
    " six surgeries live in a fortnight.\n\n"
    "3\n00:00:16.000 --> 00:00:19.000\n<v Dan Carter>Understood, thanks Priti.\n"
)


def _gong() -> bytes:
    """An estate agency's call in Gong's layout: the reason after the rep's question."""
    said = [
        ("r", "Hi Omar, I wanted to walk you through the four-branch pricing."),
        ("b", "Bad news I'm afraid, the directors decided on Propertyflow this morning."),
        ("r", "Oh no, sorry to hear that. What swung it?"),
        ("b", "It came down to price, they're about half what you quoted per branch."),
    ]
    return json.dumps(
        {
            "metaData": {
                "id": "51",
                "title": "Harbour Lettings - pricing",
                "started": "2026-05-06",
            },
            "parties": [
                {"speakerId": "r", "name": "Dan Carter", "affiliation": "Internal"},
                {"speakerId": "b", "name": "Omar Haddad", "affiliation": "External"},
            ],
            "transcript": [
                {
                    "speakerId": who,
                    "sentences": [{"start": i * 9000, "end": i * 9000 + 8000, "text": text}],
                }
                for i, (who, text) in enumerate(said)
            ],
        }  # fmt: skip
    ).encode()


# A Copper activities export: won deals' terms, and a note naming a rival no one listed.
NOTES = (
    "Activity ID,Type,Date,User,Details,Related To,Related To Type,Company\n"
    '201,Phone Call,04/02/2026,Dan Carter,"Closed won. Agreed 24 month term with a 90 day break'
    ' clause.",Oakbeam Joinery - New Business,Opportunity,Oakbeam Joinery\n'
    '202,Phone Call,04/09/2026,Dan Carter,"Signed! Three year term at list, 5% off year one.",'
    "Brightsmile Dental - New Business,Opportunity,Brightsmile Dental\n"
    '203,Meeting,04/14/2026,Dan Carter,"Won - monthly billing, 12 month minimum term.",'
    "Kingsway Estates - New Business,Opportunity,Kingsway Estates\n"
    '204,Email,04/20/2026,Dan Carter,"Went with Lettingo on Tuesday. Cheaper per branch.",'
    "Northgate Homes - New Business,Opportunity,Northgate Homes\n"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Workspace]:
    """The three calls and the notes stored and analysed once, no rival configured."""
    folder = tmp_path_factory.mktemp("rival_no_one_listed") / "data"
    ws = Workspace(make_settings(folder, our_company="Tallyo"), embedder=embedder)
    rep = CallMetadata(our_speakers=["Dan Carter"])
    files = [
        (JOINERY.encode(), "oakbeam_call.txt", CallMetadata(our_speakers=["Dan Carter"],
                                                           account="Hartwell Joinery")),
        (DENTAL.encode(), "brightsmile_call.vtt", CallMetadata(our_speakers=["Dan Carter"],
                                                              account="Smile Dental Group")),
        (_gong(), "harbour_gong.json", rep),
        (NOTES.encode(), "copper.csv", rep),
    ]  # fmt: skip
    stored = [
        result.call_id
        for data, name, meta in files
        for result in ingest_bytes(ws, data, name, meta, analyse=False)
        if result.call_id is not None
    ]
    analyse_calls(ws, stored)
    yield ws
    ws.close()


def _call(ws: Workspace, account: str) -> tuple[str, list[str], list[tuple[str, str | None]]]:
    """A call's outcome, competitors and each sentence's (kind, category) by text."""
    with ws.session() as db:
        call = db.scalars(select(Call).where(Call.account == account)).one()
        mentions = db.scalars(select(Mention).where(Mention.call_id == call.id)).all()
        said = [(m.text, m.kind, m.category, m.competitor) for m in mentions]
        return str(call.outcome), list(call.competitors or []), said  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("account", "rival", "choice", "reason", "category"),
    [
        ("Hartwell Joinery", "Joinerly", "we went with Joinerly last week.",
         "In the end it was the contract length", "contract"),
        ("Smile Dental Group", "Dentrix Cloud", "the partners have signed with Dentrix Cloud",
         "Mainly the setup time", "setup_time"),
        ("Harbour Lettings", "Propertyflow", "the directors decided on Propertyflow",
         "It came down to price", "price"),
        ("Northgate Homes", "Lettingo", "Went with Lettingo on Tuesday.",
         "Cheaper per branch.", "price"),
    ],
)  # fmt: skip
def test_a_deal_lost_to_a_rival_no_one_listed(
    workspace: Workspace, account: str, rival: str, choice: str, reason: str, category: str
) -> None:
    """The call is lost with the rival on it; the choice is a competitor objection naming the
    rival, and the reason said right after it an objection of its topic's category."""
    outcome, competitors, said = _call(workspace, account)
    assert (outcome, competitors) == ("lost", [rival])
    kinds = {(kind, cat, who) for text, kind, cat, who in said if choice in text}
    assert ("objection", "competitor", rival) in kinds, said
    given = {(kind, cat) for text, kind, cat, _ in said if text.startswith(reason)}
    assert given == {("objection", category)}, said


@pytest.mark.parametrize(
    ("account", "terms"),
    [
        ("Oakbeam Joinery", "Agreed 24 month term with a 90 day break clause."),
        ("Brightsmile Dental", "Three year term at list, 5% off year one."),
        ("Kingsway Estates", "Won - monthly billing, 12 month minimum term."),
    ],
)
def test_a_won_deals_terms_count_nowhere(workspace: Workspace, account: str, terms: str) -> None:
    """The terms a deal was won on are its record: the call is won and no objection, pain or
    question quotes them."""
    outcome, _, said = _call(workspace, account)
    assert outcome == "won"
    kinds = {kind for text, kind, _, _ in said if terms in text or text in terms}
    assert kinds == {"other"}, said
