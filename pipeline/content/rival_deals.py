"""A comparison's rival in the calls: how buyers spell it, on how many calls they named it
(the dashboard's count), and which lost deals it won.

Why: a comparison had said Aurora came up "on 5 calls" (the calls it quoted) while the
dashboard counted 10, and "Buyers we lost to Aurora" of a deal whose buyer kept an Aurora
contract and said the timing was wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from pipeline.brand_names import short_form
from pipeline.content.mention_rows import buyer_sentences, mention_rows
from pipeline.content.quotes import shown
from pipeline.content.rival_claims import names_rival, names_winner, speaks_of
from pipeline.content.won_answers import MentionRow, names_in
from pipeline.rival_names import RivalNames
from pipeline.store.models import Call, Mention, Utterance

# A CRM column that names the deal's winner: "Lost To", "Competitor Won", "Winner".
_WINNER_COLUMNS = ("lost to", "winner", "won by", "competitor won", "winning competitor")


def rival_forms(rival: str, names: RivalNames | None = None) -> tuple[str, ...]:
    """How buyers may write the rival: its name, its short form and each alias for it."""
    forms = [rival, short_form(rival) or ""]
    if names is not None:
        forms += [a for a, target in names.aliases.items() if target.casefold() == rival.casefold()]
    return tuple(dict.fromkeys(f for f in forms if f))


def about_rival(session: Session, rival: str, segment: Sequence[Any]) -> list[MentionRow]:
    """Mentions tagged with the rival or whose sentence names it: "That's more than we pay
    Jobber." is a price worry, untagged, and a comparison had been built from one quote while
    buyers named Jobber on four calls. Not a line whose speaker's side is unknown: it may be
    our rep's word on the rival."""
    escaped = rival.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = mention_rows(
        session,
        or_(
            func.lower(Mention.competitor) == rival.lower(),
            func.lower(Mention.text).like(f"%{escaped}%", escape="\\"),
        ),
        Mention.kind != "other",  # corrected to no buyer statement, or a line to an AI
        Utterance.role != "unknown",
        *segment,
    )
    return [
        r
        for r in rows
        if (r[0].competitor or "").lower() == rival.lower() or names_in(r[0].text, {rival})
    ]


def said_of_rival(rows: Sequence[MentionRow], forms: Sequence[str]) -> list[MentionRow]:
    """The mentions a comparison may quote: what a buyer says of the rival itself, with the
    sentence after it (``rival_claims.speaks_of``), not of their own work done in it; and any
    naming in a won deal, where a buyer who weighed the rival chose us."""
    return [r for r in rows if r[2].outcome == "won" or speaks_of(shown(r, goes_on=True), forms)]


# A sentence that goes on about the one before: "We've been on X for three years. They put our
# price up by forty percent... And their support is in another time zone".
_REFERS_BACK = re.compile(
    r"^\W*(?:(?:and|but|so|also|plus|then)\s+)?(?:they|their|them|it|its|it['’]s)\b", re.I
)


def following_rival(
    session: Session, rows: Sequence[MentionRow], forms: Sequence[str], *segment: Any
) -> list[MentionRow]:
    """The buyer's sentences that go on about the rival without naming it: each after one of
    ``rows`` (or another of these) in the same turn that points back to it ("They put our
    price up..."), and the first of a buyer's turn answering a rep's question naming it. They
    had been left off the rival's page: a price rise and a support wait."""
    said = {(r[1].id, r[0].char_start) for r in rows}
    asked = _answering_questions(session, forms, segment)
    found: list[MentionRow] = []
    for sentences in _sentences(session, {r[1].id for r in rows} | asked).values():
        # The first thing said in answer to the rep's question is said of the rival.
        answer = live = sentences[0][1].id in asked
        for row in sentences:
            mention, utterance, _ = row
            if (utterance.id, mention.char_start) in said:
                live = True
            elif live and (answer or _REFERS_BACK.match(mention.text)):
                if mention.kind != "other":
                    found.append(row)
                    answer = False
            else:
                live = answer = False
    return found


def _answering_questions(
    session: Session, forms: Sequence[str], segment: Sequence[Any]
) -> set[int]:
    """The buyer turns right after a rep's question that names the rival."""
    if not forms:
        return set()
    asking = aliased(Utterance)
    likes = [func.lower(asking.text).like(f"%{f.lower()}%") for f in forms]
    pairs = session.execute(
        select(Utterance.id, asking.text)
        .join(asking, (asking.call_id == Utterance.call_id) & (asking.seq == Utterance.seq - 1))
        .join(Call, Call.id == Utterance.call_id)
        .where(Utterance.role == "buyer", asking.role == "rep", or_(*likes), *segment)
    )
    return {int(uid) for uid, text in pairs if "?" in text and names_rival(text, forms)}


def _sentences(session: Session, turns: Iterable[int]) -> dict[int, list[MentionRow]]:
    """Each buyer turn's detected sentences in order, one row per sentence."""
    by_turn: dict[int, list[MentionRow]] = {}
    for row in buyer_sentences(
        session,
        Mention.utterance_id.in_(sorted(set(turns))),
        Mention.kind != "competitor",
        order_by=(Mention.utterance_id, Mention.char_start),
    ):
        by_turn.setdefault(row[1].id, []).append(row)
    return by_turn


def calls_naming(session: Session, rival: str, *segment: Any) -> int:
    """The calls whose buyers named the rival, counted as the dashboard counts them."""
    return int(
        session.scalar(
            select(func.count(func.distinct(Mention.call_id)))
            .join(Call, Mention.call_id == Call.id)
            .where(func.lower(Mention.competitor) == rival.lower(), Mention.excluded.is_(False))
            .where(*segment)
        )
        or 0
    )


def won_by(
    session: Session, call_ids: Iterable[int], forms: Sequence[str], lost: Iterable[int] = ()
) -> set[int]:
    """The lost deals' calls among ``call_ids`` that the rival won: a line or note of the call
    says so ("Went with OpenSolar"), or a CRM column naming the winner names it. A call is of
    a lost deal when its own outcome or its deal's (``lost``) is lost. A rival merely on the
    call, or a contract with it that ran on, is no win."""
    of_lost = or_(Call.outcome == "lost", Call.id.in_(sorted(set(lost))))
    lost_calls = session.scalars(
        select(Call).where(Call.id.in_(sorted(set(call_ids))), of_lost)
    ).all()
    won: set[int] = set()
    for call in lost_calls:
        columns = (call.extra or {}).get("columns") or {}
        named = [
            str(value)
            for key, value in columns.items()
            if any(c in str(key).casefold() for c in _WINNER_COLUMNS)
        ]
        if any(f.casefold() in value.casefold() for value in named for f in forms):
            won.add(call.id)
            continue
        lines = session.scalars(select(Utterance.text).where(Utterance.call_id == call.id))
        if any(names_winner(line, forms) for line in lines):
            won.add(call.id)
    return won
