"""End to end (real embedder, SQLite): in a speakerless webinar or demo, whose every line's side
is unknown, a question the host relays from the audience ("And someone asked whether the price
goes up after the first year.") is a question, never an objection; the host's answer to it and
lines in the seller's voice ("No, we hold the price for the full term of your contract.", "We
include the hardware.") leave no mention; and no buyer phrase comes from either.

Why (walk s32 #6): a pharmacy webinar's SRT had the relayed price question as the Price theme's
most representative objection, the host's answer as a contract objection, and the product name
said in the host's answer as a buyer phrase. Three invented trades here: a CRM for plumbers
(SRT), a booking tool for physios (WebVTT with no names), a returns tool for web shops (timed
text).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.cluster.phrases import list_phrases
from pipeline.detect.relayed_questions import relay_lead_in, relays_a_question
from pipeline.detect.seller_voice import speaks_as_seller
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

COUNTED = ("objection", "pain", "question", "current_setup", "other")

PLUMBERS = [
    "Thanks everyone for joining the Pipeline CRM webinar for plumbing firms.",
    "We had a question from the chat about whether it syncs with Xero.",
    "Yes, Xero and QuickBooks are both supported today.",
    "And someone asked whether the price goes up after the first year.",
    "No, we hold the price for the full term of your contract.",
    "Next question, from Dave: can the engineers see the job sheets offline?",
    "They can, the app keeps the day's jobs on the phone.",
    "A few of you asked if there's a charge for the van trackers.",
    "We include the hardware, and our customers usually go live within a week.",
]
PHYSIOS = [
    "Okay, so that's the diary view, any questions so far?",
    "Honestly our biggest headache is patients not turning up on a Monday morning.",
    "We lose three or four slots a week to no-shows.",
    "Another attendee asks whether the reminders go by text or email.",
    "Both, and you choose per clinic which one goes out.",
    "Someone in the chat wants to know if the price is per physio or per clinic.",
    "Good question, it's per clinic, so a locum costs you nothing extra.",
    "We migrate your patient list from the old system over a weekend.",
]
RETURNS = [
    "Welcome back, this is the Q&A part of the ReturnDesk session.",
    "There's a question in the Q&A about refunds to PayPal.",
    "Yes, PayPal and Klarna refunds are both supported.",
    "Lots of you have been asking about the Shopify app and the monthly minimum.",
    "Sure, there's no minimum, and shops like yours usually start on the free plan.",
    "So one of you asked whether the labels print on a thermal printer.",
    "They do, we include the thermal templates with every plan.",
]


def _srt(lines: list[str]) -> bytes:
    return "\n".join(
        f"{i}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},500\n{text}\n"
        for i, text in enumerate(lines, start=1)
    ).encode()


def _vtt(lines: list[str]) -> bytes:
    cues = [
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.500\n{t}\n" for i, t in enumerate(lines)
    ]
    return ("WEBVTT\n\n" + "\n".join(cues)).encode()


def _timed_text(lines: list[str]) -> bytes:
    """A recording's plain transcript: one voice, no names, a time on each line."""
    return "\n".join(f"{i // 60}:{i % 60:02d} {text}" for i, text in enumerate(lines, 1)).encode()


CASES = {
    "plumbers": (
        _srt(PLUMBERS),
        "pipeline_crm_webinar.srt",
        {PLUMBERS[1], PLUMBERS[3], PLUMBERS[5], PLUMBERS[7]},
        {PLUMBERS[2], PLUMBERS[4], PLUMBERS[6], PLUMBERS[8]},
        set(),
    ),
    "physios": (
        _vtt(PHYSIOS),
        "clinicbook_demo.vtt",
        {PHYSIOS[3], PHYSIOS[5]},
        {PHYSIOS[4], PHYSIOS[6], PHYSIOS[7]},
        {PHYSIOS[1], PHYSIOS[2]},  # a buyer's own pain in a demo still counts
    ),
    "returns": (
        _timed_text(RETURNS),
        "returndesk_qa.txt",
        {RETURNS[1], RETURNS[3], RETURNS[5]},
        {RETURNS[2], RETURNS[4], RETURNS[6]},
        set(),
    ),
}


def _kinds(workspace: Workspace) -> dict[str, set[str]]:
    """Each utterance's text with the kinds of its sentences' mentions."""
    with workspace.session() as db:
        rows = db.execute(
            select(Utterance.text, Utterance.role, Mention.kind).outerjoin(
                Mention, Mention.utterance_id == Utterance.id
            )
        ).all()
    assert {role for _text, role, _kind in rows} == {"unknown"}
    found: dict[str, set[str]] = {}
    for text, _role, kind in rows:
        found.setdefault(text, set()).update([kind] if kind in COUNTED else [])
    return found


