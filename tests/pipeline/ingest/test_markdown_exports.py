"""Markdown as meeting tools and Google Docs write it: times linked to the recording (Fathom,
tl;dv), bold labels, backslash escapes. Expected values written by reading the files."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from tests.pipeline.ingest.conftest import turns

URL = "https://fathom.video/share/Qa7Zk2?timestamp"
FATHOM = f"""# Pellham Foods <> Rotaly - renewal call
**Date:** April 2, 2026
**Participants:** Nadia Brooks, Owen Tate
[VIEW RECORDING - 21 mins](https://fathom.video/share/Qa7Zk2)

## Transcript

**[00:00]({URL}=0.0) Nadia Brooks:** Owen, thanks for making time.

**[00:05]({URL}=5.4) Owen Tate:** No problem. The shift swaps have been a big win.

**[00:19]({URL}=19.8) Owen Tate:** The one thing is the payroll export, it needs fixing by hand.

**[01:02]({URL}=62.1) Nadia Brooks:** That is on the roadmap for May.
"""
SPOKEN = [
    ("Nadia Brooks", 0.0, "Owen, thanks for making time."),
    ("Owen Tate", 5.0, "No problem. The shift swaps have been a big win."),
    ("Owen Tate", 19.0, "The one thing is the payroll export, it needs fixing by hand."),
    ("Nadia Brooks", 62.0, "That is on the roadmap for May."),
]


def _spoken(text: str, name: str = "call.md") -> list[tuple[str | None, float | None, str]]:
    [call] = parse_file(text.encode(), name, our_speakers=["Nadia Brooks"])
    return [(speaker, start, said) for speaker, _role, start, said in turns(call)]


def test_a_fathom_markdown_transcript_is_timed_turns() -> None:
    [call] = parse_file(FATHOM.encode(), "renewal (Fathom).md", our_speakers=["Nadia Brooks"])
    assert [(s, r, t, x) for s, r, t, x in turns(call)] == [
        (speaker, "rep" if speaker == "Nadia Brooks" else "buyer", start, text)
        for speaker, start, text in SPOKEN
    ]
    assert str(call.call_date) == "2026-04-02"


@pytest.mark.parametrize(
    "line",
    [
        "[{ts}](https://tldv.io/app/meetings/8f2/?t={s}) **{name}:** {text}",  # time linked first
        "**{ts} {name}:** {text}",  # bold time and name, no link
        "**[{ts}]** **{name}:** {text}",  # each bold
        "[{ts}](https://example.com/rec#t={s}) {name}: {text}",  # plain name
    ],
)
def test_other_markdown_layouts_of_time_and_name_are_turns_too(line: str) -> None:
    body = "\n\n".join(
        line.format(ts=f"{int(t) // 60:02d}:{int(t) % 60:02d}", s=t, name=name, text=text)
        for name, t, text in SPOKEN
    )
    assert _spoken(f"# Call\n\n{body}\n") == SPOKEN


def test_a_speaker_line_with_a_linked_time_and_the_words_below() -> None:
    body = "\n\n".join(
        f"**{name}** [{int(t) // 60:02d}:{int(t) % 60:02d}](https://example.com/r?t={t})\n{text}"
        for name, t, text in SPOKEN
    )
    assert _spoken(body) == SPOKEN


NOTES = """# Brightfield Dental – discovery

**Date:** 4 March 2026
**Attendees:** Dana Okoro (Brightfield Dental), Sam Ruiz (Rotaly)

## Notes

* Dana: "We re\\-key every timesheet by hand, it takes Fridays\\."
* **Pricing:** thinks per\\-seat is steep for 12 chairs, see [their page](https://example.com/x)
* Dana: worried about rollout over the summer
* Priya: asked about the Dentrix integration

## Next steps

* [ ] Sam to send the proposal
"""


def test_markdown_notes_with_a_few_name_labels_stay_notes() -> None:
    [call] = parse_file(NOTES.encode(), "Brightfield notes.md", our_speakers=["Sam Ruiz"])
    assert turns(call) == [
        (None, "rep_note", None, "Dana:"),
        ("Dana Okoro", "buyer", None, "We re-key every timesheet by hand, it takes Fridays."),
        (None, "rep_note", None, "Pricing: thinks per-seat is steep for 12 chairs, see their page"),
        (None, "rep_note", None, "Dana: worried about rollout over the summer"),
        (None, "rep_note", None, "Priya: asked about the Dentrix integration"),
        (None, "rep_note", None, "Sam to send the proposal"),  # the plan: the rep's, last
    ]


GOOGLE_DOCS = """# Harrow Vets \\| Rotaly discovery

**Attendees:** Tom Ayre\\-Lewis (Harrow Vets), Sam Ruiz (Rotaly)

* Tom runs 14 clinics across \\~2,000 shifts a month\\.
* Tom: "A per\\-clinic price makes no sense for us\\."
* Uses \\*two\\* rota tools today \\(Excel and paper\\) \\#sigh
* 1\\. priority is the \\[payroll\\] export
"""


def test_google_docs_markdown_escapes_are_the_characters_themselves() -> None:
    [call] = parse_file(GOOGLE_DOCS.encode(), "Harrow Vets notes.md", our_speakers=["Sam Ruiz"])
    assert [text for *_rest, text in turns(call)] == [
        "Tom runs 14 clinics across ~2,000 shifts a month.",
        "Tom:",
        "A per-clinic price makes no sense for us.",
        "Uses *two* rota tools today (Excel and paper) #sigh",
        "1. priority is the [payroll] export",
    ]
    assert call.utterances[2].speaker == "Tom Ayre-Lewis"
    assert call.title == "Harrow Vets | Rotaly discovery"


def test_backslashes_in_plain_text_are_kept() -> None:
    text = "Dana said the export lands in C:\\Rota\\-old\\exports\\. every night, by hand.\n"
    [call] = parse_file(text.encode(), "notes.txt")
    assert [said for *_rest, said in turns(call)] == [text.strip()]


@pytest.mark.parametrize(
    "line", ['competitors: [Karbon, "TaxDome"]', "competitors: ['Karbon', 'TaxDome']"]
)
def test_a_yaml_flow_list_in_front_matter_is_a_list_of_names(line: str) -> None:
    """Obsidian and static-site notes write lists in brackets: "[Karbon" was a rival's name."""
    text = (
        f"---\ntitle: Brightwater Bookkeeping - discovery\ndate: 2026-04-08\n{line}\n"
        "attendees:\n  - Tessa Morgan\n  - Ravi Desai\n---\n\n"
        "**Tessa Morgan:** Thanks for making the time, Ravi.\n\n"
        "**Ravi Desai:** We're on Karbon today and the per-seat price keeps climbing.\n"
    )
    [call] = parse_file(text.encode(), "brightwater.md")
    assert call.competitors == ["Karbon", "TaxDome"]
