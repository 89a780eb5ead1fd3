"""The one read of detected sentences behind a theme's quotes, a rival's sentences and praise
of us: a sentence tagged twice is one sentence, a rep's line or an excluded mention none."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.content.mention_rows import buyer_sentences, mention_rows
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call, add_objection


def test_a_sentence_tagged_twice_is_read_once_and_a_reps_line_not_at_all(
    workspace: Workspace,
) -> None:
    call_id = add_call(
        workspace,
        ["Jobber quoted us less than you.", "The setup took our team weeks."],
        key="sentences",
    )
    with workspace.session() as db:
        turns = db.scalars(select(Utterance).where(Utterance.call_id == call_id)).all()
        first, second = [u for u in turns if u.role == "buyer"]
        rep = next(u for u in turns if u.role == "rep")
        price = add_objection(db, first, "price", competitor="Jobber")
        tag = add_objection(db, first, "other", competitor="Jobber")
        tag.kind = "competitor"  # the rival's tag: a second mention of the same sentence
        add_objection(db, second, "setup").excluded = True  # a user took it out
        said_by_rep = add_objection(db, rep, "price")
        db.flush()
        sentences = buyer_sentences(db, Mention.call_id == call_id, order_by=(Mention.char_start,))
        assert [(row[0].id, row[1].id) for row in sentences] == [(price.id, first.id)]
        every = mention_rows(db, Mention.call_id == call_id)
        assert [row[0].id for row in every] == sorted([price.id, tag.id, said_by_rep.id])
