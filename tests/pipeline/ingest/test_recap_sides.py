"""A rep's written recap, where the rep is only an attendee and never speaks:

- an attendee's bracket holding a job title or a department ("Karen Pollard (Harbour Master)",
  "(Procurement, Ardley DC)") names no company, or only the company beside it ("Harbour
  Master" had been Karen's company);
- once the header lists one of ours and names the account, the attendees with no company of
  their own are the buyer side (the words under "**Karen:**" had been left ``unknown``); one
  of another firm ("(Deloitte)") may be a third party and is not made a buyer so;
- under a label, a bullet that reports someone in the third person ("Simon asked whether…")
  is the rep's note, not the label's person's words (it had been Karen's). A label's list
  goes on across blank lines (a loose list), to the next heading, label or paragraph.

Recaps from Notion, Confluence, Google Docs, Granola and HubSpot, several trades; people,
products and companies invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.people import parse_people
from pipeline.ingest.reported_lines import reports_someone

# (an Attendees line, each person's company as read)
BRACKETS = [
    ("Karen Pollard (Harbour Master), Simon Edge (Procurement, Ardley DC), Owen Pryce (Berthwise)",
     {"Karen Pollard": None, "Simon Edge": "Ardley DC", "Owen Pryce": "Berthwise"}),
    ("Lena Park (Head of Ops), Tariq Aziz (Routewise)",
     {"Lena Park": None, "Tariq Aziz": "Routewise"}),
    ("Marcus Webb (CFO)", {"Marcus Webb": None}),
    ("Dee Holt (Office Manager)", {"Dee Holt": None}),
    ("Ravi Shah (IT), Jo Fenn (Finance)", {"Ravi Shah": None, "Jo Fenn": None}),
    ("Dr. Anna Cole (Practice Manager)", {"Dr. Anna Cole": None}),
    ("Pete Rowe (Owner)", {"Pete Rowe": None}),
    ("Tess Lyle (Head Brewer, Ironbridge Brewing Co)", {"Tess Lyle": "Ironbridge Brewing Co"}),
    ("Omar Haddad (Headteacher)", {"Omar Haddad": None}),
    ("Gail Fox (Lab Manager - Crestline Dental Lab)", {"Gail Fox": "Crestline Dental Lab"}),
    ("Nina Bauer (Purchasing, Kestrel Freight)", {"Nina Bauer": "Kestrel Freight"}),
    ("Sam Otto (Dockmaster)", {"Sam Otto": None}),
    ("Ruth Kerr (Finance at Meadowbank Clinic)", {"Ruth Kerr": "Meadowbank Clinic"}),
    ("Bev Lund - Harbour Master", {"Bev Lund": None}),
    # A company, whatever words it is made of: as before.
    ("Ana Ruiz (Acme Ltd)", {"Ana Ruiz": "Acme Ltd"}),
    ("Raj Patel (Deloitte)", {"Raj Patel": "Deloitte"}),
    ("Ivy Moss (Master Builders Ltd)", {"Ivy Moss": "Master Builders Ltd"}),
    ("Kim Lowe (Acme Sales Ltd)", {"Kim Lowe": "Acme Sales Ltd"}),
    ("Lou Grant (Smith, Jones Ltd)", {"Lou Grant": "Smith, Jones Ltd"}),
]  # fmt: skip


@pytest.mark.parametrize(("line", "companies"), BRACKETS, ids=[next(iter(c[1])) for c in BRACKETS])
def test_a_title_or_department_in_brackets_is_no_company(
    line: str, companies: dict[str, str | None]
) -> None:
    assert {person.name: person.company for person in parse_people(line)} == companies


# How a recap's header gives the account and the attendees.
HEADERS = {
    "notion": "# {account} - discovery\n\n| Property | Value |\n|---|---|\n"
    "| Account | {account} |\n| Attendees | {attendees} |\n",
    "confluence": "# {account} discovery call\n\n**Account:** {account}\n"
    "**Attendees:** {attendees}\n",
    "google_docs": "# Call notes: {account}\n\nCustomer: {account}\nParticipants: {attendees}\n",
    "granola": "# Meeting with {account}\n\nCompany: {account}\nInvitees: {attendees}\n",
    # A HubSpot or Pipedrive note pasted as plain text: no Markdown headings.
    "crm_note.txt": "Discovery call - {account}\nOrganization: {account}\nAttendees: {attendees}\n",
}
BODY = """
## What {first} told us

{label}

- {one}
- {two}

- {report}
- {other} said "{quote}"

## Next steps

