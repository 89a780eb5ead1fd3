"""How a deal ended, as a rep's note states it: "Closed won.", "Signed!", "Lost to Karbon.",
"Decided to go with <us>", "They went with <a rival>", "Lost.", "Loss reason: price".

Why: a CRM note saying "Lost to Karbon." or "Signed!" had left its call's outcome unknown (a
notes export has no outcome column), and "Decided to go with LedgerLoop, closed won." had been
stored as a competitor objection naming our own company. Only clear statements count: a
question, a negation or a hedge ("not signed yet", "if they sign", "hoping to close won")
states nothing, and a product chosen counts only when it is ours or a known rival.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.deal_stages import last_step
from pipeline.detect.competitors import find_competitors
from pipeline.detect.loss_reasons import LossReason, chosen_rival, reason_in_note
from pipeline.detect.rules import lowered, notes_the_reps_doing, topic_without_rival
from pipeline.detect.sentences import split_sentences
from pipeline.rival_names import squashed
from pipeline.text_memo import TEXTS_REMEMBERED

_FLAGS = re.IGNORECASE
_NAME = r"(?-i:(?P<name>[A-Z][\w&.+'’-]*(?:\s+(?:&\s+)?[A-Z][\w&.+'’-]*){0,3}))"
_BARE = re.compile(r"^\W*(?:deal\s+)?(?P<verdict>won|lost)\W*$", _FLAGS)  # "Lost.", "Won!"
# "Won - 3 year deal at list", "Won: 24 months": a win and its terms after it (a loss's words
# after it are its reason, read by ``loss_in_note``).
_WON_THEN = re.compile(r"^\W*(?:deal\s+)?won\s*(?:[-–—:]|\s[-–—])\s*\S", _FLAGS)
_CLOSED = re.compile(r"\bclosed[\s/-]*(?P<verdict>won|lost)\b", _FLAGS)
# "Signed!", "Contract signed.", "They signed the order form today."; not "signed up", "signed
# off", "signed with X" (a product chosen, read below) nor "co-signed".
_SIGNED = re.compile(
    r"(?:^\W*|\b(?:they|client|customer|contract|agreement|order form|deal|paperwork|it)"
    r"(?:\s+(?:is|was|has|have|got|now|just|finally|all))*\s+)(?<!-)signed\b"
    r"(?!\s+(?:up|off|in|out|on|with|by)\b)",
    _FLAGS,
)
_LOST_TO = re.compile(
    rf"\blost\s+(?:(?:the|this|a|our)\s+deal\s+|it\s+|out\s+)?to\s+{_NAME}", _FLAGS
)
# "went with X", "staying with X", "renewed with X" (not "stuck with X": a pain with what they run)
# A product no one listed counts only where it is chosen, not kept (``keep``): "staying on X"
# may name any tool they keep.
_CHOSE = re.compile(
    r"\b(?:decided\s+to\s+go|decided\s+on|(?:have|has|had)\s+gone|went|going\s+with|chose"
    r"|picked|opted(?:\s+for)?|selected|signed\s+with|(?P<keep>stay(?:ing|ed|s)?\s+(?:with|on)"
    rf"|stick(?:ing|s)?\s+with|renew(?:ed|ing)\s+with))\s+(?:with\s+)?{_NAME}",
    _FLAGS,
)
# A sentence that only wishes, asks, denies or plans states no outcome.
_HEDGE = re.compile(
    r"\b(?:not|no|never|yet|if|unless|once|when|until|whether|might|may|could|would|should|will"
    r"|won't|hope|hoping|hopefully|expect\w*|likely|probably|maybe|perhaps|to be|about to"
    r"|ready to|plan\w* to|want\w* to|going to|need\w* to|almost|nearly|close to|ago|last year"
    r"|previously|before|used to)\b|n't\b",
    _FLAGS,
)
# A verdict's reason after it: "Closed lost to X - cheaper", "Lost to X (they couldn't wait)",
# "Closed-lost: went with X".
_REASON_MARK = re.compile(r"\s+[-–—]\s+|\s*[–—(:;]\s*")
# "the Closed Won report", "our closed-lost deals": a stage's name naming something.
_NAMING = re.compile(
    r"\b(?:the|a|an|our|their|your|my|his|her|its|this|that|these|those)\s+$", _FLAGS
)


@dataclass(frozen=True)
class DealNews:
    """An outcome a note states, the rival it was lost to (if named) and the line saying so."""

    outcome: str  # won | lost
    rival: str | None
    line: str


def news_in_sentence(
    sentence: str, ours: Iterable[str], rivals: Iterable[str] = ()
) -> DealNews | None:
    """The outcome one sentence states, or None when it states none clearly."""
    return _news_of(sentence, tuple(ours), tuple(rivals))


@lru_cache(maxsize=TEXTS_REMEMBERED)  # the deal-news, loss and won-terms rules each ask it
def _news_of(sentence: str, ours: tuple[str, ...], rivals: tuple[str, ...]) -> DealNews | None:
    text = " ".join(sentence.replace("’", "'").split())
    if reason := reason_in_note(text):  # its own words may hedge: "Loss reason: they'd wait"
        rival = next((h.name for h in find_competitors(reason, list(rivals)) if h.known), None)
        return DealNews("lost", rival, text)
    news = _news_in_step(last_step(text), ours, rivals)  # "Stage: Negotiation → Closed Lost"
    return None if news is None else replace(news, line=text)


def _news_in_step(text: str, ours: Iterable[str], rivals: Iterable[str]) -> DealNews | None:
    """The outcome a sentence, or the last step of its stage path, states."""
    if bare := _BARE.match(text):
        return DealNews(bare.group("verdict").casefold(), None, text)
    if _WON_THEN.match(text):
        return DealNews("won", None, text)
    if not text or text.endswith("?"):
        return None
    our_keys = {squashed(n) for n in ours if squashed(n)}
    rival_keys = {squashed(n): n for n in rivals if squashed(n)}
    if (verdict := _verdict(text, our_keys)) is not None:
        return _closed_news(text, verdict, our_keys, rival_keys)
    if _HEDGE.search(text):
        return None
    for chose in _CHOSE.finditer(text):
        key = squashed(_clean(chose.group("name")))
        if key in our_keys or any(key.startswith(k) for k in our_keys):
            return DealNews("won", None, text)
        if key in rival_keys:
            return DealNews("lost", rival_keys[key], text)
        if chose.group("keep") is None and (rival := _product_chosen(text, chose, ours)):
            return DealNews("lost", rival, text)
    if _SIGNED.search(text):
        return DealNews("won", None, text)
    return None


def _verdict(text: str, our_keys: set[str]) -> re.Match[str] | None:
    """The words stating how the deal closed ("lost to <name>", else "closed won/lost"), not a
    stage's name naming something ("we lost the Closed Won report") nor a loss to us."""
    for pattern in (_LOST_TO, _CLOSED):
        for found in pattern.finditer(text):
            named = found.groupdict().get("name")
            if _NAMING.search(text[: found.start()]) or (
                named is not None and squashed(_clean(named)) in our_keys
            ):
                continue
            return found
    return None


