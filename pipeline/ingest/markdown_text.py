"""What Markdown writers put around the words: a time as a link to the recording (Fathom, tl;dv
copy as Markdown), backslash escapes (Google Docs' "Download as Markdown" writes
``per\\-site`` and ``us\\.``) and a toggle's HTML (Notion's ``<details><summary>``). All had
been kept in what the buyer said."""

from __future__ import annotations

import re

from pipeline.ingest.base import ParsedCall

# "[00:22](https://fathom.video/share/…?timestamp=22.6)": the turn's time, linked to the video.
_TIME_LINK = re.compile(
    r"(?<!\\)\[[ \t]*@?(?P<ts>\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[ \t]*\]\([^()\s]*\)"
)
# CommonMark: a backslash before any ASCII punctuation is that character, nothing else is an
# escape ("C:\Users" keeps its backslash).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unlinked_times(lines: list[str]) -> list[str]:
    """Each line with its linked times as plain bracketed times, so ``**[00:22](url) Gemma
    Royle:** text`` reads as a timed turn (it had been a note with the time and name inside)."""
    return [_TIME_LINK.sub(r"[\g<ts>]", line) if "](" in line else line for line in lines]


# A Notion toggle exported as HTML: "<details>", "<summary>Who was on</summary>", "</details>",
# alone or together on a line. Its summary is the heading of what the toggle holds.
_TOGGLE_LINE = re.compile(
    r"^\s*(?:</?details(?:\s[^<>]*)?>\s*)*(?:<summary>(?P<summary>[^<>]*)</summary>)?"
    r"(?:\s*</?details(?:\s[^<>]*)?>)*\s*$",
    re.IGNORECASE,
)


def unfolded_toggles(lines: list[str]) -> list[str]:
    """The lines without a toggle's HTML tags, its summary a heading over what it held: a
    Notion page's "<details> <summary>Who was on</summary>" had been a rep's note, the web page
    showing "&lt;details&gt;", and the attendees under it notes too."""
    unfolded: list[str] = []
    for line in lines:
        found = _TOGGLE_LINE.match(line) if "<" in line else None
        if found is None:
            unfolded.append(line)
        elif summary := (found.group("summary") or "").strip():
            unfolded.extend(["", f"### {summary}", ""])
        else:
            unfolded.append("")
    return unfolded


def unescape_markdown(text: str) -> str:
    """``a per\\-site price \\~9,000 homes\\.`` -> ``a per-site price ~9,000 homes.``"""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def unescape_call(call: ParsedCall) -> None:
    """A Markdown file's words as written: its utterances, speakers, title, account and people
    without the writer's escapes (they had reached quotes, theme names and the content)."""
    for utterance in call.utterances:
        utterance.text = unescape_markdown(utterance.text)
        if utterance.speaker:
            utterance.speaker = unescape_markdown(utterance.speaker)
    for person in call.people:
        person.name = unescape_markdown(person.name)
        person.company = person.company and unescape_markdown(person.company)
    call.title = call.title and unescape_markdown(call.title)
    call.account = call.account and unescape_markdown(call.account)
    call.our_speakers = [unescape_markdown(name) for name in call.our_speakers]
