"""Each export shape of issue 15 on a small input, exactly: speakers, roles, times, text and the
header lines that are metadata rather than speech."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import ParsedCall, parse_file
from pipeline.ingest.prose import MAX_UTTERANCE_CHARS
from tests.pipeline.ingest.conftest import turns


def _one(text: str, name: str = "call.txt", **kwargs: Any) -> ParsedCall:
    [call] = parse_file(text.encode(), name, **kwargs)
    return call


def test_time_first_and_fathom_dash_headers_with_attendee_companies() -> None:
    call = _one(
        "Demo - Acme Dental - March 3\n"
        "VIEW RECORDING - 12 mins (No highlights): https://fathom.video/calls/1\n\n---\n\n"
        "0:00 - Ana Silva (Tidyhive)\n  Thanks for joining.\n\n"
        "0:09 - Bo Chen (Acme Dental)\n  The price is the problem.\n\n"
        "00:00:21 Ana Silva\nWhat would work for you?\n",
        our_companies=["Tidyhive"],
    )
    assert call.title == "Demo - Acme Dental - March 3"
    assert call.account == "Acme Dental"
    assert turns(call) == [
        ("Ana Silva", "rep", 0.0, "Thanks for joining."),
        ("Bo Chen", "buyer", 9.0, "The price is the problem."),
        ("Ana Silva", "rep", 21.0, "What would work for you?"),
    ]


def test_zoom_bracket_name_time_and_name_colon_time_headers() -> None:
    zoom = _one(
        "[Ana Silva] 11:02:09\nHello?\n\n[Bo Chen] 11:02:13\nHi.\n\n[Bo Chen] 11:02:15\nYes.\n"
    )
    assert [(s, start, t) for s, _r, start, t in turns(zoom)] == [
        ("Ana Silva", 0.0, "Hello?"),  # 11:02:09 is the time of day: times count from it
        ("Bo Chen", 4.0, "Hi. Yes."),
    ]
    timed = _one("Ana Silva: 00:00\nHello there.\n\nBo Chen: 00:14\nHi Ana.\n")
    assert [(s, start, t) for s, _r, start, t in turns(timed)] == [
        ("Ana Silva", 0.0, "Hello there."),
        ("Bo Chen", 14.0, "Hi Ana."),
    ]


def test_slack_huddle_lines_and_attendees_header() -> None:
    call = _one(
        "Huddle transcript\n#deal-acme · Mar 3, 2025\nAttendees: @Ana Silva, @Bo Chen\n\n"
        "@Ana Silva [0:02]: Quick one.\n@Bo Chen [0:07]: Sure.\n@Bo Chen [0:09]: Go on.\n",
        our_speakers=["Ana Silva"],
    )
    assert call.call_date == dt.date(2025, 3, 3)
    assert turns(call) == [
        ("Ana Silva", "rep", 2.0, "Quick one."),
        ("Bo Chen", "buyer", 7.0, "Sure. Go on."),
    ]


def test_markdown_role_labels_and_bold_metadata_are_not_speakers() -> None:
    call = _one(
        "# Discovery\n\n**Date**: 2025-01-14  \n**Duration**: 38 minutes  \n"
        "**Call Type**: Discovery  \n**Outcome**: Lost – chose RotaPro  \n\n---\n\n"
        "**REP**: How do you plan rotas?\n\n**PROSPECT**: In Excel.\n\n**PROSPECT_2**: Badly.\n",
        "call.md",
    )
    assert call.outcome == "lost"
    assert call.extra["metadata"] == {"Duration": "38 minutes", "Call Type": "Discovery"}
    assert turns(call) == [
        ("REP", "rep", None, "How do you plan rotas?"),
        ("PROSPECT", "buyer", None, "In Excel."),
        ("PROSPECT_2", "buyer", None, "Badly."),
    ]
    inside = _one("**Ana:** Hi.\n\n**Bo:** Hello.\n\n**Ana:** Bye.\n", "c.md")
    assert [s for s, *_ in turns(inside)] == ["Ana", "Bo", "Ana"]


def test_agent_header_is_metadata_and_agent_label_is_the_rep() -> None:
    call = _one(
        "Outbound call log\nAgent: Tom Okafor\nCustomer account: Pinewood\nCall date: 2025-03-27\n"
        "Status: Open\n\nAGENT: Hi, is that Dr. Aziz?\nCUSTOMER: Yes.\nAGENT: How was the trial?\n"
    )
    assert (call.account, call.call_date, call.outcome) == (
        "Pinewood",
        dt.date(2025, 3, 27),
        "open",
    )
    assert call.our_speakers == ["Tom Okafor"]
    assert [(s, r) for s, r, *_ in turns(call)] == [
        ("AGENT", "rep"),
        ("CUSTOMER", "buyer"),
        ("AGENT", "rep"),
    ]


def test_otter_summary_sections_and_footer_are_metadata() -> None:
    call = _one(
        "Onboarding scope\nTue, Apr 8, 2025 2:03PM • 24:17\n\nSUMMARY KEYWORDS\nrota, pricing\n\n"
        "SPEAKERS\nBo Chen, Ana Silva\n\nACTION ITEMS\n\n◻ Send the mapping. - Ana Silva\n\n"
        "Ana Silva  0:04  \nHi Bo.\n\nBo Chen  0:19  \nHi.\n\nTranscribed by https://otter.ai\n"
    )
    assert call.call_date == dt.date(2025, 4, 8)
    assert call.extra["action_items"] == ["Send the mapping. - Ana Silva"]
    assert [p.name for p in call.people] == ["Bo Chen", "Ana Silva"]
    assert [t for *_rest, t in turns(call)] == ["Hi Bo.", "Hi."]
    assert "Transcribed by https://otter.ai" in call.extra["header_lines"]


def test_raw_speech_to_text_becomes_paragraphs_of_whole_sentences() -> None:
    sentence = "We looked at three tools this year and none of them handled agency staff well. "
    wrapped = "\n".join(sentence * 4 for _ in range(10))  # ~3,300 characters, hard-wrapped
    call = _one(wrapped)
    texts = [t for *_rest, t in turns(call)]
    assert len(texts) >= 5 and all(len(t) <= 600 for t in texts)
    assert {(s, r) for s, r, *_ in turns(call)} == {(None, "unknown")}
    assert " ".join(texts) == " ".join(wrapped.split())
    assert all(t.endswith(".") for t in texts)


def test_a_long_monologue_is_split_at_sentences_keeping_speaker_and_time() -> None:
    speech = " ".join(
        f"Point number {i} is that the price went up again this year." for i in range(60)
    )
    call = _one(f"[00:01:00] Bo Chen: {speech}\n[00:05:00] Ana Silva: Understood.\n")
    pieces = [u for u in turns(call) if u[0] == "Bo Chen"]
    assert len(pieces) == 3 and all(len(t) <= MAX_UTTERANCE_CHARS for *_r, t in pieces)
    assert {(s, start) for s, _r, start, _t in pieces} == {("Bo Chen", 60.0)}
    assert " ".join(t for *_r, t in pieces) == speech


def test_teams_vtt_unpadded_times_voices_without_close_and_seconds_only_cues() -> None:
    data = (
        "WEBVTT\n\n0:0:0.570 --> 0:0:4.120\n<v Ana Silva>Hi Bo.</v>\n\n"
        "0:0:4.500 --> 0:0:9.880\n<v Bo Chen>Hello. The issue is the rollout.\n\n"
        "0:0:9.9 --> 0:0:12.20\nEight weeks is too long.\n\n"
        "13.500 --> 15.000\n<v Ana Silva>Understood.\n"
    )
    call = _one(data, "teams.vtt")
    assert [(s, start, t) for s, _r, start, t in turns(call)] == [
        ("Ana Silva", 0.57, "Hi Bo."),
        ("Bo Chen", 4.5, "Hello. The issue is the rollout. Eight weeks is too long."),
        ("Ana Silva", 13.5, "Understood."),
    ]
    with pytest.raises(BadInput, match="bad cue timing on line 3"):
        parse_file(b"WEBVTT\n\n0:0:x --> 0:0:1.0\nhi\n", "bad.vtt")


def test_srt_bracket_and_capital_labels_with_gaps_in_numbering() -> None:
    data = (
        "1\n00:00:00,500 --> 00:00:04,200\n[Ana Silva] Can you hear me?\n\n"
        "3\n00:00:04,600 --> 00:00:07,100\n[Bo Chen] Yes. Go ahead.\n\n"
        "7\n00:00:07,500 --> 00:00:09,000\nAll good.\n\n"
        "9\n00:00:09,500 --> 00:00:11,000\nREP: Great.\n"
    )
    call = _one(data, "call.srt")
    assert [(s, start, t) for s, _r, start, t in turns(call)] == [
        ("Ana Silva", 0.5, "Can you hear me?"),
        ("Bo Chen", 4.6, "Yes. Go ahead. All good."),
        ("REP", 9.5, "Great."),
    ]


def _csv_calls(text: str, **kwargs: Any) -> list[ParsedCall]:
    return parse_file(text.encode(), "export.csv", **kwargs)


def test_csv_transcript_column_is_a_transcript_per_row() -> None:
    calls = _csv_calls(
        "CallId,CallDate,AccountName,TranscriptText\n"
        'T1,2025-01-22,Acme,"Ana Silva: Hi Bo.\nBo Chen: Hi. Price is high."\n'
        'T2,2025-01-23,Beta,"Ana Silva: Just leaving a voicemail about the pilot."\n',
        our_speakers=["Ana Silva"],
    )
    assert [(c.call_date, c.account) for c in calls] == [
        (dt.date(2025, 1, 22), "Acme"),
        (dt.date(2025, 1, 23), "Beta"),
    ]
    assert [turns(c) for c in calls] == [
        [("Ana Silva", "rep", None, "Hi Bo."), ("Bo Chen", "buyer", None, "Hi. Price is high.")],
        [("Ana Silva", "rep", None, "Just leaving a voicemail about the pilot.")],
    ]


def test_salesforce_task_dates_fall_back_and_status_is_not_an_outcome() -> None:
    calls = _csv_calls(
        "\ufeffId,Subject,ActivityDate,Status,Description,AccountId,CreatedDate\n"
        "1,Call,,Completed,Asked for SOC 2.,001A,2023-04-04T16:44:05.000+0000\n"
        "2,Email,2023-05-01,In Progress,Sent pricing.,001B,2023-04-30T10:00:00.000+0000\n"
    )
    assert [(c.title, c.call_date, c.account, c.outcome) for c in calls] == [
        ("Call", dt.date(2023, 4, 4), "001A", None),
        ("Email", dt.date(2023, 5, 1), "001B", None),
    ]
    assert calls[0].extra["metadata"] == {"Status": "Completed"}


def test_salesforce_opportunity_outcomes_and_rows_without_text() -> None:
    calls = _csv_calls(
        "Id,Name,Description,StageName,CloseDate,IsClosed,IsWon,AccountId\n"
        "1,Acme - 10,Liked the demo.,Closed Won,2024-07-29,1,1,001A\n"
        "2,Beta - 5,Went with RotaPro.,Closed Lost,2024-08-01,1,0,001B\n"
        "3,Gamma,Needs a quote.,Negotiation,2024-09-01,0,0,001C\n"
        "4,Delta,,Qualification,2024-09-30,,,001D\n"
    )
    assert [(c.title, c.outcome, c.call_date, c.skip_reason is None) for c in calls] == [
        ("Acme - 10", "won", dt.date(2024, 7, 29), True),
        ("Beta - 5", "lost", dt.date(2024, 8, 1), True),
        # An open deal's CloseDate is when it is expected to close, not when the call was.
        ("Gamma", "open", None, True),
        ("Delta", "open", None, False),
    ]
    assert calls[2].extra["expected_close"] == "2024-09-01"


def test_pipedrive_columns_named_after_their_record() -> None:
    """Pipedrive writes "Deal - Call notes", "Deal - Organization": the export had been
    refused for having no notes column."""
    [call] = _csv_calls(
        "Deal - ID,Deal - Title,Deal - Owner,Deal - Organization,Deal - Contact person,"
        "Deal - Status,Deal - Deal created,Deal - Lost time,Deal - Lost reason,Deal - Call notes\n"
        "413,Patel deal,Priya Shah,Patel Bankruptcy Group,Anjali Patel,Lost,2026-01-20 14:03:10,"
        '2026-02-27 16:40:02,Went with PracticePanther,"Worried about moving 2,000 matters."\n'
    )
    assert (call.deal_id, call.title, call.account, call.outcome, call.call_date) == (
        "413",
        "Patel deal",
        "Patel Bankruptcy Group",
        "lost",
        dt.date(2026, 2, 27),
    )
    assert call.our_speakers == ["Priya Shah"]
    assert [t[3] for t in turns(call)] == [
        "Worried about moving 2,000 matters.",
        "Lost reason: Went with PracticePanther",
    ]


def test_salesforce_dotted_relationship_columns() -> None:
    """A report's "Account.Name" column had been ignored and the account id taken instead."""
    [call] = _csv_calls(
        "Id,Account.Name,AccountId,Description,StageName,CloseDate\n"
        "1,Whitfield Animal Hospital,0015g00000AC01,Price per vet is high.,Closed Lost,2026-02-01\n"
    )
    assert call.account == "Whitfield Animal Hospital"


