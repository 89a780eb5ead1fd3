"""Slack channels shared with a customer (Slack Connect), as an export and as a paste.

Why: every author had been taken as ours, so the customer's own objections in a shared
channel were filed as our notes, and in a paste an author shown as "Dana Fox (Acme
Logistics)" was no author at all: her message was glued onto the rep's."""

from __future__ import annotations

import json

import pytest

from pipeline.ingest import parse_file


def _message(user: str, name: str, team: str, ts: str, text: str) -> dict[str, object]:
    return {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "team": team,
        "user_team": team,
        "source_team": team,
        "user_profile": {"real_name": name, "team": team},
    }


EXPORT = [
    _message("U01", "Priya Shah", "T01OURS", "1773400000.000100", "Pricing doc is in the canvas."),
    _message(
        "U09", "Dana Fox", "T09EXT", "1773400100.000200", "The per-seat price is the blocker."
    ),
    _message(
        "U02", "Leo Park", "T01OURS", "1773400150.000200", "I can walk you through volume tiers."
    ),
    _message("U01", "Priya Shah", "T01OURS", "1773400200.000300", "Let me check with finance."),
]


def _sides(data: bytes, name: str, **kwargs: list[str]) -> list[tuple[str | None, str]]:
    [call] = parse_file(data, name, **kwargs)
    assert "slack_sides" not in call.extra
    return [(u.speaker, u.role) for u in call.utterances]


def test_an_author_of_another_team_is_the_buyer() -> None:
    sides = _sides(json.dumps(EXPORT).encode(), "shared-acme.json", our_speakers=["Priya Shah"])
    assert sides == [
        ("Priya Shah", "rep"),
        ("Dana Fox", "buyer"),
        ("Leo Park", "rep"),  # of the team our people write from
        ("Priya Shah", "rep"),
    ]


def test_when_no_one_is_known_to_be_ours_every_author_stays_ours() -> None:
    sides = _sides(json.dumps(EXPORT).encode(), "shared-acme.json")
    assert {role for _speaker, role in sides} == {"rep_note"}


PASTE = """#shared-acme-trailhead
Priya Shah  11:02 AM
Pricing doc is in the canvas.
Dana Fox (Acme Logistics)  11:05 AM
Thanks. Honestly the per-seat price is the blocker for us.
Priya Shah  11:07 AM
Understood, let me check with finance.
Omar Haddad (external)  11:09 AM
We also need SSO before security signs off.
Sam Reyes (they/them)  11:12 AM
Noted, I'll add it to the plan.
"""


def test_a_pasted_author_shown_outside_the_workspace_is_the_buyer() -> None:
    [call] = parse_file(PASTE.encode(), "thread.txt", our_companies=["Trailhead"])
    assert [(u.speaker, u.role, u.company) for u in call.utterances] == [
        ("Priya Shah", "rep", None),
        ("Dana Fox", "buyer", "Acme Logistics"),
        ("Priya Shah", "rep", None),
        ("Omar Haddad", "buyer", None),
        ("Sam Reyes", "rep", None),  # pronouns say nothing of the side
    ]
    assert call.our_speakers == ["Priya Shah", "Sam Reyes"]


@pytest.mark.parametrize(
    "kwargs", [{"our_companies": ["Acme Logistics"]}, {"our_speakers": ["Dana Fox"]}]
)
def test_a_bracketed_author_at_our_company_or_on_the_roster_is_ours(
    kwargs: dict[str, list[str]],
) -> None:
    [call] = parse_file(PASTE.encode(), "thread.txt", **kwargs)
    dana = {u.role for u in call.utterances if u.speaker == "Dana Fox"}
    assert dana == {"rep"}
