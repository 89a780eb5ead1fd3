"""Taking erased calls' quotes out of a document's evidence, content, body and prompts."""

from __future__ import annotations

from typing import Any

from pipeline.content.scrub import ERASED_ACCOUNT, REMOVED, Erased, scrub_structured, scrub_text

GONE = "We would be locked into twelve months and that scares the owner."
KEPT = "The per-seat price is more than we pay for payroll today."


def structured() -> dict[str, Any]:
    return {
        "evidence": {
            "quotes": [
                {"id": 1, "call_id": 7, "text": GONE, "account": "Crumb & Co"},
                {"id": 2, "call_id": 8, "text": KEPT, "account": "Harbourview"},
                {"id": 3, "call_id": 7, "text": "No.", "account": "Crumb & Co"},
            ],
            "clusters": [{"id": 4, "quote_ids": [1, 2, 3], "answer_ids": [1]}],
            "phrases": [{"text": "twelve months", "count": 2}, {"text": "payroll", "count": 2}],
        },
        "content": {
            "problem": {"text": "Owners fear long contracts.", "citations": [1]},
            "objections": [
                {"objection": "Locked in", "answer": "Monthly plan", "citations": [1]},
                {"objection": "Price", "answer": "Per active user", "citations": [2]},
            ],
        },
    }


def test_evidence_and_content_lose_the_erased_quotes() -> None:
    out, found = scrub_structured(structured(), Erased(frozenset({7}), ("Crumb & Co",)))
    assert found.ids == {1, 3}
    assert [q["id"] for q in out["evidence"]["quotes"]] == [2]
    assert out["evidence"]["clusters"][0]["quote_ids"] == [2]
    assert out["evidence"]["clusters"][0]["answer_ids"] == []
    assert [p["text"] for p in out["evidence"]["phrases"]] == ["payroll"]
    assert out["content"]["problem"] == {"text": REMOVED, "citations": []}
    assert [o["objection"] for o in out["content"]["objections"]] == ["Price"]


def test_lines_citing_or_repeating_a_quote_become_a_marker() -> None:
    _out, found = scrub_structured(structured(), Erased(frozenset({7}), ("Crumb & Co",)))
    body = "\n".join(
        [
            "# One-pager",
            "- **Locked in** Monthly plan [Q1]",
            "- **Price** Per active user [Q2]",
            f"As a buyer said, “{GONE[:60]}…”",  # clipped, no label
            "No. That is what they said.",  # the short quote alone does not match
            "Crumb & Co and crumb & co were here; Crumb & Company stays.",
            'Q1 (buyer, objection, lost deal): "We would be locked"',  # a prompt line
        ]
    )
    pattern = Erased(frozenset({7}), ("Crumb & Co",)).account_pattern()
    text, removed = scrub_text(body, found, pattern)
    lines = text.split("\n")
    assert removed == 3
    assert lines[1] == f"- {REMOVED}" and lines[3] == REMOVED and lines[6] == REMOVED
    assert lines[2] == "- **Price** Per active user [Q2]"
    assert lines[4] == "No. That is what they said."
    assert lines[5] == f"{ERASED_ACCOUNT} and {ERASED_ACCOUNT} were here; Crumb & Company stays."


def test_short_account_names_are_not_blanked_everywhere() -> None:
    assert Erased(frozenset({1}), ("AB",)).account_pattern() is None


def test_an_account_is_blanked_in_its_web_domain_spelling_too() -> None:
    """A published brief had kept "oakridgeanimalhospital.com" and its phrase "oakridge animal
    hospital": the account's other spellings are the account."""
    from pipeline.content.scrub import account_pattern

    pattern = account_pattern(["Northfield Family Dentistry", "bayviewsmiles.com"])
    assert pattern is not None
    for text in ("write to northfieldfamilydentistry.com", "Northfield-Family-Dentistry",
                 "northfield family dentistry said", "at Bayviewsmiles today"):  # fmt: skip
        assert "[x]" in pattern.sub("[x]", text), text
    assert pattern.sub("[x]", "Northfield is near the family dentist") == (
        "Northfield is near the family dentist"
    )