def test_hubspot_engagement_body_columns_and_deal_reasons() -> None:
    [note] = _csv_calls(
        "engagement_id,property_hs_createdate,property_hs_note_body,property_hs_timestamp\n"
        "7,2022-03-01 19:37:03,<p>Asked about <b>SSO</b>.</p><script>alert('x')</script>,"
        "2014-08-27 20:50:44\n"
    )  # a script's code is no text of the note
    assert (note.call_date, turns(note)) == (
        dt.date(2014, 8, 27),
        [(None, "rep_note", None, "Asked about SSO.")],
    )
    [deal] = _csv_calls(
        "Record ID,Deal Name,Deal Stage,Close Date,Associated Company,Closed Lost Reason\n"
        "9,Pinewood,Closed lost,2025-03-27,Pinewood Dental,Acquired by a larger group\n"
    )
    assert (deal.outcome, deal.account, turns(deal)) == (
        "lost",
        "Pinewood Dental",
        [(None, "rep_note", None, "Closed Lost Reason: Acquired by a larger group")],
    )


def test_buyer_quotes_in_notes_and_what_is_not_one() -> None:
    [call] = _csv_calls(
        "Note body,Associated Contact,Activity assigned to\n"
        '"Grace: ""we tried that with RotaPro and hated it"". I told her ""we can waive the fee '
        'for you"". Approval rule set to ""require approval"".",Grace Whitfield (g@x.example),'
        "Maria Chen\n"
    )
    # "Grace:" stays the rep's note; the detector reads it as nothing. The row's one rep
    # (Activity assigned to) wrote the note.
    assert turns(call) == [
        ("Maria Chen", "rep_note", None, "Grace:"),
        ("Grace Whitfield", "buyer", None, "we tried that with RotaPro and hated it"),
        (
            "Maria Chen",
            "rep_note",
            None,
            'I told her "we can waive the fee for you". Approval rule set to "require approval".',
        ),
    ]


