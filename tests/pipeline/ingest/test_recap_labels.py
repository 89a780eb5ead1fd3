"""A recap's bare label (``**Giles:**`` or ``Giles:`` alone on its line) says whose words follow,
in a list or a paragraph: they are that person's, each item its own utterance, and the label is
no note of its own (each had been an empty rep's note with a correction form, its quotes said
by no one; a recap repeating its labels had been read as a transcript, its bullets run together
in one turn). Recaps from several trades; people and companies invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

RECAP = """# {account} - discovery recap

**Date:** 4 March 2026
**Attendees:** {buyer} ({role}, {account}), {other} (Ops, {account}), Priya Nair (Routewise)

## What we heard

{first_label}
- "{one}"
- "{two}"

{second_label}
"{three}"

## Next steps
- Priya to send the pricing.
"""
# (account, the two buyers, their words)
RECAPS = [
    ("Greenfield Pest Control", "Dana Whitlock", "Luis Ortega",
     "Our techs print the route at six and half of it changes by nine.",
     "If it does not talk to QuickBooks, I am out.",
     "Who moves ten years of job history across? It will not be me."),
    ("Hartley & Sons", "Margaret Hartley", "Owen Price",
     "We still write every arrangement in the day book and type it up later.",
     "If families cannot sign on a tablet, it is no use to us.",
     "We do not sign anything longer than a year."),
    ("Pixelforge Studio", "Raj Patel", "Mia Ford",
     "Clients dispute every invoice because they never see the hours.",
     "It has to read from Jira or the devs will not touch it.",
     "Our finance person leaves in June, so it has to be live by May."),
    ("Hollybrook Farm", "Tom Reeve", "Meg Doyle",
     "The milk cheque reconciliation eats a full day every month.",
     "There is no signal in the parlour, so it has to work offline.",
     "The vet visits live on a wall calendar in the dairy."),
    ("Riverside Food Bank", "Ann Lyle", "Hazel Ward",
     "Half our volunteers will not install an app.",
     "Anything over forty pounds a month goes to the trustees.",
     "The rota lives in a WhatsApp group nobody can search."),
    ("Elm Street Dental", "Amira Haddad", "Bea Stone",
     "Our recall letters cost more in stamps than the software would.",
     "It has to pass the NHS data security toolkit first.",
     "Reception answers the phone all morning and books nothing else."),
    ("Northgate Vets", "Nadia Brooks", "Carl West",
     "Locums cost us a fortune because we find the gaps too late.",
     "The vets will not fill in anything on a desktop between consults.",
     "Night cover is a spreadsheet only I can open."),
    ("Copper Kettle Brewery", "Jonas Berg", "Wendy Cole",
     "We lose about forty kegs a year and nobody knows where.",
     "Our accountant will only take exports in the Xero format.",
     "The taproom tills and the stock never agree on a Monday."),
    ("Ysgol Bryn", "Nia Evans", "Gwen Ross",
     "Chasing trip money is most of my February.",
     "Council rules mean three quotes for anything over five thousand.",
     "Parents pay by cheque in envelopes and half go missing."),
    ("Ashby Care Homes", "Olu Adeyemi", "Marta Nowak",
     "Agency staff cost us a fortune every winter.",
     "Nights are the shifts nobody wants, and the rota shows it.",
     "The inspectors want the training records on the day they ask."),
]  # fmt: skip
# How a label is written over its words.
LABELS = [("**{name}:**", "**{name}:**"), ("{name}:", "{name}:"),
          ("**{name} ({role}):**", "__{name}__:")]  # fmt: skip


def _recap(case: tuple[str, ...], labels: tuple[str, str]) -> str:
    account, buyer, other, one, two, three = case
    first, second = (label.format(name=name.split()[0], role="owner")
                     for label, name in zip(labels, (buyer, other), strict=True))  # fmt: skip
    words = {"one": one, "two": two, "three": three}
    return RECAP.format(account=account, buyer=buyer, role="Owner", other=other,
                        first_label=first, second_label=second, **words)  # fmt: skip


def _parsed(text: str, ours: tuple[str, ...] = ("Priya Nair",)) -> ParsedCall:
    [call] = parse_file(text.encode(), "recap.md", our_speakers=list(ours))
    return call


@pytest.mark.parametrize("labels", LABELS, ids=["bold", "plain", "role"])
@pytest.mark.parametrize("case", RECAPS, ids=[r[0] for r in RECAPS])
def test_the_words_under_a_bare_label_are_that_persons(
    case: tuple[str, ...], labels: tuple[str, str]
) -> None:
    account, buyer, other, one, two, three = case
    call = _parsed(_recap(case, labels))
    said = [(u.speaker, u.text) for u in call.utterances if u.role == "buyer"]
    assert said == [(buyer, one), (buyer, two), (other, three)]
    assert all(u.quoted for u in call.utterances if u.role == "buyer")
    assert not [u for u in call.utterances if u.role == "rep_note" and len(u.text.split()) < 2]
    assert call.account == account


@pytest.mark.parametrize("case", RECAPS[:4], ids=[r[0] for r in RECAPS[:4]])
def test_a_recap_repeating_its_labels_is_no_transcript(case: tuple[str, ...]) -> None:
    account, buyer, other, one, two, three = case
    first, second = buyer.split()[0], other.split()[0]
    text = (f"# {account} recap\n\n**Attendees:** {buyer}, {other} ({account})\n\n"
            f'## Heard\n\n**{first}:**\n- "{one}"\n\n**{second}:**\n- "{three}"\n\n'
            f'**{first}:**\n- "{two}"\n')  # fmt: skip
    said = [(u.speaker, u.text) for u in _parsed(text).utterances if u.role == "buyer"]
    assert said == [(buyer, one), (other, three), (buyer, two)]


def test_unquoted_words_under_a_label_are_that_persons_and_ours_stay_ours() -> None:
    text = (
        "# Greenfield Pest Control recap\n\n**Attendees:** Dana Whitlock (Greenfield Pest "
        "Control), Priya Nair (Routewise)\n\nDana:\nWe retype every job sheet on a Monday "
        "morning.\n\n**Priya:**\n- showed the dispatch board\n- sent the QuickBooks notes\n"
    )
    call = _parsed(text)
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == [
        ("Dana Whitlock", "buyer", "We retype every job sheet on a Monday morning."),
        ("Priya Nair", "rep", "showed the dispatch board"),
        ("Priya Nair", "rep", "sent the QuickBooks notes"),
    ]


# Kept as before: a Markdown transcript with the text under each label, and a section label
# over a list (a note heading, not a person).
TRANSCRIPT = """# Weekly call

**Dana Whitlock:**
We retype every job sheet on a Monday.

**Priya Nair:**
How long does that take?

**Dana Whitlock:**
Most of the morning.
"""


def test_a_transcript_with_the_text_under_its_labels_is_still_turns() -> None:
    said = [(u.speaker, u.role, u.text) for u in _parsed(TRANSCRIPT).utterances]
    assert said == [
        ("Dana Whitlock", "buyer", "We retype every job sheet on a Monday."),
        ("Priya Nair", "rep", "How long does that take?"),
        ("Dana Whitlock", "buyer", "Most of the morning."),
    ]


@pytest.mark.parametrize("label", ["Key points:", "**Pricing:**", "Concerns:", "**Background**:"])
def test_a_section_label_over_a_list_heads_notes(label: str) -> None:
    text = f"# Recap\n\n{label}\n- send the pricing sheet\n- book the demo for Tuesday\n"
    notes = [u.text for u in _parsed(text, ()).utterances]
    assert "send the pricing sheet" in notes and "book the demo for Tuesday" in notes
    assert not [u for u in _parsed(text, ()).utterances if u.role == "buyer"]
