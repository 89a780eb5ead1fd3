"""Chat and messaging exports as JSON (Intercom, Drift, Zendesk, Front, an in-house widget): a
list of parts that each carry an author, told by its type, and a text body, often HTML.

The author's type says the side: a user, lead, contact or visitor is the buyer, an admin,
agent, teammate or operator our rep; a bot, the system, a private note and a part with no
words (an assignment, a close) are not speech. "user" names the customer in Intercom but our
agent in Drift, whose customers are "contact"s: it is the side the other types leave open.
Times (``created_at`` in seconds, ``createdAt`` in milliseconds, ISO strings) give the date
and each part's start; an opening message kept beside the list (Intercom's ``source``) comes
first; a ``company`` value beside the parts is the account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.json_pieces import as_dict, dicts
from pipeline.ingest.values import clean_optional, html_to_text

_AUTHOR_KEYS = ("author", "sender", "from", "actor", "user")
_BODY_KEYS = ("body", "text", "content", "message", "plain_text", "html")
_TYPE_KEYS = ("type", "role", "kind", "author_type", "sender_type", "actor_type")
_PART_TYPE_KEYS = ("author_type", "sender_type", "actor_type", "from_type")
_KIND_KEYS = ("part_type", "type", "message_type", "kind", "event_type")
_NAME_KEYS = ("name", "display_name", "displayName", "full_name", "email")
_TIME_KEYS = ("created_at", "createdAt", "created", "timestamp", "sent_at", "sentAt", "time")
_COMPANY_KEYS = ("company", "Company", "company_name", "companyName", "organization",
                 "organisation", "account_name")  # fmt: skip

_BUYER_TYPES = {"lead", "contact", "visitor", "customer", "end-user", "end_user", "enduser",
                "end user", "requester", "client", "guest", "prospect"}  # fmt: skip
_REP_TYPES = {"admin", "agent", "teammate", "operator", "staff", "employee", "team", "rep",
              "member", "seller"}  # fmt: skip
_NOT_SPEECH_TYPES = {"bot", "system", "app", "integration", "automation", "workflow", "fin",
                     "operator_bot", "custom_bot"}  # fmt: skip
_AMBIGUOUS = "user"
_PRIVATE_KINDS = ("note", "private", "internal", "whisper")
_MAX_DEPTH = 5
_EPOCH_MS = 10**11  # larger numbers are milliseconds since 1970, smaller ones seconds


def _author(part: dict[str, Any]) -> dict[str, Any] | None:
    return next((part[key] for key in _AUTHOR_KEYS if isinstance(part.get(key), dict)), None)


def _author_type(part: dict[str, Any]) -> str | None:
    author = as_dict(_author(part))
    if author.get("bot") is True or author.get("is_bot") is True:
        return "bot"
    value = next((part[k] for k in _PART_TYPE_KEYS if isinstance(part.get(k), str)), None)
    value = value or next((author[k] for k in _TYPE_KEYS if isinstance(author.get(k), str)), None)
    return " ".join(value.casefold().split()) if value else None


def _is_part(entry: dict[str, Any]) -> bool:
    """An author with a type, and a body key (a part with no words may hold ``null``)."""
    return _author_type(entry) is not None and any(key in entry for key in _BODY_KEYS)


def _part_lists(value: Any, depth: int = 0) -> Iterator[list[dict[str, Any]]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        entries = dicts(value)
        if entries and sum(map(_is_part, entries)) * 2 > len(entries):
            yield entries
            return
        for item in entries:
            yield from _part_lists(item, depth + 1)
    elif isinstance(value, dict):
        for child in value.values():
            yield from _part_lists(child, depth + 1)


def chat_parts(document: Any, text: str) -> list[ParsedCall] | None:
    """The conversation in the longest list of authored parts, or None when there is none."""
    lists = list(_part_lists(document))
    if not lists:
        return None
    parts = max(lists, key=len)
    opening = [v for v in as_dict(document).values() if isinstance(v, dict) and _is_part(v)]
    parts = [*(p for p in opening if p not in parts), *parts]
    types = {t for part in parts if (t := _author_type(part))}
    user_side = "rep" if types & _BUYER_TYPES and not types & _REP_TYPES else "buyer"
    opened = _moment(_first(as_dict(document), _TIME_KEYS))  # when the opening was sent
    moments = [
        _moment(_first(part, _TIME_KEYS)) or (opened if part in opening else None) for part in parts
    ]
    first = min((m for m in moments if m is not None), default=None)
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    for part, moment in zip(parts, moments, strict=True):
        role = _side(part, user_side)
        said = _words(part)
        if role is None or not said:
            continue
        start = (moment - first).total_seconds() if moment and first else None
        call.utterances.append(ParsedUtterance(said, _name(part), start, role, None, True))
    call.call_date = first.date() if first else None
    call.account = _company(document)
    call.title = clean_optional(as_dict(document).get("title"))
    return [call] if call.utterances else None


def _side(part: dict[str, Any], user_side: str) -> str | None:
    """buyer, rep, or None for what no person said to the other side."""
    kind = " ".join(str(_first(part, _KIND_KEYS) or "").casefold().split())
    if any(word in kind for word in _PRIVATE_KINDS) or part.get("public") is False:
        return None
    if part.get("private") is True or part.get("internal") is True:
        return None
    author_type = _author_type(part) or ""
    if author_type in _NOT_SPEECH_TYPES:
        return None
    if author_type == _AMBIGUOUS:
        return user_side
    if author_type in _BUYER_TYPES:
        return "buyer"
    return "rep" if author_type in _REP_TYPES else None


def _words(part: dict[str, Any]) -> str:
    body = next((part[key] for key in _BODY_KEYS if isinstance(part.get(key), str)), "")
    return " ".join(html_to_text(body).split())


def _name(part: dict[str, Any]) -> str | None:
    author = as_dict(_author(part))
    name = _first(author, _NAME_KEYS)
    if name is None and author.get("id") is not None:
        name = f"{(_author_type(part) or 'author').title()} {author['id']}"
    return clean_optional(name)


def _first(entry: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((entry[key] for key in keys if entry.get(key) not in (None, "")), None)


def _moment(value: Any) -> dt.datetime | None:
    """Seconds or milliseconds since 1970, or an ISO time."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 10**8:
        scale = 1000 if value > _EPOCH_MS else 1
        try:
            return dt.datetime.fromtimestamp(value / scale, tz=dt.UTC)
        except (OverflowError, ValueError, OSError):
            return None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None


def _company(document: Any) -> str | None:
    """A company named beside the parts: the conversation's, or an attribute of it."""
    level = [as_dict(document)]
    for _depth in range(3):
        for entry in level:
            value = _first(entry, _COMPANY_KEYS)
            if isinstance(value, str) and value.strip():
                return value.strip()
        level = [child for entry in level for child in entry.values() if isinstance(child, dict)]
    return None