def test_pasted_email_replies_stay_out_of_the_note() -> None:
    [call] = _csv_calls(
        'Notes\n"Hi Grace,\n\nPricing attached.\n\nOn Wed, Mar 5, 2025 at 4:47 PM Grace '
        '<g@x.example> wrote:\n> We need the price in writing.\n>> Earlier mail."\n'
    )
    assert [t for *_r, t in turns(call)] == ["Pricing attached."]  # no greeting either
    assert call.extra["quoted_reply_lines"] == 3


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {
                "metadata": {"created": "2023-11-02T12:59:59Z"},
                "results": {
                    "utterances": [
                        {"speaker": 0, "start": 1.5, "transcript": "Hello."},
                        {"speaker": 0, "start": 2.5, "transcript": "Anyone?"},
                        {"speaker": 1, "start": 4.0, "transcript": "Yes."},
                    ]
                },
            },
            [("Speaker 0", 1.5, "Hello. Anyone?"), ("Speaker 1", 4.0, "Yes.")],
        ),
        (
            {"audio_url": "x", "utterances": [{"speaker": "A", "start": 170, "text": "Hi."}]},
            [("Speaker A", 0.17, "Hi.")],
        ),
        (
            {
                "text": " Hi. Bye.",
                "segments": [{"start": 0.1, "text": " Hi."}, {"start": 1.0, "text": " Bye."}],
            },
            [(None, 0.1, "Hi."), (None, 1.0, "Bye.")],  # no speakers: each sentence its own
        ),
        (
            {
                "version": "1.0.0",
                "segments": [
                    {"speaker": "Sam", "startTime": 0.5, "body": "it's Friday, the 5th of"},
                    {"speaker": "Sam", "startTime": 0.5, "body": "May."},
                    {"speaker": "Jo", "startTime": 3.0, "body": "Hi."},
                ],
            },
            [("Sam", 0.5, "it's Friday, the 5th of May."), ("Jo", 3.0, "Hi.")],
        ),
    ],  # fmt: skip
)
def test_speech_to_text_json(document: object, expected: list[tuple[object, ...]]) -> None:
    call = _one(json.dumps(document), "stt.json")
    assert [(s, start, t) for s, _r, start, t in turns(call)] == expected
    assert call.call_date is None  # a transcription time is not the call's date


