"""Help-desk tickets as JSON (Zendesk, Freshdesk, Help Scout): each ticket is one conversation
whose messages say their author by reference, and the author's side is the ticket's to tell.

Why: a ticket's replies were not read at all ("JSON transcript not found"), so a buyer's
objection in a reply and our agent's answer were both lost. The side of a message, in the order
asked: a private note or internal comment (``public: false``, ``private: true``, a ``note``
thread) is nobody's speech; Freshdesk's ``incoming`` says the customer wrote it; an author
object's type (Help Scout's ``createdBy.type``: ``customer`` or ``user``, our agent) or the
side-loaded user's role (Zendesk's ``users[].role``: ``end-user`` or ``agent``/``admin``); the
ticket's requester is the buyer and its assignee or responder ours; else the side is unknown,
for the roster and our company's domain to settle.
"""

from __future__ import annotations

from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.email_thread import message_words
from pipeline.ingest.json_pieces import as_dict, dicts
from pipeline.ingest.values import clean_optional, html_to_text, parse_date

_MESSAGE_LISTS = ("comments", "conversations", "threads", "replies", "messages")
_TICKET_LISTS = ("tickets", "conversations", "results", "data")
_BODY_KEYS = ("plain_body", "body_text", "body", "text", "html_body", "content")
_AUTHOR_ID_KEYS = ("author_id", "user_id", "created_by_id", "sender_id")
_AUTHOR_KEYS = ("createdBy", "created_by", "author", "user", "sender")
_REQUESTER_KEYS = ("requester", "customer", "primaryCustomer", "submitter")
_OURS_ID_KEYS = ("assignee_id", "responder_id", "agent_id", "owner_id")
_TIME_KEYS = ("created_at", "createdAt", "created", "updated_at")
_TITLE_KEYS = ("subject", "title", "raw_subject")
_DESCRIPTION_KEYS = ("description_text", "description", "preview")
_BUYER_KINDS = {"customer", "end-user", "end_user", "enduser", "requester", "contact", "lead"}
_OUR_KINDS = {"user", "agent", "admin", "teammate", "staff", "employee"}
_PRIVATE = {"note", "internal", "private", "lineitem", "forwardparent", "forwardchild"}


def ticket_threads(document: Any, text: str) -> list[ParsedCall] | None:
    """One call per ticket holding a list of messages, or None when the document has none."""
    top = as_dict(document)
    tickets = [top] if _messages(top) else []
    if not tickets:
        listed = next((dicts(top[k]) for k in _TICKET_LISTS if isinstance(top.get(k), list)), [])
        tickets = [t for t in (listed or dicts(document)) if _messages(t)]
    if not tickets:
        return None
    people = {str(u.get("id")): u for u in dicts(top.get("users")) if u.get("id") is not None}
    firms = {str(o.get("id")): o for o in dicts(top.get("organizations")) if o.get("id")}
    calls = [_ticket(ticket, people, firms, text) for ticket in tickets]
    return [call for call in calls if call.utterances] or None


def _messages(ticket: dict[str, Any]) -> list[dict[str, Any]]:
    """The ticket's messages: a list under one of ``_MESSAGE_LISTS`` (Help Scout's under
    ``_embedded``) whose entries carry a body."""
    for holder in (ticket, as_dict(ticket.get("_embedded"))):
        for key in _MESSAGE_LISTS:
            entries = dicts(holder.get(key))
            if entries and all(_body(entry) is not None for entry in entries):
                return entries
    return []


def _body(entry: dict[str, Any]) -> str | None:
    value = next((entry[k] for k in _BODY_KEYS if isinstance(entry.get(k), str)), None)
    return None if value is None else html_to_text(value)


