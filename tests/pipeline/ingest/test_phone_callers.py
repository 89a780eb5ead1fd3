"""Phone-call transcripts whose speakers are phone numbers (Aircall, Dialpad, RingCentral).

Why: every number had become one "Caller", so on a conference call or a transfer two buyers
were one person, and the rep's own line, labelled by its number, was a buyer too."""

from __future__ import annotations

from pipeline.ingest import parse_file

DIALPAD = """Dialpad Ai Recap
Call with Nadia Brooks · +1 (512) 555-0147
Inbound call · Mar 3, 2026 2:15 PM CST · 9m 02s
Handled by Theo Grant (+1 (737) 555-0100)

Transcript
+1 (737) 555-0100
0:00
Thanks for calling Trailhead, this is Theo.
+1 (512) 555-0147
0:04
Hi Theo, Nadia here, I'm patching in our controller.
+1 (512) 555-0199
0:09
Hi, this is Omar. My worry is the setup fee, it's more than our budget allows.
(512) 555-0147
0:15
And we need it to sync with our payroll tool.
"""

AIRCALL = """Aircall - Call details
Outbound call · Lucia Ferraz → +44 7700 900518 (Kestrel Vets)
Apr 2, 2026 at 10:05 AM · 6 min 40 s
Line: Trailhead UK Sales (+44 20 7946 0321)

Transcript
00:00 +44 20 7946 0321: Hi, it's Lucia from Trailhead, returning your call.
00:03 +44 7700 900518: Thanks. I'll put you through to our practice owner.
00:09 07700 900733: Hello. The contract length is my main worry, we can't commit to three years.
00:15 +44 20 7946 0321: We can do a one-year term.
00:20 07700 900518: Great, send it over.
"""


def _sides(text: str, name: str) -> list[tuple[str | None, str]]:
    [call] = parse_file(text.encode(), name, our_companies=["Trailhead"])
    for utterance in call.utterances:  # a number is never anyone's name
        assert sum(ch.isdigit() for ch in utterance.speaker or "") <= 1, utterance.speaker
    return [(u.speaker, u.role) for u in call.utterances]


def test_two_numbers_on_one_call_are_two_buyers_and_our_line_is_the_rep() -> None:
    assert _sides(DIALPAD, "dialpad_call.txt") == [
        ("Theo Grant", "rep"),
        ("Caller", "buyer"),
        ("Caller 2", "buyer"),
        ("Caller", "buyer"),  # the same number written without its country code
    ]


def test_a_transfer_and_the_lines_number_in_another_tool() -> None:
    assert _sides(AIRCALL, "aircall_call.txt") == [
        ("Lucia Ferraz", "rep"),  # the line's number: the one rep the header names
        ("Caller", "buyer"),
        ("Caller 2", "buyer"),
        ("Lucia Ferraz", "rep"),
        ("Caller", "buyer"),
    ]


def test_handled_by_names_our_rep() -> None:
    """A "Handled by" line had been filed under a field name no header reader knew: dropped."""
    [call] = parse_file(DIALPAD.encode(), "dialpad_call.txt")
    assert call.our_speakers == ["Theo Grant"]


# Both ends written as numbers (invented people and numbers): the call's direction says which
# end is ours, the number called on an inbound call and the one calling on an outbound.
ARROW_INBOUND = """Inbound call · +44 161 496 0000 → +44 20 7946 0123
Mar 3, 2026 2:15 PM · 4m 10s

Transcript
00:00 +44 20 7946 0123: Good morning, Trailhead sales, Theo speaking.
00:04 +44 161 496 0000: Hi Theo, it's Nadia. The price you quoted is more than our budget allows.
00:12 020 7946 0123: We can spread it over twelve months.
"""

FROM_TO = """Call Transcript
From: {caller}
To: {callee}
Date: 03/19/2026 09:41 AM PST
Direction: {direction}

00:00:02 +1 (778) 555-0100: Hi, it's Sophie from Trailhead, about the quote.
00:00:08 +1 (604) 555-0148: We went with another tool, it was cheaper.
00:00:15 +1 (778) 555-0100: Thanks for telling me.
"""


def test_an_inbound_arrow_lines_callee_is_our_rep() -> None:
    assert _sides(ARROW_INBOUND, "aircall_inbound.txt") == [
        ("Rep", "rep"),
        ("Caller", "buyer"),
        ("Rep", "rep"),  # our line written without its country code
    ]


def test_from_and_to_numbers_take_their_side_from_the_direction() -> None:
    ours, theirs = "+1 (778) 555-0100", "+1 (604) 555-0148"
    inbound = FROM_TO.format(caller=theirs, callee=ours, direction="Inbound")
    outbound = FROM_TO.format(caller=ours, callee=theirs, direction="Outbound")
    expected = [("Rep", "rep"), ("Caller", "buyer"), ("Rep", "rep")]
    assert _sides(inbound, "ringcentral_in.txt") == expected
    assert _sides(outbound, "ringcentral_out.txt") == expected


def test_two_numbers_and_no_direction_are_two_people_of_no_side() -> None:
    """The file does not say which line is ours: neither is made a buyer (the rep's pitch had
    been counted as the buyer's words); the upload says how to set the rep."""
    text = FROM_TO.format(caller="+1 (778) 555-0100", callee="+1 (604) 555-0148", direction="")
    text = text.replace("Direction: \n", "")
    [call] = parse_file(text.encode(), "dialpad_call.txt")
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Phone 1", "unknown"),
        ("Phone 2", "unknown"),
        ("Phone 1", "unknown"),
    ]
    assert call.notice is not None and "call-update --role 'Phone 1=rep'" in call.notice