- {rep} to send the pricing.
"""
# (account, the buyer and their bracket, the other buyer and theirs, our rep and company,
# the buyer's two lines, a line reporting the other buyer, the other buyer's quoted words)
CASES = [
    ("Crestline Dental Lab", "Gail Fox", "Lab Manager", "Neil Ward", "Purchasing, Crestline Group",
     "Tara Quinn", "SmileFlow",
     "We still phone every practice back to confirm the shade.",
     "If it cannot read our scanner files, it is a non-starter.",
     "Neil asked whether SmileFlow integrates with Sage.",
     "anything over a year needs the group board to sign"),
    ("Copper Kettle Brewery", "Jonas Berg", "Head Brewer", "Wendy Cole", "Finance",
     "Ali Grant", "Kegtrack",
     "We lose about forty kegs a year and nobody knows where.",
     "The taproom tills and the stock never agree on a Monday.",
     "Wendy mentioned that the accountant only takes Xero exports.",
     "we would want a three month trial before anything is signed"),
    ("Ysgol Bryn", "Nia Evans", "Bursar", "Huw Price", "Headteacher",
     "Gwen Ross", "Schoolify",
     "Chasing trip money is most of my February.",
     "Parents pay by cheque in envelopes and half go missing.",
     "Huw wants the governors to see a demo first.",
     "council rules mean three quotes for anything over five thousand"),
    ("Kestrel Freight", "Dale Moss", "Ops Director", "Nina Bauer", "Procurement",
     "Sam Ruiz", "Routewise",
     "Our drivers print the route at six and half of it changes by nine.",
     "We cannot have another app on the drivers' phones.",
     "They mentioned that the fleet renews its telematics contract in April.",
     "the contract has to be on our paper, not yours"),
    ("Meadowbank Clinic", "Ruth Kerr", "Practice Manager", "Ian Shaw", "Owner",
     "Ellie Marsh", "SlotKeeper",
     "Reception answers the phone all morning and books nothing else.",
     "Our recall letters cost more in stamps than the software would.",
     "Ian asked if the data stays in the UK.",
     "we had a breach scare last year so security review comes first"),
    ("Northgate Vets", "Nadia Brooks", "Head Nurse", "Carl West", "IT",
     "Priya Nair", "VetDesk",
     "Locums cost us a fortune because we find the gaps too late.",
     "The vets will not fill in anything on a desktop between consults.",
     "Carl also asked about single sign-on.",
     "we are locked into the current system until next March"),
    ("Ashby Care Homes", "Olu Adeyemi", "Registered Manager", "Marta Nowak", "HR",
     "Ben Ode", "CareRota",
     "Agency staff cost us a fortune every winter.",
     "The inspectors want the training records on the day they ask.",
     "She asked whether the rota works without signal.",
     "the board will not look at anything over two pounds a bed"),
    ("Hollybrook Farm", "Tom Reeve", "Owner", "Meg Doyle", "Finance",
     "Lucy Chen", "HerdBook",
     "The milk cheque reconciliation eats a full day every month.",
     "There is no signal in the parlour, so it has to work offline.",
     "Meg wants the invoices emailed, not posted.",
     "I am not paying per cow, that is daft for a herd this size"),
    ("Pixelforge Studio", "Raj Patel", "CTO", "Mia Ford", "Head of Delivery",
     "Jo Kay", "Sprintly",
     "Clients dispute every invoice because they never see the hours.",
     "It has to read from Jira or the devs will not touch it.",
     "Mia flagged the renewal date on their current tool.",
     "our finance person leaves in June so it has to be live by May"),
    ("Riverside Food Bank", "Ann Lyle", "Treasurer", "Hazel Ward", "Volunteer Coordinator",
     "Joe Park", "Givewell",
     "Half our volunteers will not install an app.",
     "The rota lives in a WhatsApp group nobody can search.",
     "Hazel asked whether volunteers can sign up by text.",
     "anything over forty pounds a month goes to the trustees"),
]  # fmt: skip
LABELS = ["**{first}:**", "{first}:", "__{first}__:"]


def _text(header: str, case: tuple[str, ...], label: str) -> str:
    account, buyer, title, other, other_title, rep, ours, one, two, report, quote = case
    attendees = f"{buyer} ({title}), {other} ({other_title}), {rep} ({ours})"
    first = buyer.split()[0]
    body = BODY.format(first=first, label=label.format(first=first), one=one, two=two,
                       report=report, other=other.split()[0],
                       quote=quote, rep=rep.split()[0])  # fmt: skip
    body = body.replace("## ", "") if header.endswith(".txt") else body
    return HEADERS[header].format(account=account, attendees=attendees) + body


def _parsed(
    text: str, ours: list[str], companies: tuple[str, ...] = (), name: str = "recap.md"
) -> ParsedCall:
    [call] = parse_file(text.encode(), name, our_speakers=ours, our_companies=companies)
    return call


@pytest.mark.parametrize("header", list(HEADERS))
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_recap_by_a_silent_rep_gives_the_buyer_their_words_and_keeps_its_reports(
    case: tuple[str, ...], header: str
) -> None:
    account, buyer, title, other, other_title, rep, ours, one, two, report, quote = case
    label = LABELS[CASES.index(case) % len(LABELS)]
    name = "recap.txt" if header.endswith(".txt") else "recap.md"
    call = _parsed(_text(header, case, label), [rep], name=name)
    said = [(u.role, u.speaker, u.text) for u in call.utterances if u.role != "rep_note"]
    assert said == [("buyer", buyer, one), ("buyer", buyer, two), ("buyer", other, quote)]
    notes = [u.text for u in call.utterances if u.role == "rep_note"]
    assert report in notes
    assert call.account == account


@pytest.mark.parametrize("case", CASES[:5], ids=[c[0] for c in CASES[:5]])
def test_our_company_in_the_header_says_which_side_we_are(case: tuple[str, ...]) -> None:
    account, buyer, title, other, other_title, rep, ours, one, two, report, quote = case
    call = _parsed(_text("confluence", case, "**{first}:**"), [], (ours,))
    assert [u.role for u in call.utterances if u.text in (one, two)] == ["buyer", "buyer"]


THIRD_PARTY = """# Kestrel Freight - discovery

