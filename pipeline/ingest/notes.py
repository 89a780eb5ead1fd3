"""Notes without speakers (Markdown or plain): each bullet or paragraph is one rep's note."""

from __future__ import annotations

import re

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.inline_labels import Segment, list_label, starts_with_label
from pipeline.ingest.note_labels import BULLET, bare_label, is_quotation
from pipeline.ingest.quotes import holds_a_quote
from pipeline.ingest.reported_lines import speaks_for_oneself
from pipeline.ingest.titles import is_part_name
from pipeline.lazy_regex import lazy_compile

_HEADING = lazy_compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_SETEXT = lazy_compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = lazy_compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_CHECKBOX = lazy_compile(r"^\[[ xX]\]\s+")
_TABLE_RULE = lazy_compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A backslash before a marker makes it the character itself (Google Docs writes "\*").
_LINK = lazy_compile(r"(?<!\\)!?\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
# How an email signs off ("Best,", "Kind regards"), and an email's greeting or sign-off line ("Hi
# Nate,", "Best, Marcus"): no note of the call.
# German, French, Dutch, Spanish, Italian and Portuguese ones too: a German reply's "Mit
# freundlichen Grüßen" had not ended its text, and the signature under it (street address,
# phone) was stored as the buyer's notes.
_GRUESSE = r"gr(?:ü|ue)(?:ß|ss)en?"
SIGN_OFFS = (
    r"best|thanks|thank you|many thanks|cheers|regards|kind regards|best regards|warm regards"
    r"|talk soon|speak soon|sincerely|all the best"
    rf"|mit freundlichen {_GRUESSE}|(?:freundliche|viele|beste|liebe|herzliche|schöne) {_GRUESSE}"
    rf"|{_GRUESSE}|gru(?:ß|ss)|vielen dank|danke"
    r"|(?:bien )?cordialement|bien à vous|(?:sincères |meilleures )?salutations|merci"
    r"|(?:met )?(?:vriendelijke |hartelijke )?groet(?:en)?|bedankt"
    r"|(?:un )?saludos?(?: cordiales)?|un cordial saludo|atentamente|gracias"
    r"|(?:cordiali |distinti )?saluti|un saluto|grazie|atenciosamente|cumprimentos"
)
# "Hallo Herr Becker,", "Bonjour Madame Roux,"; words that may also open a sentence ("Beste
# prijs", "Liebe") count only with the greeting's comma or colon.
_HELLOS = (
    r"hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|guten (?:tag|morgen)|moin"
    r"|bonjour|bonsoir|goedemorgen|goedemiddag|hola|buenos días|buenas tardes|buongiorno"
)
_SALUTATIONS = (
    r"sehr geehrte[rs]?|liebe[rs]?|beste|geachte|cher|chère|chers|madame|monsieur"
    r"|estimad[oa]s?|querid[oa]s?|gentile|prezad[oa]s?"
)
# Each further addressee of a greeting: "Hi Fiona, hi Ravi,", "Hello Dana, Tom,", "Dear Ms. Roe,
# dear Mr. Poe," (the greeting had been a rep's sentence of its own in a quoted reply).
_NAMED = r"(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,2}"
_ALSO_GREETED = rf"(?:\s*[,&]\s*(?:(?:{_HELLOS}|and)\s+)?{_NAMED})*"
_GREETING = lazy_compile(
    rf"^(?:(?:{_HELLOS})(?:\s+[\w.'’-]+){{0,3}}{_ALSO_GREETED}[,!:]?"
    rf"|(?:{_SALUTATIONS})(?:\s+[\w.'’-]+){{0,3}}[,:]"
    r"|[A-Z][\w'’-]+,"  # "Jordan," alone over an email's first paragraph
    rf"|(?:{SIGN_OFFS})[,.!]?(?:\s+[\w.'’-]+){{0,3}})$",
    re.IGNORECASE,
)
_EMPHASIS = lazy_compile(r"(?<![\w*\\])(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=[^\s\\])\1(?![\w*])")


def strip_inline_markdown(text: str) -> str:
    """``**Price** is [too high](url)`` -> ``Price is too high``."""
    text = _LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text


def has_structure(lines: list[str]) -> bool:
    """Bullets or headings: written notes, not a block of transcribed speech."""
    return any(BULLET.match(line) or _HEADING.match(line) for line in lines)


_TITLE_WORDS = 4


def _is_label_line(text: str, next_line: str) -> bool:
    """``Call notes:`` alone on a line introduces what follows; it is not a note itself. So
    does a short line in title case right over a list ("Key Moments", Outreach Kaia's)."""
    follows = not next_line.strip() or bool(BULLET.match(next_line))
    words = text.split()
    titled = (
        0 < len(words) <= _TITLE_WORDS
        and all(word[:1].isupper() for word in words)
        and text[-1:].isalnum()
        and bool(BULLET.match(next_line))
    )
    return (text.endswith(":") or titled) and len(text) <= 60 and follows


# A signature's lines: a phone number, an email address, a web address.
_CONTACT = lazy_compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.|\(?\+?\d[\d\s().-]{7,}\d")
_SIGNATURE_LINES = 6
# A sentence that gives a number ("If you could call me on 07700 900314 this week that would
# be easiest."): a few lowercase words around it, as no "T: 0118 496 0732 | M: ..." line has.
_PROSE_WORDS = 2
_LOWER_WORD = lazy_compile(r"(?<![\w@.])[a-z][a-z'’]*(?![\w@])")


def is_contact_sentence(text: str) -> bool:
    """A sentence of the writer's that holds a phone number or address: their words (a request
    to call), not a signature line."""
    rest = _CONTACT.sub(" ", text)
    return text.endswith((".", "?", "!")) and len(_LOWER_WORD.findall(rest)) >= _PROSE_WORDS


def without_contact_block(lines: list[str], *, signed_off: bool = False) -> list[str]:
    """The lines without a closing signature: its last few short lines, with a phone number,
    email or web address among them, from the "--" or the writer's name down ("Dale
    Kowalski / Operations Manager | Ridgeline Freight / (417) 555-0123 | dale.k@…" had been
    stored as the buyer's words). A line quoting someone ends it: a CRM note's quotes above
    its contact line had been dropped with it. ``signed_off``: only a block under a "--" or
    with a sign-off ("Best regards, Kim"), as a CRM note's last line "Demo booked 12 Nov.
    wendy@…" is the rep's note."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and end - start < _SIGNATURE_LINES:
        text = lines[start - 1].strip()
        if (
            not text
            or len(text) > 80
            or (text.endswith((".", "?", "!")) and not _CONTACT.search(text))
            or is_contact_sentence(text)  # "Call me on 07700 900314 this week." is a request
            or holds_a_quote(text)  # 'Gary: "we retype every job sheet"' is no signature
        ):
            break
        start -= 1
    block = lines[start:end]
    if not any(_CONTACT.search(line) for line in block):
        return lines
    ruled = bool(start) and (
        bool(_RULE.match(lines[start - 1])) or lines[start - 1].strip() == "--"
    )
    if signed_off and not ruled and not any(_SIGNS_OFF.match(line.strip()) for line in block):
        return lines
    return lines[: start - 1 if ruled else start]


_SIGNS_OFF = lazy_compile(rf"^(?:{SIGN_OFFS})\b", re.IGNORECASE)


def parse_notes(
    lines: list[str], *, note_field: bool = False
) -> tuple[str | None, list[ParsedUtterance]]:
    """The first heading (a title, if any) and one ``rep_note`` utterance per bullet/paragraph;
    the items under a bare label ("**Giles:**") carry whose words they are (``said_by``).
    ``note_field``: a CRM note's text, signed only after a sign-off (``without_contact_block``)."""
    lines = without_contact_block(lines, signed_off=note_field)
    title: str | None = None
    items: list[tuple[list[str], str | None, str | None, Segment | None]] = []
    paragraphs: set[int] = set()  # the items that are paragraphs, not list items
    current: list[str] | None = None
    label = _Label()
    listing: _Listing | None = None  # a labelled list's kind ("Objections:" over its items)
    heading_text: str | None = None  # the heading a ``>`` quote sits under
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _HEADING.match(line)
        setext_next = bool(line.strip()) and bool(_SETEXT.match(next_line)) and current is None
        if heading or setext_next:
            text = heading.group("text") if heading else line.strip()
            if not is_part_name(text):  # "📝 Notes" names a part, the next heading the call
                title = title or strip_inline_markdown(text).strip() or None
            # A heading ("## Objections") names a section, not a list: its items are often the
            # rep's prose about it ("Their bookkeeper uses PayNest for payroll. We don't …").
            current, label, listing = None, _Label(), None
            heading_text = strip_inline_markdown(text).strip() or None
            continue
        if not line.strip() or _RULE.match(line) or _SETEXT.match(line) or _TABLE_RULE.match(line):
            current = None
            label = label if line.strip() == "" else _Label()
            listing = listing if line.strip() == "" and listing and listing.gap() else None
            continue
        bullet = BULLET.match(line)
        if listing is not None and not listing.goes_on(bool(bullet), line, current is not None):
            current, listing = None, None  # a paragraph under the list is a note of its own
        text = bullet.group("text") if bullet else line.strip()
        text = _CHECKBOX.sub("", text.lstrip("> ").strip())
        if text.startswith("|") and text.endswith("|"):
            if _TABLE_RULE.match(next_line):  # a table's header row ("| Topic | Detail |")
                current = None
                continue
            text = " | ".join(cell.strip() for cell in text.strip("|").split("|") if cell.strip())
            current = None
        if not bullet and (opened := _Listing.under(text, lines[index + 1 :])) is not None:
            current, label, listing = None, _Label(), opened  # "Objections:" over its items
            continue
        if not bullet and (name := bare_label(text)) is not None:
            current, label, listing = None, _Label(name), None
            continue
        if bullet and (name := bare_label(text)) and is_quotation(_next_item(lines, index)):
            # "- Lucy:" over "- "if it can't do the register…"": who says the next item, no
            # note of its own (it had been one, and her quote nobody's)
            current, label, listing = None, _Label(name, reach=1), None
            continue
        if not bullet and current is None and _is_label_line(text, next_line):
            continue
        if bullet or current is None:
            current = [text]
            quoted = not bullet and line.lstrip().startswith(">")
            listed = listing.kind if listing is not None and bullet else None
            said_by = label.owner(bool(bullet))
            if not bullet:
                paragraphs.add(len(items))
            items.append((current, said_by, heading_text if quoted else None, listed))
        else:  # a line opening on a label ("Pain: …") keeps its break for ``inline_labels``
            current.append(f"\n{text}" if starts_with_label(text) else text)
    utterances = [
        ParsedUtterance(
            strip_inline_markdown(" ".join(part for part in item if part)).strip(),
            role="rep_note",
            role_from_source=True,
            said_by=_whose(" ".join(item), said_by, paragraph=index in paragraphs),
            heading=heading,
            note_kind=listed.kind if listed else None,
            note_category=listed.category if listed else None,
        )
        for index, (item, said_by, heading, listed) in enumerate(items)
    ]
    return title, [u for u in utterances if u.text and not is_greeting(u.text)]


def _whose(text: str, said_by: str | None, *, paragraph: bool) -> str | None:
    """Whose words a paragraph under a bare name ("Niamh:") holds: that person's when it quotes
    them or speaks in their voice ("We retype every job sheet"), else none: it is the rep's note
    about them ("Worried the drivers won't use another app. Wants monthly billing."). A list
    under a name is a recap of what they said, as before."""
    if said_by is None or not paragraph or holds_a_quote(text) or speaks_for_oneself(text):
        return said_by
    return None


class _Listing:
    """A labelled list's reach ("Objections:" or "**Pain points**" right over its items): its
    items take the label's kind, the label itself is no note. A blank line ends it, unless the
    list is loose (a blank line between its first two items, as a .docx writes every item); a
    heading, a rule, another label or a line that is no item ends it."""

    def __init__(self, kind: Segment) -> None:
        self.kind = kind
        self.items = 0
        self.spaced = False  # a blank line since the last item
        self.loose: bool | None = None  # whether its items are spaced; None: under two read

    @classmethod
    def under(cls, text: str, after: list[str]) -> _Listing | None:
        """The list a label line opens, when the next line with text is an item."""
        kind = list_label(text)
        following = next((line for line in after if line.strip()), "")
        return cls(kind) if kind is not None and BULLET.match(following) else None

    def gap(self) -> bool:
        """A blank line: the list goes on only while it can still be a loose one."""
        self.spaced = self.items > 0
        return self.loose is not False or not self.spaced

    def goes_on(self, bullet: bool, line: str, in_item: bool) -> bool:
        """Whether a line with text is still in the list: an item (counted), or an item's
        indented next line."""
        if not bullet:
            return in_item and not self.spaced and line[:1].isspace()
        if self.items == 1 and self.loose is None:
            self.loose = self.spaced
        elif self.spaced and not self.loose:
            return False
        self.items, self.spaced = self.items + 1, False
        return True


class _Label:
    """A bare label's reach: the list right under it, or else the one paragraph under it. A
    blank line keeps the list going (Google Docs and Notion write loose lists); a heading, a
    rule, another label or a paragraph ends it. A bullet in it reporting someone ("Simon asked
    whether…") is still the rep's note (``reported_lines``)."""

    def __init__(self, name: str | None = None, reach: int | None = None) -> None:
        self.name = name
        self.listed: bool | None = None  # whether its items are a list; None: none read yet
        self.reach = reach  # how many items it heads at most; None: its whole list

    def owner(self, bullet: bool) -> str | None:
        """Whose words a new item holds: the label's while its list goes on."""
        if self.reach is not None:
            name, self.reach = (self.name if self.reach > 0 else None), self.reach - 1
            return name
        if self.listed is None:
            self.listed = bullet
        elif not (self.listed and bullet):
            self.name = None
        return self.name


def _next_item(lines: list[str], index: int) -> str:
    """The text of the next non-blank line after ``index``, without its bullet."""
    for line in lines[index + 1 :]:
        if line.strip():
            bullet = BULLET.match(line)
            return (bullet.group("text") if bullet else line).strip()
    return ""


def is_greeting(text: str) -> bool:
    """An email's greeting or sign-off line alone ("Hi Nate,", "Jordan,", "Best, Marcus")."""
    return bool(_GREETING.match(text.strip()))
