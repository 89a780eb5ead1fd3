"""What someone does in passing, right after their name: "At the end of the day Kirra adds up
the log", "Tamsin rings the visitors", "Kiri does all the books".

Why: a buyer named in passing is on no speaker list and, where the name is not a US Census one,
on no first-name list either; "Kirra adds up the log" reached a published brief. Before one of
these everyday doings, a capitalised word that is no English word and no word the workspace
knows (a brand, an account, the profile's words) is taken for a person. A name that is an
English word too ("Grace", "Price") is left to the other cues: "Price goes up in January".
"""

from __future__ import annotations

_ADVERB = r"(?:(?:also|always|just|usually|normally|still|then|often|sometimes|never)\s+)?"
# Doings of a person, seldom of a product or a place ("Tidemark prints the invoices", "the new
# one on Alder opened in May" and "Grabbit orders" name no one): none of "does", "books",
# "keeps", "sends", "works", "uses", "orders".
_VERBS = (
    "adds|added|counts|counted|checks|checked|types|typed|rings|rang|phones|phoned|emails"
    "|emailed|texts|texted|chases|chased|tallies|tallied|reconciles|reconciled|enters|entered"
    "|fills|filled|writes|wrote|reads|drives|drove|rosters|rostered|cashes|cashed|banks|banked"
    "|spends|spent|knows|knew|answers|answered"
    r"|does (?:all |most )?(?:the |our )?(?:books|accounts|rota|payroll|banking|invoicing|wages"
    r"|tills|admin|ordering)"
)
# After a name: "Kirra adds", "Kirra usually does", "Kirra's" is the possessive's cue.
ROUTINE = rf"\s+{_ADVERB}(?:{_VERBS})\b"
