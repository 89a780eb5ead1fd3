"""What a note's or transcript's title says of the call: "Call notes – Quayside Fitness (Oct 20,
2026)" names the account and the date, which a call with no other metadata would lack."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from importlib import resources

from pipeline.ingest.names import name_matches
from pipeline.ingest.values import parse_date
from pipeline.redact import contact_spans

# Where a title's parts meet: "Discovery call – Acme | 2026-03-12", "Acme <> Shiftwise: demo".
# "Brookfield Dental x Shiftwise | review" (or "X", "×"): two companies, ours and the account.
# An "X" before no name is a name's own ("Brand X | demo").
_SEPARATORS = re.compile(
    r"\s+[–—|·:-]\s+|\s*[|·]\s*|\s+(?:<>|vs\.?|/|&lt;&gt;)\s+|\s+[xX×]\s+(?=[^\W_])|:\s+"
)
_BRACKETED = re.compile(r"[(\[]([^()\[\]]+)[)\]]")
_WITH = re.compile(
    # "Call with Acme", "Outbound call to Boisvert Gagnon avocats": whom the call was with
    r"^(?P<lead>(?:[\w-]+\s+){0,3}?)(?i:call|meeting|chat|notes?|demo|sync)\s+(?:with|to)\s+"
    r"(?P<name>.+)$"
    # "next steps for Brightstart", "onboarding plan for Kite Yoga": a purpose, then whose
    r"|^(?P<purpose>(?:[\w-]+\s+){1,4})(?:for|with|at)\s+"
    r"(?P<whose>[A-Z][\w&'.-]*(?:\s+[A-Z&][\w&'.-]*){0,4})$",
)


def _meeting_words() -> frozenset[str]:
    """Words that say what kind of meeting it was, not whose, in each language a title is
    written in (``meeting_words.toml``)."""
    text = resources.files("pipeline").joinpath("data", "meeting_words.toml").read_text("utf-8")
    lists: dict[str, list[str]] = tomllib.loads(text)["words"]
    return frozenset(word.casefold() for words in lists.values() for word in words)


_GENERIC = _meeting_words()
# What a meeting was about, after its names ("Acme | Brand - Security & Pricing"): a part made
# of these alone names no one. Beside a name they stay its own ("Northgate Security").
_TOPICS = frozenset(
    """security pricing price integrations integration migration contract contracts renewal
    implementation billing support roadmap qbr negotiation legal procurement compliance
    reporting setup set-up rollout questions q&a next steps""".split()
)
MAX_ACCOUNT_WORDS = 6
# A day without its year ("March 18", "18 Mar"): a date framing the title, never a name.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_OF_MONTH = re.compile(
    rf"^(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS})$",
    re.IGNORECASE,
)


# What a document calls one of its parts ("📝 Notes", "📖 Transcript" in Gemini's notes): a tab
# or heading, never the meeting's name, which the heading under it gives.
_PART_NAMES = frozenset(
    "notes note transcript transcription summary details recording minutes overview".split()
)


def is_part_name(title: str) -> bool:
    """A title that is only a part's name, with or without an emoji ("📝 Notes", "Summary")."""
    words = re.findall(r"[^\W\d_]+", title.casefold())
    return len(words) == 1 and words[0] in _PART_NAMES


def _is_date(part: str) -> bool:
    return parse_date(part) is not None or bool(_DAY_OF_MONTH.match(part.strip()))


def title_date(title: str) -> dt.date | None:
    """A date the title holds, in brackets or as one of its parts."""
    candidates = [m.group(1) for m in _BRACKETED.finditer(title)]
    candidates += _SEPARATORS.split(_BRACKETED.sub(" ", title))
    for candidate in candidates:
        date = parse_date(candidate.strip())
        if date is not None:
            return date
    return None


def _only_topics(part: str) -> bool:
    """A part of meeting and topic words only ("Security & Pricing", "Demo")."""
    words = [w.casefold().strip("-,.") for w in part.split()]
    return (
        bool(words)
        and all(w in _TOPICS or w in _GENERIC or w in _CONNECTORS for w in words)
        and any(w not in _CONNECTORS for w in words)
    )


# A count or period saying which meeting of a series ("90-day review", "Q3 review", "2nd
# call"): never a name, which starts with a letter ("Next Level Fitness", "Day One Dental").
_SERIES = re.compile(r"^\d+(?:-?(?:day|week|month|year|hour|minute|min)s?|st|nd|rd|th)?$|^[qh]\d$")


def _a_purpose(words: str) -> bool:
    """Words before "with", "to" or "for" that say what the meeting was ("Outbound call",
    "quick sync"), lower-case or meeting words, never a name ("Harbor Electric")."""
    return all(word[:1].islower() or _generic(word) for word in words.split())


def _generic(word: str) -> bool:
    word = word.casefold().strip("-,.")
    return word in _GENERIC or bool(_SERIES.match(word))


