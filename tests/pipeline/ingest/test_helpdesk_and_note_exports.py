"""Help-desk ticket exports, CRM note and activity exports whose columns say who wrote what and
which deal a note is on: Freshdesk/Zendesk requesters, Close lead statuses, Pipedrive's
assigned user, Zoho Notes' parent record. Invented people and firms."""

from __future__ import annotations

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.parse import parse_file


def _rows(csv: str, name: str = "export.csv") -> list[ParsedCall]:
    return parse_file(csv.encode("utf-8"), name)


FRESHDESK = (
    "Ticket ID,Subject,Description,Status,Priority,Source,Agent,Group,Created time,"
    "Requester Name,Requester Email,Company Name\n"
    '88,Pre-sales: booking rules,"Hi Priya,\n\nWe run three clinics and the front desk keeps '
    "double-booking rooms.\n\n1) Can the calendar block a room once it is taken?\n"
    "2) Is there a price for a second site?\n\nOur contract with the current system runs to "
    "June, so we could not switch before then.\n\nMany thanks,\nGreta Lindqvist\nPractice "
    'Manager, Fjordside Physio\n0161 496 0000",Closed,Low,Email,Priya Anand,Sales,'
    "2026-04-02 09:10:00,Greta Lindqvist,greta@fjordside.example,Fjordside Physio\n"
)


def test_a_tickets_description_is_its_requesters_words_and_its_agent_is_ours() -> None:
    """The requester (a buyer) wrote the description: her questions and objection are the
    buyer's words, her greeting and signature no one's; the agent is our speaker; a ticket's
    "Closed" says nothing of the deal."""
    [call] = _rows(FRESHDESK)
    said = [(u.speaker, u.role, u.text) for u in call.utterances]
    assert said == [
        ("Greta Lindqvist", "buyer",
         "We run three clinics and the front desk keeps double-booking rooms."),
        ("Greta Lindqvist", "buyer", "Can the calendar block a room once it is taken?"),
        ("Greta Lindqvist", "buyer", "Is there a price for a second site?"),
        ("Greta Lindqvist", "buyer",
         "Our contract with the current system runs to June, so we could not switch before "
         "then."),
    ]  # fmt: skip
    assert call.our_speakers == ["Priya Anand"]
    assert call.account == "Fjordside Physio" and call.outcome != "won"
    assert call.outcome in (None, "unknown")
    assert [(p.name, p.role) for p in call.people if p.role == "buyer"] == [
        ("Greta Lindqvist", "buyer")
    ]


def test_a_zendesk_ticket_by_address_only_and_one_raised_by_our_agent() -> None:
    """Zendesk names the requester and the assignee; a requester given only by address is
    still the buyer; a ticket our own agent raised stays our notes."""
    calls = _rows(
        "Id,Subject,Description,Requester,Requester email,Assignee,Organization,Created at\n"
        '7,Rates,"Hello,\n\nIs the yearly plan cheaper per seat?\n\nThanks,\nOla",,'
        "ola@brightwater.example,Sam Ortiz,Brightwater Lettings,2026-05-01\n"
        '8,Call log,"Logged for the customer: they asked about exports.",Sam Ortiz,'
        "sam@ours.example,Sam Ortiz,Brightwater Lettings,2026-05-02\n"
    )
    assert [(u.role, u.text) for u in calls[0].utterances] == [
        ("buyer", "Is the yearly plan cheaper per seat?")
    ]
    assert {u.role for u in calls[1].utterances} == {"rep_note"}


def test_a_close_lead_status_is_the_outcome_and_a_row_is_titled_by_its_lead() -> None:
    """Close's ``lead_status_label``: an in-progress status is open, "Won" won; with no subject
    column the row's title is its lead, not the file's name."""
    calls = _rows(
        "id,lead_name,lead_status_label,user_name,date_created,transcript\n"
        'acti_1,Harbourview Dental,Proposal Sent,Ravi Shah,2026-03-10T14:02:37+00:00,"'
        "Ravi Shah: Hi Nora, did the partners read the quote?\n"
        'Nora Blake: They did, but the price is more than we budgeted."\n'
        'acti_2,Elm Street Vets,Won,Ravi Shah,2026-03-12T10:00:00+00:00,"'
        "Ravi Shah: Thanks for signing.\n"
        'Ian Moss: Happy to, the trial sold it."\n'
    )
    assert [c.outcome for c in calls] == ["open", "won"]
    assert [c.title for c in calls] == ["Call with Harbourview Dental", "Call with Elm Street Vets"]


def test_pipedrives_assigned_user_is_the_notes_author() -> None:
    """ "Activity - Assigned to user" (and a note export's "Note - User") is our rep."""
    activities = _rows(
        "Activity - Subject,Activity - Note,Activity - Assigned to user,Activity - Due date,"
        "Organization - Name\n"
        'Discovery,"<p>Spoke to Lena. She said &quot;We can&#39;t afford it this year.&quot;</p>",'
        "Omar Haddad,2026-02-04,Lakeside Bakeries Ltd\n"
    )
    notes = _rows(
        'Note - Content,Note - User,Note - Add time,Organization - Name\n"Wants a demo.",'
        "Omar Haddad,2026-02-05 10:00:00,Lakeside Bakeries\n"
    )
    assert activities[0].our_speakers == notes[0].our_speakers == ["Omar Haddad"]


ZOHO_NOTES = (
    '"Record Id","Note Owner","Note Title","Note Content","Parent ID","Parent Module",'
    '"Created Time"\n'
    '"zcrm_501","Ana Ruiz","Discovery","Wants one system for both depots.","zcrm_900","Deals",'
    '"2026-02-12 10:15:32"\n'
    '"zcrm_502","Ana Ruiz","Pricing","Asked about a discount for 40 seats.","zcrm_900","Deals",'
    '"2026-02-26 15:40:11"\n'
    '"zcrm_503","Ana Ruiz","Account note","Head office moved to Leeds.","zcrm_77","Accounts",'
    '"2026-03-01 09:00:00"\n'
)


def test_a_zoho_notes_deal_is_its_parent_record_not_the_note() -> None:
    """A note's own Record Id is no deal: two notes on one deal share its Parent ID; a note on
    an account is on no deal."""
    calls = _rows(ZOHO_NOTES)
    assert [c.deal_id for c in calls] == ["zcrm_900", "zcrm_900", None]
    assert calls[0].our_speakers == ["Ana Ruiz"]