def _ticket(
    ticket: dict[str, Any],
    people: dict[str, dict[str, Any]],
    firms: dict[str, dict[str, Any]],
    text: str,
) -> ParsedCall:
    requester = _requester(ticket, people)
    ours_ids = {str(ticket[k]) for k in _OURS_ID_KEYS if ticket.get(k) is not None}
    messages = _messages(ticket)
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    description = _first(ticket, _DESCRIPTION_KEYS)
    opening = html_to_text(description) if isinstance(description, str) else ""
    if opening.strip() and not any(_same(opening, _body(m) or "") for m in messages):
        call.utterances += _words(opening, requester.get("name"), "buyer")
    for message in messages:
        side, name = _side(message, requester, ours_ids, people)
        if side is not None:
            call.utterances += _words(_body(message) or "", name, side)
    call.title = clean_optional(_first(ticket, _TITLE_KEYS))
    moment = _first(ticket, _TIME_KEYS)
    call.call_date = parse_date(str(moment)[:10]) if moment else None
    call.account = _account(ticket, firms)
    if requester.get("name"):
        call.extra["requester"] = requester["name"]
    return call


def _side(
    message: dict[str, Any],
    requester: dict[str, Any],
    ours_ids: set[str],
    people: dict[str, dict[str, Any]],
) -> tuple[str | None, str | None]:
    """``(side, author's name)``; a side of None for what no one said to the other side."""
    kind = str(message.get("type") or message.get("part_type") or "").casefold()
    if message.get("public") is False or message.get("private") is True or kind in _PRIVATE:
        return None, None
    author = next(
        (as_dict(message[k]) for k in _AUTHOR_KEYS if isinstance(message.get(k), dict)), {}
    )
    author_id = next((str(message[k]) for k in _AUTHOR_ID_KEYS if message.get(k) is not None), "")
    author = author or people.get(author_id, {})
    name = _name(author)
    author_kind = str(author.get("type") or author.get("role") or "").casefold()
    if isinstance(message.get("incoming"), bool):
        side = "buyer" if message["incoming"] else "rep"
    elif author_kind in _BUYER_KINDS or (author_kind == "" and kind == "customer"):
        side = "buyer"
    elif author_kind in _OUR_KINDS or kind == "message":
        side = "rep"
    elif author_id and author_id == str(requester.get("id") or ""):
        side = "buyer"
    else:
        side = "rep" if author_id in ours_ids else "unknown"
    sender = str(message.get("from_email") or author.get("email") or "").casefold()
    if side == "buyer" and not name and sender == str(requester.get("email") or "").casefold():
        name = requester.get("name")
    return side, name or (requester.get("name") if side == "buyer" and not author else None)


def _requester(ticket: dict[str, Any], people: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The requester as ``{"id", "name", "email"}``: an embedded object, else the side-loaded
    user its ``requester_id`` names."""
    found = next(
        (as_dict(ticket[k]) for k in _REQUESTER_KEYS if isinstance(ticket.get(k), dict)), {}
    )
    requester_id = ticket.get("requester_id", found.get("id"))
    found = found or people.get(str(requester_id), {})
    return {"id": requester_id, "name": _name(found), "email": found.get("email")}


def _name(person: dict[str, Any]) -> str | None:
    joined = " ".join(str(person.get(k) or "") for k in ("first", "last", "firstName", "lastName"))
    return clean_optional(person.get("name")) or clean_optional(" ".join(joined.split()))


def _account(ticket: dict[str, Any], firms: dict[str, dict[str, Any]]) -> str | None:
    company = next(
        (ticket[k] for k in ("company", "organization", "organisation") if ticket.get(k)), None
    )
    if isinstance(company, dict):
        return clean_optional(company.get("name"))
    if isinstance(company, str):
        return clean_optional(company)
    firm = firms.get(str(ticket.get("organization_id") or ticket.get("company_id") or ""))
    return clean_optional(as_dict(firm).get("name"))


def _words(text: str, name: str | None, side: str) -> list[ParsedUtterance]:
    """A message's paragraphs as its writer's, greeting and signature left out; the side as
    the ticket says it (an unknown side is the writer's own, settled later)."""
    words = message_words(text.split("\n"), name, role=side)
    for utterance in words:
        utterance.role_from_source = side != "unknown"
    return words


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _first(entry: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((entry[key] for key in keys if entry.get(key) not in (None, "")), None)
