"""The review queue asks about small talk that strong signals contradict (walk 3, snag 11): "The
thing is, PharmStock's reorder suggestions are rubbish." was filed `other` at 0.8 (a rival's
weakness), "That's our PMR and I'm not changing that." at 0.8 (the status quo); both read sure,
so uncertainty sampling never asked them and no user could teach them. Also, the queue showed a
category's margin as its "confidence" (-0.376); it now reads from 0 to 1.

Invented calls of three trades (a vets' practice, a warehouse, a salon), analysed by the real
detector and embedder on SQLite; their rival-weakness lines, which the detector now reads as pains,
are then stored as the walk's detector filed them, sure small talk (``_filed_as_small_talk``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app
from pipeline.analysis.flow import analyse_calls
from pipeline.detect.contradicted import OtherVerdict, contradictions, most_contradicted
from pipeline.detect.model import category_confidence
from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings

THRESHOLD = 0.2
RIVALS = ["VetFlow", "StockPilot", "SalonHub"]
# (file, the rep, the call): each buyer runs a rival, judges it, hedges and chats
CALLS = [
    (
        "hollins_vets_demo.txt",
        "Dana Moss",
        "Hollins Veterinary Centre - demo\nDate: 2026-05-04\n\n"
        "Dana Moss: Thanks for making time, Grace. How do you send booster reminders today?\n"
        "Grace Ilori: We use VetFlow for the reminders and the appointment book.\n"
        "Dana Moss: And how is that going for you?\n"
        "Grace Ilori: The thing is, VetFlow's reminder texts are rubbish. Half our clients never "
        "get them.\n"
        "Dana Moss: Ours go by text and email, and you can see who opened them.\n"
        "Grace Ilori: That would help. Six of our vets are part-time though, so a per-vet price "
        "might not add up.\n"
        "Dana Moss: We price per practice, not per vet.\n"
        "Grace Ilori: Okay. I suppose it depends what the nurses make of it.\n"
        "Dana Moss: They usually pick it up in a morning.\n"
        "Grace Ilori: Maybe. The partners would want to see it before anything is signed.\n"
        "Dana Moss: Where would the records live?\n"
        "Grace Ilori: We can't have client records leaving the UK.\n"
        "Dana Moss: The rabies passport log is on our roadmap for next year.\n"
        "Grace Ilori: Then honestly that's a deal breaker for me, the passport log is the biggest "
        "time sink we have.\n"
        "Dana Moss: Of course. Lovely weather today, isn't it?\n"
        "Grace Ilori: Yes, we had the dogs out on the field all morning.\n",
    ),
    (
        "northgate_logistics_call.txt",
        "Sam Patel",
        "Northgate Logistics - discovery\nDate: 2026-05-11\n\n"
        "Sam Patel: Morning Lee, what runs the warehouse floor today?\n"
        "Lee Carter: We've had StockPilot on the scanners for six years.\n"
        "Sam Patel: Right, and the pick lists come out of that too.\n"
        "Lee Carter: Yeah. That's our WMS and I'm not changing that.\n"
        "Sam Patel: We'd sit beside it and read the orders.\n"
        "Lee Carter: The thing is, StockPilot's replenishment reports are useless.\n"
        "Sam Patel: Understood. How many pickers do you have?\n"
        "Lee Carter: About forty on days and twenty on nights. Peak starts in October, so "
        "nothing new goes live after September.\n"
        "Sam Patel: Great, I'll send the integration guide over.\n"
        "Lee Carter: Possibly, if the lads can get it on the scanners.\n"
        "Sam Patel: They can. When could you start?\n"
        "Lee Carter: The timing is bad though, we're mid-way through peak and nobody has time to "
        "learn a new system until January.\n"
        "Lee Carter: Cheers, speak soon.\n",
    ),
    (
        "blush_salon_followup.txt",
        "Mia Brooks",
        "Blush Hair Salon - follow-up\nDate: 2026-05-18\n\n"
        "Mia Brooks: Hi Jo, thanks for calling back.\n"
        "Jo Reyes: No problem. To be upfront, the owners picked SalonHub on Friday.\n"
        "Jo Reyes: It came down to price per chair, yours was nearly double once we added the "
        "second salon.\n"
        "Mia Brooks: That's useful to know.\n"
        "Jo Reyes: Their colour stock reports are a joke though, if I'm honest. The thing is, "
        "SalonHub's booking page is rubbish.\n"
        "Mia Brooks: Would you look again at renewal?\n"
        "Jo Reyes: Maybe, their contract is only twelve months.\n"
        "Mia Brooks: Could you run both for a while?\n"
        "Jo Reyes: Not until the lease renews in 2028, and I'm not paying for two systems at "
        "once.\n"
        "Mia Brooks: I'll put a note in for next spring.\n"
        "Jo Reyes: Sounds good, have a nice weekend.\n",
    ),
]
# What each buyer said of the rival they run, a pain of theirs (our opening), none small talk
RIVAL_WEAKNESSES = {
    "The thing is, VetFlow's reminder texts are rubbish.",
    "The thing is, StockPilot's replenishment reports are useless.",
    "The thing is, SalonHub's booking page is rubbish.",
}


def _analysed(folder: Path, embedder: Embedder) -> Workspace:
    """The three calls stored and analysed in a new data dir."""
    workspace = Workspace(make_settings(folder, competitors=RIVALS), embedder=embedder)
    stored = [
        result.call_id
        for name, rep, text in CALLS
        for result in ingest_bytes(
            workspace, text.encode(), name, CallMetadata(our_speakers=[rep]), analyse=False
        )
    ]
    analyse_calls(workspace, stored)
    _filed_as_small_talk(workspace)
    return workspace


def _filed_as_small_talk(workspace: Workspace) -> None:
    """The rival weaknesses stored as the walk's detector filed them, sure small talk: the
    detector now reads them as pains, but a verdict like that (from an older detector, or a
    new misreading) is what the queue must still put to the user."""
    with workspace.session() as session:
        for mention in session.scalars(
            select(Mention).where(Mention.text.in_(sorted(RIVAL_WEAKNESSES)))
        ):
            mention.kind, mention.category, mention.cluster_id = "other", None, None
            mention.confidence = 0.8
        session.commit()


@pytest.fixture(scope="module")
def trades(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Workspace]:
    """The three calls, analysed once for this module's read-only tests."""
    workspace = _analysed(tmp_path_factory.mktemp("contradicted") / "data", embedder)
    yield workspace
    workspace.close()


