"""Help-desk tickets' replies, each by its writer: Freshdesk's "Conversations" column (labelled
lines or email headers), a report's "Latest reply" / "Latest reply by", the Freshdesk API's
``conversations[]`` (``incoming``), Zendesk's ``comments[]`` (``public``, side-loaded users)
and Help Scout's ``_embedded.threads[]`` (``createdBy.type``). The requester's words are the
buyer's, our agent's the rep's, internal notes nobody's. Fixtures in ``fixtures/helpdesk``,
invented (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import parse_file

HELPDESK = Path(__file__).parent / "fixtures" / "helpdesk"


def _said(name: str) -> list[list[tuple[str | None, str, str]]]:
    calls = parse_file((HELPDESK / name).read_bytes(), name)
    return [[(u.speaker, u.role, u.text) for u in call.utterances] for call in calls]


@pytest.mark.parametrize(
    "name", ["freshdesk_conversations.csv", "freshdesk_email_conversations.csv"]
)
def test_a_freshdesk_conversation_is_split_by_its_writers(name: str) -> None:
    [said] = _said(name)
    assert [(speaker, role) for speaker, role, _text in said] == [
        ("Ines Varga", "buyer"),
        ("Rohan Pillai", "rep"),
        ("Ines Varga", "buyer"),
    ]
    assert "too high" in said[2][2] or "DPA" in said[2][2]


def test_a_latest_reply_is_its_writers_a_colleague_at_the_requesters_domain_a_buyer() -> None:
    colleague, agent = _said("latest_reply_report.csv")
    assert colleague[1][:2] == ("Kenji Sato", "buyer")
    assert agent[1][:2] == ("Luis Romero", "rep")


def test_zendesk_comments_by_side_loaded_users_internal_notes_left_out() -> None:
    [call] = parse_file((HELPDESK / "zendesk_tickets.json").read_bytes(), "tickets.json")
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Petra Lund", "buyer"),
        ("Owen Achebe", "rep"),
        ("Petra Lund", "buyer"),
    ]
    assert not any("Internal" in u.text for u in call.utterances)
    assert call.account == "Lund Haulage" and str(call.call_date) == "2026-03-04"


def test_help_scout_threads_by_created_by_type_notes_left_out() -> None:
    [said] = _said("helpscout_conversation.json")
    assert [(speaker, role) for speaker, role, _text in said] == [
        ("Jonas Berg", "buyer"),
        ("Maeve Collins", "rep"),
        ("Jonas Berg", "buyer"),
    ]
    assert not any("rival" in text for _speaker, _role, text in said)


def test_freshdesk_api_conversations_by_incoming_after_the_description() -> None:
    [said] = _said("freshdesk_ticket_conversations.json")
    assert [(speaker, role) for speaker, role, _text in said] == [
        ("Aled Price", "buyer"),
        (None, "rep"),
        ("Aled Price", "buyer"),
    ]
    assert said[2][2].startswith("Then our IT team is happy")