def _closed_news(
    text: str, verdict: re.Match[str], our_keys: set[str], rival_keys: dict[str, str]
) -> DealNews | None:
    """The news a verdict states unless its own words hedge ("not closed lost yet"); the words
    after it are its reason and may ("Lost to Karbon (they couldn't wait)"). A lost deal's rival
    is the one it was lost to, else the known rival it names, else the product the reason says
    they chose, configured or not ("Closed-lost: went with Karbon")."""
    cut = _REASON_MARK.search(text, verdict.end())
    if _HEDGE.search(text[: cut.start() if cut else len(text)]):
        return None
    if named := verdict.groupdict().get("name"):
        name = _clean(named)
        return DealNews("lost", rival_keys.get(squashed(name), name), text)
    if verdict.group("verdict").casefold() == "won":
        return DealNews("won", None, text)
    rival = _named_rival(text, rival_keys.values())
    for chose in _CHOSE.finditer(text, verdict.end()) if rival is None else ():
        key = squashed(name := _clean(chose.group("name")))
        if key and key not in our_keys and not any(key.startswith(k) for k in our_keys):
            rival = rival_keys.get(key, name)
            break
    return DealNews("lost", rival, text)


def is_deal_news(sentence: str, role: str, ours: Iterable[str], rivals: Iterable[str]) -> bool:
    """A note saying how the deal ended ("Lost to Karbon.", "Decided to go with <us>, closed
    won.") or anyone saying they chose us: news, not a worry."""
    news = news_in_sentence(sentence, ours, rivals)
    return news is not None and (role == "rep_note" or news.outcome == "won")


