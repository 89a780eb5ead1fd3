"""Bytes that are not UTF-8, read in the legacy code page that makes words of them, if one does.

charset-normalizer ranks the code pages; a reading is taken only when most of the words it
gives with a non-ASCII letter look like words of one script: a UTF-8 file with a run of bad
bytes had been read whole as Windows-1251, and its rep turn stored as "Understood. ЃюџяГ(
ЎЃюџяГ(". Such a run makes no words in any code page (a letter glued to a bracket, a capital
after small letters, letters of two scripts, control characters); a real Windows-1252,
Latin-1 or Windows-1251 file makes words in its own.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import charset_normalizer

# Code pages charset-normalizer may choose from; cp1252 wins ties (the usual Windows export).
LEGACY_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "mac_roman",
    "gb18030",
    "shift_jis",
    "euc_kr",
    "big5",
)
_PREFERRED = ("cp1252", "latin_1")
# Scripts written without spaces between words: a "word" is a run of a sentence.
_EAST_ASIAN = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"}
)
_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})
# Marks that may sit inside a word: "don’t", "Jean-Luc", "1.200,50", "R&D", "km/h".
_JOINERS = frozenset("'’‘-‐‑./,&·")
# Languages whose letters sit where Windows-1252 leaves bytes undefined (Windows-1250's "ť",
# "Ť", "Ź"): a reading that differs from Windows-1252 only there is taken for these alone.
_OWN_LANGUAGES = frozenset(
    {"Czech", "Slovak", "Polish", "Hungarian", "Slovene", "Croatian", "Romanian", "Serbian"}
)
_FOREIGN_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_ASCII_LETTER = re.compile("[A-Za-z]")
_SAMPLE_CHARS = 20_000  # a few thousand words: enough to tell, cheap on a 30 MB file


def _script(char: str) -> str:
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return "EAST_ASIAN" if first in _EAST_ASIAN else first


def _core(word: str) -> str:
    """The word without the punctuation and symbols around it; a bracket that opens at its
    end or closes at its start stays, as no word is written so."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PS":
        if unicodedata.category(word[start]) == "Pe":
            break
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PS":
        if unicodedata.category(word[end - 1]) == "Ps":
            break
        end -= 1
    return word[start:end]


def is_word(word: str) -> bool:
    """Whether a whitespace-separated piece of text with a non-ASCII character reads as a
    word (or a symbol such as "—" or "€30") of one script."""
    if any(unicodedata.category(char)[0] == "C" for char in word):
        return False  # a control, unassigned or private character
    core = _core(word)
    scripts = {_script(char) for char in core if unicodedata.category(char) in _LETTERS}
    if "EAST_ASIAN" in scripts:
        return scripts <= {"EAST_ASIAN", "LATIN"}  # "Zoomで": English names inside
    if len(scripts) > 1:
        return False
    for before, after in itertools.pairwise(core):
        if before.islower() and after.isupper() and not (before + after).isascii():
            return False  # "ЃюџяГ"; ASCII "HubSpot" is a name
    letters = [char for char in core if unicodedata.category(char) in _LETTERS]
    accented = sum(not char.isascii() for char in letters)
    if scripts == {"LATIN"} and len(letters) >= 3 and accented * 2 > len(letters):
        return False  # "âűńîęŕ": Cyrillic read as Latin-2; a real "été" is one odd word
    return all(
        unicodedata.category(char) in _LETTERS
        or unicodedata.category(char)[0] in "MN"
        or char in _JOINERS
        for char in core
    )


def odd_share(text: str) -> float:
    """The share of the text's words with a non-ASCII character that read as no word (0 when
    it has none); 1 for ideographs strewn in Latin text (two stray bytes read as one)."""
    sample = text[:_SAMPLE_CHARS]
    words = _FOREIGN_WORD.findall(sample)
    if not words:
        return 0.0
    east_asian = sum(_script(char) == "EAST_ASIAN" for word in words for char in word)
    if east_asian and east_asian < len(_ASCII_LETTER.findall(sample)):
        return 1.0
    return sum(not is_word(word) for word in words) / len(words)


def _decoded(data: bytes, encoding: str) -> str:
    """The bytes in a Western code page charset-normalizer passed over; a byte undefined in it
    (0x81, 0x8d, 0x8f, 0x90, 0x9d in Windows-1252) as U+FFFD. charset-normalizer refuses
    such a file as Windows-1252, and it had been read as Latin-1 with the bytes kept as
    invisible control characters, or as Windows-1250 with "cherŤ"."""
    return data.decode(encoding, "replace")


def _only_at_replaced(western: str, other: str) -> bool:
    """Whether a single-byte reading differs from the Windows-1252 one only where that has
    U+FFFD (a byte Windows-1252 leaves undefined)."""
    return len(other) == len(western) and all(
        mine == theirs or mine == "\ufffd" for mine, theirs in zip(western, other, strict=True)
    )


def legacy_reading(data: bytes) -> str | None:
    """The text of the code page whose reading makes words best (ties: no byte replaced, then
    Windows-1252, Latin-1, then charset-normalizer's rank); ``None`` when no reading makes
    mostly words (or no code page decodes the bytes at all)."""
    matches = sorted(
        charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)),
        key=lambda m: m.chaos,
    )
    best_chaos = matches[0].chaos if matches else 0.0
    tied = [
        preferred
        for preferred in _PREFERRED
        for m in matches
        if m.chaos <= best_chaos + 1e-9 and preferred in (m.encoding, *m.could_be_from_charset)
    ]
    encodings = list(dict.fromkeys(tied))
    readings = itertools.chain(  # (text, the language charset-normalizer heard in it)
        ((data.decode(encoding), "") for encoding in encodings),
        ((str(m), m.language) for m in matches if m.encoding not in encodings),
        ((_decoded(data, encoding), "") for encoding in _PREFERRED if encoding not in encodings),
    )
    western = data.decode("cp1252", "replace")
    best: tuple[tuple[float, bool], str] | None = None
    for text, language in readings:
        if language not in _OWN_LANGUAGES and text != western and _only_at_replaced(western, text):
            continue  # a stray byte read as a letter: "cherť", "priceç"
        # Fewer odd words first; at a tie, the reading that replaced no byte.
        rank = (odd_share(text) if text else 1.0, "\ufffd" in text)
        if rank[0] < 0.5 and (best is None or rank < best[0]):  # most words read as words
            best = (rank, text)
        if best is not None and best[0] == (0.0, False):
            break  # no later reading can do better
    return best[1] if best else None
