"""A call log's buyer-quote column (Airtable's "Buyer quote", "Customer said", "Verbatim") is the
buyer's words for its row; it had been dropped without a word, only the rep's "Notes" read. A
free-text column no field reads is named in the result. Invented people, real layouts."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file

# An Airtable grid view exported to CSV: the primary field first, a multi-line long text field,
# an attachments field written as "name (url)".
AIRTABLE = (
    "Call,Account,Rep,Call date,Outcome,Competitor,{quote},Notes,Attachments\n"
    "Harrow Bakery - pilot scoping,Harrow Bakery,Nadia Okoro,4/1/2026 2:00pm,Open,,"
    '"If the oven log is wrong, we bin the whole batch.","Wants a pilot in one site.\n'
    'Concerned about tablet battery life.",\n'
    "Pell & Sons - final call,Pell & Sons,Nadia Okoro,4/2/2026 11:30am,Lost,,"
    '“Ya tienen la interfaz en español.”,"Follow up Q1 2027.",'
    "quote_v2.pdf (https://dl.airtable.com/.attachments/9f2c/quote_v2.pdf)\n"
)


@pytest.mark.parametrize(
    "quote", ["Buyer quote", "Quote", "Customer said", "Verbatim", "Key quote", "What they said"]
)
def test_a_quote_column_is_the_buyers_words(quote: str) -> None:
    first, second = parse_file(AIRTABLE.format(quote=quote).encode(), "Call log-Grid view.csv")
    said = [(u.role, u.text) for u in first.utterances]
    assert ("buyer", "If the oven log is wrong, we bin the whole batch.") in said
    assert [u.text for u in first.utterances if u.role == "rep_note"] == [
        "Wants a pilot in one site. Concerned about tablet battery life."
    ]
    assert ("buyer", "Ya tienen la interfaz en español.") in [
        (u.role, u.text) for u in second.utterances
    ]
    assert (first.title, first.account, first.outcome) == (
        "Harrow Bakery - pilot scoping",
        "Harrow Bakery",
        "open",
    )
    assert first.notice is None and second.notice is None  # the link and the title are read


def test_the_one_buyer_contact_of_a_row_said_its_quote() -> None:
    data = (
        b"Deal,Contact,Notes,Customer said\n"
        b'Harrow Bakery,Imogen Vale,"Demo went well.","Our ovens log nothing we can trust."\n'
    )
    [call] = parse_file(data, "deals.csv")
    [quote] = [u for u in call.utterances if u.role == "buyer"]
    assert (quote.speaker, quote.text) == ("Imogen Vale", "Our ovens log nothing we can trust.")


def test_a_free_text_column_no_field_reads_is_named() -> None:
    data = (
        b"Account,Notes,Why they care,Seats,Website,Champion email,Next call\n"
        b'Harrow Bakery,"Demo went well.","Their ovens log nothing they can trust.",35,'
        b"https://harrow.example,imogen@harrow.example,2026-04-09\n"
    )
    [call] = parse_file(data, "deals.csv")
    assert call.notice == (
        "not read: Why they care (no field callmine reads goes by that column name; map it "
        'with a column map, {"text": "Why they care"})'
    )