def test_contact_centre_and_gong_json_state_the_roles() -> None:
    segments = [
        {
            "speaker_role": "agent",
            "start_ms": 1669,
            "transcript": "hello",
            "human_transcript": "hello bank",
        },
        {
            "speaker_role": "caller",
            "start_ms": 5000,
            "transcript": "hi",
            "human_transcript": "hi there",
        },
        {
            "speaker_role": "caller",
            "start_ms": 9000,
            "transcript": "[noise]",
            "human_transcript": "[noise]",
        },
    ]
    assert turns(_one(json.dumps(segments), "cc.json")) == [
        ("agent", "rep", 1.669, "hello bank"),
        ("caller", "buyer", 5.0, "hi there"),
    ]
    gong = {
        "calls": [
            {
                "metaData": {"id": "1", "title": "Pricing", "started": "2025-03-18T15:01:12Z"},
                "context": [
                    {
                        "system": "Salesforce",
                        "objects": [
                            {
                                "objectType": "Account",
                                "objectId": "A",
                                "fields": [{"name": "Name", "value": "Kestrel"}],
                            },
                            {
                                "objectType": "Opportunity",
                                "objectId": "O",
                                "fields": [{"name": "StageName", "value": "Closed Lost"}],
                            },
                        ],
                    }
                ],
                "parties": [
                    {"name": "Ana Silva", "speakerId": "s1", "affiliation": "Internal"},
                    {"name": "Nadia Farouk", "speakerId": "s2", "affiliation": "External"},
                    {"name": "Leo Grant", "speakerId": None, "affiliation": "External"},
                ],
            }
        ],
        "callTranscripts": [
            {
                "callId": "1",
                "transcript": [
                    {
                        "speakerId": "s1",
                        "topic": "Intro",
                        "sentences": [{"start": 4100, "text": "Thanks."}],
                    },
                    {
                        "speakerId": "s2",
                        "topic": "Price",
                        "sentences": [{"start": 14000, "text": "Too high."}],
                    },
                    {
                        "speakerId": "s2",
                        "topic": "Terms",
                        "sentences": [{"start": 20000, "text": "And long."}],
                    },
                ],
            }
        ],
    }
    call = _one(json.dumps(gong), "gong.json")
    assert (call.title, call.call_date, call.account, call.outcome) == (
        "Pricing",
        dt.date(2025, 3, 18),
        "Kestrel",
        "lost",
    )
    assert turns(call) == [
        ("Ana Silva", "rep", 4.1, "Thanks."),
        ("Nadia Farouk", "buyer", 14.0, "Too high. And long."),
    ]


