"""A comparison has a row per thing buyers said of the rival (its price, a price rise, its
support, its being all in one, a copy per site, its integrations), each headed by that topic,
our side a fact about it or "To write"; the rival fits better only for a lost deal's reason
that is not a contract or a fault; "chose us" only for a sentence naming or following it.

Why: a reviewer's pages had one row where buyers had said five things of the rival, a
"Security" row putting "we hold no clinical notes" against "X does the notes and the booking in
one system", quoted a contract lock-in as where the rival fits better, and left out the deal
lost to the rival "because they already integrate with our tax software"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.collect import collect_evidence
from pipeline.content.generate import build_messages, content_type, generate_document, prompt_text
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.pairing import answers_beyond
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_claims import content_with, rival_topic, topic_said, what_needs_answer
from pipeline.content.types import Comparison
from pipeline.embed import Embedder
from pipeline.llm import llm_schema
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, add_theme

RIVAL = "Tidely"
NO_RECORDS = "We sign a data processing agreement with every practice; Bookwise holds no records."
PROFILE = ProductProfile(
    name="Bookwise",
    pricing=["$25 per vet per month, nurses free."],
    plans=["Month-to-month: no minimum contract."],
    features=[
        "Online booking from your website with each appointment type's own length.",
        "Reminder campaigns across every site from one diary.",
    ],
    integrations=["Imports appointments from Tidely and PetDesk exports."],
    security=[NO_RECORDS],
    onboarding=["Front-desk training is one short session."],
    proof_points=["Practices cut no-shows by a third."],
)
ON_IT = "We've been on Tidely for four years."
RISE = "They put our price up by thirty percent in March with a week's notice."
SUPPORT = "And their support is in another time zone, so we wait a day for any answer."
WORRY = "My worry is moving all our appointment history across."
ONE_SYSTEM = "Tidely does the records and the booking in one system, so there's only one login."
SITES = "We have three sites and each site runs its own copy of Tidely."
LOCKED = "Also our contract with Tidely runs to next May."
DEARER = "$25 a vet is double what Tidely charges us."
CHOSE = "We've decided to go with Tidely, mainly because they already integrate with our lab."
DEADLINE = "Nobody here has a spare hour until the audit."


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data", competitors=[RIVAL]), embedder=embedder)
    yield ws
    ws.close()


def _sentences(db: Session, turn: Utterance, *said: tuple[str, str | None]) -> None:
    """One mention per sentence of ``turn`` (kind, category), tagged with the rival where it
    names it, as the detector stores them."""
    theme = add_theme(db, "Vet tools", "vet")
    start = 0
    for sentence, (kind, category) in zip(turn.text.split("  "), said, strict=True):
        start = turn.text.index(sentence, start)
        named = RIVAL if RIVAL in sentence else None
        for tag in (kind, "competitor") if named else (kind,):
            db.add(
                Mention(
                    utterance_id=turn.id, call_id=turn.call_id, text=sentence,
                    kind=tag, category=category if tag == kind else "mention",
                    char_start=start, char_end=start + len(sentence), competitor=named,
                    cluster_id=theme.id if tag == kind else None,
                )
            )  # fmt: skip
        start += len(sentence)


def _page(db: Session, workspace: Workspace) -> str:
    set_profile(db, PROFILE)
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=RIVAL,
        use_llm=False, embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def _rows(body: str) -> dict[str, tuple[str, str]]:
    """Each row's heading -> (our side, their side)."""
    rows = [line.split(" | ") for line in body.splitlines() if line.startswith("| **")]
    return {cells[0].strip("| *"): (cells[1], cells[2]) for cells in rows}


def _seed(db: Session) -> None:
    """Six calls naming the rival: won, lost (to it, and not), open."""
    if True:  # kept indented as the calls were first written
        _, [won] = _call(
            db, 1, "Pinecrest Vets", "won", "2026-03-02",
            [("Ben Marsh", "buyer", "  ".join([ON_IT, RISE, SUPPORT, WORRY]))],
        )  # fmt: skip
        _sentences(
            db, won, ("current_setup", None), ("pain", None), ("objection", "adoption"),
            ("objection", "switching"),
        )  # fmt: skip
        _, [lost] = _call(
            db, 2, "Meadow Vets", "lost", "2026-03-09",
            [("Fay Lund", "buyer", "  ".join([ONE_SYSTEM, LOCKED]))],
        )  # fmt: skip
        _sentences(db, lost, ("objection", "security"), ("objection", "competitor"))
        _, [sites] = _call(
            db, 3, "Kowhai Vets", "open", "2026-03-16", [("Aroha Tane", "buyer", SITES)]
        )
        _sentences(db, sites, ("pain", None))
        _, [dearer] = _call(
            db, 4, "Castle Vets", "lost", "2026-03-23", [("Ivo Shah", "buyer", DEARER)]
        )
        _sentences(db, dearer, ("objection", "price"))
        _, [chose] = _call(
            db, 5, "Lakeshore Vets", "lost", "2026-03-30", [("Dee Park", "buyer", CHOSE)]
        )
        _sentences(db, chose, ("objection", "competitor"))
        _, [deadline] = _call(
            db, 6, "Hollis Vets", "won", "2026-04-06",
            [("Ann Roe", "buyer", f"We're moving off {RIVAL} this year.  {DEADLINE}")],
        )  # fmt: skip
        _sentences(db, deadline, ("current_setup", None), ("objection", "authority_timing"))


