"""Rules narrowed after a review ran single sentences of ordinary English through them: a
third party's doubt or a loss told is no question, reassurance is no audit fear, a pain note is
no deal stage, hours lost are no loss reason and a want withdrawn is no next step. Sentences
from several trades (trucking, salons, kitchens, plumbing, clinics, law firms)."""

from __future__ import annotations

import pytest

from pipeline.detect import rules
from pipeline.detect.loss_reasons import reason_in_note
from pipeline.detect.next_steps import notes_a_next_step
from pipeline.detect.statements import fears_an_inspection, wonders_aloud


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("The board will want to know whether this pays back before they sign.", False),
        (
            "My boss is going to want to know if it's worth the money, and honestly I'm not "
            "sure it is.",
            False,
        ),
        ("The partners will want to know whether it pays for itself in the first year.", False),
        ("The real question is whether we need it at all.", False),
        ("What's that cost us every month in missed jobs? Thousands.", False),
        ("So what's it cost us when a van sits idle, a fortune.", False),
        ("So what's it cost the salon when a stylist no-shows, a whole afternoon.", False),
        ("The head groundsman will want to know if it works offline on the course.", True),
        ("Our first question is whether you can import the old client cards.", True),
        ("What does it cost per van?", True),
        ("What's all this come to", True),
    ],
)
def test_a_doubt_or_a_loss_told_is_no_question(sentence: str, asks: bool) -> None:
    assert wonders_aloud(sentence) is asks


@pytest.mark.parametrize(
    ("sentence", "pain"),
    [
        ("The auditors couldn't find any issues last year, so paper works fine for us.", False),
        ("Our auditor said we don't need to prove anything more.", False),
        ("Our regulator told us we don't have to prove the cold chain twice.", False),
        ("The fire inspector couldn't find the fault, so the alarms stayed on.", False),
        ("If the fire inspector turns up we couldn't produce the extinguisher logs.", True),
        ("Every time the auditors visit I just can't find the signed timesheets.", True),
    ],
)
def test_reassurance_about_an_audit_is_no_fear(sentence: str, pain: bool) -> None:
    assert fears_an_inspection(sentence) is pain


@pytest.mark.parametrize(
    ("note", "stage"),
    [
        ("Flagged open invoices as their biggest headache.", False),
        ("Moved to open plan office in May.", False),
        ("Changed cold storage supplier last year.", False),
        ("Set paused billing for winter.", False),
        ("Updated to cold chain tracking last spring.", False),
        ("Marked opp as nurture, revisit in autumn.", True),
        ("Moved deal to cold.", True),
        ("Flagged it as no decision.", True),
    ],
)
def test_a_deal_stage_needs_the_deal(note: str, stage: bool) -> None:
    assert rules.ruled_other(note, "rep_note") is stage


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("Lost over two days to the outage last month.", None),
        ("Lost on three jobs last week because the van broke down.", None),
        ("Lost over $2k in spoiled stock when the freezer died.", None),
        ("Deal lost over two weeks of delays on the quote.", "two weeks of delays on the quote."),
        ("Lost on the onboarding fee.", "the onboarding fee."),
    ],
)
def test_time_or_money_lost_is_no_loss_reason(note: str, reason: str | None) -> None:
    assert reason_in_note(note) == reason


@pytest.mark.parametrize(
    "note",
    [
        "Buyer no longer wants a trial.",
        "Clinic manager never asked for a demo.",
        "Dispatcher no longer wants a pilot.",
        "Practice owner no longer needs a quote.",
    ],
)
def test_a_want_withdrawn_is_no_next_step(note: str) -> None:
    assert not notes_a_next_step(note)
