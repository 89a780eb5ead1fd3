"""A name or heading that starts with a brand spelled its own way keeps the brand's casing.

Why: a theme "ezyVet offered month to month" was named and published as "EzyVet ..."."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.cluster.name_phrases import spelled_as_said
from pipeline.content.generate import generate_document
from pipeline.store.models import Cluster
from pipeline.wording import capitalised
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ezyVet offered month to month", "ezyVet offered month to month"),
        ("iPhone app crashes", "iPhone app crashes"),
        ("eBay listings", "eBay listings"),
        ("price is too high", "Price is too high"),
        ("x-ray results", "X-ray results"),
        ("it's IDEXX or nothing", "It's IDEXX or nothing"),
        ("", ""),
    ],
)
def test_a_first_word_with_a_capital_inside_keeps_its_casing(text: str, expected: str) -> None:
    assert capitalised(text) == expected


def test_a_theme_named_from_its_quotes_keeps_the_brand_as_said() -> None:
    said = [
        "Honestly ruxLedger offered month to month and we liked that.",
        "ruxLedger offered month to month, no contract at all.",
    ]
    assert spelled_as_said("ruxledger offered month to month", said) == (
        "ruxLedger offered month to month"
    )


def test_a_published_heading_keeps_the_brands_casing(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as session:
        price = session.scalars(select(Cluster).where(Cluster.name.like("price%"))).one()
        price.name = "ruxLedger offered month to month"
        session.flush()
        document = generate_document(session, ws.settings, doc_type="seo-brief")
    headings = [section["h2"] for section in document.structured["content"]["outline"]]
    assert "ruxLedger offered month to month" in headings
    assert not any(h.startswith("RuxLedger") for h in headings)
