"""Lenient readers for the values files carry: timestamps, dates, outcomes, name lists."""

from __future__ import annotations

import datetime as dt
import html
import re

from pipeline.deal_stages import OPEN_STAGES, last_step
from pipeline.errors import BadInput
from pipeline.firm_names import LEGAL_FORMS, is_legal_form
from pipeline.store.models import Outcome

_TIMESTAMP = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%a %d %b %Y",
    "%a %d %b %y",  # Granola's "Tue, 27 Jan 26"
    "%A %d %B %Y",
    "%a %b %d %Y",
    "%A %B %d %Y",
)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+\d{1,2}:\d{2}.*)?$")
_TIME_SUFFIX = re.compile(r"[ T]+\d{1,2}:\d{2}.*$")
# Every form read here has a year of two or four digits and at most four words: other text is
# answered before the dozen ``strptime`` tries (header sniffing asks it of every line).
_TWO_DIGITS = re.compile(r"\d\d")
_MOST_DATE_WORDS = max(len(fmt.split()) for fmt in _DATE_FORMATS)
# Each of those forms starts with a four-digit year or names a month (``strptime`` reads them
# in the C locale, ignoring case): other text ("Notes on Account 12", every CRM row's title) is
# answered without them. Why: Python keeps five compiled formats, so the dozen tries recompile
# every one of them, about 0.2 ms a text.
_YEAR_OR_MONTH = re.compile(r"(?i)\d{4}[-/]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_WON = {"won", "closed won", "closedwon", "win", "closed-won", "closed/won", "signed", "booked"}
_LOST = {"lost", "closed lost", "closedlost", "loss", "closed-lost", "closed/lost", "churned"}
_OPEN = OPEN_STAGES
_UNKNOWN = {"unknown", "n/a", "na", "none", "-", "?"}
_TRUE = {"true", "yes", "y", "1", "x", "won", "closed won"}
_FALSE = {"false", "no", "n", "0"}
_LEAD = re.compile(r"\s*[–—:;,(/]\s*|\s+-\s+")  # "Lost – chose RotaPro": the verdict comes first
_TAG = re.compile(r"<(?![^<>@\s]+@[^<>\s]+>)[^>]{0,500}>")  # an address "<ann@x.example>" is kept
_BLOCK_TAG = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/ul|/ol|/h[1-6]|/tr)\s*>")
_LI_TAG = re.compile(r"(?i)<\s*li\b[^>]*>")
# A script or style element's content is no text of the note ("alert('x')" had stayed).
_CODE_ELEMENT = re.compile(r"(?is)<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>")


def parse_timestamp(value: object) -> float | None:
    """``12.5``, ``"75"``, ``"01:15"``, ``"00:01:15,250"`` -> seconds; ``None`` if it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    text = str(value).strip().strip("[]()")
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        match = _TIMESTAMP.match(text)
        if not match:
            return None
        hours, minutes, secs, frac = match.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
        if frac:
            seconds += int(frac.ljust(3, "0")) / 1000
        return float(seconds)
    return seconds if seconds >= 0 else None


def parse_date(value: object) -> dt.date | None:
    """ISO, US ``m/d/Y``, ``12 Mar 2026``, ``Mar 12, 2026`` (a time part is ignored); else ``None``.

    Slashed dates are read month-first (CRM exports are mostly US) unless the first number is > 12.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s+", " ", str(value).strip().replace(",", " ")).strip()
    if not _TWO_DIGITS.search(text):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1)).date()
    except ValueError:
        pass
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, separator, second, year = numeric.groups()
        day_first = default_day_first(separator)
        return numeric_date(int(first), int(second), int(year), day_first=day_first)
    for candidate in (text, _TIME_SUFFIX.sub("", text)):
        if len(candidate.split()) > _MOST_DATE_WORDS or not _YEAR_OR_MONTH.search(candidate):
            continue
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return _date_before_more(str(value))


