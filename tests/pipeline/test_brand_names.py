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

SAID = "We're on Aurora and we signed an annual contract, so we're locked in until October."


def test_a_brands_short_form_is_its_first_word() -> None:
    assert short_form("Aurora Solar") == "Aurora"
    assert short_form("SolarEdge Designer") == "SolarEdge"
    assert short_form("Jobber") is None
    assert brand_forms(["Aurora Solar", "  "]) == {"Aurora Solar", "Aurora"}


def test_configured_rivals_aliases_and_our_company_are_brands(settings: Settings) -> None:
    configured = settings.model_copy(
        update={
            "competitors": ["Aurora Solar"],
            "competitor_aliases": {"Rory": "Aurora Solar"},
            "our_company": "Lumen",
        }
    )
    assert set(configured_brands(configured)) == {"Aurora Solar", "Rory", "Lumen"}


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
    """With the alias {"Aurora": "Aurora Solar"} every quote read "We're on [name] and we
    signed...": "Aurora" is a woman's first name."""
    with ws.session() as session:
        call_id = seeded.calls[0]
        _rival_mention(session, call_id, SAID, "Aurora Solar")
        session.add(
            Utterance(call_id=call_id, seq=91, speaker=None, role="rep_note",
                      text="Contract with Aurora ends in October. Spoke with Dana Ruiz.")
        )  # fmt: skip
        session.flush()
        assert "Aurora" not in buyer_names(session, [call_id])
        from_calls = redactor_for(session, [call_id])  # "Aurora" short for "Aurora Solar"
        configured = redactor_for(session, [call_id], brands=("Aurora Solar", "Aurora"))
    for redactor in (from_calls, configured):
        assert redactor.redact(SAID) == SAID
        assert redactor.redact("Dana Ruiz wants Aurora gone.") == f"{NAME} wants Aurora gone."


def test_our_company_and_product_are_not_redacted(ws: Workspace, seeded: Seeded) -> None:
    """A product or company named like a person ("Grace") is no buyer."""
    with ws.session() as session:
        add_member(session, "Ben Okafor", company="Grace")
        redactor = redactor_for(session, seeded.calls[:1], brands=("Mabel Cloud",))
    said = "Grace does proposals; Mabel took the rest; Hazel signs."
    assert redactor.redact(said) == f"Grace does proposals; Mabel took the rest; {NAME} signs."


def test_a_buyer_named_like_a_brand_stays_hidden(ws: Workspace, seeded: Seeded) -> None:
    """Real people who share the word stay redacted: a buyer Aurora Diaz on these calls."""
    with ws.session() as session:
        call = session.get(Call, seeded.calls[0])
        assert call is not None
        _rival_mention(session, call.id, SAID, "Aurora Solar")
        session.add(
            Utterance(call_id=call.id, seq=92, speaker="Aurora Diaz", role="buyer", text="Hi")
        )
        session.flush()
        redactor = redactor_for(session, [call.id], brands=("Aurora Solar", "Aurora"))
    assert redactor.redact("Aurora Diaz is on Aurora Solar.") == f"{NAME} is on Aurora Solar."
    assert NAME in redactor.redact("Ask Aurora about it.")