@pytest.mark.parametrize("trade", sorted(CASES))
def test_a_relayed_question_is_a_question_and_the_hosts_answer_counts_nowhere(
    workspace: Workspace, trade: str
) -> None:
    data, name, relayed, answers, buyers = CASES[trade]
    [result] = ingest_bytes(workspace, data, name)
    assert result.status == "created", result.reason
    kinds = _kinds(workspace)
    assert {line: kinds[line] for line in relayed} == dict.fromkeys(relayed, {"question"})
    assert {line: kinds[line] for line in answers} == dict.fromkeys(answers, set())
    assert all(kinds[line] & {"pain", "objection", "current_setup"} for line in buyers)


def test_a_named_host_on_our_side_is_read_as_before(workspace: Workspace) -> None:
    """A guard: where the host is named and ours, only the attendees' lines are read, and a
    named attendee's own question and objection keep their kinds."""
    cues = [
        ("Ana Lopez", "We had a question from the chat about whether it syncs with Xero."),
        ("Ana Lopez", "No, we hold the price for the full term of your contract."),
        ("Gareth Pryce", "Does the price go up after the first year?"),
        ("Gareth Pryce", "Honestly fifty a van is too much for a three-man firm like ours."),
    ]
    vtt = "WEBVTT\n\n" + "\n".join(
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.500\n<v {who}>{text}\n"
        for i, (who, text) in enumerate(cues)
    )
    metadata = CallMetadata(our_speakers=["Ana Lopez"])
    [result] = ingest_bytes(workspace, vtt.encode(), "pipeline_crm_live.vtt", metadata)
    assert result.status == "created", result.reason
    with workspace.session() as db:
        rows = db.execute(
            select(Utterance.speaker, Utterance.role, Mention.kind).outerjoin(
                Mention, Mention.utterance_id == Utterance.id
            )
        ).all()
    kinds = {(who, role, kind) for who, role, kind in rows if kind in COUNTED or kind is None}
    assert ("Ana Lopez", "rep", None) in kinds
    assert {k for who, _role, k in kinds if who == "Ana Lopez"} == {None}
    assert ("Gareth Pryce", "buyer", "question") in kinds
    assert ("Gareth Pryce", "buyer", "objection") in kinds


def test_no_buyer_phrase_comes_from_the_hosts_lead_ins_or_answers(workspace: Workspace) -> None:
    """ "xero" is said in a relayed question and in the host's answer only, "question from the
    chat" and "asked whether" are the host's lead-ins: none is a buyer's phrase."""
    second = [line.replace("Xero", "Sage").replace("Dave", "Sian") for line in PLUMBERS]
    for index, lines in enumerate((PLUMBERS, second)):
        [result] = ingest_bytes(workspace, _srt(lines), f"pipeline_crm_webinar_{index}.srt")
        assert result.status == "created", result.reason
    with workspace.session() as db:
        found = [p["phrase"] for p in list_phrases(db, min_count=2)]
    hosts = ("supported", "quickbooks", "question from", "asked whether", "hold the price")
    assert not [p for p in found if any(word in p for word in hosts)], found
    assert any("price goes up" in p or "first year" in p for p in found), found


@pytest.mark.parametrize(
    ("line", "relays"),
    [
        ("And someone asked whether the price goes up after the first year.", True),
        ("We had a question from the chat about whether it works with Pharmacy Manager.", True),
        ("A few of you asked if the app works without signal on site.", True),
        ("Next question, from Sam: can clients rebook from the reminder text?", True),
        ("Priya from Leeds asks whether there's a minimum term.", True),
        ("A question came in about multi-site pricing for the salons.", True),
        # A buyer's own report or question, and a request, relay nothing.
        ("We asked whether it includes training and they said no.", False),
        ("I have a question about the price.", False),
        ("Most of our clients keep asking for online booking.", False),
        ("The next question is the hard one for us.", False),
        ("There's a question mark over the budget this year.", False),
    ],
)
def test_a_relayed_question_is_told_by_its_lead_in(line: str, relays: bool) -> None:
    assert relays_a_question(line) is relays


def test_the_lead_in_is_the_relayers_words_only() -> None:
    line = "We had a question from the chat about whether it works with Pharmacy Manager."
    assert line[relay_lead_in(line) :] == "whether it works with Pharmacy Manager."


@pytest.mark.parametrize(
    ("line", "seller"),
    [
        ("No, we hold the price for the full term of your contract.", True),
        ("We include the hardware.", True),
        ("Our customers usually go live within a week.", True),
        ("Our clients usually save about six hours a month on invoicing.", True),
        ("Practices like yours tend to switch over in the quiet month.", True),
        ("Pharmacy Manager and ProScript are both supported today.", True),
        ("We'll train your front desk in an hour.", True),
        # A buyer's own customers, offer, tool and "your" (the vendor's).
        ("Our customers usually book online the night before.", False),
        ("Our clients save their receipts in a shoebox.", False),
        ("We include a free nail check with every booking.", False),
        ("No, we use a whiteboard in the workshop.", False),
        ("Our version isn't supported any more.", False),
        ("We'd need your price in writing before the partners meet.", False),
    ],
)
def test_an_answer_in_the_sellers_voice(line: str, seller: bool) -> None:
    assert speaks_as_seller(line) is seller
