"""Slack threads and channels, where colleagues talk about a deal.

Two layouts: a thread copied from the app (``Priya Shah  11:02 AM`` over the message, a
follow-up of the same author under a bare ``11:07 AM``, reactions ``:+1: 3``, ``(edited)``,
``3 replies``) and a channel's JSON export (a list of messages with ``user_profile.real_name``,
``text`` and ``ts``). Each message is one note of its author: the team writes in Slack, so the
words are a rep's note. What a message quotes (``she said "..."`` or a ``> quote``) is left as
a quote, which ``quotes.quote_buyers`` splits out as the buyer's words; the app's lines
(reactions, reply counts, joins, bots) are not speech. A channel shared with a customer (Slack
Connect) also holds the customer's messages: an author of another team, or shown with their
company or "(external)", is settled as the buyer by ``slack_sides`` once our team is known.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.chat_dates import message_time
from pipeline.ingest.json_pieces import as_dict, dicts
from pipeline.ingest.names import bracket_company
from pipeline.ingest.turns import person_like
from pipeline.ingest.values import clean_optional, parse_date

_CLOCK = r"(?P<clock>\d{1,2}:\d{2})\s?(?P<meridiem>[AaPp]\.?[Mm]\.?)"
_DAY = r"(?:Today|Yesterday|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?)"
# "Priya Shah  11:02 AM", "Priya Shah [Mar 13th at 11:02 AM]", "Gong  APP  11:20 AM": the app
# writes a clock with AM/PM (a transcript's "Name  11:02" is a time into the call).
_AUTHOR = re.compile(
    rf"^(?P<name>[^\s:\[\]][^:\[\]]{{0,60}}?)\s+(?P<app>APP\s+)?\[?(?:(?P<day>{_DAY}) at )?"
    rf"{_CLOCK}\]?$"
)
_FOLLOW_UP = re.compile(rf"^\[?{_CLOCK}\]?$")
_NOT_SPEECH = re.compile(
    r"^(?:(?::[\w+\-']+:\s*\d+\s*)+|\d+ repl(?:y|ies)(?:\s.*)?|Last reply .*|View thread"
    r"|Also sent to the channel|Replied to a thread:.*|\(edited\)|Show more|New messages?"
    r"|.{1,80} (?:has )?joined #\S+.*|.{1,80} (?:has )?left #\S+.*|\d+ files?)$",
    re.IGNORECASE,
)
_EMOJI = re.compile(r":[a-z0-9_+\-']{1,40}:")
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")  # a shared link: no one's words
_EDITED = re.compile(r"\s*\(edited\)\s*$")
_MAX_TITLE_LINES = 3  # "#deals-uk" or "Thread in #deals-uk" above the first message
_MIN_MESSAGES = 2


@dataclass
class _Message:
    author: str
    clock: str
    meridiem: str
    day: str | None
    bot: bool
    lines: list[str] = field(default_factory=list)
    side: dict[str, str] = field(default_factory=dict)  # "external", "company" a paste shows


_MARKED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<mark>[^()]{1,80})\)$")  # "Dana Fox (Acme)"


def _shown_side(name: str) -> tuple[str, dict[str, str]]:
    """An author as Slack shows someone outside the workspace: ``Dana Fox (Acme Logistics)``,
    ``Omar Haddad (external)``; pronouns in brackets say nothing of the side."""
    marked = _MARKED.match(name)
    if marked is None:
        return name, {}
    name, mark = marked.group("name").strip(), marked.group("mark").strip()
    company = bracket_company(mark)
    if company is None and mark.casefold() != "external":
        return name, {}
    return name, {"external": "yes", "company": company or ""}


def slack_paste(text: str, fmt: str) -> ParsedCall | None:
    """The thread a Slack copy-paste holds, or None when the text is no such paste."""
    title: list[str] = []
    messages: list[_Message] = []
    for raw in text.split("\n"):
        line = raw.strip()
        author = _AUTHOR.match(line)
        follow_up = _FOLLOW_UP.match(line)
        name, side = _shown_side(author.group("name").strip()) if author else ("", {})
        if author and person_like(name):
            bot = bool(author.group("app"))
            clock, meridiem = author.group("clock"), author.group("meridiem")
            messages.append(_Message(name, clock, meridiem, author.group("day"), bot, [], side))
        elif follow_up and messages:
            last = messages[-1]
            clock, meridiem = follow_up.group("clock"), follow_up.group("meridiem")
            messages.append(
                _Message(last.author, clock, meridiem, last.day, last.bot, [], last.side)
            )
        elif messages:
            messages[-1].lines.append(line)
        elif line:
            title.append(line)
    people = [m for m in messages if not m.bot]
    if len(people) < _MIN_MESSAGES or len(title) > _MAX_TITLE_LINES:
        return None
    call = ParsedCall(format=fmt, raw_text=text, utterances=[])
    call.title = (title[0].lstrip("#").strip() or None) if title else None
    first: dt.datetime | None = None
    for message in people:
        said = _words(message.lines)
        if not said:
            continue
        when = message_time(_day(message.day), message.clock, message.meridiem, None)
        first = first or when
        start = (when - first).total_seconds() if when and first and when >= first else None
        call.utterances.append(_note(message.author, said, start))
    call.call_date = parse_date(people[0].day) if people[0].day else None
    return _as_team_chat(call, {m.author: m.side for m in people if m.side})


def _as_team_chat(call: ParsedCall, sides: dict[str, dict[str, str]]) -> ParsedCall:
    """The authors are our side, a quote one of them is said to have said not a buyer's;
    unless the file shows some outside the workspace (``sides``): then who is ours is settled
    with the roster (``slack_sides``)."""
    authors = list(dict.fromkeys(u.speaker for u in call.utterances if u.speaker))
    teams = {side.get("team") for side in sides.values() if side.get("team")}
    if len(teams) > 1 or any(side.get("external") for side in sides.values()):
        call.extra["slack_sides"] = {author: sides.get(author, {}) for author in authors}
        authors = [author for author in authors if not sides.get(author, {}).get("external")]
        authors = authors if len(teams) <= 1 else []
    call.our_speakers = authors
    call.extra["chat_export"] = "Slack"
    return call


def _day(written: str | None) -> str:
    """A day to read the clock on: the written one, else any (only the time of day counts)."""
    day = parse_date(written) if written else None
    return (day or dt.date(2000, 1, 1)).isoformat()


def _words(lines: Sequence[str]) -> str:
    """A message's words: the app's lines and emoji codes left out, a ``> quote`` kept as a
    quote so that the buyer's words in it are told apart from the author's."""
    kept: list[str] = []
    quoted: list[str] = []
    for line in [*lines, ""]:
        if line.startswith(">"):
            quoted.append(line.lstrip("> ").strip())
            continue
        if quoted:
            kept.append("“" + " ".join(q for q in quoted if q) + "”")
            quoted = []
        if _NOT_SPEECH.match(line) or _URL_ONLY.match(line):
            continue
        bare = " ".join(_EMOJI.sub("", _EDITED.sub("", line)).split())
        if bare:
            kept.append(bare)
    if not kept:
        return ""
    # Lines of one message are sentences of their own ("...on insurance claims" / "was the
    # IDEXX thing in there too?"): a stop between them keeps them apart, but not before the
    # quote a line introduces ("she said" / "> ...").
    return " ".join(
        f"{line}." if line[-1].isalnum() and not following.startswith("“") else line
        for line, following in zip(kept, [*kept[1:], "“"], strict=True)
    )


def _note(author: str, said: str, start: float | None) -> ParsedUtterance:
    return ParsedUtterance(said, author, start, role="rep_note", role_from_source=True)


# --- a channel's JSON export ---------------------------------------------------------------

_SPOKEN_SUBTYPES = {"thread_broadcast", "me_message", "file_share"}  # a person's words
_MENTION = re.compile(r"<@(?P<id>[A-Z0-9]+)(?:\|(?P<name>[^>]+))?>")
_LINK = re.compile(r"<(?P<url>[^<>|]+)(?:\|(?P<label>[^<>]+))?>")
# Slack's emphasis: *bold*, _italic_, ~strike~, the marks hugging the words, not inside a word
# ("snake_case_name", "5*3*2" keep theirs).
_EMPHASIS = re.compile(
    r"(?<![\w*_~])(?P<mark>[*_~])(?=\S)(?P<words>[^\n]+?)(?<=\S)(?P=mark)(?![\w*_~])"
)


def is_slack_export(document: Any) -> bool:
    """A list of Slack messages: most objects ``type: message`` with a ``ts``."""
    messages = dicts(document) if isinstance(document, list) else []
    slack = [m for m in messages if m.get("type") == "message" and "ts" in m]
    return bool(messages) and len(slack) * 2 > len(messages)


def slack_export(document: Any, text: str) -> list[ParsedCall]:
    """One call: each person's message a note of its author, in time order; bots, joins and
    other events left out."""
    messages = [m for m in dicts(document) if m.get("type") == "message"]
    names = {str(m.get("user")): name for m in messages if (name := _author(m))}
    spoken = sorted(
        (m for m in messages if _is_person(m)), key=lambda m: _seconds(m.get("ts")) or 0.0
    )
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    first = _seconds(spoken[0].get("ts")) if spoken else None
    for message in spoken:
        said = _words(_markup_to_text(str(message.get("text") or ""), names).split("\n"))
        if not said:
            continue
        ts = _seconds(message.get("ts"))
        start = round(ts - first, 2) if ts is not None and first is not None else None
        author = _author(message) or str(message.get("user") or "") or None
        call.utterances.append(
            ParsedUtterance(said, author, start, role="rep_note", role_from_source=True)
        )
    if first is not None:
        call.call_date = dt.datetime.fromtimestamp(first, tz=dt.UTC).date()
    teams = {_author(m) or str(m.get("user") or ""): _team(m) for m in spoken}
    return [_as_team_chat(call, {a: {"team": t} for a, t in teams.items() if a and t})]


def _team(message: dict[str, Any]) -> str:
    """The workspace an author belongs to: a Slack Connect channel holds two or more."""
    profile = as_dict(message.get("user_profile"))
    found = message.get("user_team") or profile.get("team") or message.get("source_team")
    return str(found or message.get("team") or "")


def _is_person(message: dict[str, Any]) -> bool:
    subtype = message.get("subtype")
    return (subtype is None or subtype in _SPOKEN_SUBTYPES) and not message.get("bot_id")


def _author(message: dict[str, Any]) -> str | None:
    profile = as_dict(message.get("user_profile"))
    return clean_optional(
        profile.get("real_name")
        or profile.get("display_name")
        or message.get("user_name")
        or message.get("username")
    )


def _seconds(ts: Any) -> float | None:
    try:
        return float(ts)
    except (TypeError, ValueError):
        return None


def _markup_to_text(text: str, names: dict[str, str]) -> str:
    """Slack's markup as read: ``<@U1>`` the person's name, ``<url|label>`` the label,
    ``*bold*``, ``_italic_`` and ``~strike~`` their words, ``&gt;`` a quote mark."""
    text = _MENTION.sub(lambda m: "@" + (m.group("name") or names.get(m.group("id"), "")), text)
    text = _LINK.sub(lambda m: m.group("label") or m.group("url"), text)
    text = _EMPHASIS.sub(lambda m: m.group("words"), text)
    return html.unescape(text)