def test_an_email_recap_and_a_markdown_table_keep_only_the_notes() -> None:
    """A reviewer's email recap had stored "Hi Nate," and "Best, Marcus" as notes and missed
    its "Sent:" date; a Markdown table's header row "Topic | Detail" was a note too."""
    email = (
        "From: Marcus Bell <marcus@dispatchly.io>\n"
        "Sent: Friday, March 27, 2026 4:51 PM\n"
        "Subject: Recap - Harbor Electric call\n\n"
        "Hi Nate,\n\nYour concerns were around the cost, and the annual term.\n\n"
        "Best,\nMarcus\n"
    )
    [recap] = parse_file(email.encode(), "recap.txt")
    assert str(recap.call_date) == "2026-03-27"
    assert [t for *_r, t in turns(recap)] == [
        "Your concerns were around the cost, and the annual term."
    ]
    table = (
        "# Notes\n\n| Topic | Detail |\n|---|---|\n| Price | Thinks $399 is steep |\n"
        '- Walt: "Housecall Pro\'s price went up 40% at renewal and nobody warned us."\n'
    )
    [notes] = parse_file(table.encode(), "notes.md")
    assert [t for *_r, t in turns(notes)] == [
        "Price | Thinks $399 is steep",
        "Walt:",
        "Housecall Pro's price went up 40% at renewal and nobody warned us.",
    ]