# What meeting tools write around a date: "Recorded on August 5, 2026", "Wed, Jul 22, 2026 ·
# 2:00 PM – 2:40 PM EDT", "Tuesday, 3 March 2026 at 10:00".
_DATE_LEAD = re.compile(
    r"^\s*(?i:(?:recorded|held|created|started|dated|meeting|call|date)(?:\s+(?:on|at))?)\s+"
)
_DATE_CUT = re.compile(r"\s+(?:[·•|–—@-]|at)\s+")


def _date_before_more(text: str) -> dt.date | None:
    """The date a longer line starts with, after a lead-in; None when there is none."""
    head = _DATE_CUT.split(_DATE_LEAD.sub("", text.strip()), maxsplit=1)[0]
    return parse_date(head) if head.strip() != text.strip() else None


def day_first_reading(value: str) -> dt.date | None:
    """A slashed date both of whose numbers could be the month ("03/02/2026"), read day-first;
    None for any other date (a workspace that writes dates day-first reads these so)."""
    text = re.sub(r"\s+", " ", value.strip().replace(",", " ")).strip()
    numeric = _NUMERIC_DATE.match(text)
    if not numeric or numeric.group(2) != "/":
        return None
    first, _separator, second, year = numeric.groups()
    if int(first) > 12 or int(second) > 12 or first == second:
        return None
    return numeric_date(int(first), int(second), int(year), day_first=True)


def default_day_first(separator: str) -> bool:
    """The order assumed when both numbers could be the month: ``d.m.y`` with dots (European),
    ``m/d/y`` otherwise (CRM exports are mostly US)."""
    return separator == "."


def numeric_date(first: int, second: int, year: int, *, day_first: bool) -> dt.date | None:
    """``m/d/y`` (``d/m/y`` when ``day_first``) unless the first number cannot be a month; ``26``
    is 2026."""
    month, day = (second, first) if day_first or first > 12 else (first, second)
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def normalise_outcome(value: object, *, boolean_column: bool = False) -> str | None:
    """``"Closed Won"`` -> ``won``, ``"Closed Lost"`` -> ``lost``, open states -> ``open``.

    A verdict followed by a reason (``"Lost – chose RotaPro"``) counts.
    Blank gives ``None``; anything else (``"Connected"``, ``"Left voicemail"``) ``unknown``.
    ``boolean_column`` is for a ``Won``/``Closed Won`` column holding yes/no: yes is ``won``, no
    says only that it was not won, so it gives ``None`` and the deal stage decides.
    """
    text = _folded(value)
    if not text:
        return None
    if boolean_column:
        if text in _TRUE:
            return "won"
        if text in _FALSE:
            return None
    for candidate in (text, _LEAD.split(text, 1)[0].strip()):
        if candidate in _WON or candidate.startswith("closed won"):
            return "won"
        if candidate in _LOST or candidate.startswith("closed lost"):
            return "lost"
        if candidate in _OPEN:
            return "open"
    return "unknown"


def outcome_from_stage(stage: object) -> str | None:
    """A deal stage implies the outcome: closed won/lost, or any other stage is still open; a
    path of stages ("Negotiation → Closed Lost") by where it ends."""
    text = _folded(last_step(str(stage))) if stage is not None else ""
    if not text:
        return None
    outcome = normalise_outcome(text)
    if outcome in ("won", "lost"):
        return outcome
    return "unknown" if text.startswith("closed") or text in _UNKNOWN else "open"


def _folded(value: object) -> str:
    return "" if value is None else re.sub(r"[\s_]+", " ", str(value).strip().casefold())


_FLOW_LIST = re.compile(r"^\s*\[([^\[\]]*)\]\s*$")


