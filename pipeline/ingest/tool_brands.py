"""The brands of the tools that record, transcribe, dial and file calls (the exports callmine
reads): a title or header may carry one ("RingCentral Call Transcript"), and it is never the
account. "RingCentral" had been a buyer's account, with its page and a filter entry."""

from __future__ import annotations

import re

# Recorders and note-takers, meeting and phone tools, CRMs and help desks; as written, without
# a ".ai"/".io"/".com" ending (compared without case, spaces or punctuation).
TOOL_BRANDS = frozenset(
    {
        "Gong", "Chorus", "Otter", "Fireflies", "tl;dv", "tldv", "Fathom", "Avoma", "Grain",
        "Sembly", "Jiminny", "Modjo", "Krisp", "Loom", "Vidyard", "Rev", "Sonix",
        "Descript", "Trint", "Zoom", "Microsoft Teams", "Teams", "Google Meet", "Webex",
        "GoTo Meeting", "Whereby", "RingCentral", "Dialpad", "Aircall", "JustCall", "Talkdesk",
        "Five9", "Twilio", "Google Voice", "Vonage", "8x8", "Salesforce", "HubSpot", "Pipedrive",
        "Zoho", "Zoho CRM", "Close", "Copper", "Freshsales", "Freshdesk", "Zendesk", "Intercom",
        "Salesloft", "Outreach", "Dynamics", "Microsoft Dynamics", "Attio", "Slack", "Notion",
        "Gmail", "Outlook", "Clari", "Gemini", "Zoom AI Companion", "Read AI", "Granola",
        "Tactiq", "Supernormal", "MeetGeek", "Airgram", "Notta", "Bluedot", "Circleback",
    }
)  # fmt: skip
_ENDING = re.compile(r"\.(?:ai|io|com|co|app|video)$", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    return _NOT_LETTERS.sub("", _ENDING.sub("", name.strip()).casefold())


_KEYS = frozenset(_key(brand) for brand in TOOL_BRANDS)


def brand_pattern() -> str:
    """A regex alternation of the brands as written, any spacing ("tl;dv", "Read AI"): the
    longest first, so "Zoom AI Companion" is read whole."""
    spelled = sorted(TOOL_BRANDS, key=len, reverse=True)
    return "|".join(r"\s?".join(map(re.escape, brand.split())) for brand in spelled)


def is_tool_brand(name: str) -> bool:
    """Whether ``name`` is a recording, phone or CRM tool's brand ("RingCentral", "Otter.ai")."""
    return _key(name) in _KEYS
