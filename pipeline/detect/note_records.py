"""Lines of a rep's note that are the deal's record or the rep's own answer, not the buyer's
words: a field whose value only lists ("Competitors: Instructa (current), spreadsheet for
payments.", "Stage: Proposal", "Budget: £5k"), a verdict on fit with nothing else said ("Not a
fit right now."), the rep's reply to a question the note records ("Can pupils pay in blocks
of ten lessons? Yes, block bookings with a discount.") and the terms a won deal was signed on
("Closed won. Agreed 12 month term with 60 day break clause.").

Why a rule after the model: such lines name rivals, prices and products, and the model had read
them as competitor, price and timing objections that went to the review queue with no label to
give them (review 25a item 2); a won deal's terms had counted as a contract objection of won
deals. A value that says a worry ("Budget: frozen until Q1", "Budget is
frozen until Q1") stays the model's and the topic rules'. The phrases are data (``[rep_note]``
in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import RECORD_NOTE, SentenceInput
from pipeline.detect.deal_news import news_in_sentence
from pipeline.detect.note_reports import reports_a_worry
from pipeline.detect.rules import CUES, KIND_CUES, cue_scores, lowered
from pipeline.detect.sentences import sentence_before, split_sentences
from pipeline.detect.topics import calls_the_price_high, has_no_budget

_NOTE = CUES["rep_note"]
_LEAD = r"^(?:[-*•]\s*)?"
_FIELD = re.compile(_LEAD + r"(?:" + "|".join(_NOTE["record_fields"]) + r")\s*:\s*(?P<value>.+)$")
_FIT_VERDICT = re.compile(_LEAD + r"(?:" + "|".join(_NOTE["fit_verdict"]) + r")[\s.!]*$")
# A value that withholds or limits ("none", "frozen", "tight", "on hold"): a worry, not a list.
_WITHHELD = re.compile(
    r"\b(?:none|nil|zero|no|not|never|frozen|freez\w*|cut|tight|limited|capped|on hold|paused)\b"
    r"|n['’]t\b"
)
# The rep's reply opening a note's sentence after the buyer's question: "Yes, block bookings
# with a discount.", "No.", "Yep - reminder 60 days before.", in brackets "(No - lifts only)".
_REPLY = re.compile(
    _LEAD + r"\(?\s*(?:yes|yep|yeah|no|nope|not yet|correct|sure)(?:\s*[,.!:;)]|\s+[-–—]|$)"
)


def records_the_deal(sentence: SentenceInput) -> bool:
    """A note's line that is the deal's record or the rep's answer (the module's docstring),
    never a buyer's objection, pain or question."""
    text = lowered(sentence.text).strip()
    return (
        (sentence.note_kind == RECORD_NOTE and _only_lists(text, text))  # "Competitor: VetBoard"
        or _records_a_field(text)
        or bool(_FIT_VERDICT.match(text))
        or _answers_a_question(sentence)
        or _terms_of_a_win(sentence)
    )


def _records_a_field(text: str) -> bool:
    """A record field whose value says no worry, no pain and no price complaint."""
    field = _FIELD.match(text)
    return field is not None and _only_lists(field.group("value"), text)


def _only_lists(value: str, text: str) -> bool:
    """A field's value (of the sentence ``text``) that says no worry, no pain and no price
    complaint: it only lists."""
    return (
        not _WITHHELD.search(value)
        and cue_scores(value).concern == 0
        and not KIND_CUES["pain"].search(value)
        and not (has_no_budget(text) or calls_the_price_high(text))
    )


def _terms_of_a_win(sentence: SentenceInput) -> bool:
    """A note's sentence after one stating the deal was won ("Closed won.", "Signed!") that
    says no worry and no pain: the terms it was won on ("Agreed 12 month term with 60 day
    break clause."), the deal's record."""
    text = lowered(sentence.text).strip()
    if cue_scores(text).concern or KIND_CUES["pain"].search(text) or reports_a_worry(text):
        return False
    before = sentence.turn[: max(sentence.turn.find(sentence.text), 0)]
    return any(
        (news := news_in_sentence(said, ())) is not None and news.outcome == "won"
        for _start, _end, said in split_sentences(before)
    )


def _answers_a_question(sentence: SentenceInput) -> bool:
    """A reply opening the sentence right after a question in the same note; one in brackets
    is the rep's aside whatever its words ("(No - lifts only)": its "only" is our limit)."""
    asked = sentence_before(sentence.turn, sentence.text).rstrip("\"'” )")
    text = lowered(sentence.text).strip()
    aside = text.startswith("(") and text.rstrip(".!").endswith(")")
    return (
        asked.endswith("?")
        and bool(_REPLY.match(text))
        and (aside or cue_scores(text).concern == 0)
    )
