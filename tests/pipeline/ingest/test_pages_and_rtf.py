"""Web pages saved from the browser and RTF documents are read as text, never stored as markup.

Why: a tl;dv transcript page had been stored as raw HTML (its ``<title>`` named the top
objection theme, the CSS class "segment" a pain theme, every speaker lost), and a TextEdit RTF
as raw RTF (the font table a pain quote, ``\\'92`` in a published FAQ, title and date unread).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.embed import Embedder
from pipeline.errors import BadInput
from pipeline.ingest import parse_file, sniff_format, team
from pipeline.ingest.rtf_file import rtf_text
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.pipeline.ingest.conftest import FIXTURES

PAGES = FIXTURES / "pages"
# Markup, RTF control words and page furniture: none may reach an utterance.
_LEFTOVERS = re.compile(r"[<>{}\\]|&[a-z]+;|&#\d+;|\b(?:rtf1|fonttbl|cocoa|segment|tl;dv)\b")


def _speech(name: str, team_of: tuple[str, ...] = ("Noor Haddad",)) -> list[tuple[str, str]]:
    [call] = parse_file((PAGES / name).read_bytes(), name, our_speakers=team_of)
    for utterance in call.utterances:
        assert not _LEFTOVERS.search(utterance.text), utterance.text
    return [(u.speaker or "", u.role) for u in call.utterances]


def test_a_saved_transcript_page_gives_speaker_turns_title_and_date() -> None:
    data = (PAGES / "ridgeline_vet_transcript.html").read_bytes()
    [call] = parse_file(data, "ridgeline_vet_transcript.html", our_speakers=["Noor Haddad"])
    assert call.format == "html"
    assert call.title == "Ridgeline Veterinary x Pawplan"
    assert call.call_date == dt.date(2026, 4, 16)
    assert [(u.speaker, u.role, u.start_seconds) for u in call.utterances] == [
        ("Noor Haddad", "rep", 4.0),
        ("Greta Lindholm", "buyer", 11.0),
        ("Elliot Brandt", "buyer", 23.0),
        ("Noor Haddad", "rep", 35.0),
        ("Greta Lindholm", "buyer", 49.0),
    ]
    texts = [u.text for u in call.utterances]
    assert texts[0] == "Thanks for joining, Elliot & Greta. Shall we start with reminders?"
    assert texts[2] == "I’m worried about the price – we’re a two-vet clinic."
    assert texts[3] == "Understood. The small-clinic plan is billed per location, not per vet."
    assert _speech("ridgeline_vet_transcript.html")


def test_a_page_of_bold_names_is_a_transcript_and_its_title_names_the_call() -> None:
    roles = _speech("harbor_lane_notes.htm")
    assert roles == [("Noor Haddad", "rep"), ("Ivy Castellanos", "buyer")] * 2
    [call] = parse_file((PAGES / "harbor_lane_notes.htm").read_bytes(), "harbor_lane_notes.htm")
    assert call.title == "Harbor Lane Animal Hospital – follow-up call"
    assert call.utterances[-1].text.endswith("concern: “12 months” & no exit clause.")


@pytest.mark.parametrize(
    "body",
    [
        # Otter/Fireflies-like: the time bare after the bold name.
        "<p><b>Noor Haddad</b> 00:05 Hi Sam, thanks for the time.</p>"
        "<p><b>Sam Okoro</b> 00:12 The setup fee is what worries me.</p>",
        # A table of speaker, time and words, under a header row.
        "<table><tr><th>Speaker</th><th>Time</th><th>Text</th></tr>"
        "<tr><td>Noor Haddad</td><td>0:05</td><td>Hi Sam, thanks for the time.</td></tr>"
        "<tr><td>Sam Okoro</td><td>0:12</td><td>The setup fee is what worries me.</td></tr>"
        "</table>",
        # Time first, in a span, the name and words in their own elements.
        '<div class="row"><span>00:05</span><strong>Noor Haddad</strong>'
        "<span>Hi Sam, thanks for the time.</span></div>"
        '<div class="row"><span>00:12</span><strong>Sam Okoro</strong>'
        "<span>The setup fee is what worries me.</span></div>",
    ],
)
def test_other_transcript_page_shapes(body: str) -> None:
    page = f"<!doctype html><html><body>{body}</body></html>".encode()
    [call] = parse_file(page, "call.html", our_speakers=["Noor Haddad"])
    assert [(u.speaker, u.role, u.start_seconds, u.text) for u in call.utterances] == [
        ("Noor Haddad", "rep", 5.0, "Hi Sam, thanks for the time."),
        ("Sam Okoro", "buyer", 12.0, "The setup fee is what worries me."),
    ]


def test_a_notes_page_keeps_its_paragraphs_and_bold_words_inline() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Notes</title></head><body>"
        b"<h1>Call notes \xe2\x80\x93 Birchwood Kennels</h1>"
        b"<p>Owner said the <b>price</b> is fine, but <em>setup time</em> worries her.</p>"
        b"<ul><li>Wants SMS reminders</li><li>Uses paper cards today</li></ul>"
        b'<div class="section"><h3>Key points</h3><p>Two vets, one front desk.</p></div>'
        b'<div class="section"><h3>Open questions</h3><p>Do reminders go by text?</p></div>'
        b"</body></html>"
    )
    [call] = parse_file(page, "notes.html")
    texts = [u.text for u in call.utterances]
    assert "Owner said the price is fine, but setup time worries her." in texts
    assert "Two vets, one front desk." in texts
    assert all(u.speaker is None for u in call.utterances)  # a heading names no speaker
    assert not any(_LEFTOVERS.search(text) for text in texts)


def test_html_is_known_by_its_content_whatever_the_name() -> None:
    data = (PAGES / "ridgeline_vet_transcript.html").read_bytes()
    assert sniff_format(data, "transcript.txt") == "html"
    assert sniff_format(data, "download") == "html"


def test_a_textedit_rtf_is_read_like_its_text() -> None:
    roles = _speech("cedar_hollow_call.rtf")
    assert roles == [("Noor Haddad", "rep"), ("Omar Fitzgerald", "buyer")] * 2
    [call] = parse_file((PAGES / "cedar_hollow_call.rtf").read_bytes(), "cedar_hollow_call.rtf")
    assert call.format == "rtf"
    assert call.title == "Cedar Hollow Pet Clinic – renewal call"
    assert call.call_date == dt.date(2026, 3, 3)
    texts = [u.text for u in call.utterances]
    assert texts[1] == "We can’t justify paying for every part-time nurse in the quiet months."
    assert texts[3] == "I’ll take it to the practice owner, she’s the one who signs."


def test_rtf_escapes_code_pages_and_unicode_fallbacks() -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Arial;}}{\*\generator Riched20;}"
        r"\'cf\'f0\'e8\'e2\'e5\'f2\par caf\u233\'3f\tab \uc2\u8220\'3f\'3fok\u8221??"
        r"\line {\field{\*\fldinst HYPERLINK x}{\fldrslt site}}\~end\u-10179?\u-8704?}"
    )
    assert rtf_text(rtf, "x.rtf") == "Привет\ncafé\t“ok”\nsite\u00a0end\U0001f600"


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (
            b"<!DOCTYPE html><html><head><script>var a = '<p>Hi</p>';</script></head>"
            b"<body><script>render()</script><nav><a href='/'>Home</a></nav></body></html>",
            "only_script.html",
            "the HTML page has no readable text",
        ),
        (
            (PAGES / "cedar_hollow_call.rtf").read_bytes()[:400],
            "truncated.rtf",
            "the RTF file is cut off",
        ),
        (b"{\\rtf1\\ansi{\\fonttbl\\f0 Helvetica;}}", "empty.rtf", "the RTF document holds no"),
    ],
)
def test_unreadable_pages_and_rtf_are_refused_with_a_reason(
    data: bytes, filename: str, reason: str
) -> None:
    with pytest.raises(BadInput) as caught:
        parse_file(data, filename)
    assert caught.value.filename == filename
    assert caught.value.detail.startswith(reason)


def test_pages_and_rtf_stored_with_sides_title_and_date(tmp_path: Path, embedder: Embedder) -> None:
    """Uploaded as a user would, with the team roster: no markup stored, sides from the roster,
    the account from the title."""
    settings = make_settings(tmp_path / "data", our_company="Pawplan")
    workspace = Workspace(settings, embedder=embedder)
    names = ["ridgeline_vet_transcript.html", "harbor_lane_notes.htm", "cedar_hollow_call.rtf"]
    try:
        with workspace.session() as db:
            team.add_member(db, "Noor Haddad", company="Pawplan")
        for name in names:
            [result] = ingest_bytes(workspace, (PAGES / name).read_bytes(), name, analyse=False)
            assert result.status == "created", (name, result.reason)
        with workspace.session() as db:
            calls = {
                c.filename: c
                for c in db.scalars(select(Call).options(selectinload(Call.utterances))).all()
            }
            for call in calls.values():
                sides = {u.speaker: u.role for u in call.utterances}
                assert sides.pop("Noor Haddad") == "rep"
                assert set(sides.values()) == {"buyer"}, call.filename
                assert not any(_LEFTOVERS.search(u.text) for u in call.utterances)
            ridgeline, cedar = calls[names[0]], calls[names[2]]
            assert (ridgeline.account, ridgeline.call_date) == (
                "Ridgeline Veterinary",
                dt.date(2026, 4, 16),
            )
            assert (cedar.account, cedar.call_date) == (
                "Cedar Hollow Pet Clinic",
                dt.date(2026, 3, 3),
            )
            assert calls[names[1]].account == "Harbor Lane Animal Hospital"
    finally:
        workspace.close()
