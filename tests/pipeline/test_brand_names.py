"""Brands (rivals, their aliases and short forms, our company and product) are never people's
names to redaction; people who share such a word stay hidden."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pipeline.brand_names import brand_forms, configured_brands, short_form
from pipeline.config import Settings
from pipeline.ingest.team import add_member
from pipeline.redact import NAME, buyer_names, redactor_for
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

SAID = "We're on Stella and we signed an annual contract, so we're locked in until October."


def test_a_brands_short_form_is_its_first_word() -> None:
    assert short_form("Stella Design") == "Stella"
    assert short_form("SolarEdge Designer") == "SolarEdge"
    assert short_form("Jobber") is None
    assert brand_forms(["Stella Design", "  "]) == {"Stella Design", "Stella"}


def test_configured_rivals_aliases_and_our_company_are_brands(settings: Settings) -> None:
    configured = settings.model_copy(
        update={
            "competitors": ["Stella Design"],
            "competitor_aliases": {"Stel": "Stella Design"},
            "our_company": "Lumen",
        }
    )
    assert set(configured_brands(configured)) == {"Stella Design", "Stel", "Lumen"}


def _rival_mention(session: Session, call_id: int, text: str, rival: str) -> None:
    said = Utterance(call_id=call_id, seq=90, speaker=None, role="buyer", text=text)
    session.add(said)
    session.flush()
    session.add(
        Mention(utterance_id=said.id, call_id=call_id, kind="competitor", category="mention",
                text=text, char_end=len(text), competitor=rival)
    )  # fmt: skip
    session.flush()


def test_a_rivals_alias_that_is_a_first_name_is_not_redacted(ws: Workspace, seeded: Seeded) -> None:
    """With the alias {"Stella": "Stella Design"} every quote read "We're on [name] and we
    signed...": "Stella" is a woman's first name."""
    with ws.session() as session:
        call_id = seeded.calls[0]
        _rival_mention(session, call_id, SAID, "Stella Design")
        session.add(
            Utterance(call_id=call_id, seq=91, speaker=None, role="rep_note",
                      text="Contract with Stella ends in October. Spoke with Dana Ruiz.")
        )  # fmt: skip
        session.flush()
        assert "Stella" not in buyer_names(session, [call_id])
        from_calls = redactor_for(session, [call_id])  # "Stella" short for "Stella Design"
        configured = redactor_for(session, [call_id], brands=("Stella Design", "Stella"))
    for redactor in (from_calls, configured):
        assert redactor.redact(SAID) == SAID
        assert redactor.redact("Dana Ruiz wants Stella gone.") == f"{NAME} wants Stella gone."


def test_our_company_and_product_are_not_redacted(ws: Workspace, seeded: Seeded) -> None:
    """A product or company named like a person ("Hazel") is no buyer."""
    with ws.session() as session:
        add_member(session, "Ben Okafor", company="Hazel")
        redactor = redactor_for(session, seeded.calls[:1], brands=("Mabel Cloud",))
    said = "Hazel does proposals; Mabel took the rest; Rory signs."
    assert redactor.redact(said) == f"Hazel does proposals; Mabel took the rest; {NAME} signs."


def test_a_buyer_named_like_a_brand_stays_hidden(ws: Workspace, seeded: Seeded) -> None:
    """Real people who share the word stay redacted: a buyer Stella Diaz on these calls."""
    with ws.session() as session:
        call = session.get(Call, seeded.calls[0])
        assert call is not None
        _rival_mention(session, call.id, SAID, "Stella Design")
        session.add(
            Utterance(call_id=call.id, seq=92, speaker="Stella Diaz", role="buyer", text="Hi")
        )
        session.flush()
        redactor = redactor_for(session, [call.id], brands=("Stella Design", "Stella"))
    assert redactor.redact("Stella Diaz is on Stella Design.") == f"{NAME} is on Stella Design."
    assert NAME in redactor.redact("Ask Stella about it.")
