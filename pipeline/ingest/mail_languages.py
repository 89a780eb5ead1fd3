"""What mail apps write in other languages around a quoted or forwarded message: header names
("Von:", "Objet :"), the line over the message ("-----Ursprüngliche Nachricht-----") and
dates ("Montag, 9. März 2026 17:04").

Why: a German Outlook reply ("AW:", "Von: / Gesendet: / An: / Betreff:") had been read as one
block of notes; the buyer's objections were the rep's, our own quoted offer and the buyer's
signature were stored with them. Outlook, Gmail and Apple Mail write these in the user's
language: German, French, Dutch, Spanish, Italian and Portuguese are read as English is.
"""

from __future__ import annotations

import re

# The header names Outlook and other mail apps write in a reply's or forward's quoted block in
# German, French, Dutch, Spanish, Italian and Portuguese: a German reply's "Von: / Gesendet: /
# An: / Betreff:" had been read as the buyer's notes, our own quoted email with it.
LOCAL_KEYS: dict[str, str] = {
    **dict.fromkeys(("von", "de", "van", "da"), "from"),
    **dict.fromkeys(("gesendet", "envoyé", "verzonden", "enviado", "enviado el", "enviada",
                     "inviato"), "sent"),
    **dict.fromkeys(("an", "à", "aan", "para", "a"), "to"),
    **dict.fromkeys(("betreff", "objet", "onderwerp", "asunto", "oggetto", "assunto"),
                    "subject"),
    **dict.fromkeys(("datum", "fecha", "data"), "date"),
    **dict.fromkeys(("kopie", "cco"), "cc"),
}  # fmt: skip
# The line over a message quoted or passed on, in the mail app's language: Outlook's
# "-----Original Message-----" ("-----Ursprüngliche Nachricht-----", "-----Message
# d'origine-----"), Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin
# forwarded message:".
_ORIGINAL = (
    r"original message|ursprüngliche nachricht|message d'origine|oorspronkelijk bericht"
    r"|mensaje original|messaggio originale|mensagem original"
)
_FORWARDED = (
    r"forwarded message|weitergeleitete nachricht|message transféré|doorgestuurd bericht"
    r"|mensaje reenviado|messaggio inoltrato|mensagem encaminhada"
)
_BEGIN_FORWARDED = (
    r"begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié"
    r"|begin doorgestuurd bericht|inicio del mensaje reenviado|inizio messaggio inoltrato"
)
MESSAGE_MARK = rf"-{{2,}}\s*(?:{_ORIGINAL}|{_FORWARDED})\s*-{{2,}}|(?:{_BEGIN_FORWARDED})\s?:"
_ORIGINAL_MARK = re.compile(rf"^\s*-{{2,}}\s*(?:{_ORIGINAL})\s*-{{2,}}\s*$", re.IGNORECASE)


def is_original_mark(line: str) -> bool:
    """Outlook's "-----Original Message-----" (in any of its languages): in a reply it opens
    the message answered, not one passed on."""
    return bool(_ORIGINAL_MARK.match(line))


# Month names to English, for the date a quoted header gives ("9. März 2026", "lundi 9 mars
# 2026", "9 de marzo de 2026", "maandag 9 maart 2026").
_MONTHS: dict[str, str] = {
    **dict.fromkeys(("januar", "jänner", "janvier", "januari", "enero", "gennaio", "janeiro"),
                    "Jan"),
    **dict.fromkeys(("februar", "février", "februari", "febrero", "febbraio", "fevereiro"), "Feb"),
    **dict.fromkeys(("märz", "maerz", "mars", "maart", "marzo", "março"), "Mar"),
    **dict.fromkeys(("april", "avril", "abril", "aprile"), "Apr"),
    **dict.fromkeys(("mai", "mei", "mayo", "maggio", "maio"), "May"),
    **dict.fromkeys(("juni", "juin", "junio", "giugno", "junho"), "Jun"),
    **dict.fromkeys(("juli", "juillet", "julio", "luglio", "julho"), "Jul"),
    **dict.fromkeys(("august", "août", "augustus", "agosto"), "Aug"),
    **dict.fromkeys(("september", "septembre", "septiembre", "settembre", "setembro"), "Sep"),
    **dict.fromkeys(("oktober", "octobre", "octubre", "ottobre", "outubro"), "Oct"),
    **dict.fromkeys(("november", "novembre", "noviembre", "novembro"), "Nov"),
    **dict.fromkeys(("dezember", "décembre", "december", "diciembre", "dicembre", "dezembro"),
                    "Dec"),
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})\.?\s+(?:de\s+)?(?P<month>[^\W\d_]{3,10})\.?\s+(?:de\s+)?(?P<year>\d{4})\b"
)


def english_date(value: str) -> str | None:
    """``"Montag, 9. März 2026 17:04"`` -> ``"9 Mar 2026"``; None when no month name in another
    language is there."""
    for found in _DAY_MONTH_YEAR.finditer(value):
        month = _MONTHS.get(found.group("month").casefold())
        if month is not None:
            return f"{found.group('day')} {month} {found.group('year')}"
    return None
