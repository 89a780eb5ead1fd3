"""A title and a surname are one name: redacted as "Dr. [name]" in every document."""

from __future__ import annotations

import pytest

from pipeline.redact import NAME, Redactor, prose_names, redactor_for
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


def test_a_note_naming_someone_by_title_names_the_person_not_the_title() -> None:
    """A call summary's "followed up with Dr. Nina Patel" had made "Dr" a buyer."""
    assert prose_names("Marcus followed up with Dr. Nina Patel after the demo.") == ["Nina Patel"]
    assert prose_names("Spoke to Mrs Jacobs today.") == ["Jacobs"]
    assert prose_names("Met with Dana Ruiz") == ["Dana Ruiz"]


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Just for context for Dr. Price, our server crashed.",
         f"Just for context for Dr. {NAME}, our server crashed."),
        ("Dr. Raj Malhotra signs; Mr Okafor pays.", f"Dr. {NAME} signs; Mr {NAME} pays."),
        ("That was Mrs. Jacobs' cat, Prof. Lee said.",
         f"That was Mrs. {NAME}' cat, Prof. {NAME} said."),
        ("Dr. Hannah Lindgren agreed.", f"Dr. {NAME} agreed."),
    ],
)  # fmt: skip
def test_a_title_and_a_name_are_one_placeholder_with_the_title_kept(
    text: str, redacted: str
) -> None:
    """A name list holding a bare title or a titled name ("Dr", "Dr. Raj Malhotra", from a CRM
    column or a note) hides the person, never the title: "for Dr. Price, our" had read
    "for [name]. [name], our"."""
    redactor = Redactor(["Dr", "Mrs.", "Dr. Raj Malhotra", "Hannah Price", "Lindgren"])
    assert redactor.redact(text) == redacted
    assert Redactor().redact(text) == redacted


def test_the_same_quote_redacts_the_same_whichever_calls_a_document_draws_on(
    ws: Workspace, seeded: Seeded
) -> None:
    """A comparison drawing on every call had "[name]. [name]," where the FAQ drawing on one
    call had "Dr. [name],": another call's note had made "Dr" a buyer."""
    first, second = seeded.calls[:2]
    with ws.session() as session:
        session.add_all([
            Utterance(call_id=first, seq=98, speaker="Hannah Price", role="buyer", text="Hi"),
            Utterance(call_id=second, seq=98, speaker=None, role="rep_note",
                      text="Marcus followed up with Dr. Nina Patel after the demo."),
        ])  # fmt: skip
        session.flush()
        alone = redactor_for(session, [first])
        together = redactor_for(session, [first, second])
    quote = "Just for context for Dr. Price, our server crashed. Dr. Nina Patel agreed."
    expected = f"Just for context for Dr. {NAME}, our server crashed. Dr. {NAME} agreed."
    assert alone.redact(quote) == together.redact(quote) == expected
