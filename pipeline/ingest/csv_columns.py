"""Which CSV column holds what: header names of CRM exports (HubSpot, Salesforce, Pipedrive, Zoho,
Close, Dynamics 365, Copper, Freshsales, monday.com boards, Fivetran/Airbyte syncs with
``property_hs_*`` columns), found whatever their case or style
(``Note body``, ``NOTE_BODY``, ``noteBody``, ``property_hs_note_body``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, Unplaced
from pipeline.ingest.header import label_key
from pipeline.ingest.typed_records import typed_columns
from pipeline.ingest.utterance_columns import TURN_FIELDS, names_utterances

# Field -> header names tried in order. A field may use several columns: each row takes the
# first one that is not empty (Salesforce Tasks: ActivityDate, else CreatedDate).
COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "transcript": (
        "transcript", "transcript text", "call transcript", "transcription", "full transcript",
        "meeting transcript", "conversation", "dialogue", "transcription text",
    ),
    "text": (
        "note body", "body", "notes", "note", "call notes",
        # Salesforce reports: "Comments" is cut at 255 characters, "Full Comments" is whole
        "full comments",
        "description", "call summary",
        "summary", "comments", "comment", "activity notes", "meeting notes", "text", "content",
        "details", "call body", "note text", "activity note", "meeting body", "deal description",
        "email body", "task body", "communication body", "postal mail body",
        # Zoho Notes, Close (calls, notes, emails)
        "note content", "note html", "body text",
        "updates", "item updates", "latest update",  # monday.com boards
        "ticket description",  # HubSpot tickets
        "body preview",  # HubSpot activity reports
        "public description",  # Pipedrive activities ("Activity - Public description")
    ),
    # The buyer's own words, one quote per row (Airtable call logs, research trackers)
    "buyer_quote": (
        "buyer quote", "quote", "customer said", "verbatim", "key quote", "what they said",
        "customer quote", "prospect quote", "buyer said", "prospect said", "client said",
        "customer verbatim", "buyer verbatim", "quotes", "key quotes",
    ),
    # The rep's plan for the deal (HubSpot's "Next step", Salesforce's "Next Step"): our side's
    # to-do, read as the rep's action items, never as the buyer's words.
    "steps": (
        "next steps", "next step", "action items", "action item", "follow up", "follow ups",
        "next action", "next actions", "to do", "to dos", "todo", "agreed next steps",
    ),
    "reasons": (
        "closed won reason", "closed lost reason", "won reason", "lost reason", "loss reason",
        "closed lost reason detail", "reason lost", "reason won",
        "reason for loss",  # Zoho Deals
    ),
    "date": (
        "activity date", "call date", "meeting date", "date", "activity date time",
        "start date time", "start time", "timestamp", "activity timestamp", "close date",
        "closed date", "created date", "create date", "createdate", "created at", "created",
        "done date", "done time", "marked as done time", "due date", "activity due date",
        "date of call", "closed on", "close on", "won on", "lost on", "call on", "met on",
        "won time", "lost time", "deal created", "add time",
        # Zoho calls/notes, Close, Dynamics 365 activities and opportunities, Freshsales
        "call start time", "actual start", "actual end", "date won", "actual close date",
        "closing date", "expected close date", "date created", "created time", "created on",
        "start date",  # Dynamics 365 activity views
        # Bullhorn notes ("Date Added"), other ATS/CRM note and activity exports
        "date added", "added on", "note date", "date of note", "date entered", "entered on",
        "activity created", "note created", "created date time",
    ),
    "account": (
        "company", "account", "account name", "company name", "associated company",
        "organization", "organisation", "customer", "client", "account id", "what id",
        "org", "org name", "organization name", "organisation name", "business name", "business",
        # Zoho/Copper "Related To", Dynamics "Regarding", Close "lead_name", Freshsales
        "sales account", "related to", "regarding", "lead name", "potential customer",
        # monday.com CRM's connected boards, named in the plural
        "accounts", "companies", "organizations", "organisations",
        # Salesforce activity reports ("Company / Account": the lead's company or the account)
        "company/account", "account/company",
        "associated companies", "parent account",  # HubSpot, Dynamics 365 contacts
    ),
    "outcome": (
        "outcome", "deal outcome", "result", "closed won", "won", "is won", "stage result",
        "deal result", "won lost", "win loss", "win/loss",
        "status type",  # Close opportunities: active, won, lost
    ),
    "closed": ("is closed", "closed"),
    "status": ("status", "deal status"),
    "deal_stage": (
        "deal stage", "stage", "stage name", "opportunity stage", "pipeline stage",
        "deal stage name",
        # Close: the opportunity's or the lead's status ("lead_status_label": "Proposal Sent")
        "status label", "lead status", "lead status label", "opportunity status label",
        "sales stage", "pipeline phase",  # Dynamics 365 opportunities
    ),
    "industry": (
        "industry", "account industry", "company industry", "industry name", "vertical",
        "segment", "sector", "business type",
    ),
    "deal_id": (
        "deal id", "opportunity id", "deal", "associated deal id", "deal record id",
        # Zoho Notes: "Parent ID" is the record the note is on ("Parent Module" says which
        # kind); its "Record Id" is then the note's own, and only a record's export's the deal
        "parent id", "record id",
        "item id",  # monday.com
        # Salesforce Tasks' "What" (the opportunity, or the account, the task is about)
        "what", "what name", "related opportunity", "opportunity",
        "associated deal", "associated deals",  # HubSpot activity reports: the deal's name
    ),
    "competitors": (
        "competitors", "competitor", "competition", "rival", "rivals", "competitor name",
        "competitors mentioned", "competing vendor", "competing vendors", "lost to",
        "alternatives considered", "primary competitor", "main competitor",
        "competitor(s)", "competitors considered",
    ),
    "title": (
        "subject", "title", "call title", "activity subject", "call name", "meeting name",
        "deal name", "deal title", "opportunity name", "name",
        "note title", "topic",  # Zoho Notes, Dynamics opportunities
        "call", "meeting",  # an Airtable log's first (primary) field names the record
    ),
    # The deal's name, where no field above took its column (a notes export's "Associated
    # Deal" beside its "Record ID"): the account when the row names none (``deal_names``).
    "deal_name": (
        "associated deal", "associated deals", "deal name", "deal title", "opportunity name",
        "opportunity", "related opportunity", "what name",
    ),
    "our_speakers": (
        "our speakers", "activity assigned to", "assigned to", "activity owner", "call owner",
        "deal owner", "owner", "sales rep", "rep", "created by",
        "user name", "user",  # Close, Copper
        "assigned", "assigned to name",  # Salesforce Tasks
        "assigned to user", "assigned user", "note owner",  # Pipedrive activities, Zoho Notes
        "task owner", "meeting owner", "event owner", "opportunity owner",  # Zoho, Salesforce
        # Help desks (Freshdesk, Zendesk, Help Scout, HubSpot tickets): who answers the ticket
        "agent", "agent name", "assignee", "assignee name", "ticket owner",
        "author", "note author", "added by", "entered by",  # Bullhorn notes, ATS exports
    ),
    # Help desks: who wrote the ticket's first message (its description), a buyer's contact
    "requester": (
        "requester", "requester name", "customer name", "requester full name", "submitter",
        "submitter name", "requester email", "customer email",
    ),
    # Help desks: the ticket's later messages, each by its writer (Freshdesk "Conversations",
    # Zendesk or Help Scout reports' latest or all public replies), and who wrote the latest
    "replies": (
        "conversations", "replies", "all replies", "ticket replies", "latest reply",
        "last reply", "latest public reply", "latest public comment", "last public comment",
        "public comments", "all comments", "ticket comments", "ticket thread", "thread",
        "agent reply", "agent replies", "agent response", "agent responses", "customer reply",
        "customer replies", "requester reply", "requester replies", "last customer reply",
        "last agent reply",
    ),
    "reply_by": (
        "latest reply by", "last reply by", "last replied by", "latest reply author",
        "last reply from", "last responder", "last comment by", "latest comment by",
    ),
    # The kind of record a note's "Parent ID" is (Zoho's "Parent Module" or "$se_module")
    "parent_module": ("parent module", "se module", "$se module", "related module"),
    "contacts": (
        "associated contact", "associated contacts", "contact", "contact name", "person",
        "person name", "contact person", "contacts",
        "who", "who name",  # Salesforce Tasks: the contact or lead the task is with
        "call to", "to", "recipient", "recipients",  # Dynamics 365 phone calls and emails
        # Bullhorn notes: "About" (the contact or candidate the note is on)
        "about", "candidate/contact", "contact/candidate", "regarding contact",
    ),
}  # fmt: skip
MAPPABLE = tuple(COLUMN_FIELDS)
# The refusal's hint, in the JSON ``--column-map`` and the API's ``column_map`` take.
MAP_HINT = '{"text": "<column>"}'  # a transcript of one line per row adds "speaker": "<column>"
_PREFIXES = ("property ", "properties ", "hs ")
_KNOWN_KEYS = frozenset(name for names in COLUMN_FIELDS.values() for name in names)
# Pipedrive names every column after its record: "Deal - Call notes", "Person - Name".
_RECORD = re.compile(
    r"^(?:deal|person|organi[sz]ation|activity|lead|note|product|project|contact|company)"
    r"\s+-\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


# The time zone a date column's name states after it ("DATE_CREATED_UTC", "Created At (GMT)").
_TIME_ZONE = re.compile(r"\s*\(?\b(?:utc|gmt)\)?$")


def column_key(header: str) -> str:
    """``property_hs_note_body`` -> ``note body``; ``TranscriptText`` -> ``transcript text``;
    ``Deal - Call notes`` -> ``call notes`` (``Deal - ID`` stays ``deal id``)."""
    raw = header.strip().strip('"')
    key = label_key(raw.replace(".", " "))  # Salesforce's "Account.Name" is "account name"
    key = re.sub(r"\s*/\s*", "/", key)  # Salesforce's "Company / Account", "Win / Loss"
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    key = _TIME_ZONE.sub("", key) or key  # "DATE_CREATED_UTC", "Created at (GMT)": when, still
    record = _RECORD.match(raw)
    if record and key not in _KNOWN_KEYS:
        return column_key(record.group("rest"))
    return key


_ACTIVITY_RECORD = re.compile(r"^(?:note|activity|call|meeting)\s+-\s+", re.IGNORECASE)


def _of_the_activity(header: str) -> bool:
    """A column of the note or activity itself ("Note - Add time"), not of its deal ("Deal -
    Won time"): the call happened when its note was written, not when the deal closed."""
    return bool(_ACTIVITY_RECORD.match(header.strip().strip('"')))


def column_label(header: str) -> str:
    """A header as a note names it: without Pipedrive's record ("Deal - Lost reason")."""
    raw = header.strip().strip('"')
    record = _RECORD.match(raw)
    return record.group("rest").strip() if record else raw


def header_names_text(headers: list[str]) -> bool:
    """Does a header row name a notes or transcript column (a CRM export), or a speaker's and
    their words' (a transcript of one utterance per row)?"""
    keys = {column_key(h) for h in headers}
    return len(keys) >= 2 and bool(
        keys & (set(COLUMN_FIELDS["text"]) | set(COLUMN_FIELDS["transcript"]))
        or names_utterances([column_key(h) for h in headers])
    )


# A report's title block (name, filters, generated-on, a blank row) is a handful of rows; Zoom's
# webinar reports put a dozen rows of sections above their table.
HEADER_WITHIN_ROWS = 30


def header_position(
    rows: Sequence[tuple[int, list[str]]], column_map: dict[str, str] | None = None
) -> int | None:
    """Where a report's table starts, for CSV and workbooks alike: the first row within
    ``HEADER_WITHIN_ROWS`` naming a notes or transcript column, or holding every column the
    column map names; None when no row does."""
    wanted = {column_key(name) for name in (column_map or {}).values()}
    for position, (_number, cells) in enumerate(rows[:HEADER_WITHIN_ROWS]):
        keys = {column_key(cell) for cell in cells if cell.strip()}
        if header_names_text(cells) or (wanted and wanted <= keys):
            return position
    return None


def find_columns(
    names: list[str], column_map: dict[str, str], filename: str
) -> dict[str, list[int]]:
    """Field -> column indexes: the explicit map first, then the known header names in order."""
    keys = [column_key(name) for name in names]
    columns: dict[str, list[int]] = {}
    for field, column in column_map.items():
        if field not in COLUMN_FIELDS:
            raise BadInput(
                f"column map: unknown field {field!r}; use "
                f"{', '.join((*COLUMN_FIELDS, *TURN_FIELDS))}",
                filename=filename,
            )
        if column_key(column) not in keys:
            raise BadInput(
                f"column map: no column named {column!r}; the columns are {listed(names)}",
                filename=filename,
            )
        columns[field] = [keys.index(column_key(column))]
    if "text" in columns:  # the user chose the notes column: no transcript column guessed
        columns.setdefault("transcript", [])
    typed = typed_columns(keys, _KNOWN_KEYS)  # a record by its type ("Parent object": companies)
    if typed:
        columns["records"] = [index for pair in typed for index in pair]
    taken = {index for indexes in columns.values() for index in indexes}
    for field, candidates in COLUMN_FIELDS.items():
        if field in columns:
            continue
        found = [keys.index(c) for c in candidates if c in keys and keys.index(c) not in taken]
        if field == "date":
            found.sort(key=lambda index: not _of_the_activity(names[index]))
        if found:
            several = field in ("date", "account", "reasons", "requester", "replies", "steps")
            columns[field] = found if several else found[:1]
            taken.update(columns[field])
    if not any(columns.get(field) for field in ("text", "transcript", "reasons", "buyer_quote")):
        raise BadInput(
            f"CSV has no notes column: expected one of Note Body, Body, Notes, Description, "
            f"Comments, Full Comments, Call Notes, Transcript (the columns are "
            f"{listed(names)}); map one with a column map, {MAP_HINT}",
            filename=filename,
        )
    return {field: indexes for field, indexes in columns.items() if indexes}


# Fields a marketer filters by: a CSV whose columns were all read but these is told so.
FILTERED_FIELDS = ("date", "account")


def unplaced(names: list[str], columns: dict[str, list[int]]) -> Unplaced | None:
    """The fields a marketer filters by that no column was recognised as, when some columns
    went unused (kept with the call, but no filter sees them), else None; a typed record
    column (Attio's "Parent record") may give the account."""
    missing = tuple(
        field
        for field in FILTERED_FIELDS
        if not columns.get(field) and not (field == "account" and columns.get("records"))
    )
    used = {index for indexes in columns.values() for index in indexes}
    unused = tuple(name for index, name in enumerate(names) if index not in used and name.strip())
    return Unplaced(missing, unused) if missing and unused else None


def unplaced_notice(call: ParsedCall) -> str | None:
    """What to tell the user of a row's unplaced fields, once the upload's metadata is in: a
    field the user gave (``--account``) is placed (the hint had still been printed)."""
    if call.unplaced is None:
        return None
    given = {"date": call.call_date, "account": call.account}
    missing = [field for field in call.unplaced.fields if not given.get(field)]
    if not missing:
        return None
    return (
        f"no {' or '.join(missing)} column recognised; unused columns: "
        f"{listed(list(call.unplaced.columns))}; "
        f'map one with a column map, {{"{missing[0]}": "<column>"}}'
    )


def listed(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names[:20]) + (" ..." if len(names) > 20 else "")


# What a CRM report prints under its rows: "Grand Totals (3 records)", "Copyright (c) 2000-2026
# salesforce.com, inc.", "Confidential Information - Do Not Distribute", "Generated By: ...".
_FOOTER = re.compile(
    r"^(?:grand totals?\b|total\b|copyright\b|\(c\)|©|confidential information\b|generated by\b)",
    re.IGNORECASE,
)


def without_report_footer(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The rows without a report's footer: a closing run of one-cell rows holding a line such
    as "Grand Totals (3 records)" (they had been reported as six skipped rows), its sums beside
    it too ("Grand Totals (4 records)", 56460: reported as a row with no notes)."""
    if not rows or len(rows[0][1]) < 3:
        return rows
    end = len(rows)
    while end > 1 and sum(1 for cell in rows[end - 1][1] if _worded(cell)) <= 1:
        end -= 1
    for position in range(end, len(rows)):  # from the first footer line on
        if _FOOTER.match(" ".join(" ".join(rows[position][1]).split())):
            return rows[:position]
    return rows


_SUM = re.compile(r"[-+]?[$€£¥]?\s*[\d,.]+%?")


def _worded(cell: str) -> bool:
    """A cell holding words, not blank nor a sum ("56460", "$1,240.50")."""
    return bool(cell.strip()) and not _SUM.fullmatch(cell.strip())


def without_group_rows(
    header: list[str], rows: list[tuple[int, list[str]]]
) -> list[tuple[int, list[str]]]:
    """A board's rows without its group layout: monday.com and other board exports repeat the
    header row under each group's title row ("Closed won" alone in the first cell); both had
    become calls (one named "Name", its owner "Owner")."""
    keys = _row_keys(header)
    filled = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    repeated = {index for index, (_n, cells) in enumerate(filled) if _row_keys(cells) == keys}
    titles = {
        index - 1
        for index in repeated
        if index > 0 and index - 1 not in repeated and _only_first(filled[index - 1][1])
    }
    return [row for index, row in enumerate(filled) if index not in repeated | titles]


def _row_keys(cells: list[str]) -> list[str]:
    keys = [column_key(cell) if cell.strip() else "" for cell in cells]
    while keys and not keys[-1]:
        keys.pop()
    return keys


def _only_first(cells: list[str]) -> bool:
    return bool(cells) and bool(cells[0].strip()) and not any(c.strip() for c in cells[1:])