def test_a_row_per_thing_said_of_the_rival(workspace: Workspace) -> None:
    with workspace.session() as db:
        _seed(db)
        body = _page(db, workspace)
    rows = _rows(body)
    quoted_in = {text: head for head, (_, them) in rows.items() for text in (RISE, SUPPORT,
                 ONE_SYSTEM, SITES, DEARER, CHOSE, LOCKED) if text in them}  # fmt: skip
    # Item 1 and 2: each thing said of them is a row headed by its topic.
    assert quoted_in[RISE].startswith("Price") and quoted_in[DEARER].startswith("Price"), rows
    assert quoted_in[SUPPORT].startswith("Support"), rows
    assert quoted_in[ONE_SYSTEM].startswith("All in one system"), rows
    assert quoted_in[SITES].startswith("Several sites"), rows
    assert quoted_in[CHOSE].startswith("Integrations"), rows
    assert quoted_in[LOCKED].startswith("Plans and terms"), rows
    # Item 3: our side answers only about its topic; never "we hold no records" against theirs.
    assert NO_RECORDS not in body
    assert "To write" in rows[quoted_in[SUPPORT]][0]
    assert "To write" in rows[quoted_in[ONE_SYSTEM]][0]
    assert "every site" in rows[quoted_in[SITES]][0]
    # Item 4 and 5: where they fit better, the lost deals' reasons, not a contract.
    fits = body.split(f"## When {RIVAL} is the better fit")[1].split("##")[0]
    assert f"Buyers we lost to {RIVAL} said: “{CHOSE}”" in fits
    assert LOCKED not in fits and (ONE_SYSTEM in fits or DEARER in fits)
    # Item 6: "chose us" only of sentences naming or following them.
    ours = body.split("## When we are the better fit")[1].split("##")[0]
    assert f"“{RISE}” chose us" in ours and DEADLINE not in body


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}")[1].split("\n## ")[0] if f"## {heading}" in body else ""


def test_what_buyers_said_of_the_rival_under_its_own_headings(workspace: Workspace) -> None:
    """A marketer's fair page: the deals it was named in, counted from the calls; why buyers
    stay with it; where it falls short for them; our side only where a fact answers the row.
    The reviewers' pages had no count of deals, a contract lock-in under "better fit", and
    "half price for part-timers" against "they put our price up by forty percent"."""
    with workspace.session() as db:
        _seed(db)
        body = _page(db, workspace)
    deals = _section(body, f"Deals where buyers named {RIVAL}")
    assert f"6 deals where buyers named {RIVAL}: 2 won, 3 lost, 1 open" in deals, body
    assert "Lost to Tidely, in the deal's own words: 1 of the 3 lost." in deals
    assert LOCKED in _section(body, f"Why buyers stay with {RIVAL}")
    short = _section(body, f"Where {RIVAL} falls short for buyers")
    assert RISE in short and SUPPORT in short and LOCKED not in short and CHOSE not in short
    support = next(us for us, them in _rows(body).values() if SUPPORT in them)
    assert support == "To write: no answer on file — ask product."


@pytest.mark.parametrize(
    ("said", "fact", "answers"),
    [
        # Sharing only the row's topic is no answer: a price fact to a price rise.
        (RISE, "Vets working under ten hours a week are half price.", False),
        (CHOSE, "QuickBooks Online and Xero sync.", False),
        ("Tidely is cheaper and my staff already know it.", "$25 per vet per month.", False),
        # The words of its content are no topic: "does the job" against "recurring jobs".
        ("We use Tidely for the task lists and it does the job.", "Recurring jobs.", False),
        # What the row is about beyond its heading: the texts, a diary across sites.
        (
            "Tidely's fine but the texts cost us extra on top of the subscription.",
            "Reminder texts are included in the price, with no per-message charge.",
            True,
        ),
        (SITES, "Reminder campaigns across every site from one diary.", True),
    ],
)
def test_our_side_answers_a_row_beyond_its_topic(said: str, fact: str, answers: bool) -> None:
    topic = rival_topic(said) or ("status_quo" if content_with(said) else None)
    heard = what_needs_answer(said)
    heading = topic_said(heard, topic)
    assert answers_beyond(fact, [heard], heading, rivals=[RIVAL]) is answers


def test_the_llm_is_shown_the_same_groups_and_may_fill_them(workspace: Workspace) -> None:
    """The LLM page had only rows and two fit lists: it got no deal counts, no reasons to stay
    and no faults, and no word on which fact answers which row."""
    with workspace.session() as db:
        _seed(db)
        set_profile(db, PROFILE)
        db.flush()
        evidence = collect_evidence(db, [], competitor=RIVAL, redact=False)
    prompt = prompt_text(build_messages(content_type("comparison"), evidence))
    ids = {q.text: q.id for q in evidence.quotes}
    stay = prompt.split("Why they stay:")[1].splitlines()[0]
    short = prompt.split("Falls short:")[1].splitlines()[0]
    assert f"Q{ids[LOCKED]} " in stay and f"Q{ids[RISE]} " in short
    assert f"6 deals where buyers named {RIVAL}" in prompt
    assert "no answer on file" in prompt  # the support row: no fact answers it
    schema = llm_schema(Comparison, quote_ids=list(ids.values()))
    assert {"why_they_stay", "falls_short", "deals"} <= set(schema["required"])
    draft = OFFLINE_DRAFTS["comparison"](evidence).model_dump()
    assert Comparison.model_validate(draft).why_they_stay  # the same shape both ways
