"""Names a call says as the buyer's own: one of their places ("our Pelican Cut site", "down at
Northgate", "a pilot at Riverside first", "the yard over at Cedar Key") or a tool they keep
beside whatever they buy ("it has to sync with Xero", "sign in with Okta", "the Stripe
integration", "everything posts to Xero", "we pay the drivers through Wise").

Why: a marina group's own site, said in "A boat gets moved from Pelican Cut to Mangrove Point"
and "a pilot at Pelican Cut", had been a guessed rival on the dashboard, the filters and the
theme pages. A guess the call says so anywhere is no rival; a configured one always is (it is
never guessed).
"""

from __future__ import annotations

import re

from pipeline.detect.not_rivals import only_edition_words

_FLAGS = re.IGNORECASE

# The places a business runs from (no shop nor store: "our Shopify store" names a platform).
_PLACES = (
    r"sites?|branch(?:es)?|depots?|yards?|locations?|premises|campus(?:es)?|warehouses?|clinics?"
    r"|surger(?:y|ies)|offices?|plants?|facilit(?:y|ies)|chapels?|showrooms?|outlets?"
)
# More of them, read only before "at", "in", "near": "our other marina in Port Douglas". Not
# before a name ("every Dockwa marina" names the marinas a product has).
_MORE_PLACES = (
    rf"{_PLACES}|marinas?|harbou?rs?|boatyards?|labs?|laborator(?:y|ies)|schools?|practices?"
    r"|farms?|breweries|brewery|taprooms?|hospitals?|clubs?|clubhouses?|pontoons?|stores?|shops?"
)
# What stands before a place's name: "down at X", "based in X", "at our X", "a pilot at X",
# "our site at X", "our second site, X", "over in X", "the yard over at X", "the lab near X".
# Not a bare "over at X": "over at Jobber they charge..." names a rival as often as a place.
_PLACE_LEAD = (
    r"(?:\b(?:down|up|out|round|based|located|pilot|trial|start|starting|go[- ]live"
    r"|roll(?:ed|ing)?[- ]?out|launch(?:ed|ing)?)\s+(?:it\s+|them\s+)?(?:at|in)|\bat\s+our"
    rf"|\b(?:{_MORE_PLACES})\s+(?:at|in|called|over\s+at|down\s+at|near)|\b(?:{_PLACES})\s*[,:(]"
    r"|\bover\s+in)\s+"
)
# A place's name then its kind, after a word that points at it: "our Pelican Cut site", "the
# Northgate branch", "from Eastfield depot".
_PLACE_POINTER = r"\b(?:our|the|at|in|from|to|each|every|both|their)\s+"
# A tool wired to theirs: "sync with X", "push the invoices into X", "plug it into X", "it all
# posts to X", "does it talk to X". Not "export to X" nor "talk to X": moving to a product and
# speaking to a vendor name rivals.
_WIRED = (
    r"(?:\b(?:integrat\w*|sync\w*|connect\w*|link(?:s|ed|ing)?|plug\w*|hook\w*|push(?:es|ed|ing)?"
    r"|feed(?:s|ing)?|post(?:s|ed|ing)?)\s+(?:(?:it|that"
    r"|this|them|up|in|straight|directly|back|everything|all|our\s+\w+|the\s+\w+|\w+s)\s+){0,2}"
    r"(?:with|to|into|in\s+to)"
    r"|\b(?:it|that|this|yours|your\s+(?:\w+\s+)?(?:app|system|software|platform|one))\s+"
    r"(?:\w+\s+)?(?:talks?|works?|plays?)\s+(?:nicely\s+|well\s+)?(?:with|to))\s+"
)
# Money or work sent through a tool: "we pay the drivers through Wise", "the fees are collected
# via X", "we send impressions through X".
_THROUGH = (
    r"\b(?:pay|pays|paid|paying|collect\w*|send|sends|sent|sending|bill(?:s|ed|ing)?|process\w*"
    r"|post(?:s|ed|ing)?|run\s+payroll|taken|banked)\s+(?:[\w']+\s+){0,3}?"
    r"(?:through|via)\s+"
)
_SIGNED_IN = r"\b(?:sign|log)(?:s|ged|ging)?[- ]?(?:in|on)\s+(?:with|through|via|using)\s+"
_PART_OF_THEIRS = r"\s+(?:integration|connector|plug-?in|add-?on|sync|mandates?|ledger)\b"


def said_as_no_rival(name: str, text: str) -> bool:
    """Whether ``text`` (a sentence, its turn, its call) says ``name``, or the maker or edition
    of a name with an edition's word ("Desktop" of "QuickBooks Desktop"), as one of the buyer's
    places or as a tool they keep and wire to what they buy."""
    return any(_said_so(form, text) for form in _forms(name))


def _forms(name: str) -> list[str]:
    """The name, and where it ends in edition words its maker's and its edition's part: "syncs
    with Desktop directly" wires "QuickBooks Desktop" too."""
    words = name.split()
    cut = len(words)
    while cut > 1 and only_edition_words(words[cut - 1]):
        cut -= 1
    if cut == len(words):
        return [name]
    return [name, " ".join(words[:cut]), " ".join(words[cut:])]


def _said_so(name: str, text: str) -> bool:
    said = re.escape(name)
    patterns = (
        rf"{_PLACE_LEAD}{said}\b",
        rf"{_PLACE_POINTER}{said}\s+(?:{_PLACES})\b",
        rf"(?:{_WIRED}|{_THROUGH}){said}\b",
        rf"{_SIGNED_IN}{said}\b",
        rf"\b{said}{_PART_OF_THEIRS}",
    )
    return any(re.search(pattern, text, _FLAGS) for pattern in patterns)
