"""A CRM note's parent record, read by what its type column says it is: Attio's ``Parent
record`` beside ``Parent object`` (companies, people, deals), Copper's and Zoho's ``Related
To`` beside ``Related To Type`` / ``Related To Module``, Dynamics' ``Regarding`` beside its type,
Insightly's ``Link Subject Name`` beside ``Link Subject Type``.

Why: Attio's notes export names the account only as a parent record of object "companies"; no
account was read ("no account column recognised"), while a record of object "people" is a
contact and one of object "deals" a deal, never an account.
"""

from __future__ import annotations

from collections.abc import Sequence

# A record column -> the columns that may say what kind of record it names.
_TYPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "parent record": ("parent object", "parent record type", "parent type"),
    "related to": ("related to type", "related to module", "related type", "related module"),
    "regarding": ("regarding type", "regarding object type", "regarding entity"),
    "what": ("what type",),
}
# A record's kind (singular or plural, any case) -> the call's field it gives.
_FIELD_OF_KIND: dict[str, str] = {
    **dict.fromkeys(
        ("company", "account", "organization", "organisation", "business", "customer"), "account"
    ),
    **dict.fromkeys(("deal", "opportunity", "potential", "pipeline"), "deal_id"),
    **dict.fromkeys(("person", "people", "contact", "lead"), "contacts"),
}
TypedColumn = tuple[int, int]  # (record column, its type column)


def typed_columns(keys: Sequence[str], known: frozenset[str] = frozenset()) -> list[TypedColumn]:
    """The record columns (by ``column_key``) whose type column is in the header too: the
    ones above, and any "<X> name" beside "<X> type" whose name no field goes by (``known``):
    Insightly's ``LINK_SUBJECT_NAME`` beside ``LINK_SUBJECT_TYPE`` ("Organisation") had been
    "not read", the account with it. "Account name" beside "Account type" stays the account's."""
    pairs: list[TypedColumn] = []
    for record, kinds in _TYPE_COLUMNS.items():
        kind = next((k for k in kinds if k in keys), None)
        if record in keys and kind is not None:
            pairs.append((keys.index(record), keys.index(kind)))
    for index, key in enumerate(keys):
        stem = key.removesuffix(" name")
        if stem != key and key not in known and f"{stem} type" in keys:
            pairs.append((index, keys.index(f"{stem} type")))
    return pairs


def typed_fields(row: Sequence[str], pairs: Sequence[TypedColumn]) -> dict[str, str]:
    """The fields a row's typed records give: account, deal or contact, by each one's type."""
    fields: dict[str, str] = {}
    for record, kind in pairs:
        value = " ".join(row[record].split())
        words = row[kind].casefold().split()
        field = _FIELD_OF_KIND.get(_singular(words[-1])) if words else None
        if value and field:
            fields.setdefault(field, value)
    return fields


def _singular(word: str) -> str:
    """ "companies" -> "company", "deals" -> "deal"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word.removesuffix("s")