**Account:** Kestrel Freight
**Attendees:** Dale Moss (Ops Director), Raj Patel (Deloitte), Sam Ruiz (Routewise)

**Dale:**

- Our drivers print the route at six and half of it changes by nine.

**Raj:**

- The implementation plan should follow the phased approach in the programme.
"""


def test_an_attendee_of_another_firm_is_not_made_a_buyer() -> None:
    call = _parsed(THIRD_PARTY, ["Sam Ruiz"])
    roles = {u.speaker: u.role for u in call.utterances if u.speaker}
    assert roles["Dale Moss"] == "buyer"
    assert roles["Raj Patel"] != "buyer"


@pytest.mark.parametrize(
    "header",
    [
        # Our rep not among the attendees, and no company of ours: no side is known.
        "# Kestrel Freight\n\n**Account:** Kestrel Freight\n"
        "**Attendees:** Dale Moss (Ops Director)\n",
        # No account named: the others may be anyone's.
        "# Call notes\n\n**Attendees:** Dale Moss (Ops Director), Sam Ruiz (Routewise)\n",
    ],
    ids=["ours_unknown", "no_account"],
)
def test_without_our_side_or_the_account_the_label_stays_unsettled(header: str) -> None:
    text = header + "\n**Dale:**\n\n- The handover between shifts is a clipboard on a nail.\n"
    call = _parsed(text, ["Sam Ruiz"])
    assert [u.role for u in call.utterances if u.speaker == "Dale Moss"] == ["unknown"]


LOOSE = """# Copper Kettle Brewery - recap

**Account:** Copper Kettle Brewery
**Attendees:** Jonas Berg (Head Brewer), Ali Grant (Kegtrack)

**Jonas:**

- We lose about forty kegs a year and nobody knows where.

- They take six weeks to pay our invoices, the pubs.

- They want it live before the summer festival.

- Wendy said "the accountant will only take Xero exports"

- They asked whether Kegtrack works with our keg scanners.

## Next steps

- Ali to send the trial agreement.
"""


def test_a_label_list_goes_on_across_blank_lines_and_only_reports_leave_it() -> None:
    call = _parsed(LOOSE, ["Ali Grant"])
    said = [(u.role, u.speaker, u.text) for u in call.utterances]
    assert said == [
        ("buyer", "Jonas Berg", "We lose about forty kegs a year and nobody knows where."),
        ("buyer", "Jonas Berg", "They take six weeks to pay our invoices, the pubs."),
        ("buyer", "Jonas Berg", "They want it live before the summer festival."),
        ("rep_note", None, "Wendy said"),
        ("buyer", "Wendy", "the accountant will only take Xero exports"),
        ("rep_note", None, "They asked whether Kegtrack works with our keg scanners."),
        ("rep_note", None, "Ali to send the trial agreement."),  # the plan: never Jonas's
    ]


PEOPLE = parse_people("Karen Pollard (Harbour Master), Sanjay Mehta (Finance Manager)")
REPORTS = [
    "Simon asked whether Berthwise is on G-Cloud.",
    "Sanjay mentioned that the owners meet on Thursdays.",
    "Sanjay Mehta wants a month's trial first.",
    "They asked if the till takes contactless.",
    "She asked about the cancellation terms.",
    "He flagged the renewal date of the old contract.",
    "Karen also asked whether visitors can pay by phone.",
    "Tom (ops) was worried about the migration.",
    "Nadia would like the invoices by email.",
]
NOT_REPORTS = [
    "We sell launch permits out of a cash tin.",
    "They take six weeks to raise the invoices.",  # their words about the council
    "They want it live before the summer.",  # a wish with "They": maybe the speaker's own
    "Honestly, the dues are the nightmare.",
    "Card surcharges asked for by the bank are a pain.",
    "My staff are seasonal.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_line_reporting_someone_is_the_reps(text: str) -> None:
    assert reports_someone(text, PEOPLE)


@pytest.mark.parametrize("text", NOT_REPORTS)
def test_a_persons_own_words_report_no_one(text: str) -> None:
    assert not reports_someone(text, PEOPLE)
