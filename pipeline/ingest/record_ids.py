"""A CRM's record ids where a name belongs: Salesforce's Data Loader writes ``AccountId``,
``WhatId`` and ``OwnerId`` as ids (``0018d00000Qw3ErAAJ``), and those had become account names
on every page, silently. A table's name field never takes one; the upload says which column
held them and what to pass instead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall

# The fields that name a company or a person; of those a user gives, what the upload was
# missing and what to pass.
_NAME_FIELDS = ("account", "our_speakers", "requester", "contacts")
_TOLD = {
    "account": ("account", '--account, or --column-map \'{"account": "<column of names>"}\''),
    "our_speakers": ("rep", "--our-speakers"),
}
# Salesforce: a 3-character key prefix (001 account, 003 contact, 006 opportunity, 00T task),
# the instance and a reserved 0, the record's number; 15 characters, or 18 with a checksum.
_SALESFORCE = re.compile(r"^[a-zA-Z0-9]{5}0[a-zA-Z0-9]{9}(?:[a-zA-Z0-9]{3})?$")
_SALESFORCE_DIGITS = 4
_OTHER_IDS = re.compile(
    r"^(?:#?\d{5,}"  # HubSpot, Pipedrive, Zoho: a number
    r"|\{?[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?"  # Dynamics, Attio: a GUID
    r"|(?=[a-f]*\d)[0-9a-f]{16,})$"  # Mongo-style hex
)


def is_record_id(value: str) -> bool:
    """Whether a cell is a record's id rather than a name: ``0018d00000Qw3ErAAJ``,
    ``41828839201``, a GUID; "Acme Ltd" and "3M" are names."""
    value = value.strip()
    if _OTHER_IDS.match(value):
        return True
    return bool(_SALESFORCE.match(value)) and sum(c.isdigit() for c in value) >= _SALESFORCE_DIGITS


def id_columns(
    names: Sequence[str], row: Sequence[str], columns: dict[str, list[int]]
) -> dict[int, str]:
    """Column index -> field, for each name field's column whose cell in ``row`` is an id."""
    return {
        index: field
        for field in _NAME_FIELDS
        for index in columns.get(field, [])
        if is_record_id(row[index])
    }


def note_id_columns(
    call: ParsedCall, names: Sequence[str], row: Sequence[str], found: dict[int, str]
) -> None:
    """Keep which columns held ids, for the upload's summary (``record_id_notice``), and the
    account's id, which tells two rows' calls apart (``account_key_of``)."""
    if found:
        call.extra["record_id_columns"] = {names[index]: field for index, field in found.items()}
    accounts = [row[index].strip() for index, field in found.items() if field == "account"]
    if accounts:
        call.extra["account_record_id"] = accounts[0]


def account_key_of(call: ParsedCall) -> str | None:
    """The account that makes a call's content its own: its name, else its record id (rows with
    the same note on two accounts are two calls, as when the id was taken for the name)."""
    return call.account or call.extra.get("account_record_id")


def record_id_notice(call: ParsedCall) -> str | None:
    """What to tell the user of name columns that held ids, for the fields the call still
    lacks once the upload's own metadata is in (an ``--account`` given needs no hint)."""
    held: dict[str, str] = call.extra.get("record_id_columns", {})
    given = {"account": call.account, "our_speakers": call.our_speakers}
    parts = []
    for field, (what, hint) in _TOLD.items():
        columns = [column for column, of in held.items() if of == field]
        if columns and not given[field]:
            shown = " and ".join(repr(column) for column in columns)
            held_ids = "hold record ids, not names" if len(columns) > 1 else "holds a record id"
            parts.append(f"{shown} {held_ids}, so no {what} was read; pass {hint}")
    return "; ".join(parts) or None