def split_list(value: object) -> list[str]:
    """``"Ana; Bo, Cy"``, a JSON list or a YAML flow list (front matter's ``[Ana, "Bo"]``, whose
    "[Ana" had been a rival's name) -> ``["Ana", "Bo", "Cy"]``, blanks and repeats dropped."""
    if value is None:
        return []
    parts = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    names: list[str] = []
    for part in parts:
        flow = _FLOW_LIST.match(part)
        for name in re.split(r"[;,|]", flow.group(1) if flow else part):
            name = name.strip().strip("\"'").strip()
            if name and name not in names:
                names.append(name)
    return names


def html_to_text(text: str, *, blocks_apart: bool = False) -> str:
    """CRM note bodies often hold HTML (HubSpot): tags dropped, blocks kept as lines.
    ``blocks_apart``: for a note field, where the writer ended every line, a block (or a
    ``<br>``) whose words end no sentence is a paragraph of its own: "(No - lifts
    only)</div><div>Explained the annual discount." had been read as one wrapped sentence. An
    email keeps lines (its signature is lines)."""
    if "<" not in text or not _TAG.search(text):
        return html.unescape(text) if "&" in text else text
    text = _CODE_ELEMENT.sub(" ", text)
    text = _LI_TAG.sub("\n- ", text)
    text = _BLOCK_TAG.sub(_BLOCK_END if blocks_apart else "\n", text)
    text = html.unescape(_TAG.sub("", text))
    return _ended_blocks(text) if blocks_apart else text


_BLOCK_END = "\x00"  # where a block ended, until it is read whether its words ended a sentence
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")


def _ended_blocks(text: str) -> str:
    """Each block end a line break after words that end a sentence (joined, they still end
    one), else a blank line: a paragraph's end, which no reader joins across."""
    parts = text.split(_BLOCK_END)
    out = [parts[0]]
    for part in parts[1:]:
        tail = "".join(out[-2:]).rstrip(" \t")
        ended = not tail or tail.endswith("\n") or tail.rstrip("\"'”’)]").endswith(_SENTENCE_ENDS)
        out += ["\n" if ended else "\n\n", part]
    return "".join(out)


def clean_optional(value: object) -> str | None:
    """A stripped string, or ``None`` for missing/blank values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


MAX_INDUSTRY = 255


def industry_name(value: object) -> str | None:
    """An industry as stored: one line, trimmed, at most 255 characters; blank is none."""
    cleaned = " ".join(str(value or "").split())
    if len(cleaned) > MAX_INDUSTRY:
        raise BadInput(f"an industry is at most {MAX_INDUSTRY} characters")
    return cleaned or None


def iso_date(value: str | None, what: str = "date") -> dt.date | None:
    """A date a person typed (flag, form field, manifest cell, query): blank is None, anything
    but ``YYYY-MM-DD`` a ``BadInput`` saying where it came from."""
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise BadInput(f"{what}: {value!r} is not a date (use YYYY-MM-DD)") from exc


def outcome_filter(value: str | None) -> str | None:
    """An outcome to filter by (query, form field): blank is None, anything but won, lost, open
    or unknown a ``BadInput`` (a misspelt outcome had shown "0 objections", no word why)."""
    if not value or not value.strip():
        return None
    wanted = value.strip().lower()
    if wanted not in {o.value for o in Outcome}:
        raise BadInput(f"outcome: {value!r} is not one of {', '.join(o.value for o in Outcome)}")
    return wanted


def has_legal_form(name: str) -> bool:
    """Whether the name ends in a company's legal form ("Fraser Valley Freight Ltd."): a
    company's name, not a person's."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace(".", "")).split()
    return len(words) > 1 and is_legal_form(words[-1])


def account_key(name: str) -> str:
    """What two spellings of one account share: "Hartwell & Pike, LLP", "hartwell and pike" and
    "The Hartwell & Pike" are one account; "Hartwell & Pike Group" is another."""
    folded = name.casefold().replace("&", " and ").replace(".", "")  # "L.L.P." is "llp"
    words = re.sub(r"[^\w\s]", " ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)
