"""A firm named after its partners is an account, never half a hidden name: "[name] Baptiste
LLP" had cited a law firm in an internal draft, its buyer's surname cut out of it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from pipeline.firm_names import firm_names
from pipeline.publish.published import publisher_for
from pipeline.redact import NAME, redactor_for
from pipeline.store.models import Call, Utterance
from pipeline.workspace import Workspace


@pytest.mark.parametrize(
    ("text", "firms"),
    [
        ("Hollis Amadi LLP / Ours - scoping", ["Hollis Amadi LLP", "Hollis Amadi"]),
        ("Appel avec Pelletier Roy notaires", ["Pelletier Roy notaires", "Pelletier Roy"]),
        ("Kim and Park Dental - hygiene recall", ["Kim and Park Dental", "Kim and Park"]),
        ("Demo for Varga & Associates", ["Varga & Associates"]),
        ("Renewal: Osei Brandt Architects", ["Osei Brandt Architects", "Osei Brandt"]),
        ("Quarterly review, Ferris & Co.", ["Ferris & Co."]),
    ],
)  # fmt: skip
def test_a_name_then_a_legal_or_trade_word_is_a_firm(text: str, firms: list[str]) -> None:
    """Law, notaries, dentistry, architecture and trade partnerships name their firms so."""
    assert firm_names(text) == firms


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to Ruth Amadi as well",  # "as" is no "AS"
        "Nadia Varga and partners of hers",  # a lower-case "partners" is people
        "Discovery call with Ruth Amadi",
        "Marek Osei, architect",
    ],
)
def test_a_person_is_no_firm(text: str) -> None:
    assert firm_names(text) == []


def _call(session: Session, n: int, title: str, buyer: str, industry: str) -> int:
    call = Call(
        content_hash=f"firm-{n}",
        filename=f"call{n}.txt",
        format="txt",
        raw_text="",
        title=title,
        industry=industry,
        call_date=dt.date(2026, 11, n),
    )
    session.add(call)
    session.flush()
    said = f"Hi, {buyer} here."
    session.add(Utterance(call_id=call.id, seq=0, speaker=buyer, role="buyer", text=said))
    return call.id


CALLS = [
    ("Hollis Amadi LLP / Ours - managed IT", "Ruth Amadi", "Legal", "Hollis Amadi LLP"),
    ("Outbound call to Pelletier Roy notaires", "Luc Pelletier", "Legal", "Pelletier Roy"),
    ("Kim and Park Dental - recall review", "Grace Park", "Dental", "Kim and Park Dental"),
    ("Osei Brandt Architects x Ours", "Marek Osei", "Architecture", "Osei Brandt Architects"),
]


def test_a_title_s_firm_stays_whole_where_its_partner_is_hidden(ws: Workspace) -> None:
    """A buyer who is a partner of the firm the call's title names is hidden; the firm, an
    account, is kept whole in the call's name and in what is said of it."""
    with ws.session() as session:
        for n, (title, buyer, industry, firm) in enumerate(CALLS, start=1):
            call_id = _call(session, n, title, buyer, industry)
            redactor = redactor_for(session, [call_id])
            assert redactor.redact(title) == title
            said = f"{buyer} runs {firm}; ask for {buyer.split()[1]} on Monday."
            assert redactor.redact(said) == f"{NAME} runs {firm}; ask for {NAME} on Monday."


def test_a_published_page_blanks_a_title_s_firm_as_it_does_an_account(ws: Workspace) -> None:
    """Internal text keeps the firm, as it keeps an account; a published page blanks both."""
    with ws.session() as session:
        ids = [_call(session, n, *row[:3]) for n, row in enumerate(CALLS, start=1)]
        publisher = publisher_for(session, ids)
    for _title, _buyer, _industry, firm in CALLS:
        published = publisher.text(f"We moved {firm} off their old provider.")
        assert firm not in published
        assert "[account]" in published
