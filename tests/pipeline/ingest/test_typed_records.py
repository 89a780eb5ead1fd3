"""A note's parent record is read by its type column: Attio's ``Parent record`` of object
"companies" is the account, of "people" a contact, of "deals" the deal; Copper's ``Related To``
of type "Opportunity" is the deal, never the account."""

from __future__ import annotations

from pipeline.ingest import parse_file

# An Attio notes export and a Copper activities export, in their own columns; invented people.
ATTIO = (
    "Note ID,Title,Content,Parent record,Parent object,Created by,Created at\n"
    "n1,Intro,Talked through the portal and the price per seat.,Fernhill Books,companies,"
    "Rui Santos,2026-03-02T01:15:40.000Z\n"
    "n2,Follow-up,Asked about the API.,Ada Lin,people,Rui Santos,2026-03-03T01:15:40.000Z\n"
    "n3,Proposal,Sent the annual quote.,Fernhill Books - Pro,deals,Rui Santos,"
    "2026-03-04T01:15:40.000Z\n"
)
COPPER = (
    "Activity ID,Type,Date,User,Details,Related To,Related To Type\n"
    "7,Phone Call,02/12/2026,Rui Santos,Spoke with Ada about seats.,Lin & Co - New Business,"
    "Opportunity\n"
    "8,Phone Call,02/13/2026,Rui Santos,Spoke with Ada about the API.,Lin & Co,Company\n"
)


def test_attio_parent_records_by_their_object() -> None:
    company, person, deal = parse_file(ATTIO.encode(), "attio_notes.csv")
    assert (company.account, company.deal_id) == ("Fernhill Books", None)
    assert company.notice is None  # no "no account column recognised"
    assert person.account is None
    assert [p.name for p in person.people if p.role == "buyer"] == ["Ada Lin"]
    assert (deal.account, deal.deal_id) == (None, "Fernhill Books - Pro")


def test_copper_related_to_by_its_type() -> None:
    deal, account = parse_file(COPPER.encode(), "copper.csv")
    assert (deal.account, deal.deal_id) == (None, "Lin & Co - New Business")
    assert (account.account, account.deal_id) == ("Lin & Co", None)
