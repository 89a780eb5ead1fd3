"""A quote in a CRM note is said by the person named just before its verb or colon, with a role
in brackets and an adverb between ("Tyler (dockmaster) separately said "…"" had gone to the
note's earlier speaker, and "Tom worried about GDPR: "…"" to the person quoted before him, its
"GDPR:" read as the name). Notes in the shapes HubSpot, Salesforce, Pipedrive, Close and Zoho
export them, from several trades; people invented."""

from __future__ import annotations

import pytest

from pipeline.ingest.parse import read_calls
from tests.pipeline.ingest.test_note_quote_speakers import EXPORTS, Export

# (note, who said its last quote). Each note quotes someone else first, whose name the old
# reading gave the last quote.
NAMED = [
    ('Pest control, 3 vans. Lorna: "we rebook by phone." Dmitri (lead tech) separately said '
     '"the PDAs die by noon every day"', "Dmitri"),
    ('Funeral home. Ruth: "families want to sign on a tablet." Callum worried about GDPR: '
     '"next of kin details cannot leave the UK, full stop."', "Callum"),
    ('Agency of 12. Priya: "we bill by the hour." Anand (ops) also asked "can clients see '
     'the timesheets before we invoice?"', "Anand"),
    ('Dairy farm. Meg: "the milk cheque is late again." Fergal (herd manager) then said '
     '"I do the herd records on paper in the parlour."', "Fergal"),
    ('Charity shop chain. Hazel: "volunteers change weekly." Kwame pushed back on Xero: '
     '"our treasurer will not move off Sage this year."', "Kwame"),
    ('Dental clinic. Bea: "recalls are done by post." Soren (practice manager) was worried about '
     'the NHS: "anything we add has to pass the IG toolkit first."', "Soren"),
    ('Vet practice. Nadia: "we run two sites." Ines (head nurse) quickly added "the rota is a '
     'whiteboard and a WhatsApp group."', "Ines"),
    ('Landscaper. Wendy: "crews start at seven." Tadhg complained about Q3: "every quote we '
     'sent in July went unanswered for weeks."', "Tadhg"),
    ('Care home. Olu: "agency staff cost us a fortune." Marta (deputy manager) later said '
     '"nights are the shifts nobody wants."', "Marta"),
    ('Driving school. Aisha: "Sunday nights are bank transfers." Reza insisted on SMS: "pupils '
     'never open email, they only read texts."', "Reza"),
    ('Brewery. Jonas: "we still keg by spreadsheet." Ffion (taproom) pointed out "the tills '
     'and the stock never agree on a Monday."', "Ffion"),
    ('Gym. Carl: "members cancel by email." Yusuf (front desk) warned us "half the members '
     'still pay cash at the desk."', "Yusuf"),
]  # fmt: skip


def _last_speaker(export: Export, note: str) -> str | None:
    row = {"date": "2026-10-13", "account": "Acme", "owner": "Ellie Marsh", "note": note}
    [call] = read_calls(export.csv([row]), f"{export.name}_notes.csv")
    quotes = [u for u in call.utterances if u.role == "buyer"]
    assert len(quotes) == 2 and all(u.quoted for u in quotes)
    return quotes[-1].speaker


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
@pytest.mark.parametrize(("note", "speaker"), NAMED, ids=[s for _, s in NAMED])
def test_the_name_before_the_verb_or_colon_said_the_quote(
    export: Export, note: str, speaker: str
) -> None:
    assert _last_speaker(export, note) == speaker


# Lead-ins that keep their reading: naming no one (the previous quote's speaker goes on), a
# pronoun (the person named last), one of ours (the rep's own words, no buyer quote).
KEPT = [
    ('Lorna: "we rebook by phone." Also: "the PDAs die by noon every day"', "Lorna"),
    ('Ruth: "families want to sign on a tablet." On pricing: "we cannot pay monthly per '
     'family, it has to be a flat fee."', "Ruth"),
    ('Maria: "we bill by the hour." Pain Point: "clients never see the timesheets '
     'before we invoice."', "Maria"),
    ('Hazel: "volunteers change weekly." Also said "the tills are cash only on Saturdays."',
     "Hazel"),
    ('Carl: "members cancel by email." Owner then asked "can the app take direct debits?"',
     "Carl"),
    ('Bea: "recalls are done by post." Everyone complained about "the phones ringing all '
     'morning, every morning."', "Bea"),
    ('Spoke with Meg Doyle. Meg: "the milk cheque is late again." She said "the herd records '
     'are on paper in the parlour."', "Meg"),
]  # fmt: skip


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
@pytest.mark.parametrize(("note", "speaker"), KEPT, ids=[s for _, s in KEPT])
def test_a_lead_in_naming_no_one_keeps_the_previous_speaker(
    export: Export, note: str, speaker: str
) -> None:
    said = _last_speaker(export, note)
    assert said is not None and said.split()[0] == speaker


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
def test_our_reps_words_stay_the_note(export: Export) -> None:
    note = 'Hazel: "we will not move off Sage." Ellie (me) then said "we sync with Sage daily."'
    row = {"date": "2026-10-13", "account": "Acme", "owner": "Ellie Marsh", "note": note}
    [call] = read_calls(export.csv([row]), f"{export.name}_notes.csv")
    assert [u.speaker for u in call.utterances if u.role == "buyer"] == ["Hazel"]