def _sure_others(ws: Workspace) -> set[str]:
    with ws.session() as session:
        rows = session.scalars(
            select(Mention.text)
            .join(Utterance, Utterance.id == Mention.utterance_id)
            .where(
                Mention.kind == "other",
                Mention.confidence >= ws.settings.confident_at,
                Utterance.role == "buyer",
            )
        ).all()
    return set(rows)


@pytest.mark.parametrize(
    ("sentence", "probability", "rival"),
    [
        ("The thing is, VetFlow's reminder texts are rubbish.", 0.02, True),
        ("Honestly the owners are nervous about another login.", 0.05, False),
        ("That's our WMS and I'm not changing that.", 0.19, False),
        ("It came down to price per chair, yours was nearly double.", 0.16, False),
        ("We had a look at StockPilot a while back.", 0.25, True),
        ("The stylists won't fill in another screen.", 0.03, False),
    ],
)
def test_small_talk_with_a_strong_signal_is_contradicted(
    sentence: str, probability: float, rival: bool
) -> None:
    assert contradictions(OtherVerdict(sentence, probability, rival), THRESHOLD)


@pytest.mark.parametrize(
    "sentence",
    [
        "Yes, we had the dogs out on the field all morning.",
        "Cheers, speak soon.",
        "Sounds good, have a nice weekend.",
        "I'll grab a coffee before the next one.",
    ],
)
def test_plain_small_talk_is_not(sentence: str) -> None:
    assert contradictions(OtherVerdict(sentence, 0.01, False), THRESHOLD) == []


def test_the_model_reading_an_objection_counts_most() -> None:
    verdicts = {
        1: OtherVerdict("We looked at SalonHub last spring.", 0.05, True),
        2: OtherVerdict("So that's the second thing.", 0.7, False),
        3: OtherVerdict("Lovely, thanks.", 0.01, False),
    }
    assert most_contradicted(verdicts, THRESHOLD) == [2, 1]


def test_category_confidence_reads_zero_to_one_in_the_margins_order() -> None:
    margins = [-1.0, -0.376, 0.0, 1 / 3, 0.9, 1.0]
    shown = [category_confidence(m) for m in margins]
    assert shown == [0.0, 0.312, 0.5, 0.667, 0.95, 1.0]
    assert category_confidence(None) is None


def test_the_cli_queue_asks_the_contradicted_small_talk_of_every_trade(
    trades: Workspace, point_cli_at: Callable[..., None]
) -> None:
    """Three sure ``other``s, one per call, each a rival's weakness: all asked in 15 questions
    (three odd slots), one per call, though a dozen doubts and sure sentences are open."""
    filed = RIVAL_WEAKNESSES & _sure_others(trades)
    assert len(filed) >= 2, filed  # stored as sure small talk (``_filed_as_small_talk``)
    point_cli_at(trades.settings.data_dir, trades.settings.database_url)
    listed = CliRunner().invoke(app, ["detections", "queue", "--limit", "15", "--json"])
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.output)
    asked = [item["sentence"] for item in items]
    assert filed <= set(asked), asked
    assert len(asked) == 15 and len(set(asked)) == 15
    for item in items:
        assert 0.0 <= item["confidence"] <= 1.0, item
        lead = item["category_confidence"]
        assert (lead is None) if item["suggested"]["kind"] != "objection" else 0 <= lead <= 1


def test_the_api_and_the_review_page_show_category_confidence_from_zero_to_one(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The deal breaker's category was the rules' against the model (a negative margin): the
    API and the page say how sure of it from 0 to 1, below a tie."""
    ws = _analysed(tmp_path / "data", embedder)
    try:
        with app_client(ws) as api:
            items = api.get("/api/detections/queue", params={"limit": 15}).json()
            filed = RIVAL_WEAKNESSES & _sure_others(ws)
            assert filed and filed <= {item["sentence"] for item in items}, items
            leads = [
                i["category_confidence"] for i in items if i["suggested"]["kind"] == "objection"
            ]
            assert leads and all(lead is not None and 0 <= lead <= 1 for lead in leads), items
            assert min(lead for lead in leads if lead is not None) < 0.5  # the rules' category
            for _ in range(5):  # answer the queue up to its first objection, as a user would
                top = api.get("/api/detections/queue", params={"limit": 1}).json()[0]
                if top["suggested"]["kind"] == "objection":
                    break
                api.post(
                    f"/api/utterances/{top['utterance_id']}/label",
                    json={"label": top["suggested"]["kind"], "text": top["sentence"]},
                ).raise_for_status()
            page = api.get("/review").text
    finally:
        ws.close()
    shown = re.search(r"data-suggestion>(.*?)</p>", page, re.S)
    assert shown is not None, page
    assert top["suggested"]["kind"] == "objection", top
    percent = round(top["category_confidence"] * 100)
    assert f"of the category, {percent}%" in shown.group(1), shown.group(1)
