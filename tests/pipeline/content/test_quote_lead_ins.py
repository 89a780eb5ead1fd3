"""A document cites a quote that cannot stand alone ("Plus the contract.") after the words said
just before it in the same turn: an ellipsis, those words (redacted), then the quote in bold.
The quote's text and span stay the mention's sentence, which is what its [Qn] points to."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pipeline.content.citations import misquotes
from pipeline.content.generate import generate_document
from pipeline.publish.export import export_document
from pipeline.publish.review import approval_blockers
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, add_theme

# (trade's account, the buyer's turn, the fragment of it that is the objection)
TWELVE = "Honestly, a twelve month term is a big commitment for a practice of six people."
TURNS = [
    (
        "Oakfield Vets",
        "Setting up the lab codes took our front desk three full weeks. Plus the contract.",
        "Plus the contract.",
    ),
    (
        "Becker Logistics",
        "Our site manager Derek Holt had the pickers retrained twice. Also the annual contract.",
        "Also the annual contract.",
    ),
    ("Hale Accountants", TWELVE, TWELVE),
]


def _theme(db: Session) -> Cluster:
    theme = add_theme(db, "Contract length", "contract")
    for n, (account, turn, said) in enumerate(TURNS, start=1):
        _, utterances = _call(
            db, n, account, "lost", f"2026-05-0{n}", [("Sam Rivera", "rep", "Where did you land?"),
            ("Buyer", "buyer", turn)],
        )  # fmt: skip
        start = turn.index(said)
        db.add(
            Mention(
                utterance_id=utterances[1].id, call_id=utterances[1].call_id, kind="objection",
                category="contract", text=said, char_start=start, char_end=start + len(said),
                confidence=0.95 - n / 100, cluster_id=theme.id,
            )
        )  # fmt: skip
    db.flush()
    return theme


def test_a_cited_fragment_follows_its_lead_in(workspace: Workspace) -> None:
    with workspace.session() as db:
        theme = _theme(db)
        document = generate_document(
            db, workspace.settings, doc_type="objection-faq", cluster_ids=[theme.id]
        )
        brief = export_document(db, workspace.settings, document.id, "brief").content.decode()
        markdown = export_document(db, workspace.settings, document.id, "md").content.decode()
        quotes = document.structured["evidence"]["quotes"]
        turns = {q["id"]: db.get(Utterance, q["utterance_id"]) for q in quotes}
    assert (
        "“…Setting up the lab codes took our front desk three full weeks. **Plus the contract.**”"
        in brief
    )
    assert "“…Our site manager [name] had the pickers retrained twice. **Also the annual" in brief
    assert "Derek" not in brief + markdown
    # Wherever the page cites it, the same lead-in comes with it.
    assert markdown.count("Plus the contract.") == markdown.count("three full weeks. **Plus the")
    for quote in quotes:
        turn = turns[quote["id"]]
        assert turn is not None
        assert turn.text[quote["char_start"] : quote["char_end"]] == quote["text"]
    plus = next(q for q in quotes if q["text"] == "Plus the contract.")
    assert plus["lead_in"] == "Setting up the lab codes took our front desk three full weeks."


def test_a_quote_shown_with_its_lead_in_counts_as_verbatim(workspace: Workspace) -> None:
    """The approval's verbatim check reads "…lead-in. **quote**" as the turn's own words: it had
    refused every document whose sources led a fragment in."""
    with workspace.session() as db:
        document = generate_document(
            db, workspace.settings, doc_type="objection-faq", cluster_ids=[_theme(db).id]
        )
        assert "three full weeks. **Plus the contract.**”" in document.body_markdown
        assert misquotes(document.body_markdown, document.structured["evidence"]) == []
        assert not any("verbatim" in blocker for blocker in approval_blockers(document))
