"""What a page may state as the market's problem and its reasons to act now, from what buyers
said. A pain is the market's when a prospect states it, not an existing customer complaining
about us: "Two ABB chargers were offline for nine days and nobody told us.", said in a won
deal's quarterly review, had been a one-pager's "The problem". A why-now states a trigger (a
deadline, a cost, a risk, an event), not the deal's next step ("Send the expansion order form
once the SOC 2 piece is sorted."), a set-up fact ("We have two of-counsel attorneys who only
work a few days a month.") nor a condition on us ("If you had gate codes in the app by March
we'd be having a different conversation." had been a one-pager's reason to act now)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from pipeline.cluster.rivals import known_competitors
from pipeline.content.content_today import praises_today
from pipeline.content.won_answers import MentionRow, names_in
from pipeline.detect.rules import lowered, why_now_cues
from pipeline.detect.sentences import split_sentences
from pipeline.language import in_english
from pipeline.store.models import Call, Mention, Utterance

# A meeting held once the deal was won: a review of the service, a renewal, onboarding, more
# sites. Named in a won call's title or its opening lines ("Thanks everyone for making time for
# the quarterly review.").
_AFTER_SALE = re.compile(
    r"\b(?:qbr|(?:quarterly|annual|business|account|service|success) (?:business )?review"
    r"|renewals?|check-?ins?|health ?checks?|onboarding|kick-?off|go-?live|expansion)\b",
    re.IGNORECASE,
)
OPENING_CHARS = 400  # a call's title and greeting, not what was said about a renewal later
# A sentence whose subject is us: our product, our team, what we did or failed to do.
_ABOUT_US = re.compile(
    r"\b(?:your|yours|you guys|you people"
    r"|you (?:never|didn'?t|did not|haven'?t|have not|weren'?t|were not|forgot|promised|said"
    r"|told|broke|missed|lost|charged|sent))\b"
)
# The deal's own next step: paperwork, an approval, something sent before signing.
_BUYING_STEP = re.compile(
    r"^(?:\W*(?:so|ok(?:ay)?|great|right|then|and|please|just),?\s)*"
    r"(?:send|email|forward|share|shoot|drop|get)\b"
    r"|\b(?:order form|purchase order|paperwork|docusign|signature page|msa|statement of work)\b"
    r"|\bbefore (?:he|she|they|we|i|anyone|the \w+)(?:'ll| will| can| would|'d)? "
    r"(?:sign|commit|approve|buy|go ahead|place)\w*"
    r"|\b(?:procurement|legal|finance|purchasing) (?:needs|wants|requires|will need|asked for)\b"
)
# What a cost is paid in: a why-now read as a cost says what it takes, loses or costs them ("It
# takes one of my coordinators about three days a month"), not only how often someone works
# ("two of-counsel attorneys who only work a few days a month").
_PAID = re.compile(
    r"\b(?:takes?|taking|took|spend\w*|spent|los(?:e|es|ing|t)|wast\w*|cost\w*|eat\w*|ate"
    r"|burn\w*|pay\w*|paid|over-?pa\w*|overtime|fees?|bills?|fortune|thousands|hundreds)\b"
)
# The kinds a sentence tagged why-now must not have been read as to be a trigger: a set-up
# fact, small talk, a question, and a worry about buying from us (a reason to wait, not to act).
NO_TRIGGER_KINDS = ("current_setup", "other", "question", "objection")
# A condition the buyer puts on us: what we would have ("if you had ...", "once your app does
# ..."), not an impersonal "you" ("if you file late, you're fined" is a risk of theirs).
_IF = r"\b(?:if|unless|until|till|once|as soon as|as long as|so long as|provided(?: that)?)\s+"
_ON_US = re.compile(
    rf"{_IF}you(?:['’]d| (?:guys |people |folks )?(?:\w+ly )?(?:had|have|could|can|did|offered"
    r"|offer|supported|support|added|add|built|build|were|got|get|made|make|matched|match"
    r"|dropped|drop|included|include|integrated|integrate|came|come|sorted|sort|fixed|fix"
    r"|brought|bring|threw|throw|gave|give|knocked|knock|lowered|lower|put|shipped|ship))\b"
    rf"|{_IF}your (?:\w+ )?(?:app|apps|product|software|system|platform|tool|team|price|prices"
    r"|pricing|quote|offer|company|roadmap|integration|support|developers|devs)\b"
)


def after_the_sale(call: Call) -> bool:
    """A won deal's meeting held once it was won: what its buyers complain of is our service."""
    if call.outcome != "won":
        return False
    opening = f"{call.title or ''}\n{(call.raw_text or '')[:OPENING_CHARS]}"
    return bool(_AFTER_SALE.search(opening))


def about_us(sentence: str, ours: Sequence[str]) -> bool:
    """A sentence whose subject is us (``ours``: our company's and product's names)."""
    text = lowered(sentence)
    return bool(_ABOUT_US.search(text)) or any(
        re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text) for name in ours if name
    )


def buying_step(sentence: str) -> bool:
    """The deal's own next step (paperwork, an approval, something to send before signing)."""
    return bool(_BUYING_STEP.search(lowered(sentence).strip()))


def says_what_it_costs(sentence: str) -> bool:
    """A cost said as what it takes, loses or costs them, not only how often someone works."""
    return bool(_PAID.search(lowered(sentence)))


