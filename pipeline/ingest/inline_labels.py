"""The rep's own labels inside a note ("Objection - price: said $12/user is more than they pay
for VetBoard. Pain: front desk double-books every Monday. Next steps: send case study"): each
labelled segment runs to the next label and is a note of its own, the label taken out of its
text (it is the rep's classification, not the buyer's words: it had been shown to marketers in
theme quotes) and the kind it names kept in ``note_kind`` for the detector, on the labelled
sentence only, with the buying topic a qualifier names ("Price objection:", "Objection -
price:") as the rep's category (``note_category``). A label alone on its line gives its kind to
the list under it (``list_label``), and an item's own buying topic ("Objections:" over "- Price:
Ruth said $40 a seat is steep") is its category. A "Next steps" segment is the rep's plan,
returned apart for ``asides.step_notes``. The words are data (``note_labels.toml``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

from pipeline.detect.classify import NOTE_KINDS, PLAN_NOTE, RECORD_NOTE
from pipeline.detect.listed_rivals import listed_rivals
from pipeline.detect.named_problem import TOPIC_WORDS, topic_named
from pipeline.detect.sentences import split_sentences
from pipeline.ingest.base import ParsedUtterance
from pipeline.lazy_regex import lazy_compile

_SAID = "said"  # a label naming who spoke ("Customer said:"), no kind
_TIMING = "timing"  # "Timing:", "Deadline:": when, no kind (a timing objection is the model's)
_FIELD = "field"  # a template's field ("Metrics:", "Decision criteria:"), no kind
_NO_KIND = (_SAID, _TIMING, _FIELD)
# The kinds a buying topic before the label's word may qualify ("Price objection:").
_TOPICAL = ("objection", "question", "pain")
# The kinds whose topic is kept as their category; a pain's is only its words.
_CATEGORISED = ("objection", "question")


def _load() -> dict[str, dict[str, list[str]]]:
    text = resources.files("pipeline").joinpath("data", "note_labels.toml").read_text("utf-8")
    data: dict[str, dict[str, list[str]]] = tomllib.loads(text)
    unknown = set(data["kinds"]) - {*NOTE_KINDS, *_NO_KIND}
    if unknown:  # the detector reads only the kinds it knows
        raise ValueError(f"note_labels.toml: unknown kinds {sorted(unknown)}")
    return data


_DATA = _load()
_KINDS = _DATA["kinds"]
_COLON_ONLY = frozenset(_DATA["labels"]["colon_only"])


def _words(patterns: list[str]) -> str:
    """The patterns as one alternation, the longest first (so "action items" beats "actions")."""
    return "|".join(sorted(patterns, key=len, reverse=True))


# Where a label may open a segment: the note's start or a new line, a sentence's end, a " | "
# between cells, or, before a colon only, a capitalised label after a space ("… VetBoard Pain:").
_AT = r"(?:(?P<at>^|\s*\n\s*|(?<=[.!?;…)\]])\s+|\s+\|\s+)|(?P<mid>\s+(?=(?-i:[A-Z]))))"
_LEAD = rf"(?:(?:{_words(_DATA['labels']['lead'])})\s+)?"
# A buying topic before the label's word: "Price objection:", "Main pricing concern -".
_TOPIC_BEFORE = rf"(?:(?P<topic>{TOPIC_WORDS})\s+)?"
_TAIL = rf"(?:\s+(?:{_words(_DATA['labels']['tail'])})\b)?"  # "Concerns raised:"
_KIND_WORDS = "|".join(f"(?P<{kind}>{_words(words)})" for kind, words in _KINDS.items())
# What may sit between the label and its separator: "(ops)", "- price", "re: onboarding".
# A topic after the label's word ("- price", "re: early termination") is what the sentence is
# about, and stays in it (``subject``); a bracket ("(ops)") is the label's own aside.
_QUALIFIER = (
    r"(?P<qualifier>\s*\([^()\n]{1,40}\)"
    r"|\s*[-–—/]\s*(?P<subject>[^\s:.;!?\"“][^:.;!?\"“\n]{0,30}?)(?=\s*:)"
    r"|\s+(?:re|regarding|about|around|on|over|with)\s*:?\s+"
    r"(?P<topic_after>[^:.;!?\"“\n]{1,40}?)(?=\s*(?:--|–|—|:|\s-\s)))?"
)
_SEPARATOR = r"(?P<sep>\s*(?::|--|–|—)\s*|\s+-\s+|\s*,?\s*(?=[\"“]))"
_WORDING = rf"{_LEAD}{_TOPIC_BEFORE}(?:{_KIND_WORDS})\b{_TAIL}{_QUALIFIER}"
_LABEL = lazy_compile(rf"{_AT}(?P<label>{_WORDING}){_SEPARATOR}", re.IGNORECASE)
# A label alone on its line over a list: "Objections:", "**Pain points**", "Questions asked:".
_LIST_LABEL = lazy_compile(
    rf"^(?P<mark>[*_]{{0,2}})\s*(?P<label>{_WORDING})\s*:?\s*(?P=mark)\s*:?$",
    re.IGNORECASE,
)
# A record label that names the deal's rivals ("Competitor:", "Competition:"), and where its
# words end when no label follows: a blank line.
_RIVAL_LABEL = re.compile(r"compet", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# A list item's own label that is only a buying topic: "Price:", "Onboarding —", "Contract -".
_ITEM_TOPIC = re.compile(
    rf"(?:the\s+)?(?P<topic>{TOPIC_WORDS})(?:\s*(?::|--|–|—)\s*|\s+-\s+)(?=\S)", re.IGNORECASE
)


@dataclass(frozen=True)
class Segment:
    """A stretch of a note, the kind its label names (None: no label, or one with no kind) and
    the objection category its qualifier names ("Price objection:"; None: none named)."""

    text: str
    kind: str | None
    category: str | None = None


def _kind(found: re.Match[str]) -> str | None:
    """The name of the label's kind (``said`` and ``timing`` name none), None when it is no
    label here: a short one ("Q") not before a colon, a capitalised one mid-sentence not before a
    colon, a quotation's lead-in that names no speaker, a topic before a word it cannot qualify
    ("Pricing next steps")."""
    kind = next(name for name in _KINDS if found.group(name) is not None)
    sep = found.group("sep").strip()
    if (found.group(kind).casefold() in _COLON_ONLY or found.group("mid")) and sep != ":":
        return None
    if sep in ("", ",") and kind != _SAID:
        return None
    return None if found.group("topic") and kind not in _TOPICAL else kind


def _category(found: re.Match[str], kind: str | None) -> str | None:
    """The objection category the label's qualifier names, before its word ("Security
    question:") or after it ("Objection - price:", "Concern re: onboarding --"), for an
    objection or a question only."""
    if kind not in _CATEGORISED:
        return None
    return topic_named(found.group("topic") or found.group("qualifier") or "")


def labelled_segments(
    text: str, kind: str | None = None, category: str | None = None
) -> list[Segment]:
    """``text`` cut at each label, each piece without its label; the text before the first
    label is of ``kind`` (a list's label over it, ``list_label``), one segment when the text
    holds no label."""
    text, category = _item_topic(text, kind, category)
    cuts = [(found, name) for found in _LABEL.finditer(text) if (name := _kind(found))]
    if not cuts:
        return _labelled(text, kind, category) if kind else [Segment(text, None)]
    segments = _labelled(text[: cuts[0][0].start()].strip(), kind, category)
    for index, (found, name) in enumerate(cuts):
        end = cuts[index + 1][0].start() if index + 1 < len(cuts) else len(text)
        sorts = None if name in _NO_KIND else name
        named = _category(found, sorts)
        start = found.end() if named or sorts not in _TOPICAL else _topic_start(found)
        segments.extend(_labelled(text[start:end].strip(), sorts, named))
    return [segment for segment in segments if any(char.isalnum() for char in segment.text)]


def _topic_start(found: re.Match[str]) -> int:
    """Where a label's segment starts when no category keeps the topic after its word: at the
    topic ("Concern re: early termination – TechNorth wants …"), else after the label. It had
    been dropped: "TechNorth wants the rest of the contract paid out" was all that was left."""
    for group in ("subject", "topic_after"):
        if found.group(group) is not None:
            return found.start(group)
    return found.end()


def _item_topic(text: str, kind: str | None, category: str | None) -> tuple[str, str | None]:
    """An objection or question item's own topic label ("- Price: Ruth said $40 a seat is steep")
    as its category, out of its text. Any other opening stays: a name may say whose words follow
    ("Ruth: …", ``quotes``'s to read), and a topic with no category ("Scheduling: …") or a pain's,
    which keeps none, is the rep's only record of it."""
    found = _ITEM_TOPIC.match(text) if kind in _CATEGORISED else None
    named = topic_named(found.group("topic")) if found else None
    if found is None or named is None:
        return text, category
    return text[found.end() :], named


def _labelled(text: str, kind: str | None, category: str | None = None) -> list[Segment]:
    """A label's kind covers its own sentence, the rest of its stretch is the detector's to
    read: in "Objections: switching effort "…". RotaPro matched with a renewal discount." the
    rep's outcome is no objection, nor is "Offered free migration" after "Concern - …". The
    rep's plan runs to the next label ("Next steps: send the case study. Call back Tuesday.")."""
    spans = split_sentences(text)
    if kind is None or kind == PLAN_NOTE or len(spans) < 2 or _answered(kind, text, spans):
        return [Segment(text, kind, category)]
    first_end, rest_start = spans[0][1], spans[1][0]
    return [
        Segment(text[:first_end].strip(), kind, category),
        Segment(text[rest_start:].strip(), None),
    ]


# The rep's answer in brackets after a question the note records: "(No - lifts only)".
_BRACKETED = re.compile(r"^\([^()]+\)[.!]?$")


def _answered(kind: str, text: str, spans: list[tuple[int, int, str]]) -> bool:
    """A labelled question and only the rep's bracketed answer after it ("Q: do you do gas
    safe? (No - lifts only)"): one note, so the answer is read as the reply to it
    (``note_records``); alone, it had been glued to the next line and read as an objection."""
    return kind == "question" and len(spans) == 2 and bool(_BRACKETED.match(spans[1][2].strip()))


def list_label(line: str) -> Segment | None:
    """The kind and category a label alone on its line gives each item of the list under it
    ("Objections:", "**Pain points**", "Price concerns raised:"; ``text`` empty, ``kind`` None
    for one with no kind: "Timing:"), None for any other line."""
    found = _LIST_LABEL.match(line.strip())
    if found is None:
        return None
    kind = next(name for name in _KINDS if found.group(name) is not None)
    if found.group("topic") and kind not in _TOPICAL:
        return None
    sorts = None if kind in _NO_KIND else kind
    return Segment("", sorts, _category(found, sorts))


def names_a_field(line: str) -> bool:
    """Whether a line is only a note's field label ("Next:", "**Economic buyer:**", "Pain
    points"): the note's structure, never a person who speaks."""
    return list_label(line) is not None


def starts_with_label(text: str) -> bool:
    """Whether a line opens on a label ("Pain: …"): it starts a note of its own."""
    found = _LABEL.match(text.strip())
    return found is not None and _kind(found) is not None


def split_labelled(notes: list[ParsedUtterance]) -> tuple[list[ParsedUtterance], list[str]]:
    """The rep's notes cut at their labels (``labelled_segments``), and the plan segments'
    items ("send case study; book a site visit" is two) for ``asides.step_notes``."""
    kept: list[ParsedUtterance] = []
    plan: list[str] = []
    for note in notes:
        if note.role != "rep_note" or note.note_kind == PLAN_NOTE:
            kept.append(note)
            continue
        # an item of a labelled list keeps its list's kind up to a label of its own
        for segment in labelled_segments(note.text, note.note_kind, note.note_category):
            if segment.kind == PLAN_NOTE:
                plan.extend(item.strip() for item in segment.text.split(";") if item.strip())
            else:
                kept.append(
                    replace(
                        note,
                        text=segment.text,
                        note_kind=segment.kind,
                        note_category=segment.category,
                    )
                )
    return kept, plan


def noted_rivals(body: str) -> list[str]:
    """The products under the rep's "Competitor:" labels in a note's ``body`` ("Competitor:
    currently quoted by Trakkio and RouteMate", a "Competitors:" line over a list), up to the
    next label or the paragraph's end: rivals of the call. A competitor label's only: "Decision
    maker: Jo" is the rep's record too, and Jo no rival."""
    names: list[str] = []
    for found in _LABEL.finditer(body):
        if _kind(found) != RECORD_NOTE or not _RIVAL_LABEL.match(found.group(RECORD_NOTE)):
            continue
        rest = body[found.end() :]
        stops = [m.start() for m in (_LABEL.search(rest), _PARAGRAPH_END.search(rest)) if m]
        names += listed_rivals(rest[: min(stops, default=len(rest))])
    return list(dict.fromkeys(names))
