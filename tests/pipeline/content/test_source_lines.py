"""A document's source lines name a quote's call by what is known of it, and a published copy
still reads them back: "— buyer, unknown account, call 1, no date, unknown" had stood under
each quote of an undated call with no account."""

from __future__ import annotations

import datetime as dt

from pipeline.content.citable import Quote
from pipeline.publish.published import Publisher, cited_calls


def _quote(call_id: int, **known: object) -> Quote:
    given: dict[str, object] = {
        "call_date": None, "account": None, "outcome": "unknown", **known,
    }  # fmt: skip
    return Quote(
        id=1, text="Too dear for us.", role="buyer", kind="objection", call_id=call_id,
        utterance_id=1, mention_id=1, speaker="buyer", cluster_id=1, **given,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_source_names_only_what_is_known() -> None:
    # A warehouse's undated subtitle file: no account, title, date or outcome.
    assert _quote(4).source == "buyer, call 4, no date"
    # A salon's CRM note with a title and no account.
    titled = _quote(9, title="Salon follow-up", call_date=dt.date(2025, 11, 26), outcome="open")
    assert titled.source == "buyer, Salon follow-up, call 9, 2025-11-26, open"
    # A vets' practice, everything known: as before.
    vets = _quote(2, account="Whitfield Animal Hospital", title="Demo", outcome="lost",
                  call_date=dt.date(2026, 3, 2))  # fmt: skip
    assert vets.source == "buyer, Whitfield Animal Hospital, call 2, 2026-03-02, lost"


def test_published_copy_reads_every_form_back() -> None:
    lines = (
        f"- **[Q1]** “Too dear.” — {_quote(4).source}\n"
        f"- **[Q2]** “Too dear.” — {_quote(9, title='Salon follow-up, Leeds', call_date=dt.date(2025, 11, 26), outcome='open').source}\n"  # noqa: E501
        "- **[Q3]** “Too dear.” — buyer, unknown account, call 5, no date, unknown\n"
        "- **[Q4]** “Too dear.” — rep Sam, Whitfield Animal Hospital, call 2, 2026-03-02, lost\n"
    )
    publisher = Publisher(
        industries={4: "Warehousing", 9: "Salons", 5: "Veterinary", 2: "Veterinary"},
        accounts=None,
    )
    assert publisher.text(lines) == (
        "- **[Q1]** “Too dear.” — buyer, Warehousing\n"
        "- **[Q2]** “Too dear.” — buyer, Salons, November 2025\n"
        "- **[Q3]** “Too dear.” — buyer, Veterinary\n"
        "- **[Q4]** “Too dear.” — rep, Veterinary, March 2026\n"
    )
    assert cited_calls(lines) == {2, 4, 5, 9}
