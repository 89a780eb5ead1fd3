"""Names a call says as the buyer's own: one of their places ("our Pelican Cut site", "down at
Northgate", "a pilot at Riverside first") or a tool they keep beside whatever they buy ("it has
to sync with Xero", "sign in with Okta", "the Stripe integration").

Why: a marina group's own site, said in "A boat gets moved from Pelican Cut to Mangrove Point"
and "a pilot at Pelican Cut", had been a guessed rival on the dashboard, the filters and the
theme pages. A guess the call says so anywhere is no rival; a configured one always is (it is
never guessed).
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

# The places a business runs from (no shop nor store: "our Shopify store" names a platform).
_PLACES = (
    r"sites?|branch(?:es)?|depots?|yards?|locations?|premises|campus(?:es)?|warehouses?|clinics?"
    r"|surger(?:y|ies)|offices?|plants?|facilit(?:y|ies)|chapels?|showrooms?|outlets?"
)
# What stands before a place's name: "down at X", "based in X", "at our X", "a pilot at X",
# "our site at X", "our second site, X". Not "over at X": "over at Jobber they charge..." names
# a rival as often as a place.
_PLACE_LEAD = (
    r"(?:\b(?:down|up|out|round|based|located|pilot|trial|start|starting|go[- ]live|roll(?:ed|ing)?"
    rf"[- ]?out|launch(?:ed|ing)?)\s+(?:it\s+|them\s+)?(?:at|in)|\bat\s+our|\b(?:{_PLACES})\s+"
    rf"(?:at|in|called)|\b(?:{_PLACES})\s*[,:(])\s+"
)
# A place's name then its kind, after a word that points at it: "our Pelican Cut site", "the
# Northgate branch", "from Eastfield depot".
_PLACE_POINTER = r"\b(?:our|the|at|in|from|to|each|every|both|their)\s+"
# A tool wired to theirs: "sync with X", "push the invoices into X", "plug it into X". Not
# "export to X" nor "talk to X": moving to a product and speaking to a vendor name rivals.
_WIRED = (
    r"\b(?:integrat\w*|sync\w*|connect\w*|link(?:s|ed|ing)?|plug\w*|hook\w*|push(?:es|ed|ing)?"
    r"|feed(?:s|ing)?)\s+(?:(?:it|that"
    r"|this|them|up|in|straight|directly|back|everything|all|our\s+\w+|the\s+\w+|\w+s)\s+){0,2}"
    r"(?:with|to|into|in\s+to)\s+"
)
_SIGNED_IN = r"\b(?:sign|log)(?:s|ged|ging)?[- ]?(?:in|on)\s+(?:with|through|via|using)\s+"
_PART_OF_THEIRS = r"\s+(?:integration|connector|plug-?in|add-?on|sync)\b"


def said_as_no_rival(name: str, text: str) -> bool:
    """Whether ``text`` (a sentence, its turn, its call) says ``name`` as one of the buyer's
    places or as a tool they keep and wire to what they buy."""
    said = re.escape(name)
    patterns = (
        rf"{_PLACE_LEAD}{said}\b",
        rf"{_PLACE_POINTER}{said}\s+(?:{_PLACES})\b",
        rf"{_WIRED}{said}\b",
        rf"{_SIGNED_IN}{said}\b",
        rf"\b{said}{_PART_OF_THEIRS}",
    )
    return any(re.search(pattern, text, _FLAGS) for pattern in patterns)
