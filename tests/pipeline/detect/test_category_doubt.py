"""Category doubt per mention (review 23l item 1): each objection keeps its category's margin
over the next, and the review queue asks the near ties, in turn with the kind doubts, however
sure the kind (a data-protection worry filed as "another app" at 0.998 had never been asked).
Real embedder and detector, SQLite."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.analysis.corrections import label_sentence, redetect_all
from pipeline.detect import learning as detections
from pipeline.detect.model import category_confidence
from pipeline.detect.queue import CATEGORY_TIE
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention
from pipeline.workspace import Workspace

TIED_CONFIDENCE = category_confidence(CATEGORY_TIE)  # what the queue shows of a near tie

# A garden centre's discovery call (invented people). The buyer's worries: one plainly about
# the contract, one plainly about staff taking to it, and one that mixes training the staff with
# its cost (adoption or price: a near tie, the kind sure).
CALL = (
    b"Rosa Lindqvist: Thanks for joining, Owen. Where are you with the tills today?\n"
    b"Owen Barraclough: We're on paper for the plant orders and a till from 2011.\n"
    b"Rosa Lindqvist: What would stop you moving?\n"
    b"Owen Barraclough: The annual contract is what scares me, to be honest. "
    b"The staff would need training and that costs us money we don't have. "
    b"My worry is the older staff, half of them have never used a tablet.\n"
    b"Rosa Lindqvist: Understood. I'll send the pricing sheet over.\n"
)
TIED = "The staff would need training and that costs us money we don't have."
SURE = (
    "The annual contract is what scares me, to be honest.",
    "My worry is the older staff, half of them have never used a tablet.",
)
# A second call that says the same mix in other words: what an answer on the first teaches.
LATER_CALL = (
    b"Rosa Lindqvist: Good to meet you, Imogen. What would hold you back?\n"
    b"Imogen Achterberg: Our volunteers would all need training, and that's money the charity "
    b"hasn't got.\n"
    b"Rosa Lindqvist: Thanks, I'll follow up.\n"
)
LATER = "Our volunteers would all need training, and that's money the charity hasn't got."


def _objections(ws: Workspace) -> dict[str, Mention]:
    with ws.session() as session:
        rows = session.scalars(select(Mention).where(Mention.kind == "objection")).all()
        session.expunge_all()
    return {m.text: m for m in rows}


def test_each_objection_keeps_its_category_margin(workspace: Workspace) -> None:
    ingest_bytes(workspace, CALL, "garden_centre_discovery.txt")
    found = _objections(workspace)
    assert set(found) >= {TIED, *SURE}, sorted(found)
    tied = found[TIED].category_margin
    assert tied is not None and tied < CATEGORY_TIE, (found[TIED].category, tied)
    for text in SURE:
        margin = found[text].category_margin
        assert margin is not None and margin >= CATEGORY_TIE, (text, found[text].category, margin)
    with workspace.session() as session:  # other kinds have no category to doubt
        others = session.scalars(
            select(Mention.category_margin).where(Mention.kind.in_(("other", "current_setup")))
        ).all()
    assert others and all(m is None for m in others)


def test_a_near_tie_is_asked_before_the_sure_sentences(workspace: Workspace) -> None:
    """The tied objection's kind is sure, yet it comes first among the category doubts: no
    sentence sure of both its kind and its category is asked before it."""
    ingest_bytes(workspace, CALL, "garden_centre_discovery.txt")
    sure_at = workspace.settings.confident_at
    found = _objections(workspace)
    assert found[TIED].confidence >= sure_at  # only its category is in doubt
    with workspace.session() as session:
        asked = [e.item for e in detections.review_queue(workspace, session, 20)]
    sentences = [item.sentence for item in asked]
    assert TIED in sentences, sentences
    at = sentences.index(TIED)
    assert at <= 1, sentences  # the first category doubt, after at most one kind doubt
    before = asked[:at]
    assert all(item.confidence < sure_at for item in before), before
    lead = asked[at].category_confidence  # the queue's JSON carries it, 0..1 (0.5 a tie)
    assert lead is not None and 0.0 <= lead < TIED_CONFIDENCE
    assert all(sentences.index(text) > at for text in SURE if text in sentences)
    with workspace.session() as session:  # the review page counts it as uncertain
        progress = detections.queue_progress(workspace, session)
    unsure = sum(
        1
        for item in asked
        if item.confidence < sure_at
        or (item.category_confidence is not None and item.category_confidence < TIED_CONFIDENCE)
    )
    assert len(asked) < 20 and progress.uncertain == unsure  # every sentence was listed


def test_a_category_answer_rescores_the_categories_at_redetect(workspace: Workspace) -> None:
    """An answer with a category teaches the category model: redetect scores the categories
    again and stores the new margins, not only P(objection)."""
    ingest_bytes(workspace, CALL, "garden_centre_discovery.txt")
    ingest_bytes(workspace, LATER_CALL, "charity_nursery_intro.txt")
    before = _objections(workspace)
    assert before[LATER].category != "adoption"  # so the answer has something to teach
    answered = before[TIED]
    with workspace.session() as session:
        label_sentence(
            workspace,
            session,
            answered.utterance_id,
            text=TIED,
            label="objection",
            category="adoption",
        )
        session.commit()
    assert _objections(workspace)[TIED].category_margin is None  # the user's: no doubt
    detections.refit(workspace)  # the background re-fit keeps categories, scores them again
    refitted = _objections(workspace)[LATER]
    assert refitted.category == before[LATER].category
    assert refitted.category_margin != before[LATER].category_margin
    redetect_all(workspace)
    after = _objections(workspace)
    assert after[TIED].category == "adoption" and after[TIED].category_margin is None
    later, earlier = after[LATER], before[LATER]
    assert later.category_margin is not None and earlier.category_margin is not None
    # the answered category gained: it took over, or the other one leads by less
    if later.category == earlier.category:
        assert later.category_margin < earlier.category_margin, (later.category, earlier)
    else:
        assert later.category == "adoption"
