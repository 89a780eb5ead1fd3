"""An FAQ entry asks what buyers ask: its theme's category question, else a question one of its
buyers asked; never a quoted worry turned into "What do you say to “…”?" (a Procore theme, whose
nearest fact was an integration, had been asked "What do you say to “We already have Procore
across the whole business”?")."""

from __future__ import annotations

from pipeline.content.collect import collect_evidence
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

PRICE_QUESTION = "What will it cost a business our size?"  # "too dear" asks no "worth it"
DEAR = "Honestly it's too dear for a firm our size."
ASKED = "Can we pay per crew rather than per site on the short jobs?"


def _theme(ws: Workspace, n: int, name: str, category: str | None, said: list[str]) -> int:
    with ws.session() as db:
        theme = add_theme(db, name, name.split()[0].lower())
        _, turns = _call(
            db, n, f"Harbour Build {n}", "open", f"2026-04-0{n}",
            [("Nell Okafor", "buyer", text) for text in said],
        )  # fmt: skip
        for turn in turns:
            _mention(db, turn, "objection", category, theme)
        return theme.id


def _faq(ws: Workspace, theme_ids: list[int]) -> dict[str, object]:
    with ws.session() as db:
        evidence = collect_evidence(db, theme_ids, redact=False)
    return OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()


def test_a_second_theme_of_a_category_asks_its_buyers_own_question(ws: Workspace) -> None:
    dear = _theme(ws, 1, "Too dear for us", "price", [DEAR])
    per_site = _theme(
        ws, 2, "Per-site price on short jobs", "price",
        ["Our jobs last a week, so a monthly site price makes no sense.", ASKED],
    )  # fmt: skip
    faq = _faq(ws, [dear, per_site])
    questions = [item["question"] for item in faq["items"]]  # type: ignore[index]
    assert questions == [PRICE_QUESTION, ASKED]


def test_a_theme_with_no_question_left_is_no_entry_of_its_own(ws: Workspace) -> None:
    dear = _theme(ws, 1, "Too dear for us", "price", [DEAR])
    again = _theme(ws, 2, "Costs more than the rest", "price", ["It costs more than our CRM does."])
    odd = _theme(ws, 3, "The lads will walk out", None, ["The lads will walk out over this one."])
    faq = _faq(ws, [dear, again, odd])
    items = faq["items"]
    assert [item["question"] for item in items] == [PRICE_QUESTION]  # type: ignore[index]
    assert str(faq["intro"]).startswith("The 1 concern buyers raised most, heard on 1 sales call")
    with ws.session() as db:
        evidence = collect_evidence(db, [dear, again, odd], redact=False)
        names = [c.name for c in db.query(Cluster)]
    brief = OFFLINE_DRAFTS["seo-brief"](evidence).model_dump()
    asked = [q["text"] for q in brief["questions"]]
    assert all(not q.startswith("What do you say") for q in asked), asked
    assert not any(name in q for q in asked for name in names), asked


def test_an_entry_cites_no_guess_or_pain_beside_a_sure_objection(ws: Workspace) -> None:
    """A 0.39 "more than we pay for our accounts package" and a pain had been an FAQ price
    entry's sources beside a sure objection."""
    with ws.session() as db:
        theme = add_theme(db, "Too dear for us", "dear")
        _, turns = _call(
            db, 1, "Harbour Build 1", "open", "2026-04-01",
            [
                ("Nell Okafor", "buyer", DEAR),
                ("Nell Okafor", "buyer", "I had a look and it's more than our accounts package."),
                ("Nell Okafor", "buyer", "We lose a morning every time a permit goes missing."),
            ],
        )  # fmt: skip
        for turn, kind, confidence in zip(
            turns, ("objection", "objection", "pain"), (0.9, 0.39, 0.95), strict=True
        ):
            _mention(db, turn, kind, "price", theme).confidence = confidence
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False, confident_at=0.5)
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    cited = [evidence.quote(i) for i in item["citations"]]
    assert [q.text for q in cited if q is not None] == [DEAR]
