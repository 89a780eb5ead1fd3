"""A meeting tool's AI summary saved alone, with no transcript (Zoom AI Companion, Dialpad Ai
Recap, Fathom): notes, in which the tool's headings ("Quick recap", "Next steps", "Concerns
about cost and migration") and its page's words ("Always check for accuracy.", "Edit · Share")
are no sentences of the call."""

from __future__ import annotations

import re

from pipeline.ingest.preamble import Metadata, is_footer, is_summary_heading

_ENDS_SENTENCE = re.compile(r"[.!?:;,…\"'”’)]\s*$")
_MARKUP = re.compile(r"^\s*(?:#|[-*+•◦▪‣]\s|\d{1,3}[.)]\s|>|\|)")
_HEADING_WORDS = 8
# What a transcript or notes keep beside the words, each named as the upload tells it.
_ASIDE = {"summary": "the meeting tool's summary", "agenda": "the agenda"}


def is_tool_summary(lines: list[str]) -> bool:
    """A summary heading of the tool's alone on a line: the text is its summary, not notes."""
    return any(
        is_summary_heading(line) and not _MARKUP.match(line) for line in lines if line.strip()
    )


def summary_as_notes(lines: list[str], meta: Metadata) -> list[str]:
    """The summary's lines with its plain-text headings written as Markdown headings (so no
    note starts "Current setup and problems Greg explained…") and its page's words (feedback
    prompts, disclaimers, buttons) moved to ``meta`` as header lines."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if text and is_footer(text):
            meta.lines.append(text)
            continue
        after = lines[index + 1].strip() if index + 1 < len(lines) else ""
        opens = not kept or not kept[-1].strip()
        if text and opens and _is_heading(text, after):
            kept.append(f"## {text}")
        else:
            kept.append(line)
    return kept


def _is_heading(text: str, after: str) -> bool:
    """A short unpunctuated line at a paragraph's start: the tool's own heading."""
    if is_summary_heading(text):
        return True
    return (
        bool(after)
        and not _MARKUP.match(text)
        and len(text.split()) <= _HEADING_WORDS
        and not _ENDS_SENTENCE.search(text)
        and text[:1].isupper()
    )


def aside_notice(sections: dict[str, list[str]]) -> str | None:
    """Told with the upload: a tool's summary beside a transcript, or an agenda, is no one's
    words about the call, and the user should know it was read and left out, not lost."""
    told = [
        f"{name} ({len(lines)} line{'s' if len(lines) != 1 else ''}) kept aside, not analysed"
        for section, name in _ASIDE.items()
        if (lines := sections.get(section))
    ]
    return "; ".join(told) or None