def _without_meeting_words(part: str, ours: set[str]) -> tuple[str, bool]:
    """The part without our company's name and the meeting words around a name ("Harbor
    Electric call", "Dispatchly demo", "Recap"), and whether any were there (they frame it)."""
    words = part.split()
    start, end = 0, len(words)
    for name in ours:  # "Dispatchly demo - Northgate Mechanical": ours, then words for a meeting
        size = len(name.split())
        if " ".join(words[:size]).casefold() == name:
            start = size
        elif " ".join(words[end - size :]).casefold() == name and end - size >= start:
            end -= size
    while start < end and _generic(words[start]):
        start += 1
    while end > start and _generic(words[end - 1]):
        end -= 1
    return " ".join(words[start:end]), (start, end) != (0, len(words))


def _without_ours(part: str, ours: set[str]) -> str:
    """The part without our company's name at its start or end."""
    words = part.split()
    for name in ours:
        size = len(name.split())
        if " ".join(words[:size]).casefold() == name:
            words = words[size:]
        elif size < len(words) and " ".join(words[-size:]).casefold() == name:
            words = words[:-size]
    return " ".join(words)


def _joined_topics(part: str) -> bool:
    """Lower-case topic or meeting words, then "&", "and" or "+": a list of what the meeting was
    about ("pricing & TMS"), whatever the topic after the joint is called."""
    words = part.split()
    lead = 0
    while lead < len(words) and words[lead][:1].islower() and _topic(words[lead]):
        lead += 1
    return 0 < lead < len(words) and words[lead] in ("&", "and", "+")


def _topic(word: str) -> bool:
    return word.casefold().strip("-,.") in _TOPICS or _generic(word)


def _ours_with_purpose(part: str, ours: set[str]) -> bool:
    """Our name, at most one more capitalised word (a plan: "Pro", "Core"), then only lower-case
    words: what of ours the meeting was about ("FleetPulse Pro rollout call"), never an account."""
    words = part.split()
    for name in ours:
        size = len(name.split())
        if " ".join(words[:size]).casefold() != name:
            continue
        rest = words[size:]
        lead = 1 if rest and rest[0][:1].isupper() and not _generic(rest[0]) else 0
        if rest[lead:] and all(w[:1].islower() for w in rest[lead:]):
            return True
    return False


def _before_purpose(name: str, part: str) -> tuple[str, bool]:
    """Two or more capitalised words, then only lower-case ones: the capitalised words name it;
    else the whole part, unframed."""
    words = name.split()
    lead = 0
    while lead < len(words) and (words[lead][:1].isupper() or words[lead] in _CONNECTORS):
        lead += 1
    if lead >= 2 and all(w[:1].islower() for w in words[lead:]):
        return " ".join(words[:lead]), True
    return part, False


_CONNECTORS = frozenset({"&", "and", "of", "the", "de", "la", "le", "du", "von", "van", "+"})


# A plain word in lower case, a count or a joint: "food", "follow-up", "2", "&", "pay/bill" (two
# topics in one: "pay/bill deep dive" had stood beside the account as a second name, so the
# title named none); not "salesforce.com".
_PLAIN_WORD = re.compile(r"[a-z][a-z'-]*(?:/[a-z][a-z'-]*)*[,;]?|\d+[,;]?|[&+]")


def _described(part: str) -> bool:
    """A part of plain lower-case words ("food truck", "pricing follow-up"): what the call or
    the account is; a company's name starts with a capital or is a web address."""
    words = part.split()
    return bool(words) and all(_PLAIN_WORD.fullmatch(word) for word in words)


def _sentence_case(part: str) -> bool:
    """A capital, then plain lower-case words ("Migration scoping", "Imaging walkthrough"):
    what a meeting was for; a company capitalises each word of its name."""
    first, _, rest = part.partition(" ")
    return first[:1].isupper() and _described(rest)


def _title_case(name: str) -> bool:
    """Every word capitalised (or a connector or a number): how a company is named."""
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in _CONNECTORS for w in name.split()
    )


