"""A greeting to several people ("Hi Fiona, hi Ravi,", "Hello Dana, Tom,", "Dear Ms. Roe, dear
Mr. Poe,") is no one's words, in an Outlook chain (the older message under a rule and a
"From:/Sent:/To:" block) and in Gmail's "On ... wrote:" quote alike: the rep's quoted greeting
had been a sentence of its own. A greeting going on into a sentence stays. People invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file

_REPLY = """From: Maeve Lindqvist <maeve@harrowfieldkennels.example>
To: Jonah Abara <jonah@petlog.example>
Subject: RE: PetLog follow-up
Date: Tue, 3 Nov 2026 10:02:11 +0000
Content-Type: text/plain; charset="utf-8"

Hi Jonah,

Thanks. The vaccination reminders are still what we need most, we chase forty owners a week.

Kind regards,
Maeve
"""
_OUTLOOK = """
________________________________
From: Jonah Abara <jonah@petlog.example>
Sent: 30 October 2026 15:40
To: Maeve Lindqvist <maeve@harrowfieldkennels.example>
Cc: Piet Mokoena <piet@harrowfieldkennels.example>
Subject: PetLog follow-up

{greeting}

- The booking page takes deposits by card.
- Reminders go out by text and email.

Best,
Jonah
"""
_GMAIL = """
On Fri, 30 Oct 2026 at 15:40, Jonah Abara <jonah@petlog.example> wrote:
> {greeting}
>
> - The booking page takes deposits by card.
> - Reminders go out by text and email.
>
> Best,
> Jonah
"""
GREETINGS = [
    "Hi Maeve, hi Piet,",
    "Hello Maeve, Piet,",
    "Hi Maeve and Piet,",
    "Dear Ms. Lindqvist, dear Mr. Mokoena,",
    "Hey Maeve, Piet & Ines!",
]


def _jonah(text: str) -> list[str]:
    [call] = parse_file(text.encode(), "reply.eml", our_speakers=["Jonah Abara"])
    return [u.text for u in call.utterances if u.speaker == "Jonah Abara"]


@pytest.mark.parametrize("quoted", [_OUTLOOK, _GMAIL], ids=["outlook", "gmail"])
@pytest.mark.parametrize("greeting", GREETINGS)
def test_a_greeting_to_several_people_is_no_utterance(quoted: str, greeting: str) -> None:
    assert _jonah(_REPLY + quoted.format(greeting=greeting)) == [
        "The booking page takes deposits by card.",
        "Reminders go out by text and email.",
    ]


@pytest.mark.parametrize("quoted", [_OUTLOOK, _GMAIL], ids=["outlook", "gmail"])
def test_a_greeting_going_on_into_a_sentence_stays(quoted: str) -> None:
    greeting = "Hi Maeve, thanks for showing me the kennels, Piet too."
    assert _jonah(_REPLY + quoted.format(greeting=greeting))[0] == greeting