def conditions_on_us(sentence: str, ours: Sequence[str] = ()) -> bool:
    """A condition put on us or our product ("If you had X by March we'd ...", "Once <ours>
    supports Y ..."): what we would have to do, never the buyer's own reason to act."""
    text = lowered(sentence)
    if _ON_US.search(text):
        return True
    names = "|".join(re.escape(name.lower()) for name in ours if name)
    opener = r"\b(?:if|unless|until|till|once|when|as soon as)\s+(?:the\s+)?"
    return bool(names) and re.search(rf"{opener}(?:{names})(?!\w)", text) is not None


def market_pains(rows: Sequence[MentionRow], ours: Sequence[str]) -> list[MentionRow]:
    """The rows a market's problem may stand on: not said after the sale, not about us, and not
    content with how they work today (``praises_today``: "it's never once lost us a penny, so
    you've got to give me a reason", stored as a pain, is a status-quo worry)."""
    after = {r[2].id: after_the_sale(r[2]) for r in rows}
    return [
        r
        for r in rows
        if not after[r[2].id] and not about_us(r[0].text, ours) and not praises_today(r[0].text)
    ]


def sure_buyer_calls(rows: Sequence[MentionRow], confident_at: float) -> list[int]:
    """The calls whose buyers said it with confidence (only unsure when none is sure), in
    order: a rep's note or a guess is no buyer raising a problem."""
    buyers = [r for r in rows if r[1].role == "buyer"]
    sure = [r for r in buyers if r[0].confidence >= confident_at] or buyers
    return sorted({r[2].id for r in sure})


def in_page_language(rows: Sequence[MentionRow]) -> list[MentionRow]:
    """The rows said in the page's language (English), which a page states as its own point."""
    return [r for r in rows if in_english(r[0].text)]


def foreign_context(text: str) -> bool:
    """A quote's sentences are not all in the page's language (English): "Das kostet mich zwei
    Tage im Monat." had come with the English sentence quoted after it."""
    return not all(in_english(part) for _, _, part in split_sentences(text))


def reasons_to_act(
    session: Session, rows: Sequence[MentionRow], ours: Sequence[str] = ()
) -> list[MentionRow]:
    """The why-now rows that state a buyer's reason to buy from us now (``for_us``), each with
    a trigger cue of its own (a why-now read by likeness alone had quoted German), a cost that
    says what it costs (``_PAID``), not the deal's next step, not a condition on us nor content
    with today, not read as a set-up fact, small talk, a question or an objection, in English,
    and not said after the sale (an existing customer's expansion is no market's reason)."""
    kinds = _sentence_kinds(session, rows)
    return [
        r
        for r in for_us(session, rows)
        if why_now_cues(r[0].text)
        and (r[0].category != "cost" or says_what_it_costs(r[0].text))
        and not buying_step(r[0].text)
        and not conditions_on_us(r[0].text, ours)
        and not praises_today(r[0].text)
        and not kinds.get((r[1].id, r[0].char_start), set()) & set(NO_TRIGGER_KINDS)
        and in_english(r[0].text)
        and not after_the_sale(r[2])
    ]


def _sentence_kinds(
    session: Session, rows: Sequence[MentionRow]
) -> dict[tuple[int, int], set[str]]:
    """The other kinds each row's sentence was read as (by utterance and where it starts)."""
    kinds: dict[tuple[int, int], set[str]] = {}
    ids = sorted({r[1].id for r in rows})
    for start in range(0, len(ids), 500):
        found = session.execute(
            select(Mention.utterance_id, Mention.char_start, Mention.kind).where(
                Mention.utterance_id.in_(ids[start : start + 500]),
                Mention.kind != "why_now",
                Mention.excluded.is_(False),
            )
        )
        for utterance_id, char_start, kind in found:
            kinds.setdefault((int(utterance_id), int(char_start)), set()).add(str(kind))
    return kinds


def for_us(session: Session, rows: Sequence[MentionRow]) -> list[MentionRow]:
    """The why-now rows that are a reason to buy from us: not one said in a turn that names a
    rival, nor in answer to a line that does. "We're hiring for the second shop next year",
    said when the rep asked whether Staffly's HR side was needed now, is Staffly's reason. A
    deadline is the buyer's, whoever they pick ("our RotaPro contract ends in March"). A
    question is no reason ("And is annual a problem if the audit people come back?")."""
    if not rows:
        return []
    known = {n for r in rows for n in (r[2].competitors or [])} | set(known_competitors(session))
    before = aliased(Utterance)
    previous: dict[int, str] = {}
    ids = sorted({r[1].id for r in rows})
    for start in range(0, len(ids), 500):
        pairs = session.execute(
            select(Utterance.id, before.text)
            .join(
                before,
                (before.call_id == Utterance.call_id) & (before.seq == Utterance.seq - 1),
            )
            .where(Utterance.id.in_(ids[start : start + 500]))
        )
        previous.update((int(uid), str(text)) for uid, text in pairs)
    return [
        r
        for r in rows
        if not r[0].text.rstrip().endswith("?")  # a question asks; it gives no reason
        and (
            r[0].category == "deadline"
            or not (names_in(r[1].text, known) or names_in(previous.get(r[1].id, ""), known))
        )
    ]