def test_a_meeting_tools_own_notes_above_the_transcript_are_no_speech() -> None:
    """ "Notes by Gemini": its Summary and Details above the transcript had been an unknown
    speaker's line, and landed in a pain theme."""
    text = (
        "Okafor Veterinary Group <> PawDesk - pricing review\nFeb 19, 2026\n\nNotes\nSummary\n"
        "Dr. Okafor and Paul reviewed pricing for two locations.\n\nDetails\n"
        "Pricing: Derek quoted per-vet pricing; Dr. Okafor thinks two locations double the cost.\n"
        "\nTranscript\n00:00:00\n\nChidi Okafor: Okay, Paul's here too.\n"
        "Derek Lund: Morning both, Derek from PawDesk. Did you see the quote?\n"
        "Chidi Okafor: We did. Honestly it's a lot for two locations.\n"
        "Derek Lund: Vets who work both sites only count once.\n"
        "Chidi Okafor: And can we get our records out if we leave?\n"
        "Derek Lund: Yes, full export any time.\n"
    )
    [call] = parse_file(text.encode(), "okafor.txt")
    assert [u.speaker for u in call.utterances] == ["Chidi Okafor", "Derek Lund"] * 3
    assert "Dr. Okafor and Paul reviewed pricing for two locations." in call.extra["summary"]


def test_name_time_and_text_each_on_a_line_and_name_dash_time_headers() -> None:
    """Chorus writes the name, the time and the text on three lines; Fireflies "Name - 00:04"
    over the text. Both had been stored whole as rep notes with the names inside the text."""
    chorus = (
        "Ridgeline Freight <> FleetPilot | Discovery\nChorus.ai Meeting Transcript\n"
        "Date: Jun 10, 2026 10:02 AM CDT\n\n"
        "Jordan Hayes\n00:04\nHey Dale, can you hear me okay?\n\n"
        "Dale Kowalski\n00:09\nYeah, I got you.\nSorry, I'm in the yard.\n\n"
        "Jordan Hayes\n00:15\nWhat are you running today?\n"
    )
    [call] = parse_file(chorus.encode(), "chorus.txt", our_speakers=["Jordan Hayes"])
    assert call.call_date == dt.date(2026, 6, 10)
    assert turns(call) == [
        ("Jordan Hayes", "rep", 4.0, "Hey Dale, can you hear me okay?"),
        ("Dale Kowalski", "buyer", 9.0, "Yeah, I got you. Sorry, I'm in the yard."),
        ("Jordan Hayes", "rep", 15.0, "What are you running today?"),
    ]
    fireflies = (
        "Coastal Plumbing Co - FleetPilot demo\nDate: Nov 30, 2026\n\nTranscript\n\n"
        "Marcus Webb - 00:00\nHey Tom, hey Angie. Thanks for making the time.\n\n"
        "Tom Russo - 00:04\nAngie's been on me about this for two months so here I am.\n\n"
        "Angie Russo - 00:08\nHe's not wrong.\n\n"
        "Marcus Webb - 00:11\nSo Tom, what's your biggest hesitation?\n\n"
        "Tom Russo - 00:14\nMoney. Twenty-seven bucks a van, every month forever.\n"
    )
    [call] = parse_file(fireflies.encode(), "fireflies.txt", our_companies=["FleetPilot"])
    # The rep greets both: Angie, who only agrees, is on Tom's side, not guessed a rep.
    assert [(s, r, t) for s, r, t, _ in turns(call)] == [
        ("Marcus Webb", "rep", 0.0),
        ("Tom Russo", "buyer", 4.0),
        ("Angie Russo", "buyer", 8.0),
        ("Marcus Webb", "rep", 11.0),
        ("Tom Russo", "buyer", 14.0),
    ]
    # A name alone on a line above a time stays a name only when it looks like a person's.
    notes = b"Budget\n10:30\nAsked about the price.\n\nTimeline\n11:00\nWants to go live in May.\n"
    assert all(u.speaker is None for u in parse_file(notes, "notes.txt")[0].utterances)