def loss_in_note(
    sentence: str, role: str, ours: Iterable[str], rivals: Iterable[str]
) -> LossReason | None:
    """A rep's note naming who took the deal ("Lost to Procore.", "Closed lost to HammerTech -
    cheaper per site", "Deal lost, they chose RotaPro on price"): the deal's loss reason, naming
    the rival, in the category the words after its name give (price there), else competitor.
    Like a "Lost. Reason: ..." line, it had set the outcome but counted as no objection."""
    news = news_in_sentence(sentence, ours, rivals) if role == "rep_note" else None
    if news is None or news.outcome != "lost":
        return None
    text = lowered(sentence)
    if news.rival is None:
        return _unrivalled_loss(text)
    named = text.find(news.rival.casefold())
    reason = text[named + len(news.rival) :].strip(" .,;:-–—()") if named >= 0 else ""
    if notes_the_reps_doing(reason):  # "Lost to Procore, revisit Q3.": the rep's, no reason
        reason = ""
    return LossReason(topic_without_rival(reason) or "competitor", news.rival)


def _unrivalled_loss(text: str) -> LossReason | None:
    """A loss the note gives a reason for after its verdict, no rival named ("Closed lost -
    staying with spreadsheets for now.": status quo, "Closed lost: no budget this year"): that
    reason's topic, else None (it had been the deal's record, other 0.99, and the lost deal
    had no reason on file)."""
    verdict = _CLOSED.search(text)
    cut = _REASON_MARK.search(text, verdict.end()) if verdict else None
    reason = text[cut.end() :].strip(" .,;:-–—()") if cut else ""
    if not reason or notes_the_reps_doing(reason):  # "Closed lost, revisit Q3."
        return None
    topic = topic_without_rival(reason)
    return LossReason(topic, None) if topic else None


def news_in_notes(
    notes: Sequence[str],
    ours: Iterable[str],
    rivals: Iterable[str] = (),
    *,
    buyer_lines: Sequence[str] = (),
) -> DealNews | None:
    """The one outcome a call's note lines state, sentence by sentence, and a buyer's line
    stating the choice of a known rival ("We've decided to go with <rival> for now."; a buyer's
    other words state no outcome); None when they state none or disagree."""
    ours, rivals = tuple(ours), tuple(rivals)
    found = [
        news
        for note in notes
        for _start, _end, sentence in split_sentences(note)
        if (news := news_in_sentence(sentence, ours, rivals)) is not None
    ]
    found += [
        DealNews("lost", chosen.name, sentence)
        for line in buyer_lines
        for _start, _end, sentence in split_sentences(line)
        if (chosen := chosen_rival(sentence, find_competitors(sentence, rivals, ignore=ours)))
    ]
    if len({news.outcome for news in found}) != 1:
        return None
    return next((news for news in found if news.rival), found[0])


def _product_chosen(text: str, chose: re.Match[str], ours: Iterable[str]) -> str | None:
    """The product no one listed that a note says they chose ("Client picked Dentrix Cloud on
    Tuesday."), where the competitor rules take its name for a product: not a person, a plan
    or ours ("went with Frank", "went with the annual plan")."""
    at = chose.start("name")
    hits = find_competitors(text, (), ignore=list(ours))
    return next((h.name for h in hits if h.start == at), None)


def _named_rival(text: str, rivals: Iterable[str]) -> str | None:
    """The known rival a closed-lost note names ("Closed lost - renewal with <rival> signed"):
    the one the deal went to, as the note spells it."""
    return next((h.name for h in find_competitors(text, list(rivals)) if h.known), None)


def _clean(name: str) -> str:
    """A name without the possessive or the sentence's end it was caught with."""
    name = re.sub(r"['’]s$", "", name.strip(" .,;:!'’-"))
    return name.strip(" .,;:!'’-")