def title_account(title: str, ours: Sequence[str] = (), people: Sequence[str] = ()) -> str | None:
    """The one part of the title that is neither a date, our company nor words for a kind of
    meeting ("Quayside Fitness" in "Call notes – Quayside Fitness (Oct 20, 2026)", "Harbor
    Electric" in "Recap - Harbor Electric call"); None when no part or more than one could be
    the account, or when nothing frames it as one ("Weekly pipeline review" alone names no
    account). ``ours``: our company's names, which frame the other one ("Dispatchly <> Coastal
    Mechanical"); ``people``: the call's people and our team, whose names name no account."""
    mine = {" ".join(name.casefold().split()) for name in ours if name.strip()}
    dated = any(parse_date(m.group(1)) for m in _BRACKETED.finditer(title))
    parts = [p.strip(" .,") for p in _SEPARATORS.split(_BRACKETED.sub(" ", title))]
    names: list[str] = []
    met: list[bool] = []  # the name followed "call with"
    whole: list[str] = []  # each name's part as written ("Harvest planning": "Harvest")
    framed = dated  # a name needs a frame: a date, meeting words beside it, or "call with"
    for part in parts:
        # "SunQuote proposal for Sunbelt Renewables": our name first, then whose proposal.
        said = _WITH.match(_without_ours(part, mine))
        if said and not _a_purpose(said.group("purpose") or said.group("lead") or ""):
            said = None  # "Harbor Electric with Dana": a name, not a purpose, comes first
        part = (said.group("name") or said.group("whose")).strip() if said else part
        framed = framed or bool(said)
        if not part or _is_date(part):
            framed = framed or bool(part)
            continue
        if _title_case(part) and _only_topics(part):  # "Security & Pricing" names no one
            framed = framed or not _without_meeting_words(part, mine)[0]
            continue
        if _ours_with_purpose(part, mine):  # "FleetPulse Pro rollout call": our product's
            framed = True
            continue
        name, trimmed = _without_meeting_words(part, mine)
        if _joined_topics(part):  # "pricing & TMS", "renewal and SSO": what it was about
            continue
        if trimmed and name and not _title_case(name):
            # "security review call" says what the meeting was for, and names no one; a part
            # in capitals is a name ("Weekly pipeline review" is no "Weekly pipeline" call),
            # the name's words before its purpose ("Kessler Animal Hospital reference call").
            name, trimmed = ("", True) if name[:1].islower() else _before_purpose(name, part)
        framed = framed or trimmed
        if _described(name) or any(name_matches(name, person) for person in people):
            continue  # "Call with Rolling Fuego - food truck": what, or who, not whose
        if name and name.split()[0].isalpha() and name.split()[0].islower():
            continue  # "managed IT discussion": a name opens on a capital, "eBay", "acme.io"
        if name:
            names.append(name)
            met.append(bool(said))
            whole.append(part)
    if len(names) == 2 and met.count(True) == 1:
        # "Call with Mike Brennan — Keystone Electric": who it was with, then where they work.
        names = [name for name, person in zip(names, met, strict=True) if not person]
    elif len(names) == 2 and sum(map(_sentence_case, whole)) == 1:
        # "Summit Hauling x Ours - Migration scoping": a purpose in sentence case beside a name
        names, framed = (
            [n for n, p in zip(names, whole, strict=True) if not _sentence_case(p)],
            True,
        )
    if len(names) != 1 or not framed:
        return None
    name = names[0]
    words = name.split()
    if len(words) > MAX_ACCOUNT_WORDS or not words[0][:1].isupper():
        return None
    return name


# A date written with separators ("03-05-2026", "2026.03.05"): no phone number, whatever its digits.
_DATE_SHAPE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}")
# ... nor is that date with a time after it ("2026-02-24 13:02"): "2026-02-24 13" had been cut out.
_DATE_AND_HOUR = re.compile(rf"(?:{_DATE_SHAPE.pattern})[ T]\d{{1,2}}:\d{{2}}")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")
# Where parts meet once a number between them is gone: "·", "|", "→", "-", ":", "<>".
_JOINT = r"(?:[·|–—→:/,;-]|<>|&lt;&gt;)"


def _is_date_time(inner: str) -> bool:
    """``2026-02-24 13:02 GMT-8``, ``Feb 24, 2026 1:02 PM``: a date, then a time of day."""
    found = _TIME_OF_DAY.search(inner)
    return found is not None and parse_date(inner[: found.start()].strip(" ,@T")) is not None


def readable_title(title: str) -> str:
    """The title without the phone numbers and email addresses a dialler or an inbox writes in
    ("Call with Karen Holt · +1 (830) 555-0172"): noise in a list of calls, and a buyer's
    personal data; without a bracketed date and time ("(2026-02-24 13:02 GMT-8)", Google
    Meet), which the call's date already holds; the rest kept as written, its dangling
    separators tidied away."""
    title = _without_date_times(title)
    kept, last = [], 0
    for start, end in contact_spans(title):
        if (
            start < last
            or _DATE_SHAPE.fullmatch(title[start:end])
            or _DATE_AND_HOUR.match(title, start)
        ):
            continue
        kept.append(title[last:start])
        last = end
    if not kept:
        return title
    text = "".join([*kept, title[last:]])
    text = re.sub(r"[(\[<]\s*[)\]>]", " ", text)  # "()" where "(karen@…)" was
    text = re.sub(rf"({_JOINT})\s*\(([^()]*)\)", r"\1 \2", text)  # "→ (Acme)": "→ Acme"
    text = re.sub(rf"(\s{_JOINT})(?:\s+{_JOINT})+(?=\s)", r"\1", text)  # "· ·": "·"
    text = re.sub(rf"^(?:\s*{_JOINT})+|(?:\s*{_JOINT})+\s*$", "", text)
    return " ".join(text.split()) or title


def _without_date_times(title: str) -> str:
    """The title without its bracketed dates-and-times; unchanged when nothing else is left."""
    kept = _BRACKETED.sub(lambda m: " " if _is_date_time(m.group(1)) else m.group(0), title)
    return " ".join(kept.split()) if kept != title and kept.strip() else title


# A date in a file name: Zoom's "GMT20260312-150233_Recording", "2026-03-12 call", "20260312".
_NAME_DATE = re.compile(r"(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def filename_date(filename: str) -> dt.date | None:
    """The date a recording or export tool wrote into the file name, when it holds one."""
    found = _NAME_DATE.search(filename)
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None  # "2026-02-31"
