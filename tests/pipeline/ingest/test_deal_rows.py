"""Rows of one deal in a CRM activity export: Salesforce Tasks' "What" names the deal and "Who"
the buyer's contact; a verdict stated on one task is the deal's, so every task of it shares it."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import parse_file

CRM = Path(__file__).parent / "fixtures" / "crm"

# A Salesforce "Tasks and Events" report, in its own column names; invented people.
SALESFORCE_TASKS = (
    b'"Assigned","Subject","Comments","Who","What","Activity Date","Status","Account Name",'
    b'"Opportunity Stage"\n'
    b'"Nadia Roy","Call - discovery","Spoke with Owen Price. Concern: ""we can\'t pay per '
    b'user for the whole warehouse."" Wants a demo.","Owen Price","Baylight Freight - New '
    b'Business","4/2/2026","Completed","Baylight Freight","Qualification"\n'
    b'"Nadia Roy","Account check-in","Owen asked about the API limits and the SSO add-on.",'
    b'"Owen Price","Baylight Freight","4/9/2026","Completed","Baylight Freight","Qualification"\n'
    b'"Nadia Roy","Closed Won","Signed for 12 seats, annual. Owen liked the onboarding plan.",'
    b'"Owen Price","Baylight Freight - New Business","4/20/2026","Completed","Baylight Freight",'
    b'"Closed Won"\n'
    b'"Nadia Roy","Intro","Talked to Ines Cole about routing. She thinks the price is high.",'
    b'"Ines Cole","Corran Dairy - Pilot","4/3/2026","Completed","Corran Dairy","Prospecting"\n'
)


def test_salesforce_tasks_of_one_deal_share_its_outcome() -> None:
    discovery, check_in, won, other = parse_file(SALESFORCE_TASKS, "tasks.csv")
    assert discovery.deal_id == won.deal_id == "Baylight Freight - New Business"
    assert (discovery.outcome, won.outcome) == ("won", "won")
    # "What" naming the account is a task about no deal in particular: it keeps its own stage.
    assert (check_in.deal_id, check_in.outcome) == (None, "open")
    assert (other.deal_id, other.outcome) == ("Corran Dairy - Pilot", "open")


def test_salesforce_who_is_the_buyer_and_assigned_the_rep() -> None:
    discovery = parse_file(SALESFORCE_TASKS, "tasks.csv")[0]
    assert discovery.our_speakers == ["Nadia Roy"]
    assert [(p.name, p.role) for p in discovery.people if p.role == "buyer"] == [
        ("Owen Price", "buyer")
    ]
    quote = next(u for u in discovery.utterances if u.role == "buyer")
    assert quote.speaker == "Owen Price"  # the quoted words are the contact's


def test_dynamics_call_to_is_the_contact_and_never_our_rep() -> None:
    calls = parse_file((CRM / "dynamics365_phonecalls.csv").read_bytes(), "phonecalls.csv")
    contacts = {p.name for call in calls for p in call.people if p.role == "buyer"}
    assert "Gary Nordstrom" in contacts
    assert not contacts & {name for call in calls for name in call.our_speakers}
